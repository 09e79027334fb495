"""`manage.py seed_demo`: load the fictional demo councils, offers and officer logins.

Councils, logins and the helpline come from offers.demo; each offer is a document in
offers/demo/<slug>.json, loaded the way an officer would load it: imported into the working
copy with offers.services.offer_import and published with offer_publish, once with the
2025-26 rates (version 1) and once with the April 2026 ones (version 2). So every
`make run` exercises import and publish. Every other row is checked with full_clean().
Running it again changes nothing: existing councils, users and offers are left as they are.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from offers import demo
from offers.documents import OFFER_FIELDS
from offers.models import Council, Membership, NationalHelpline, Offer
from offers.schema import DocumentError
from offers.services import offer_import, offer_publish


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


class Command(BaseCommand):
    help = (
        "Create fictional demo councils, offers (imported from offers/demo/<slug>.json and "
        "published twice) and officer logins. Safe to run more than once. Refuses to run "
        "when DEBUG is off. A new council can start from offers/demo/starter.json: import "
        "it into its offer and replace every '[Replace: …]' prompt."
    )

    def handle(self, *args, **options):
        # The demo logins share a password printed in the README: never on a real site.
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs when DEBUG is on. It creates logins with the shared "
                f"password '{demo.DEMO_PASSWORD}', which must never exist on a live "
                "site."
            )
        with transaction.atomic():
            councils = {data["slug"]: self.council_ensure(data) for data in demo.COUNCILS}
            for data in demo.HELPLINES:
                self.helpline_ensure(data)
            users = {data["username"]: self.user_ensure(data, councils) for data in demo.USERS}
            for slug, username in demo.OFFER_PUBLISHERS.items():
                self.offer_ensure(council=councils[slug], by=users[username])
        usernames = ", ".join(data["username"] for data in demo.USERS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Log in at /admin/ as one of {usernames} "
                f"with the password {demo.DEMO_PASSWORD}"
            )
        )

    def helpline_ensure(self, data: dict) -> NationalHelpline:
        helpline = NationalHelpline.objects.filter(name=data["name"]).first()
        if helpline:
            return helpline
        self.stdout.write(f"Created national helpline {data['name']}")
        return _save(NationalHelpline(**data))

    def council_ensure(self, data: dict) -> Council:
        council = Council.objects.filter(slug=data["slug"]).first()
        if council:
            self.stdout.write(f"{council.name} already exists")
            return council
        council = _save(Council(**data))
        self.stdout.write(f"Created {council.name}")
        return council

    def user_ensure(self, data: dict, councils: dict[str, Council]):
        data = dict(data)
        memberships = data.pop("memberships")
        User = get_user_model()
        user = User.objects.filter(username=data["username"]).first()
        if user:
            self.stdout.write(f"User {user.username} already exists; password not changed")
        else:
            user = User(**data, is_staff=data["is_superuser"])
            user.set_password(demo.DEMO_PASSWORD)
            user = _save(user)
            self.stdout.write(f"Created user {user.username}")
        for slug, role in memberships:
            if not Membership.objects.filter(user=user, council=councils[slug]).exists():
                # Membership.save makes the user staff, so they can open the admin.
                _save(Membership(user=user, council=councils[slug], role=role))
        return user

    def offer_ensure(self, *, council: Council, by) -> None:
        offer = Offer.objects.filter(council=council).first()
        if offer:
            versions = offer.revisions.count()
            if versions:
                noun = "version" if versions == 1 else "versions"
                self.stdout.write(
                    f"{council.name}'s offer already has {versions} published {noun}, "
                    "so we did not publish it again"
                )
            else:
                self.stdout.write(f"{council.name}'s offer already exists; left as it is")
            return
        april_2026 = demo.offer_document(council.slug)
        offer = _save(
            Offer(council=council, **{name: april_2026["offer"][name] for name in OFFER_FIELDS})
        )
        try:
            offer_import(offer=offer, document=demo.offer_document_2025(council.slug), by=by)
            offer_publish(offer=offer, by=by, summary=demo.FIRST_SUMMARY)
            # Version 2 moves allowances to April 2026 rates, so history and diff have a
            # real change to show.
            offer_import(offer=offer, document=april_2026, by=by)
            offer_publish(offer=offer, by=by, summary=demo.RATES_SUMMARY)
        except PermissionDenied as error:
            raise CommandError(f"{by} cannot publish {council.name}'s offer: {error}") from error
        except DocumentError as error:
            raise CommandError(
                f"offers/demo/{council.slug}.json is not a valid offer: {error.message}"
            ) from error
        self.stdout.write(f"Created and published {council.name}'s offer (versions 1 and 2)")

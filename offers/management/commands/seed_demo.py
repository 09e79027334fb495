"""`manage.py seed_demo`: load the fictional demo councils, offers and officer logins.

The content lives in offers.demo_content; this command only turns it into rows. Every row is
checked with full_clean(), so demo data obeys the same rules officers do, and offers are
published through offers.services.offer_publish like any other. Running it again changes
nothing: existing councils, users and offers are left as they are.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from offers import demo_content
from offers.entry_types import ENTRY_TYPES
from offers.models import Council, Membership, NationalHelpline, Offer, Section
from offers.services import offer_publish

ENTRY_MODELS = {entry_type.key: entry_type.model for entry_type in ENTRY_TYPES}
OFFER_FIELDS = [
    "title",
    "introduction",
    "manager_name",
    "manager_job_title",
    "last_reviewed",
    "next_review_due",
]
SECTION_FIELDS = ["kind", "heading", "summary", "body", "arrangement_types"]


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


class Command(BaseCommand):
    help = (
        "Create fictional demo councils, offers (published twice) and officer logins. "
        "Safe to run more than once. Refuses to run when DEBUG is off."
    )

    def handle(self, *args, **options):
        # The demo logins share a password printed in the README: never on a real site.
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs when DEBUG is on. It creates logins with the shared "
                f"password '{demo_content.DEMO_PASSWORD}', which must never exist on a live "
                "site."
            )
        with transaction.atomic():
            councils = {data["slug"]: self.council_ensure(data) for data in demo_content.COUNCILS}
            for data in demo_content.HELPLINES:
                self.helpline_ensure(data)
            users = {
                data["username"]: self.user_ensure(data, councils) for data in demo_content.USERS
            }
            for slug, content in demo_content.OFFERS.items():
                self.offer_ensure(
                    council=councils[slug], content=content, by=users[content["published_by"]]
                )
        usernames = ", ".join(data["username"] for data in demo_content.USERS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Log in at /admin/ as one of {usernames} "
                f"with the password {demo_content.DEMO_PASSWORD}"
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
            user.set_password(demo_content.DEMO_PASSWORD)
            user = _save(user)
            self.stdout.write(f"Created user {user.username}")
        for slug, role in memberships:
            if not Membership.objects.filter(user=user, council=councils[slug]).exists():
                # Membership.save makes the user staff, so they can open the admin.
                _save(Membership(user=user, council=councils[slug], role=role))
        return user

    def offer_ensure(self, *, council: Council, content: dict, by) -> None:
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
        offer = _save(Offer(council=council, **{name: content[name] for name in OFFER_FIELDS}))
        rate_changes = self.sections_create(offer=offer, sections=content["sections"])
        try:
            offer_publish(offer=offer, by=by, summary=demo_content.FIRST_SUMMARY)
            # Version 2 moves allowances to April 2026 rates, so history and diff have a
            # real change to show.
            for allowance, new_amount in rate_changes:
                allowance.amount = new_amount
                allowance.applies_from = content["april_2026_applies_from"]
                _save(allowance)
            offer_publish(offer=offer, by=by, summary=demo_content.RATES_SUMMARY)
        except PermissionDenied as error:
            raise CommandError(f"{by} cannot publish {council.name}'s offer: {error}") from error
        self.stdout.write(f"Created and published {council.name}'s offer (versions 1 and 2)")

    def sections_create(self, *, offer: Offer, sections: list[dict]) -> list:
        """Create the sections and their entries; return (allowance, April 2026 amount) pairs."""
        rate_changes = []
        for order, data in enumerate(sections, start=1):
            section = _save(
                Section(offer=offer, order=order, **{name: data[name] for name in SECTION_FIELDS})
            )
            for key, model in ENTRY_MODELS.items():
                for entry_order, row in enumerate(data.get(key, []), start=1):
                    row = dict(row)
                    new_amount = row.pop("amount_from_april_2026", None)
                    entry = _save(model(section=section, order=entry_order, **row))
                    if new_amount is not None:
                        rate_changes.append((entry, new_amount))
        return rate_changes

"""`manage.py seed_demo`: load the fictional demo councils, offers and officer logins.

Councils, logins, the helpline and the national schemes come from offers.demo (the schemes
are published as the first national schemes version, if none is published yet); each offer
is a document in offers/demo/<slug>.json, loaded the way an officer would load it: imported
into the working copy with offers.services.offer_import and published with offer_publish,
once with the 2025-26 rates (version 1) and once with the April 2026 ones (version 2). So every
`make run` exercises import and publish. Every other row is checked with full_clean().
Running it again changes nothing: existing councils, users and offers are left as they are.

`--councils N` also adds N generated fictional councils (up to MAX_GENERATED), for tests
and benchmarks at the scale of every English council (153). Each offer is one of the demo
documents made into the council's own: its name and addresses, new keys (so no two offers
share one), amounts varied by up to 12% either way and, for some councils, a part left out,
so the comparison has differences to show. Each is imported and published once, through
the same services. The same N always gives the same councils.
"""

import copy
import datetime
import random
import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from offers import consultations, demo
from offers.choices import ConsultationSource
from offers.documents import COUNCIL_FIELDS, OFFER_FIELDS, document_for
from offers.entry_types import ENTRY_KEYS
from offers.models import (
    Council,
    Membership,
    NationalHelpline,
    NationalScheme,
    Offer,
    Region,
    SectionKind,
)
from offers.national_schemes import latest_version, national_schemes_publish
from offers.schema import DocumentError
from offers.services import offer_import, offer_publish, offer_publish_document
from offers.writing import ABOUT_INTRODUCTION, ABOUT_MANAGER, task_answer_set


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


# --- Generated councils (--councils N) ------------------------------------------------------

# Invented word parts: put together they make plainly made-up place names ("Dimblemere").
NAME_STARTS = (
    "Ambry",
    "Brindle",
    "Corrow",
    "Dimble",
    "Eskel",
    "Fenwy",
    "Gorran",
    "Hobwen",
    "Inkel",
    "Jessel",
    "Kelder",
    "Lorrim",
    "Marrow",
    "Nethel",
    "Orrin",
    "Pellin",
    "Quill",
    "Rendle",
    "Sallow",
    "Tamsel",
    "Ulver",
    "Vennel",
    "Wendle",
    "Yarrel",
)
NAME_ENDS = (
    "bury",
    "by",
    "combe",
    "dale",
    "field",
    "ford",
    "holt",
    "ley",
    "mere",
    "minster",
    "stow",
    "thorpe",
    "wick",
    "worth",
)
MAX_GENERATED = 300  # fewer than the name parts allow (24 x 14), and more than England's 153
GENERATED_SUMMARY = "First published offer (generated demo council)"
# Demo documents each generated offer is made from, with the name it uses for its council.
TEMPLATES = {"ashdown": "Ashdown", "brackenford": "Brackenford", "coldmere": "Coldmere"}
# Dark enough for white header text (validate_brand_colour).
BRAND_COLOURS = ("#1d70b8", "#00703c", "#4c2c92", "#005a87", "#8a1538", "#6f4e37")
KEY_NAMESPACE = uuid.UUID("6f1c7c1e-3d0a-4c53-9d38-1b8d8f0b6a15")
PENNY = Decimal("0.01")


def _generated_names() -> list[str]:
    pairs = [start + end for start in NAME_STARTS for end in NAME_ENDS]
    random.Random(153).shuffle(pairs)  # fixed seed: the same councils every run
    return pairs


def generated_council(index: int) -> dict:
    """The details of generated council number index (1, 2, …): always the same ones.

    GSS codes are E06/E08/E09/E10 then 95 and the number, far from any real code (real
    ones run E06000001 upwards); phones are Ofcom's drama numbers; sites are `.example`.
    """
    place = _generated_names()[index - 1]
    region = Region.values[(index - 1) % len(Region.values)]
    if region == Region.LONDON:
        kind, prefix = "Borough Council", "E09"
    else:
        kind, prefix = (
            ("County Council", "E10"),
            ("City Council", "E08"),
            ("Borough Council", "E06"),
            ("City Council", "E06"),
            ("Borough Council", "E08"),
        )[index % 5]
    slug = place.lower()
    return {
        "name": f"{place} {kind}",
        "slug": slug,
        "gss_code": f"{prefix}95{index:04d}",
        "region": region,
        "website": f"https://{slug}.example",
        "email": f"kinship@{slug}.example",
        "phone": f"0161 496 0{500 + index % 500:03d}",
        "brand_colour": BRAND_COLOURS[index % len(BRAND_COLOURS)],
    }


def _renamed(value, replacements: list[tuple[str, str]]):
    """Every string in a document with the template council's names swapped for the new one's."""
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_renamed(item, replacements) for item in value]
    if isinstance(value, dict):
        return {k: v if k == "key" else _renamed(v, replacements) for k, v in value.items()}
    return value


def generated_document(index: int, council: dict, templates: dict[str, dict]) -> dict:
    """Generated council number index's offer: a demo document made into its own."""
    slug = list(TEMPLATES)[index % len(TEMPLATES)]
    template = templates[slug]
    place = council["name"].rsplit(" ", 2)[0]
    document = _renamed(
        copy.deepcopy(template),
        [
            (template["council"]["name"], council["name"]),
            (TEMPLATES[slug], place),
            (slug, council["slug"]),
        ],
    )
    document["council"] = {name: council[name] for name in COUNCIL_FIELDS}
    factor = Decimal(88 + (index * 37) % 25) / 100  # 0.88 to 1.12, the same for one council
    due = datetime.date.fromisoformat(document["offer"]["next_review_due"])
    document["offer"]["next_review_due"] = (
        due + datetime.timedelta(days=(index * 11) % 120)
    ).isoformat()
    for section in document["sections"]:
        section["key"] = str(uuid.uuid5(KEY_NAMESPACE, f"{council['slug']}:{section['key']}"))
        for entry_key in ENTRY_KEYS:
            for entry in section[entry_key]:
                entry["key"] = str(uuid.uuid5(KEY_NAMESPACE, f"{council['slug']}:{entry['key']}"))
        for allowance in section["allowances"]:
            allowance["amount"] = f"{(Decimal(allowance['amount']) * factor).quantize(PENNY)}"
        # Some councils leave something out, so the comparison has differences to show.
        if index % 5 == 0:
            section["allowances"] = [
                a for a in section["allowances"] if a["arrangement_types"] != ["cao"]
            ]
        if index % 7 == 0 and section["kind"] == SectionKind.LEGAL:
            section["support_services"] = []
        if index % 9 == 0:
            section["peer_groups"] = []
        if index % 11 == 0:
            section["training_courses"] = []
    return document


class Command(BaseCommand):
    help = (
        "Create fictional demo councils, offers (imported from offers/demo/<slug>.json and "
        "published twice) and officer logins. Safe to run more than once. Refuses to run "
        "when DEBUG is off. A new council can start from offers/demo/starter.json: import "
        "it into its offer and replace every '[Replace: …]' prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--councils",
            type=int,
            default=0,
            metavar="N",
            help=f"Also add N generated fictional councils (at most {MAX_GENERATED}), each "
            "with a published offer made from the demo documents. 153 is every English "
            "council with children's services.",
        )

    def handle(self, *args, **options):
        # The demo logins share a password printed in the README: never on a real site.
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs when DEBUG is on. It creates logins with the shared "
                f"password '{demo.DEMO_PASSWORD}', which must never exist on a live "
                "site."
            )
        generate = options.get("councils") or 0
        if not 0 <= generate <= MAX_GENERATED:
            raise CommandError(f"--councils must be between 0 and {MAX_GENERATED}")
        with transaction.atomic():
            councils = {data["slug"]: self.council_ensure(data) for data in demo.COUNCILS}
            for data in demo.HELPLINES:
                self.helpline_ensure(data)
            users = {data["username"]: self.user_ensure(data, councils) for data in demo.USERS}
            for slug, username in demo.OFFER_PUBLISHERS.items():
                self.offer_ensure(council=councils[slug], by=users[username])
            self.national_schemes_ensure(by=users["admin"])
            self.consultation_ensure(users)
            if generate:
                self.councils_generate(
                    generate, by=users["admin"], verbose=options.get("verbosity", 1) > 1
                )
        usernames = ", ".join(data["username"] for data in demo.USERS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Sign in at /workspace/sign-in/ as one of {usernames} "
                f"with the password {demo.DEMO_PASSWORD}"
            )
        )

    def helpline_ensure(self, data: dict) -> NationalHelpline:
        helpline = NationalHelpline.objects.filter(name=data["name"]).first()
        if helpline:
            return helpline
        self.stdout.write(f"Created national helpline {data['name']}")
        return _save(NationalHelpline(**data))

    def national_schemes_ensure(self, *, by) -> None:
        """The demo's national schemes, added by name if missing, and published as the
        first version if none is published yet (a published list is left as it is)."""
        schemes, summary = demo.national_schemes()
        for data in schemes:
            if not NationalScheme.objects.filter(name=data["name"]).exists():
                _save(NationalScheme(**data))
                self.stdout.write(f"Created national scheme {data['name']}")
        if latest_version() is None:
            national_schemes_publish(by=by, summary=summary)
            self.stdout.write("Published the national schemes (version 1)")

    def consultation_ensure(self, users: dict) -> None:
        """Ashdown's demo consultation (offers.demo.CONSULTATION), answered, themed and
        published through offers.consultations, unless Ashdown has a published result."""
        data = demo.CONSULTATION
        council = Council.objects.get(slug=data["council"])
        if consultations.latest_result(council) is not None:
            return
        editor, approver = users[data["editor"]], users[data["approver"]]
        consultation = consultations.consultation_open(
            council=council,
            by=editor,
            source=ConsultationSource.LIVE,
            closes_on=timezone.localdate() + datetime.timedelta(days=28),
            questions=list(consultations.DEFAULT_QUESTIONS),
            ask_about_sections=False,
        )
        responses = [
            consultations.response_record(
                consultation=consultation,
                respondent=respondent,
                answers=answers,
                sections={},
                client_key=f"seed-demo-{number}",
            )
            for number, (respondent, answers) in enumerate(data["responses"])
        ]
        for item in data["themes"]:
            theme = consultations.theme_save(
                consultation=consultation,
                by=editor,
                title=item["title"],
                answer_kind=item["answer_kind"],
                answer=item["answer"],
            )
            for number in item["responses"]:
                consultations.response_themes_set(
                    response=responses[number],
                    by=editor,
                    themes=[*responses[number].themes.all(), theme],
                )
            if item["quote"]:
                number, words = item["quote"]
                consultations.quote_add(
                    response=responses[number], theme=theme, by=editor, text=words
                )
        consultations.result_publish(consultation=consultation, by=approver)

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
            # The demo offers keep a realistic gap or two for officers to find on the
            # checklist (offers.checklist), so they are published with their gaps accepted.
            offer_import(offer=offer, document=demo.offer_document_2025(council.slug), by=by)
            offer_publish(offer=offer, by=by, summary=demo.FIRST_SUMMARY, accept_gaps=True)
            # Version 2 moves allowances to April 2026 rates, so history and diff have a
            # real change to show.
            offer_import(offer=offer, document=april_2026, by=by)
            offer_publish(offer=offer, by=by, summary=demo.RATES_SUMMARY, accept_gaps=True)
            # A published offer's officers said each task was complete before it went out,
            # so the task list starts there: a section the checklist still finds a gap in
            # shows "There is a problem", and an edit is one task to finish, not every one.
            tasks = [ABOUT_INTRODUCTION, ABOUT_MANAGER]
            tasks += [str(key) for key in offer.sections.values_list("key", flat=True)]
            for task in tasks:
                task_answer_set(offer=offer, by=by, task=task, completed=True)
        except PermissionDenied as error:
            raise CommandError(f"{by} cannot publish {council.name}'s offer: {error}") from error
        except DocumentError as error:
            raise CommandError(
                f"offers/demo/{council.slug}.json is not a valid offer: {error.message}"
            ) from error
        self.stdout.write(f"Created and published {council.name}'s offer (versions 1 and 2)")

    def councils_generate(self, count: int, *, by, verbose: bool = False) -> None:
        """Generated councils 1 to count, each with an offer imported and published once."""
        templates = {slug: demo.offer_document(slug) for slug in TEMPLATES}
        taken = set(Council.objects.values_list("slug", flat=True))
        added = 0
        for index in range(1, count + 1):
            data = generated_council(index)
            if data["slug"] in taken:
                continue
            council = _save(Council(**data))
            document = generated_document(index, data, templates)
            offer = _save(
                Offer(council=council, **{name: document["offer"][name] for name in OFFER_FIELDS})
            )
            offer_import(offer=offer, document=document, by=by)
            # Published as imported, gaps and all: some are left out on purpose (see above).
            offer_publish_document(
                offer=offer, by=by, summary=GENERATED_SUMMARY, document=document_for(offer.pk)
            )
            added += 1
            if verbose:
                self.stdout.write(f"Created and published {council.name}'s offer")
        self.stdout.write(
            f"Added {added} generated councils with published offers"
            + (f" ({count - added} were there already)" if added < count else "")
        )

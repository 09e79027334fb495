"""The fictional demo data for `manage.py seed_demo`, and the starter offer.

The offers themselves are documents beside this module, in the same form an officer exports
and imports: <slug>.json is a council's offer with its April 2026 rates (published as
version 2), earlier_rates.json holds the 2025-26 rates version 1 had (allowance key ->
amount and date), and starter.json is a fictional offer for a new council to import and
edit. This module holds the rest: councils, logins and the national helpline.

national_schemes.json is different: real national schemes (benefits, national funds, the
kinship allowance pilot), in our own words, each with the public source it was checked
against and the date, and marked "check before going live" for the site administrator.

The demo offers' keys are the ones migration 0003 gave the offers the old seed published
(legacy_key of their row ids), so pages and links are the same on a demo site seeded before
schema 2 and migrated. The starter's keys are new random ones.

Everything is invented. Phone numbers come only from Ofcom's drama range
(0161 496 0000 to 0161 496 0999) and web and email addresses use the reserved `.example`
domain.
"""

import copy
import json
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
STARTER_PATH = DEMO_DIR / "starter.json"

DEMO_PASSWORD = "kinship-demo"

FIRST_SUMMARY = "First published offer"
RATES_SUMMARY = "Weekly allowance rates updated for April 2026"

COUNCILS = [
    {
        "name": "Ashdown Borough Council",
        "slug": "ashdown",
        "gss_code": "E06900101",
        "region": "south_east",
        "website": "https://ashdown.example",
        "email": "kinship@ashdown.example",
        "phone": "0161 496 0100",
        "brand_colour": "#00703c",
    },
    {
        "name": "Brackenford City Council",
        "slug": "brackenford",
        "gss_code": "E06900102",
        "region": "west_midlands",
        "website": "https://brackenford.example",
        "email": "kinshipcare@brackenford.example",
        "phone": "0161 496 0200",
        "brand_colour": "#4c2c92",
    },
    {
        "name": "Coldmere County Council",
        "slug": "coldmere",
        "gss_code": "E10900103",
        "region": "north_west",
        "website": "https://coldmere.example",
        "email": "kinship.team@coldmere.example",
        "phone": "0161 496 0300",
        "brand_colour": "#005a87",
    },
    # Active but with no offer yet, so the home page shows a council that has not published.
    {
        "name": "Fernholt Metropolitan Borough Council",
        "slug": "fernholt",
        "gss_code": "E08900104",
        "region": "yorkshire",
        "website": "https://fernholt.example",
        "email": "childrens.services@fernholt.example",
        "phone": "0161 496 0400",
        "brand_colour": "#8a1538",
    },
]

USERS = [
    {
        "username": "admin",
        "first_name": "Sam",
        "last_name": "Portal",
        "email": "admin@kinship-portal.example",
        "is_superuser": True,
        "memberships": [],
    },
    {
        "username": "ashdown-editor",
        "first_name": "Jordan",
        "last_name": "Hale",
        "email": "jordan.hale@ashdown.example",
        "is_superuser": False,
        "memberships": [("ashdown", "editor")],
    },
    {
        "username": "ashdown-approver",
        "first_name": "Helen",
        "last_name": "Okafor",
        "email": "helen.okafor@ashdown.example",
        "is_superuser": False,
        "memberships": [("ashdown", "approver")],
    },
    {
        "username": "brackenford-editor",
        "first_name": "Amrit",
        "last_name": "Sandhu",
        "email": "amrit.sandhu@brackenford.example",
        "is_superuser": False,
        "memberships": [("brackenford", "editor")],
    },
    # Fernholt has no offer yet: its editor starts one in the workspace, from the example
    # offer or from nothing.
    {
        "username": "fernholt-editor",
        "first_name": "Priya",
        "last_name": "Dale",
        "email": "priya.dale@fernholt.example",
        "is_superuser": False,
        "memberships": [("fernholt", "editor")],
    },
]

# Each demo offer (a <slug>.json file) and who imports and publishes it: the council's demo
# approver, or the site administrator where the council has none.
OFFER_PUBLISHERS = {
    "ashdown": "ashdown-approver",
    "brackenford": "admin",
    "coldmere": "admin",
}

# A clearly fictional national advice line, so the demo shows where independent help appears.
# A site administrator replaces it with the real details (admin: National helplines).
HELPLINES = [
    {
        "name": "Demo national kinship advice line",
        "description": "A charity, not the council. It gives free advice to every kinship "
        "carer, whatever the child's legal status. (Demo details: replace before going live.)",
        "phone": "0161 496 0990",
        "website": "https://kinship-advice.example",
        "opening_hours": "Monday to Friday, 10am to 3pm",
    },
]


def _read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def offer_document(slug: str) -> dict:
    """The demo council's offer as published in April 2026 (version 2)."""
    return _read(DEMO_DIR / f"{slug}.json")


def offer_document_2025(slug: str) -> dict:
    """The same offer with the 2025-26 allowance rates it was first published with."""
    document = copy.deepcopy(offer_document(slug))
    earlier = _read(DEMO_DIR / "earlier_rates.json")[slug]
    for section in document["sections"]:
        for allowance in section["allowances"]:
            allowance.update(earlier.get(allowance["key"], {}))
    return document


def starter_document() -> dict:
    """The fictional starter offer: no council, "[Replace: …]" wherever local facts go."""
    return _read(STARTER_PATH)


NATIONAL_SCHEMES_PATH = DEMO_DIR / "national_schemes.json"


def national_schemes() -> tuple[list[dict], str]:
    """The demo's real national schemes (field values for NationalScheme, every one marked
    "check before going live") and the summary they are first published with."""
    data = _read(NATIONAL_SCHEMES_PATH)
    schemes = [{**scheme, "check_before_live": True} for scheme in data["schemes"]]
    return schemes, data["summary"]


# Ashdown's demo consultation: fictional answers from families, grouped into themes with the
# council's answers, published as "What families told us" so the demo shows that page.
# Each quote is words taken from an answer, as officers choose them.
CONSULTATION = {
    "council": "ashdown",
    "editor": "ashdown-editor",
    "approver": "ashdown-approver",
    "responses": [
        ("carer", ["When the allowance is paid each month.", ""]),
        ("carer", ["", "I did not know what a Form K was until my assessment."]),
        ("child", ["Something for teenagers, not just little ones.", ""]),
        ("professional", ["", "Say when the allowance is paid and who to call about it."]),
    ],
    "themes": [
        {
            "title": "When money is paid",
            "answer_kind": "changed",
            "answer": "the money page to say the day each allowance is paid.",
            "responses": [0, 3],
            "quote": (0, "When the allowance is paid each month."),
        },
        {
            "title": "Words families did not know",
            "answer_kind": "will",
            "answer": "explain the assessment in plain words by the next review.",
            "responses": [1],
            "quote": (1, "I did not know what a Form K was"),
        },
        {
            "title": "Groups for teenagers",
            "answer_kind": "cannot",
            "answer": "we have no group for teenagers this year. We will ask again next year.",
            "responses": [2],
            "quote": None,
        },
    ],
}

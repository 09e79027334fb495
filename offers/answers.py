"""The "At a glance" answer for one kind of family, and how to reach the council, made from
the offer document.

Nothing here is typed by an officer: it is read out of the document's allowances, social
work services and contacts, so it can never disagree with the sections it summarises, and
it says nothing the document does not (no fixed promise of help the council never wrote).
A pure function of (document, arrangement code), like offers.applicability.
"""

import re
from dataclasses import dataclass, field

from . import formatting
from .applicability import document_for_arrangement
from .choices import SectionKind, SocialWorkKind, label
from .entry_types import ENTRY_KEYS, ENTRY_TYPES

# What makes allowances one table of age bands: the same allowance, paid the same way, from
# the same date, to the same families, one after another in the section.
ALLOWANCE_GROUP_FIELDS = ("name", "frequency", "means_tested", "applies_from", "arrangement_types")


@dataclass(frozen=True)
class Link:
    text: str
    anchor: str  # the section page it is on
    fragment: str = ""  # the place on that page


@dataclass(frozen=True)
class Money:
    name: str
    amount: str  # "£184 a week"
    age_band: str
    means_tested: bool
    anchor: str
    fragment: str


@dataclass(frozen=True)
class MoneyGroup:
    """One allowance for a family, with a row for each age band (one row if it has none)."""

    name: str
    means_tested: bool
    anchor: str
    fragment: str  # where the allowance starts on its section page (its first band)
    bands: tuple[Money, ...]

    @property
    def has_age_bands(self) -> bool:
        return any(band.age_band for band in self.bands)


@dataclass(frozen=True)
class Phone:
    name: str
    phone: str
    opening_hours: str


@dataclass(frozen=True)
class CouncilContact:
    """How to reach the council, as its published document says: on every page of the guide.

    main: who to call in office hours; out_of_hours: who to call when they are closed.
    """

    council_name: str
    main: Phone | None
    out_of_hours: Phone | None
    email: str
    website: str


# Words an offer uses for the number to ring when the office is closed. Contacts have no
# "out of hours" field (yet), so the contact is found by what its name or hours say.
OUT_OF_HOURS_WORDS = re.compile(
    r"\b(out[ -]of[ -]hours|emergency|evenings?|weekends?|nights?|overnight)\b", re.IGNORECASE
)


@dataclass
class Answer:
    money_groups: list[MoneyGroup] = field(default_factory=list)
    social_work: list[Link] = field(default_factory=list)
    money_anchor: str = ""  # the first money section's page for them, to read more
    # Whether the offer has money for any family: when none is for them, the answer says
    # "none of the money in this offer is for you" only if there is some.
    offer_has_money: bool = False

    @property
    def money(self) -> list[Money]:
        """Every amount for the family, one per age band, in the document's order."""
        return [band for group in self.money_groups for band in group.bands]


def entry_fragment(entry_type_key: str, entry: dict) -> str:
    """The id of an entry on its section page (templates set it with the entry_id filter)."""
    return f"{entry_type_key}-{entry['key'][:8]}"


def document_fragments(document: dict) -> set[str]:
    """The ids of every entry of a document on its pages (so a link to an entry that a
    later version removed can go to its section instead)."""
    return {
        entry_fragment(key, entry)
        for section in document.get("sections", [])
        for key in ENTRY_KEYS
        for entry in section.get(key, [])
    }


def phones(document: dict, *, council_phone: str | None = None) -> list[Phone]:
    """Everyone with a phone a family can call, in the order to call them: the contacts in a
    "Contacts" section first (that is where an offer names its team), then any other
    contact with a phone, each in its place in its section, a number for when the office is
    closed (OUT_OF_HOURS_WORDS) after the day-time ones; the council's number (council_phone,
    or the document's council's when not given) if no contact has one."""
    contacts = [
        (section["kind"] != SectionKind.CONTACTS, _is_out_of_hours(entry), index, entry)
        for section in document.get("sections", [])
        for index, entry in enumerate(section.get("contacts", []))
        if entry.get("phone")
    ]
    found = [
        Phone(entry["name"], entry["phone"], entry.get("opening_hours", ""))
        for *_, entry in sorted(contacts, key=lambda item: item[:3])
    ]
    council = document.get("council") or {}
    if council_phone is None:
        council_phone = council.get("phone", "")
    if not found and council_phone:
        found.append(Phone(council.get("name", ""), council_phone, ""))
    return found


def main_phone(document: dict, *, council_phone: str | None = None) -> Phone | None:
    """Who a family should call first (the first of phones), or None."""
    found = phones(document, council_phone=council_phone)
    return found[0] if found else None


def _is_out_of_hours(entry: dict) -> bool:
    return bool(
        OUT_OF_HOURS_WORDS.search(f"{entry.get('name', '')} {entry.get('opening_hours', '')}")
    )


def council_contact(document: dict) -> CouncilContact:
    """The council's contact details from its document, the same on every page of the guide.

    The main number is main_phone's (the first contact with a phone, else the council's own
    number); the out-of-hours number is another contact with a phone whose name or hours say
    it answers when the office is closed (OUT_OF_HOURS_WORDS). Read from the document, not
    the council's row, so a page shows what was published with it.
    """
    council = document.get("council") or {}
    main = main_phone(document)
    out_of_hours = next(
        (
            Phone(entry["name"], entry["phone"], entry.get("opening_hours", ""))
            for section in document.get("sections", [])
            for entry in section.get("contacts", [])
            if entry.get("phone")
            and _is_out_of_hours(entry)
            and (main is None or entry["phone"] != main.phone)
        ),
        None,
    )
    return CouncilContact(
        council_name=council.get("name", ""),
        main=main,
        out_of_hours=out_of_hours,
        email=council.get("email", ""),
        website=council.get("website", ""),
    )


def allowance_groups(allowances: list[dict]) -> list[list[dict]]:
    """A section's allowances as tables of age bands: runs of the same allowance
    (ALLOWANCE_GROUP_FIELDS) one after another become one group, one row per band.

    Allowances a council lists apart (another name, another date, or another allowance
    between them) stay apart, so nothing is moved out of the order the council chose.
    """
    groups: list[list[dict]] = []
    for entry in allowances:
        same = groups and all(
            groups[-1][0].get(name) == entry.get(name) for name in ALLOWANCE_GROUP_FIELDS
        )
        if same:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    return groups


MONEY_ENTRY_TYPES = tuple(entry_type for entry_type in ENTRY_TYPES if entry_type.money)


def at_a_glance(document: dict, code: str) -> Answer:
    """What a family of this arrangement type could get, read from the document.

    "Money you could get" is every entry of a money entry type (offers.entry_types: money)
    for them, whichever section it is in; nothing else is counted as money.
    """
    shown = document_for_arrangement(document, code)
    answer = Answer(
        offer_has_money=any(
            section.get(entry_type.key)
            for section in document.get("sections", [])
            for entry_type in MONEY_ENTRY_TYPES
        ),
    )
    for section in shown["sections"]:
        if section["kind"] == SectionKind.FINANCIAL and not answer.money_anchor:
            answer.money_anchor = section["anchor"]
        for entry_type in MONEY_ENTRY_TYPES:
            for group in allowance_groups(section.get(entry_type.key, [])):
                bands = tuple(
                    Money(
                        name=entry["name"],
                        amount=formatting.money_per(entry["amount"], entry["frequency"]),
                        age_band=entry.get("age_band", ""),
                        means_tested=bool(entry.get("means_tested")),
                        anchor=section["anchor"],
                        fragment=entry_fragment(entry_type.key, entry),
                    )
                    for entry in group
                )
                answer.money_groups.append(
                    MoneyGroup(
                        name=bands[0].name,
                        means_tested=bands[0].means_tested,
                        anchor=section["anchor"],
                        fragment=bands[0].fragment,
                        bands=bands,
                    )
                )
        for entry in section.get("social_work_services", []):
            answer.social_work.append(
                Link(
                    label(SocialWorkKind, entry["kind"]),
                    section["anchor"],
                    entry_fragment("social_work_services", entry),
                )
            )
    return answer

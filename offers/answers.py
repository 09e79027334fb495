"""The "At a glance" answer for one kind of family, made from the offer document.

Nothing here is typed by an officer: it is read out of the document's allowances, social
work services and contacts, so it can never disagree with the sections it summarises.
A pure function of (document, arrangement code), like offers.applicability.
"""

from dataclasses import dataclass, field

from . import formatting
from .applicability import document_for_arrangement
from .checklist import is_independent
from .choices import SectionKind, SocialWorkKind, label
from .entry_types import ENTRY_KEYS

# Sections whose help a family with no allowance should hear about first, in this order.
NEXT_BEST_KINDS = (SectionKind.FINANCIAL, SectionKind.LEGAL, SectionKind.PRACTICAL)


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
class Phone:
    name: str
    phone: str
    opening_hours: str


@dataclass
class Answer:
    money: list[Money] = field(default_factory=list)
    social_work: list[Link] = field(default_factory=list)
    other_help: list[Link] = field(default_factory=list)  # when there is no money for them
    money_anchor: str = ""  # the money section's page, to read more
    call: Phone | None = None


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


def phones(document: dict, *, council_phone: str = "") -> list[Phone]:
    """Everyone with a phone a family can call, in the order to call them: the contacts in a
    "Contacts" section first (that is where an offer names its team), then any other
    contact with a phone, each in its place in its section; the council's number if no
    contact has one."""
    contacts = [
        (section["kind"] != SectionKind.CONTACTS, index, entry)
        for section in document.get("sections", [])
        for index, entry in enumerate(section.get("contacts", []))
        if entry.get("phone")
    ]
    found = [
        Phone(entry["name"], entry["phone"], entry.get("opening_hours", ""))
        for *_, entry in sorted(contacts, key=lambda item: item[:2])
    ]
    if not found and council_phone:
        found.append(Phone((document.get("council") or {}).get("name", ""), council_phone, ""))
    return found


def main_phone(document: dict, *, council_phone: str = "") -> Phone | None:
    """Who a family should call first (the first of phones), or None."""
    found = phones(document, council_phone=council_phone)
    return found[0] if found else None


def at_a_glance(document: dict, code: str, *, council_phone: str = "") -> Answer:
    """What a family of this arrangement type could get, read from the document."""
    shown = document_for_arrangement(document, code)
    answer = Answer(call=main_phone(shown, council_phone=council_phone))
    for section in shown["sections"]:
        if section["kind"] == SectionKind.FINANCIAL and not answer.money_anchor:
            answer.money_anchor = section["anchor"]
        for entry in section.get("allowances", []):
            answer.money.append(
                Money(
                    name=entry["name"],
                    amount=formatting.money_per(entry["amount"], entry["frequency"]),
                    age_band=entry.get("age_band", ""),
                    means_tested=bool(entry.get("means_tested")),
                    anchor=section["anchor"],
                    fragment=entry_fragment("allowances", entry),
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
    if not answer.money:
        answer.other_help = _next_best_help(shown)
    return answer


def _next_best_help(shown: dict) -> list[Link]:
    """Help with money or advice that is for this family, when no allowance is.

    Support services in the money, legal and practical sections (benefits advice, grants,
    independent advice), then any service the checklist counts as independent help.
    """
    found: list[Link] = []
    for kind in NEXT_BEST_KINDS:
        for section in shown["sections"]:
            if section["kind"] != kind:
                continue
            for entry in section.get("support_services", []):
                found.append(
                    Link(
                        entry["title"], section["anchor"], entry_fragment("support_services", entry)
                    )
                )
    for section in shown["sections"]:
        if section["kind"] in NEXT_BEST_KINDS:
            continue
        for entry in section.get("support_services", []):
            if is_independent(entry.get("provider", "")):
                found.append(
                    Link(
                        entry["title"], section["anchor"], entry_fragment("support_services", entry)
                    )
                )
    return found

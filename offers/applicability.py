"""Which parts of an offer apply to one kind of kinship family ("What applies to me").

A pure function of a document: the live page, the preview and any later cache all use it.
The rule: a section or entry with no arrangement types is for everyone; otherwise it is
shown only to the arrangement types it lists. An entry is only shown if its section is.
"""

from dataclasses import dataclass

from .choices import ArrangementType
from .entry_types import ENTRY_KEYS

NOT_SURE = "not_sure"
# The values of ?for= a page can be made for (and kept by the page cache).
SITUATION_VALUES = (*ArrangementType.values, NOT_SURE)


def applies_to(item: dict, code: str) -> bool:
    """True if a section or entry is for this arrangement type (empty list: for everyone)."""
    types = item.get("arrangement_types") or []
    return not types or code in types


def document_for_arrangement(doc: dict, code: str | None) -> dict:
    """A new document with only the sections and entries for this arrangement type.

    code None or "not_sure" means "show everything". The given document is never changed
    (it may be a published revision's content, shared between requests).
    """
    if code in (None, "", NOT_SURE):
        return {**doc, "sections": list(doc.get("sections", []))}
    if code not in ArrangementType.values:
        raise ValueError(f"Unknown arrangement type: {code!r}")
    sections = []
    for section in doc.get("sections", []):
        if not applies_to(section, code):
            continue
        sections.append(
            {
                **section,
                **{
                    key: [entry for entry in section.get(key, []) if applies_to(entry, code)]
                    for key in ENTRY_KEYS
                },
            }
        )
    return {**doc, "sections": sections}


def arrangement_from_query(value: str | None) -> tuple[str | None, bool]:
    """Read ?for= : (the code to filter by or None for everything, whether it was unknown)."""
    value = (value or "").strip()
    if not value or value == NOT_SURE:
        return None, False
    if value in ArrangementType.values:
        return value, False
    return None, True


@dataclass(frozen=True)
class Situation:
    """What the overview's ?for= asks for (see situation_from_query)."""

    code: str | None = None  # an arrangement type: show what is for it
    not_sure: bool = False  # "I'm not sure, show me everything"
    unknown: bool = False  # not an arrangement type (a mistyped or old link): show everything
    missing: bool = False  # the situation form was sent with nothing chosen
    redirect_to: str | None = None  # the one value to send the family on to (see below)


def situation_from_query(values: list[str]) -> Situation:
    """Read the overview's ?for= (every value given).

    The situation form sends an empty "for" before the radios (templates/includes/
    situation_question.html), so a form sent with nothing chosen is told apart from the
    plain overview (no "for" at all): ["", "sgo"] is a choice, sent on to its one address
    (redirect_to), and [""] alone is the form sent empty (missing). Otherwise the last value
    counts, as Django's QueryDict.get reads it.
    """
    chosen = [value for value in values if value.strip()]
    if not values:
        return Situation()
    if not chosen:
        return Situation(missing=True)
    if "" in values:
        return Situation(redirect_to=chosen[-1])
    code, unknown = arrangement_from_query(values[-1])
    return Situation(code=code, unknown=unknown, not_sure=values[-1].strip() == NOT_SURE)


def arrangement_options() -> list[tuple[str, str]]:
    """The radios of the "What applies to me" form, in order, ending with "not sure"."""
    return [*ArrangementType.choices, (NOT_SURE, "I'm not sure, show me everything")]

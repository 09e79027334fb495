"""How offer facts look to families on the page: the template side of offers.formatting.

Documents hold plain strings ("201.00", "2026-04-01", codes); these filters turn them into
"£201", "6 April 2026" and plain labels, the same on the live page, preview and print,
and the same words the diff, feed and exports use.
"""

import re

from django import template

from offers import choices, formatting, national_schemes
from offers.answers import allowance_groups, entry_fragment
from offers.entry_types import ENTRY_TYPES
from offers.markdown import markdown_to_html

register = template.Library()

_CHOICES = {
    "frequency": choices.Frequency,
    "arrangement": choices.ArrangementType,
    "social_work_kind": choices.SocialWorkKind,
    "course_format": choices.CourseFormat,
    "section_kind": choices.SectionKind,
    "region": choices.Region,
}

register.filter("money", formatting.money)
register.filter("frequency_label", formatting.frequency_label)
register.filter("uk_date", formatting.uk_date)
register.filter("arrangement_label", formatting.arrangement_label)


@register.filter
def arrangement_labels(codes) -> str:
    """Who an item is for, as the start of a line: "Every kinship family"."""
    text = formatting.who_for(codes)
    return text[:1].upper() + text[1:]


@register.filter
def choice_label(code, kind: str) -> str:
    """A code's plain label: {{ service.kind|choice_label:"social_work_kind" }}."""
    return choices.label(_CHOICES[kind], code)


@register.filter
def entry_lists(section: dict) -> list[tuple]:
    """A document section's entries as (entry type, entries) in registry order, non-empty only."""
    return [
        (entry_type, section[entry_type.key])
        for entry_type in ENTRY_TYPES
        if section.get(entry_type.key)
    ]


@register.filter
def entry_id(entry: dict, entry_type_key: str) -> str:
    """An entry's id on its page, which "At a glance" links to (offers.answers)."""
    return entry_fragment(entry_type_key, entry)


register.filter("allowance_groups", allowance_groups)


@register.filter
def has_age_bands(allowances: list[dict]) -> bool:
    """Whether any allowance of a group names an age band (then it is a table of bands)."""
    return any(entry.get("age_band") for entry in allowances)


@register.filter
def how_to_apply_parts(allowances: list[dict]) -> list[tuple[dict, str]]:
    """Each different "how to apply" and "good to know" of one allowance's age bands, once,
    as (the first band that has it, the name to show it under): the allowance's name, with
    the age band when its bands say different things."""
    parts: list[dict] = []
    for entry in allowances:
        if not (entry.get("how_to_apply") or entry.get("notes")):
            continue
        if not any(
            (p.get("how_to_apply"), p.get("notes"))
            == (entry.get("how_to_apply"), entry.get("notes"))
            for p in parts
        ):
            parts.append(entry)
    if len(parts) < 2:
        return [(entry, entry["name"]) for entry in parts]
    return [
        (
            entry,
            f"{entry['name']} ({entry['age_band']})" if entry.get("age_band") else entry["name"],
        )
        for entry in parts
    ]


@register.filter
def tel_href(phone) -> str:
    """ "0161 496 0123" -> "tel:01614960123" (keeps a leading + for international numbers)."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    return f"tel:{digits}" if digits else ""


@register.filter
def markdown(text, heading_offset=None) -> str:
    """Officer Markdown as safe HTML (see offers.markdown); {{ body|markdown:1 }} on a page
    whose <h1> is the section heading."""
    if heading_offset in (None, ""):
        return markdown_to_html(text or "")
    return markdown_to_html(text or "", int(heading_offset))


@register.simple_tag
def national_help(schemes, council, arrangement=None) -> list[dict]:
    """The published national schemes an offer page shows (offers.national_schemes):
    {% national_help national_schemes council arrangement as schemes %}."""
    return national_schemes.schemes_for(
        list(schemes or []),
        gss_code=getattr(council, "gss_code", ""),
        arrangement=arrangement or None,
    )


register.filter("scheme_amount", national_schemes.amount_words)

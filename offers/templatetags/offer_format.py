"""How offer facts look to families: money, dates, who things are for, phone links.

Documents hold plain strings ("201.00", "2026-04-01", codes); these filters turn them into
"£201.00", "1 April 2026" and plain labels, the same on the live page, preview and print.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

from offers.markdown import markdown_to_html
from offers.models import ArrangementType, CourseFormat, Frequency, SectionKind, SocialWorkKind

register = template.Library()

EVERYONE = "All kinship families"
_LABELS = {
    "frequency": dict(Frequency.choices),
    "arrangement": dict(ArrangementType.choices),
    "social_work_kind": dict(SocialWorkKind.choices),
    "course_format": dict(CourseFormat.choices),
    "section_kind": dict(SectionKind.choices),
}


@register.filter
def money(value) -> str:
    """"201" or Decimal("1500.5") -> "£201.00" / "£1,500.50"; anything else is shown as is."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "" if value is None else str(value)
    return f"£{amount:,.2f}"


@register.filter
def frequency_label(code) -> str:
    """"weekly" -> "a week" (so "£201.00 a week")."""
    return _LABELS["frequency"].get(code, code or "")


@register.filter
def uk_date(value) -> str:
    """An ISO date string, date or datetime -> "1 April 2026" (datetimes in UK time)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return f"{value.day} {value:%B %Y}"


@register.filter
def arrangement_label(code) -> str:
    return _LABELS["arrangement"].get(code, code or "")


@register.filter
def arrangement_labels(codes) -> str:
    """Who an item is for, in words; an empty list means every kinship family."""
    if not codes:
        return EVERYONE
    return ", ".join(arrangement_label(code) for code in codes)


@register.filter
def choice_label(code, kind: str) -> str:
    """A code's plain label: {{ service.kind|choice_label:"social_work_kind" }}."""
    return _LABELS[kind].get(code, code or "")


@register.filter
def tel_href(phone) -> str:
    """"0161 496 0123" -> "tel:01614960123" (keeps a leading + for international numbers)."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    return f"tel:{digits}" if digits else ""


@register.filter
def markdown(text) -> str:
    """Officer Markdown as safe HTML (see offers.markdown)."""
    return markdown_to_html(text or "")

"""How facts read to families: money, weekly equivalents, GOV.UK dates, who a thing is for.

Documents hold plain values ("201.00", "2026-04-01", codes). Everything that shows them in
words (template filters, the diff, the Atom feed, later CSV and the API) calls this module,
so "£184 a week" and "6 April 2026" are written one way everywhere. Money is Decimal only:
a float would turn 0.10 into 0.1000000000000000055.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

from .choices import ArrangementType, Frequency, label

EVERYONE = "every kinship family"
PENNY = Decimal("0.01")
WEEKS_IN_YEAR = Decimal(52)

# How many weeks one payment covers; a one-off payment has no weekly equivalent.
WEEKS_PER_PAYMENT = {
    Frequency.WEEKLY: Decimal(1),
    Frequency.FORTNIGHTLY: Decimal(2),
    Frequency.MONTHLY: WEEKS_IN_YEAR / 12,
    Frequency.ANNUAL: WEEKS_IN_YEAR,
}


def to_decimal(value) -> Decimal | None:
    """A document amount ("201.00"), Decimal or int as a Decimal; None if it is not money."""
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() else None


def money(value) -> str:
    """Whole pounds without pence, pence when there are some: "£500", "£1,234.50".

    Anything that is not an amount is shown as it is, so an odd value is still readable.
    """
    amount = to_decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    amount = amount.quantize(PENNY, rounding=ROUND_HALF_UP)
    if amount == amount.to_integral_value():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def frequency_label(code) -> str:
    """ "weekly" -> "a week", so an amount reads "£184 a week"."""
    return label(Frequency, code) if code else ""


def money_per(amount, frequency) -> str:
    """ "£184 a week", "£2,000 one-off payment"."""
    return " ".join(part for part in (money(amount), frequency_label(frequency)) if part)


def weekly_equivalent(amount, frequency) -> Decimal | None:
    """What an amount comes to a week, to the penny (52 weeks a year); None for one-off."""
    value = to_decimal(amount)
    weeks = WEEKS_PER_PAYMENT.get(frequency)
    if value is None or weeks is None:
        return None
    return (value / weeks).quantize(PENNY, rounding=ROUND_HALF_UP)


def uk_date(value) -> str:
    """An ISO date string, date or datetime as GOV.UK writes it: "6 April 2026".

    Datetimes are shown in UK time. Text that is not a date is returned as it is.
    """
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


def uk_time(value: datetime.datetime) -> str:
    """A time of day as GOV.UK writes it, in UK time: "9am", "5:30pm", "midday", "midnight"."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def uk_date_time(value: datetime.datetime) -> str:
    """ "6 April 2026 at 9:30am", in UK time."""
    return f"{uk_date(value)} at {uk_time(value)}"


def join_words(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def arrangement_label(code) -> str:
    return label(ArrangementType, code)


def who_for(codes) -> str:
    """Who something is for, in words; an empty list means every kinship family.

    Lower case at the start so it reads inside a sentence; templates use |capfirst.
    """
    if not codes:
        return EVERYONE
    return join_words([arrangement_label(code) for code in codes])

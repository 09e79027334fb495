"""Validation rules with messages written for council officers (GOV.UK error style)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from .choices import ArrangementType
from .formatting import uk_date

GSS_CODE_RE = re.compile(r"^E(06|08|09|10)\d{6}$")
HEX_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
UK_PHONE_RE = re.compile(r"^(\+44|\(?0)[\d\s()-]+$")


def validate_gss_code(value: str) -> None:
    """An upper-tier English council's GSS code: E06, E08, E09 or E10 then 6 digits."""
    if not GSS_CODE_RE.match(value or ""):
        raise ValidationError(
            "Enter a GSS code in the right format, like E06000001 "
            "(E06, E08, E09 or E10 followed by 6 numbers)",
            code="invalid_gss_code",
        )


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of white text on the colour (1 to 21)."""
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def validate_brand_colour(value: str) -> None:
    """A hex colour that white header text can be read on (WCAG AA, 4.5:1)."""
    if not HEX_COLOUR_RE.match(value or ""):
        raise ValidationError(
            "Enter the brand colour as a hex code, like #1d70b8", code="invalid_colour"
        )
    ratio = contrast_with_white(value)
    if ratio < 4.5:
        raise ValidationError(
            "Choose a darker brand colour: white text on %(value)s has a contrast of "
            "%(ratio).1f to 1, and it must be at least 4.5 to 1",
            code="low_contrast",
            params={"value": value, "ratio": ratio},
        )


def validate_uk_phone(value: str) -> None:
    """A UK phone number: 0 then 9 or 10 more digits, or +44 instead of the first 0.

    Spaces, hyphens and brackets are allowed, as people write them: "(0161) 496 0123",
    "+44 (0)161 496 0123".
    """
    text = (value or "").strip()
    if text.startswith("+44"):
        # "+44 (0)161…": the (0) is the trunk prefix written for UK callers.
        national = re.sub(r"^\+44\s*(\(0\))?", "0", text)
    else:
        national = text
    digits = re.sub(r"\D", "", national)
    if (
        not UK_PHONE_RE.match(text)
        or not digits.startswith("0")
        or digits.startswith("00")
        or len(digits) not in (10, 11)
    ):
        raise ValidationError("Enter a UK phone number, like 0161 496 0123", code="invalid_phone")


# Characters that change the order text is shown in (Unicode bidirectional controls), or that
# show nothing at all. In a name, heading or web address they can make a link look like it
# goes somewhere else ("moc.elpmaxe" shown as "example.com"), and families cannot see them.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
HIDDEN_CHARACTERS_RE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")

# Removed from text families read: direction controls (U+202E and the rest) would reorder
# it, and zero-width spaces, word joiners and byte order marks show nothing. The zero-width
# (non-)joiners stay: emoji and some scripts need them to show right.
_INVISIBLE = {ord(char): None for char in BIDI_CONTROLS + "\u200b\u2060\ufeff"}


def without_hidden_characters(text: str) -> str:
    """Text with direction controls and invisible spaces taken out (see _INVISIBLE)."""
    return text.translate(_INVISIBLE)


def validate_no_hidden_characters(value) -> None:
    """No bidirectional controls (like U+202E) or zero-width characters: officers cannot see
    them when they type or paste, and they can make text read differently from what it is."""
    if HIDDEN_CHARACTERS_RE.search(str(value or "")):
        raise ValidationError(
            "Remove the hidden characters (text direction controls or zero-width spaces): "
            "type the text again instead of pasting it",
            code="hidden_characters",
        )


# Characters no text in an offer may hold: the C0 controls except tab, line feed and
# carriage return, DEL, lone surrogates (half of a character, left by broken copying or a
# "\ud800" in a JSON file) and the non-characters U+FFFE and U+FFFF. Nobody can see them;
# XML 1.0 cannot carry them, so one in a published version broke the Atom feed for good;
# PostgreSQL refuses NUL; a lone surrogate cannot be written out as UTF-8 at all.
# Written with escapes, so the JSON Schema can carry the same pattern (offers.schema).
UNSHOWABLE_PATTERN = r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff\ufffe\uffff]"
UNSHOWABLE_RE = re.compile(UNSHOWABLE_PATTERN)


def unshowable_character(text: str) -> str | None:
    """The first character of text that no offer text may hold, as "U+0007", or None."""
    found = UNSHOWABLE_RE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def unshowable_message(code_point: str) -> str:
    return (
        f"The text has a character that cannot be shown ({code_point}). Remove it, or type "
        "the text again instead of pasting it"
    )


def validate_showable_text(value) -> None:
    """No control characters, lone surrogates or non-characters (see UNSHOWABLE_RE).

    The middleware already refuses C0 controls in a form with a 400 page; this is the same
    rule as a message by the field, for what reaches a model another way (import, restore).
    """
    code_point = unshowable_character(str(value or ""))
    if code_point:
        raise ValidationError(unshowable_message(code_point), code="unshowable_character")


def _replacement(match: re.Match) -> str:
    character = match.group()
    if "\ud800" <= character <= "\udfff":
        return "\ufffd"  # the replacement character: something was there
    return " " if character.isspace() else ""  # a form feed or vertical tab parts two words


def without_unshowable_characters(text: str) -> str:
    """Text with the characters of UNSHOWABLE_RE taken out, for output that must not fail
    on text stored before they were refused (the Atom feed, stored versions)."""
    if not UNSHOWABLE_RE.search(text):
        return text
    return UNSHOWABLE_RE.sub(_replacement, text)


# Every text an officer writes runs these, on the model field, so the forms (model forms)
# and import (the models' full_clean) refuse the same text with the same message. Names,
# headings and addresses also refuse hidden characters (validate_no_hidden_characters).
TEXT_VALIDATORS = (validate_showable_text,)


def validate_arrangement_types(value) -> None:
    """Every code must be one of the arrangement types in ArrangementType."""
    if not isinstance(value, list):
        raise ValidationError("Choose arrangement types from the list", code="invalid_list")
    unknown = [code for code in value if code not in ArrangementType.values]
    if unknown:
        raise ValidationError(
            "Unknown arrangement type: %(codes)s. Choose from the list",
            code="unknown_arrangement",
            params={"codes": ", ".join(str(code) for code in unknown)},
        )


# --- Dates an offer could mean ----------------------------------------------------------------
# A date typed into the wrong box, or with the wrong century (2062 for 2026, 1926), is still a
# real date. These refuse dates no offer could mean, and say which dates are allowed. The
# models' clean() and the scheduling service call them, so imports obey them as the forms do.

EARLIEST_APPLIES_FROM = datetime.date(2000, 1, 1)
APPLIES_FROM_YEARS_AHEAD = 2
NEXT_REVIEW_YEARS_AHEAD = 3
SCHEDULE_YEARS_AHEAD = 1


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def validate_applies_from(value: datetime.date, *, today: datetime.date | None = None) -> None:
    """An allowance rate applies from 1 January 2000 at the earliest, and at most 2 years
    ahead."""
    today = today or timezone.localdate()
    if value < EARLIEST_APPLIES_FROM:
        raise ValidationError(
            "The date this amount applies from must be 1 January 2000 or later",
            code="applies_from_too_early",
        )
    latest = years_after(today, APPLIES_FROM_YEARS_AHEAD)
    if value > latest:
        raise ValidationError(
            "The date this amount applies from must be no more than 2 years ahead, so "
            "%(latest)s or earlier",
            code="applies_from_too_late",
            params={"latest": uk_date(latest)},
        )


def validate_last_reviewed(value: datetime.date, *, today: datetime.date | None = None) -> None:
    """A review that has happened: today or in the past."""
    today = today or timezone.localdate()
    if value > today:
        raise ValidationError(
            "The last reviewed date must be today or in the past", code="reviewed_in_future"
        )


def validate_next_review_due(value: datetime.date, *, today: datetime.date | None = None) -> None:
    """The next review is due at most 3 years ahead."""
    latest = years_after(today or timezone.localdate(), NEXT_REVIEW_YEARS_AHEAD)
    if value > latest:
        raise ValidationError(
            "The next review must be due within 3 years, so %(latest)s or earlier",
            code="review_too_far",
            params={"latest": uk_date(latest)},
        )


def validate_publish_at(value: datetime.datetime, *, now: datetime.datetime | None = None) -> None:
    """A scheduled publish is in the future, and at most a year ahead."""
    now = now or timezone.now()
    if value <= now:
        raise ValidationError("The time to publish must be in the future", code="in_the_past")
    latest = years_after(timezone.localtime(now), SCHEDULE_YEARS_AHEAD)
    if value > latest:
        raise ValidationError(
            "You can schedule a publish up to a year ahead, so %(latest)s or earlier",
            code="schedule_too_far",
            params={"latest": uk_date(latest)},
        )

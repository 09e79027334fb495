"""The leaflet social workers hand out at the first visit (/offers/<slug>/leaflet/): one A4
sheet, both sides, made from the published document like every other public page.

It holds who to call, one line on money and one on social work support for each situation
(offers.answers.at_a_glance, so it never disagrees with the offer's "At a glance"), national
help, and the offer's address in full and as a QR code. Every list is capped, so an offer
with many contacts or allowances still fits on the sheet; the leaflet says where the rest is.
"""

from dataclasses import dataclass

import segno
from django.utils.safestring import SafeString, mark_safe

from .answers import Phone, at_a_glance, phones
from .choices import ArrangementType

# At most this many of each on the sheet; the full offer has the rest.
PHONES_SHOWN = 4
MONEY_SHOWN = 3
SOCIAL_WORK_SHOWN = 4
HELPLINES_SHOWN = 4


@dataclass(frozen=True)
class SituationLine:
    """What one kind of family could get, in two short lines."""

    code: str
    label: str  # "Special guardianship order (SGO)"
    money: str  # "Special guardianship allowance: £201 a week, means-tested"
    social_work: str  # "Kinship assessment (Form K), Support plan and reviews"


def _capped(items: list[str], most: int) -> str:
    shown = "; ".join(items[:most])
    more = len(items) - most
    return f"{shown}; and {more} more in the full offer" if more > 0 else shown


def situation_line(document: dict, code: str) -> SituationLine:
    """The money and the social work support for one arrangement type, a line each."""
    answer = at_a_glance(document, code)
    money = [
        f"{item.name}{f' ({item.age_band})' if item.age_band else ''}: {item.amount}"
        f"{', means-tested' if item.means_tested else ''}"
        for item in answer.money
    ]
    # Nothing listed is said as that: no fixed promise ("ask us what we can do") the
    # council did not write, and nothing but money entry types called money (issue 20).
    money_line = _capped(money, MONEY_SHOWN) if money else "No regular payment listed."
    kinds = list(dict.fromkeys(link.text for link in answer.social_work))
    social_work = _capped(kinds, SOCIAL_WORK_SHOWN) if kinds else "None listed."
    return SituationLine(code, ArrangementType(code).label, money_line, social_work)


def situation_lines(document: dict) -> list[SituationLine]:
    """A line for each arrangement type, in the order the offer's situation question asks."""
    return [situation_line(document, code) for code in ArrangementType.values]


def phones_to_call(document: dict, *, council_phone: str = "") -> list[Phone]:
    """Who to call, out of hours lines among them (offers.answers.phones), at most
    PHONES_SHOWN."""
    return phones(document, council_phone=council_phone)[:PHONES_SHOWN]


def qr_svg(text: str) -> SafeString:
    """A QR code of `text` as an inline SVG (no fixed size: the stylesheet sizes it).

    Error correction level M (segno's default) survives a crease or a smudge on a leaflet;
    segno picks the smallest version that holds the text.
    """
    code = segno.make(text, error="m", micro=False)
    return mark_safe(  # noqa: S308 - segno's own markup; the text is only in path data
        code.svg_inline(
            scale=1,
            omitsize=True,
            title="QR code of the address of the full offer",
            svgclass="kp-leaflet__qr",
            lineclass=None,
        )
    )

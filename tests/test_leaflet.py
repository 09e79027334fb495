"""The leaflet for the first visit (/offers/<slug>/leaflet/): made from the published
document, a line on money and one on social work for each situation, who to call, national
help, and the offer's address as a QR code. (Printing it on A4 is checked in a real browser:
tests/browser/test_leaflet.py.) The cast: a family (the anonymous client) and council A's
approver, who publishes."""

import re
from decimal import Decimal

import pytest
import segno
from django.conf import settings

from offers.leaflet import MONEY_SHOWN, qr_svg, situation_line
from offers.models import NationalHelpline, SectionKind, SocialWorkKind

from .conftest import publish
from .factories import (
    AllowanceFactory,
    ContactFactory,
    SectionFactory,
    SocialWorkServiceFactory,
)

URL = "/offers/ashdown-test/leaflet/"
ADDRESS = f"{settings.SITE_URL}/offers/ashdown-test/"
SVG = re.compile(r"<svg[^>]*>.*?</svg>", re.S)


def modules_drawn(svg: str) -> list[list[int]]:
    """The dark modules an SVG from segno draws, read back from its path: each "h<n>" is a
    run of n dark modules, each "m<dx> <dy>" a move; the first "M" is the quiet zone."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    path = re.search(r' d="([^"]+)"', svg).group(1)
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x) + int(a)):
                grid[int(y)][column] = 1
            x += int(a)
    return grid


def matrix_of(text: str) -> list[list[int]]:
    """The QR code of `text` as segno encodes it, with its 4-module quiet zone."""
    code = segno.make(text, error="m", micro=False)
    return [list(row) for row in code.matrix_iter(border=4)]


@pytest.fixture
def live(offer_a, approver_a):
    """A's offer with an out-of-hours line, social work for SGO carers, and national help."""
    contacts = SectionFactory(offer=offer_a, kind=SectionKind.CONTACTS, heading="Contact us")
    ContactFactory(section=contacts, opening_hours="Monday to Friday, 9am to 5pm")
    ContactFactory(
        section=contacts,
        name="Out of hours emergency social work team",
        phone="0161 496 0999",
        opening_hours="Evenings, weekends and bank holidays",
    )
    social_work = SectionFactory(offer=offer_a, kind=SectionKind.SOCIAL_WORK)
    SocialWorkServiceFactory(section=social_work, arrangement_types=["sgo"])
    NationalHelpline.objects.create(
        name="Kinship advice (example)", phone="0161 496 0990", opening_hours="Weekdays"
    )
    return publish(offer_a, approver_a, "First version")


def test_the_qr_code_draws_exactly_the_code_of_its_text():
    svg = qr_svg(ADDRESS)
    assert modules_drawn(svg) == matrix_of(ADDRESS)
    assert modules_drawn(svg) != matrix_of(ADDRESS + "situations/")  # it can fail
    assert "<title>" in svg and ADDRESS not in svg  # the address is written beside it


def test_the_leaflet_holds_the_qr_code_of_the_offers_address_and_the_address(client, live):
    html = client.get(URL).content.decode()
    assert SVG.findall(html) == [str(qr_svg(ADDRESS))]
    assert modules_drawn(SVG.search(html).group(0)) == matrix_of(ADDRESS)
    assert f"<strong>{ADDRESS}</strong>" in html


def test_the_leaflet_says_who_to_call_out_of_hours_too_and_national_help(client, live):
    html = client.get(URL).content.decode()
    assert "call 999" in html
    team = html.index("Kinship support team")
    night = html.index("Out of hours emergency social work team")
    assert team < night  # in the offer's order
    assert "0161 496 0999" in html and "Evenings, weekends and bank holidays" in html
    assert "Kinship advice (example)" in html and "0161 496 0990" in html


def test_each_situation_gets_a_line_on_money_and_one_on_social_work(client, live):
    html = client.get(URL).content.decode()
    sgo = html[html.index("Special guardianship order (SGO)") :]
    sgo = sgo[: sgo.index("</dl>")]
    assert "Allowance A: £190 a week, means-tested" in sgo
    assert "Kinship assessment (Form K)" in sgo
    informal = html[html.index("Informal or private family arrangement") :]
    informal = informal[: informal.index("</dl>")]
    assert "No regular payment" in informal and "Allowance A" not in informal
    assert "Kinship assessment (Form K)" not in informal  # that service is for SGO carers


def test_a_long_list_of_allowances_is_cut_short_and_points_to_the_full_offer(offer_a, live):
    document = live.content
    money = document["sections"][0]
    money["allowances"] = [
        {**money["allowances"][0], "name": f"Allowance {n}", "amount": f"{100 + n}.00"}
        for n in range(MONEY_SHOWN + 2)
    ]
    line = situation_line(document, "sgo")
    assert f"Allowance {MONEY_SHOWN - 1}: £1" in line.money
    assert f"Allowance {MONEY_SHOWN}:" not in line.money
    assert line.money.endswith("and 2 more in the full offer")


def test_the_leaflet_shows_the_published_version_not_the_working_copy(
    client, live, offer_a, approver_a
):
    AllowanceFactory(
        section=offer_a.sections.first(), name="Draft allowance", amount=Decimal("12.00")
    )
    assert "Draft allowance" not in client.get(URL).content.decode()
    publish(offer_a, approver_a, "We added an allowance")
    html = client.get(URL).content.decode()
    assert "Draft allowance: £12 a week" in html
    assert "Version 2" in html


def test_the_leaflet_is_kept_whole_and_sets_no_cookie(client, live):
    first = client.get(URL)
    second = client.get(URL)
    assert first.templates and not second.templates  # the second came from the page cache
    assert second.content == first.content and not second.cookies


def test_the_offer_links_to_the_leaflet_and_a_council_with_nothing_published_has_none(
    client, live, council_b
):
    assert f'href="{URL}"' in client.get("/offers/ashdown-test/").content.decode()
    assert client.get("/offers/brackenford-test/leaflet/").status_code == 404


def test_social_work_kinds_are_named_once_each(live):
    document = live.content
    social = next(s for s in document["sections"] if s["kind"] == SectionKind.SOCIAL_WORK)
    social["social_work_services"].append({**social["social_work_services"][0], "key": "x" * 8})
    line = situation_line(document, "sgo")
    assert line.social_work == SocialWorkKind.FORM_K.label

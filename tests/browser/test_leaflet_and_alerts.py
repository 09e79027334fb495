"""The leaflet printed by chromium on A4, and the email alerts pages, in a real browser."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from offers.leaflet import qr_svg
from offers.models import AlertSubscription

from ..test_leaflet import SVG, matrix_of, modules_drawn
from .helpers import assert_no_axe_violations, axe_violations

pytestmark = pytest.mark.browser

LEAFLET = "/offers/ashdown-test/leaflet/"
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def printed_pages(page) -> int:
    """How many pages chromium prints the page on, on A4 (the page objects in the PDF)."""
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    return len(PAGE_OBJECT.findall(pdf))


def test_leaflet_prints_on_at_most_two_a4_pages_with_the_qr_code_of_the_address(page, live_offer_a):
    page.goto(LEAFLET)
    address = f"{settings.SITE_URL}/offers/ashdown-test/"
    svg = page.locator("svg.kp-leaflet__qr")
    assert svg.is_visible()
    html = svg.evaluate("element => element.outerHTML")
    assert modules_drawn(html) == matrix_of(address)
    assert SVG.fullmatch(str(qr_svg(address)))
    assert address in page.locator("main").inner_text()
    pages = printed_pages(page)
    assert 1 <= pages <= 2, pages
    assert_no_axe_violations(page)


@pytest.mark.slow
def test_a_full_demo_offers_leaflet_still_fits_on_one_sheet(page, db):
    """A real-sized offer (the demo's Ashdown: many contacts, allowances and services)."""
    with override_settings(DEBUG=True):
        call_command("seed_demo", stdout=StringIO())
    printed = {}
    for slug in ("ashdown", "brackenford", "coldmere"):
        response = page.goto(f"/offers/{slug}/leaflet/")
        if response.status == 404:
            continue  # that demo council has not published
        printed[slug] = printed_pages(page)
        print(f"{slug} leaflet: {printed[slug]} A4 pages")
    assert printed and all(1 <= pages <= 2 for pages in printed.values()), printed
    # Control: the count can go past 2 (the whole booklet of the same offer does).
    page.goto("/offers/ashdown/print/")
    assert printed_pages(page) > 2


def test_leaflet_on_screen_at_320px_does_not_scroll_sideways(new_page, live_offer_a):
    page = new_page(width=320)
    page.goto(LEAFLET)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


# --- Email alerts ------------------------------------------------------------------------------


def test_alert_pages_have_no_axe_violations_and_work_with_javascript_off(
    new_page, page, live_offer_a
):
    quiet = new_page(javascript=False)
    quiet.goto("/offers/ashdown-test/")
    quiet.get_by_role("link", name="Get an email when this offer changes").click()
    quiet.get_by_role("button", name="Send me emails").click()  # no address yet
    assert quiet.title().startswith("Error:")
    summary = quiet.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Enter your email address").is_visible()
    quiet.get_by_label("Email address").fill("carer@family.example")
    quiet.get_by_role("button", name="Send me emails").click()
    assert quiet.get_by_role("heading", name="Check your email").is_visible()
    assert AlertSubscription.objects.filter(email="carer@family.example").exists()

    failures = []
    page.goto("/offers/ashdown-test/alerts/")
    failures.append(axe_violations(page))
    page.get_by_role("button", name="Send me emails").click()
    assert page.title().startswith("Error:")
    failures.append(axe_violations(page))
    page.goto("/offers/ashdown-test/alerts/sent/")
    failures.append(axe_violations(page))
    body = mail.outbox[0].body
    links = {
        kind: f"/alerts/{kind}/{token}/"
        for kind, token in re.findall(r"/alerts/(confirm|unsubscribe)/(\S+)/", body)
    }
    for path in (links["confirm"], links["unsubscribe"], "/alerts/confirm/not-a-link/"):
        page.goto(path)
        failures.append(axe_violations(page))
    page.goto(links["confirm"])
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role(
        "heading", name="You will get emails when this offer changes"
    ).is_visible()
    failures.append(axe_violations(page))
    page.goto(links["unsubscribe"])
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.get_by_role("heading", name="You have unsubscribed").is_visible()
    failures.append(axe_violations(page))
    assert not AlertSubscription.objects.filter(email="carer@family.example").exists()
    assert not [report for report in failures if report], "\n\n".join(filter(None, failures))

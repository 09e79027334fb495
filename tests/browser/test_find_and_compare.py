"""Finding and comparing on a 320 px phone (issue 20): the home page's council finder on the
first screen, chosen councils' SGO rates within two screens, the comparison's form with
JavaScript off, and axe (every rule) on home, search and compare (chosen, error, the table
in pages). Seeds the demo councils and 30 generated ones (a few seconds)."""

from io import StringIO

import pytest

from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FIRST_SCREEN = 640
FIRST_SCREENS = 1280
CHOSEN = "/compare/?councils=ashdown,coldmere"


def _seed(councils: int) -> None:
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(DEBUG=True):  # seed_demo's logins share a published password
        call_command("seed_demo", councils=councils, stdout=StringIO())


@pytest.fixture
def demo_councils():
    """The three demo councils, with real officer text."""
    _seed(0)


@pytest.fixture
def many_councils():
    """The demo councils and 30 generated ones: two pages of the table."""
    _seed(30)


def bottom_of(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]  # the page is at its top: y is from the page's top


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_home_council_finder_is_on_the_first_phone_screen(new_page, demo_councils, javascript):
    page = new_page(width=320, height=FIRST_SCREEN, javascript=javascript)
    page.goto("/")
    assert bottom_of(page.locator("#council-name")) <= FIRST_SCREEN
    assert bottom_of(page.get_by_role("button", name="Search")) <= FIRST_SCREEN
    assert_no_horizontal_scroll(page, 320)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_chosen_councils_sgo_rates_are_within_two_phone_screens(
    new_page, demo_councils, javascript
):
    page = new_page(width=320, height=FIRST_SCREEN, javascript=javascript)
    page.goto(CHOSEN)
    rates = page.locator("#compare-sgo ~ .kp-compare-columns a")
    councils = page.locator("#compare-sgo ~ .kp-compare-columns h3")
    assert councils.all_inner_texts() == ["Ashdown Borough Council", "Coldmere County Council"]
    weekly = [rate for rate in rates.all() if "a week" in rate.inner_text()]
    assert len(weekly) >= 2
    for rate in weekly:
        assert bottom_of(rate) <= FIRST_SCREENS, rate.inner_text()
    # Side by side: each council's first rate on the same line.
    firsts = [
        column.locator("a").first
        for column in page.locator(".kp-compare-columns").first.locator("> div").all()
    ]
    assert len({round(first.bounding_box()["y"]) for first in firsts}) == 1
    assert_no_horizontal_scroll(page, 320)


def test_choosing_councils_works_with_javascript_off(new_page, demo_councils):
    page = new_page(width=320, height=FIRST_SCREEN, javascript=False)
    page.goto("/compare/")
    page.get_by_label("Council 1").select_option("coldmere")
    page.get_by_label("Council 2").select_option("ashdown")
    page.get_by_role("button", name="Compare councils").click()
    page.wait_for_url(f"**{CHOSEN}")
    assert page.get_by_role("heading", level=1).inner_text() == "Compare 2 councils"
    # Fewer than 2: the GOV.UK error summary, linked to the select to fix.
    page.get_by_label("Council 2").select_option("")
    page.get_by_role("button", name="Compare councils").click()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "Select at least 2 councils to compare" in summary.inner_text()
    summary.get_by_role("link").click()
    page.wait_for_url("**#compare-council-2")


def test_the_whole_table_pages_on(new_page, many_councils):
    page = new_page(width=320, height=FIRST_SCREEN)
    page.goto("/compare/")
    assert "Page 1 of 2" in page.locator("caption").inner_text()
    page.get_by_role("navigation", name="Pages of the table").get_by_role(
        "link", name="Next"
    ).click()
    page.wait_for_url("**page=2")
    assert "Page 2 of 2" in page.locator("caption").inner_text()
    assert_no_horizontal_scroll(page, 320)


PAGES = [
    ("/", "Find your council"),
    ("/search/", "Search"),
    ("/search/?q=grandparent&scope=offers", "Search results"),
    ("/compare/", "Compare councils"),
    ("/compare/?sort=sgo&order=desc&page=2", "Compare councils"),
    (CHOSEN, "Compare 2 councils"),
    ("/compare/?councils=ashdown,brackenford,coldmere", "Compare 3 councils"),
    ("/compare/?councils=ashdown,nowhere", "There is a problem"),
]


@pytest.mark.parametrize("width", [320, 1024])
def test_find_and_compare_pages_have_no_axe_violations(new_page, many_councils, width):
    page = new_page(width=width, height=FIRST_SCREEN)
    failures = []
    for path, shown in PAGES:
        assert page.goto(path).status == 200, path
        assert page.locator("h1").count() == 1, path
        assert shown.lower() in page.locator("main").inner_text().lower(), (path, shown)
        assert_no_horizontal_scroll(page, width)
        report = axe_violations(page)
        if report:
            failures.append(report)
    assert not failures, "\n\n".join(failures)
    assert_no_axe_violations(page)

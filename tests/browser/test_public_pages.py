"""Public pages in a real browser: axe-core (WCAG 2.2 A/AA), reflow, keyboard, JavaScript off."""

import pytest

from .helpers import assert_focus_visible, assert_no_axe_violations, focus_style

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_offer_a(offer_a, approver_a):
    from offers.services import offer_publish

    offer_publish(offer=offer_a, by=approver_a, summary="First version")
    return offer_a


def test_home_page_has_no_axe_violations(page, published_offer_a, council_b):
    page.goto("/")
    assert page.get_by_role("link", name="Ashdown Test Council").is_visible()
    assert_no_axe_violations(page)


def test_skip_link_is_the_first_tab_stop_visibly_and_moves_focus_to_main(
    page, published_offer_a
):
    page.goto("/")
    page.keyboard.press("Tab")
    assert focus_style(page)["text"] == "Skip to main content"
    assert page.get_by_role("link", name="Skip to main content").is_visible()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'main-content'")
    assert page.url.endswith("#main-content")
    # The next Tab goes into the page's content, past the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    assert inside_main


def test_links_show_the_yellow_focus_style_when_tabbed_to(page, published_offer_a):
    page.goto("/")
    page.get_by_role("link", name="Ashdown Test Council").focus()
    assert_focus_visible(page)

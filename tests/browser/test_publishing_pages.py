"""The workspace's preview and share link in a real browser: the preview of the working copy
is the public guide (every axe rule, and nothing off the side at 320 px), and a share link an
officer makes opens, without a login, as that guide. (The history, compare, version and
approvals pages are in test_workspace_review_pages.)"""

import pytest

from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def edited_offer_a(live_offer_a):
    """The live offer (2 versions) with an unpublished edit in the working copy."""
    section = live_offer_a.sections.get(heading="Meet other carers")
    section.heading = "Meet other kinship carers"
    section.save()
    return live_offer_a


def _workspace(offer, rest=""):
    return f"/workspace/{offer.council.slug}/{rest}"


def test_compare_live_with_working_copy_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(_workspace(edited_offer_a, "history/compare/"))
    assert "Meet other kinship carers" in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_preview_of_the_working_copy_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    # The preview is the public guide (overview, then a page per section): all axe rules.
    page = new_page(user=officer_a)
    page.goto(_workspace(edited_offer_a, "preview/"))
    assert page.get_by_text("Preview — not published").is_visible()
    contents = page.get_by_role("navigation", name="Contents")
    assert_no_axe_violations(page)
    contents.get_by_role("link", name="Meet other kinship carers").click()
    page.wait_for_url("**/preview/peer-support/")
    assert page.get_by_role("heading", level=1).inner_text() == "Meet other kinship carers"
    assert_no_axe_violations(page)


def test_preview_at_320px_wide_does_not_scroll_sideways(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a, width=320, height=640)
    page.goto(_workspace(edited_offer_a, "preview/"))
    assert_no_horizontal_scroll(page, 320)


def test_share_link_is_made_and_its_preview_has_no_axe_violations(
    new_page, officer_a, edited_offer_a, live_server, settings
):
    # The link shown is on SITE_URL, never the Host the officer came in on: here that is
    # the test server, so the visitor below really follows the address the officer copies.
    settings.SITE_URL = live_server.url
    page = new_page(user=officer_a)
    page.goto(_workspace(edited_offer_a, "share/"))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Make a new preview link").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    url = page.locator("input.kp-ws-link").first.input_value()
    assert url.startswith(f"{live_server.url}/preview/")
    # Someone without a login opens the link, and follows it to a page of the guide.
    visitor = new_page()
    visitor.goto(url)
    assert visitor.get_by_text("Preview — not published").is_visible()
    assert_no_axe_violations(visitor)
    visitor.get_by_role("navigation", name="Contents").get_by_role(
        "link", name="Meet other kinship carers"
    ).click()
    visitor.wait_for_url(f"{url}peer-support/")
    assert visitor.get_by_role("heading", level=1).inner_text() == "Meet other kinship carers"
    assert_no_axe_violations(visitor)

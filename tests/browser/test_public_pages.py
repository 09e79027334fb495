"""Public pages in a real browser: axe-core (WCAG 2.2 A/AA), reflow, keyboard, JavaScript off."""

import pytest

from .helpers import (
    assert_focus_visible,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    focus_style,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_offer_a(offer_a, approver_a):
    from offers.services import offer_publish

    offer_publish(offer=offer_a, by=approver_a, summary="First version", accept_gaps=True)
    return offer_a


def test_home_page_has_no_axe_violations(page, published_offer_a, council_b):
    page.goto("/")
    assert page.get_by_role("link", name="Ashdown Test Council").is_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path", ["/", "/offers/ashdown-test/", "/offers/ashdown-test/print/", "/search/"]
)
def test_skip_link_is_the_first_tab_stop_visibly_and_moves_focus_to_main(page, live_offer_a, path):
    page.goto(path)
    page.keyboard.press("Tab")
    assert focus_style(page)["text"] == "Skip to main content"
    assert page.get_by_role("link", name="Skip to main content").is_visible()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    # Following a same-page link is asynchronous: wait for it (fails after 5 s if it never moves).
    page.wait_for_url("**#main-content", timeout=5000)
    # Focus moves to the main content (GOV.UK's script focuses <main> itself; without it
    # the browser moves its focus starting point there): the next Tab lands inside it,
    # past the header and navigation.
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    assert inside_main
    assert_focus_visible(page)


def test_skip_link_works_with_javascript_off(new_page, live_offer_a):
    page = new_page(javascript=False)
    page.goto("/offers/ashdown-test/")
    page.keyboard.press("Tab")
    assert focus_style(page)["text"] == "Skip to main content"
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    assert inside_main


def test_links_show_the_yellow_focus_style_when_tabbed_to(page, published_offer_a):
    page.goto("/")
    page.get_by_role("link", name="Ashdown Test Council").focus()
    assert_focus_visible(page)


# --- The live offer page ---------------------------------------------------------------------


def test_offer_page_has_no_axe_violations(page, live_offer_a):
    page.goto("/offers/ashdown-test/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ashdown test offer"
    assert page.get_by_role("heading", name="What our social workers do").is_visible()
    assert_no_axe_violations(page)


def test_offer_page_filtered_for_one_family_has_no_axe_violations(page, live_offer_a):
    page.goto("/offers/ashdown-test/?for=sgo")
    assert page.get_by_text("Showing support for").is_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_offer_page_at_320px_wide_does_not_scroll_sideways(new_page, live_offer_a, javascript):
    page = new_page(width=320, height=640, javascript=javascript)
    page.goto("/offers/ashdown-test/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert_no_horizontal_scroll(page, 320)


@pytest.mark.parametrize("path", ["/offers/ashdown-test/print/", "/offers/ashdown-test/changes/"])
def test_booklet_and_changes_at_320px_wide_do_not_scroll_sideways(new_page, live_offer_a, path):
    page = new_page(width=320, height=640)
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    assert_no_horizontal_scroll(page, 320)


def test_what_applies_to_me_form_works_with_javascript_off(new_page, live_offer_a):
    page = new_page(javascript=False)
    page.goto("/offers/ashdown-test/")
    assert page.get_by_text("Child arrangements allowance").first.is_visible()
    form = page.locator("form#what-applies")
    form.get_by_label("Special guardianship order (SGO)").check()
    form.get_by_role("button", name="Show support for me").click()
    page.wait_for_url("**/offers/ashdown-test/?for=sgo*")
    showing = page.get_by_text("Showing support for")
    assert "Special guardianship order (SGO)" in showing.inner_text()
    # The SGO allowance stays; the one only for child arrangements orders is gone.
    assert page.get_by_text("Allowance A").first.is_visible()
    assert page.get_by_text("Child arrangements allowance").count() == 0
    assert page.get_by_label("Special guardianship order (SGO)").is_checked()


# "Is this page useful?" links from each page of the guide to its own feedback page.
FEEDBACK = "/offers/ashdown-test/feedback/?page=financial"


def test_feedback_page_has_no_axe_violations(page, live_offer_a):
    page.goto(f"{FEEDBACK}&useful=no")
    assert "Give feedback about this page" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_text("Money for carers A").first.is_visible()
    assert page.get_by_label("No", exact=True).is_checked()
    assert_no_axe_violations(page)


def test_feedback_form_works_with_javascript_off(new_page, live_offer_a):
    from offers.models import Feedback

    page = new_page(javascript=False)
    page.goto(f"{FEEDBACK}&useful=yes")
    assert page.get_by_label("Yes").is_checked()
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/thanks/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your feedback"
    answer = Feedback.objects.get()
    assert answer.was_clear is True
    assert (answer.council.slug, answer.section_anchor) == ("ashdown-test", "financial")


def test_feedback_thank_you_page_has_no_axe_violations(page, live_offer_a):
    page.goto(FEEDBACK)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/thanks/**")
    assert page.get_by_text("Go back to Money for carers A").is_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_feedback_sent_without_an_answer_shows_the_error(new_page, live_offer_a, javascript):
    from offers.models import Feedback

    page = new_page(javascript=javascript)
    page.goto(FEEDBACK)
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "There is a problem" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert Feedback.objects.count() == 0
    if javascript:
        # GOV.UK Frontend moves focus to the error summary so screen readers announce it.
        page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
        assert_no_axe_violations(page)
    # The error links to the first radio, so the user lands on the question to fix.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.type") == "radio"


def test_too_much_feedback_page_has_no_axe_violations(page, client, live_offer_a):
    from offers.feedback import FEEDBACK_LIMIT_PER_HOUR
    from offers.models import Feedback

    # The test client and the browser both come from 127.0.0.1: use up the hour's answers.
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        client.post("/offers/ashdown-test/feedback/", {"page": "financial", "useful": "yes"})
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR
    page.goto(FEEDBACK)
    page.get_by_label("Yes").check()
    with page.expect_response("**/feedback/") as posted:
        page.get_by_role("button", name="Send feedback").click()
    assert posted.value.status == 429
    assert page.get_by_role("heading", level=1).inner_text() == "You have sent a lot of feedback"
    assert Feedback.objects.count() == FEEDBACK_LIMIT_PER_HOUR
    assert_no_axe_violations(page)


def test_feedback_no_with_a_comment_counts_characters_with_javascript_on(page, live_offer_a):
    from offers.models import Feedback

    page.goto(FEEDBACK)
    page.get_by_label("No", exact=True).check()
    page.get_by_label("What was unclear? (optional)").fill("What does means-tested mean?")
    # GOV.UK Frontend's character count takes over the hint once JavaScript runs.
    expect_count = f"You have {1000 - len('What does means-tested mean?')} characters remaining"
    assert page.get_by_text(expect_count).first.is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/thanks/**")
    answer = Feedback.objects.get()
    assert (answer.was_clear, answer.comment) == (False, "What does means-tested mean?")


def test_offer_page_keyboard_focus_is_visible_on_form_controls(page, live_offer_a):
    page.goto("/offers/ashdown-test/")
    page.locator("form#what-applies").get_by_label("Special guardianship order (SGO)").focus()
    assert_focus_visible(page)
    page.locator("form#what-applies").get_by_role("button", name="Show support for me").focus()
    assert_focus_visible(page)


# --- Print booklet, what changed --------------------------------------------------------------


def test_print_page_has_no_axe_violations(page, live_offer_a):
    page.goto("/offers/ashdown-test/print/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ashdown test offer"
    assert_no_axe_violations(page)


def test_print_page_works_with_javascript_off_and_as_printed(new_page, live_offer_a):
    page = new_page(javascript=False)
    page.goto("/offers/ashdown-test/print/")
    # Every section is in the booklet, with its entries.
    for heading in ["Money for carers A", "What our social workers do", "Contact us"]:
        assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_text("Child arrangements allowance").first.is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Back to the offer").is_visible()
    assert page.get_by_text("Kinship support team").first.is_visible()


def test_changes_page_has_no_axe_violations(page, live_offer_a):
    page.goto("/offers/ashdown-test/changes/")
    assert page.get_by_role("heading", name="Version 2 (the current version)").is_visible()
    assert page.get_by_text("We added our opening times").is_visible()
    assert_no_axe_violations(page)


# --- Search, information pages, not found -----------------------------------------------------


@pytest.fixture
def live_offer_b(offer_b, council_b):
    from offers.models import Membership, Role
    from offers.services import offer_publish
    from tests.factories import UserFactory

    approver_b = UserFactory(username="approver-b")
    Membership.objects.create(user=approver_b, council=council_b, role=Role.APPROVER)
    offer_publish(offer=offer_b, by=approver_b, summary="First version", accept_gaps=True)
    return offer_b


def test_search_results_page_has_no_axe_violations(page, live_offer_a, live_offer_b):
    page.goto("/search/?q=brakenford")
    assert page.get_by_role("link", name="Brackenford Test Council", exact=True).is_visible()
    assert_no_axe_violations(page)


def test_search_page_without_a_query_has_no_axe_violations(page, db):
    page.goto("/search/")
    assert page.get_by_role("heading", level=1).inner_text() == "Find your council"
    assert_no_axe_violations(page)


def test_search_works_with_javascript_off(new_page, live_offer_a, live_offer_b):
    page = new_page(javascript=False)
    page.goto("/search/")
    page.get_by_label("Council name").fill("brakenford")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=brakenford*")
    page.get_by_role("link", name="Brackenford Test Council", exact=True).click()
    page.wait_for_url("**/offers/brackenford-test/")
    assert page.get_by_role("heading", level=1).inner_text() == "Brackenford test offer"


def test_search_with_an_empty_box_shows_an_accessible_error(page, db):
    page.goto("/search/?q=")
    assert page.get_by_text("There is a problem").is_visible()
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("path", "heading"),
    [("/accessibility/", "Accessibility statement"), ("/privacy/", "Privacy notice")],
)
def test_information_pages_have_no_axe_violations(page, db, path, heading):
    page.goto(path)
    assert heading.lower() in page.get_by_role("heading", level=1).inner_text().lower()
    assert_no_axe_violations(page)


def test_not_found_page_for_a_council_with_no_offer_has_no_axe_violations(page, council_b):
    response = page.goto("/offers/brackenford-test/")
    assert response.status == 404
    assert "Brackenford Test Council" in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_not_found_page_for_an_unknown_address_has_no_axe_violations(page, db):
    response = page.goto("/offers/no-such-council-anywhere/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).is_visible()
    assert_no_axe_violations(page)


def test_broken_preview_link_is_a_plain_accessible_not_found_page(page, db):
    response = page.goto("/preview/not-a-real-token/")
    assert response.status == 404
    assert "Ashdown" not in page.content()
    assert_no_axe_violations(page)


def test_not_found_page_for_any_unknown_address_has_no_axe_violations(page, db):
    response = page.goto("/no-such-page-here/")
    assert response.status == 404
    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    assert_no_axe_violations(page)

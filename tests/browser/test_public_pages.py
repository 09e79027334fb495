"""Public pages in a real browser: axe-core (every rule, best practice included), reflow,
keyboard, JavaScript off."""

import pytest

from ..conftest import publish
from .helpers import (
    assert_focus_visible,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    axe_violations,
    focus_style,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_offer_a(offer_a, approver_a):

    publish(offer_a, approver_a, "First version")
    return offer_a


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


# --- Every public page type, with every axe rule ------------------------------------------

# Each page a family can reach with a plain GET, its status, and a text it must show (so a
# page that broke cannot pass for an accessible one). Feedback's error and thanks pages,
# which need a POST, are checked in the feedback tests below.
PUBLIC_PAGES = [
    ("/", 200, "Ashdown Test Council"),
    ("/search/", 200, "Search"),
    ("/search/?q=ashdown", 200, "Ashdown Test Council"),
    ("/search/?q=nowhere-at-all", 200, "nowhere-at-all"),
    ("/search/?q=", 200, "There is a problem"),
    ("/offers/brackenford-test/", 404, "Brackenford Test Council"),  # not published yet
    ("/offers/ashdown-test/", 200, "How does the child live with you?"),
    ("/offers/ashdown-test/?for=sgo", 200, "At a glance"),
    ("/offers/ashdown-test/?for=informal", 200, "At a glance"),
    ("/offers/ashdown-test/social-work/", 200, "What our social workers do"),
    ("/offers/ashdown-test/financial/?for=sgo", 200, "Allowance A"),
    ("/offers/ashdown-test/financial/?for=informal", 200, "None of the 2 allowances"),
    ("/offers/ashdown-test/contacts/", 200, "Contact Ashdown Test Council"),
    ("/offers/ashdown-test/?for=not_sure", 200, "Find out what each situation means"),
    ("/offers/ashdown-test/?for=", 200, "Select how the child lives with you"),
    ("/offers/ashdown-test/financial/", 200, "From national schemes"),
    ("/offers/ashdown-test/financial/?for=cao", 200, "Allowance pilot (example)"),
    ("/offers/ashdown-test/situations/", 200, "What does my situation mean?"),
    ("/offers/ashdown-test/print/", 200, "Child arrangements allowance"),
    ("/offers/ashdown-test/leaflet/", 200, "Read the full offer"),
    ("/offers/ashdown-test/alerts/", 200, "Get emails when this offer changes"),
    ("/offers/ashdown-test/alerts/sent/", 200, "Check your email"),
    ("/alerts/unsubscribe/not-a-link/", 404, "This link does not work"),
    ("/offers/ashdown-test/changes/", 200, "We added our opening times"),
    ("/offers/ashdown-test/feedback/?page=financial&useful=no", 200, "Money for carers A"),
    ("/search/?q=money&scope=offers", 200, "Ashdown Test Council"),
    ("/compare/", 200, "Ashdown Test Council"),
    ("/compare/?region=south_east&sort=sgo&order=desc", 200, "Ashdown Test Council"),
    ("/api/", 200, "Open data API"),
    ("/accessibility/", 200, "Accessibility statement"),
    ("/privacy/", 200, "Privacy notice"),
    ("/offers/ashdown-test/no-such-page/", 404, "Page not found"),
    ("/offers/no-such-council-anywhere/", 404, "Page not found"),
    ("/no-such-page-here/", 404, "Page not found"),
]


def test_every_public_page_type_has_no_axe_violations(page, live_offer_a, council_b):
    """One database and one browser page for all of them; every failure is listed at once."""
    failures = []
    for path, status, shown in PUBLIC_PAGES:
        response = page.goto(path)
        assert response.status == status, path
        assert page.locator("h1").count() == 1, path
        assert shown.lower() in page.locator("main").inner_text().lower(), (path, shown)
        report = axe_violations(page)
        if report:
            failures.append(report)
    assert not failures, "\n\n".join(failures)


# --- The live offer: the guide's overview and its pages -------------------------------------


def test_overview_lists_the_guide_pages_and_a_section_page_shows_its_section(page, live_offer_a):
    page.goto("/offers/ashdown-test/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ashdown test offer"
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="What our social workers do").click()
    page.wait_for_url("**/offers/ashdown-test/social-work/")
    assert page.get_by_role("heading", level=1).inner_text() == "What our social workers do"
    current = page.get_by_role("navigation", name="Contents").locator("[aria-current=page]")
    assert current.inner_text() == "What our social workers do"
    pages = page.get_by_role("navigation", name="Pages of this offer")
    assert "Money for carers A" in pages.get_by_role("link", name="Previous").inner_text()
    assert "Meet other carers" in pages.get_by_role("link", name="Next").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_offer_page_at_320px_wide_does_not_scroll_sideways(new_page, live_offer_a, javascript):
    page = new_page(width=320, height=640, javascript=javascript)
    for path in ["/offers/ashdown-test/?for=sgo", "/offers/ashdown-test/financial/"]:
        page.goto(path)
        assert page.get_by_role("heading", level=1).is_visible()
        assert_no_horizontal_scroll(page, 320)


@pytest.mark.parametrize("path", ["/offers/ashdown-test/print/", "/offers/ashdown-test/changes/"])
def test_booklet_and_changes_at_320px_wide_do_not_scroll_sideways(new_page, live_offer_a, path):
    page = new_page(width=320, height=640)
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    assert_no_horizontal_scroll(page, 320)


# A council's name is data: one long word (33 letters once made the header 332px wide at
# 320px) or a name as long as the field allows must wrap in the header, not widen the page.
LONG_NAMES = {
    "a 33-letter word": "Ashdownfenwickandmarshallbrookend Borough Council",
    "120 letters, one word": "Ashdown" + "fenwick" * 16 + "m",
}


@pytest.mark.parametrize("name", list(LONG_NAMES))
def test_a_long_council_name_wraps_in_the_header_at_320px(new_page, offer_a, approver_a, name):
    from offers.services import offer_publish

    council = offer_a.council
    council.name = LONG_NAMES[name]
    council.full_clean()
    council.save()
    offer_publish(offer=offer_a, by=approver_a, summary="First version", accept_gaps=True)
    page = new_page(width=320, height=640)
    for path in [
        "/offers/ashdown-test/",
        "/offers/ashdown-test/financial/",
        "/offers/ashdown-test/print/",
        "/offers/ashdown-test/changes/",
    ]:
        assert page.goto(path).ok
        shown = page.get_by_role("region", name="Council").get_by_role("link")
        if path.endswith("/print/"):
            shown = page.locator(".govuk-caption-xl").first
        assert shown.inner_text().replace("\n", "") == council.name, path
        assert_no_horizontal_scroll(page, 320)


def test_situation_question_works_with_javascript_off(new_page, live_offer_a):
    page = new_page(javascript=False)
    page.goto("/offers/ashdown-test/")
    assert page.get_by_role("heading", name="At a glance").count() == 0
    form = page.locator("form#situation")
    form.get_by_label("Special guardianship order (SGO)").check()
    form.get_by_role("button", name="Show support for me").click()
    page.wait_for_url("**/offers/ashdown-test/?for=sgo")
    answer = page.locator("section.kp-answer")
    assert answer.get_by_role("heading", name="At a glance").is_visible()
    assert "Special guardianship order (SGO)" in answer.inner_text()
    # The SGO allowance with its amount; the one only for child arrangements orders is not.
    money = answer.locator(".kp-answer__money")
    assert money.count() == 1
    assert "Allowance A" in money.inner_text()
    assert "£190 a week" in money.inner_text()
    assert "Child arrangements allowance" not in answer.inner_text()
    assert form.get_by_label("Special guardianship order (SGO)").is_checked()


def test_im_not_sure_shows_everything_with_the_explainer_linked_with_javascript_off(
    new_page, live_offer_a
):
    """Issue 20: "not sure" led to the explainer, not to everything."""
    page = new_page(javascript=False)
    page.goto("/offers/ashdown-test/")
    form = page.locator("form#situation")
    form.get_by_label("I'm not sure").check()
    form.get_by_role("button", name="Show support for me").click()
    page.wait_for_url("**/offers/ashdown-test/?for=not_sure")
    assert page.get_by_role("heading", level=1).inner_text() == "Ashdown test offer"
    contents = page.get_by_role("navigation", name="Contents")
    assert contents.get_by_role("link", name="What our social workers do").is_visible()
    page.get_by_role("link", name="Find out what each situation means").click()
    page.wait_for_url("**/offers/ashdown-test/situations/")


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_the_situation_form_sent_empty_shows_the_error(new_page, live_offer_a, javascript):
    """Issue 20: sent with nothing chosen, the form gave no message."""
    page = new_page(javascript=javascript)
    page.goto("/offers/ashdown-test/")
    page.locator("form#situation").get_by_role("button", name="Show support for me").click()
    page.wait_for_url("**/offers/ashdown-test/?for=")
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    assert "There is a problem" in summary.inner_text()
    assert "Select how the child lives with you" in page.locator("#for-error").inner_text()
    if javascript:
        page.wait_for_function("document.activeElement.classList.contains('govuk-error-summary')")
    summary.get_by_role("link", name="Select how the child lives with you").click()
    assert page.evaluate("document.activeElement.id") == "for-kinship_foster"
    # Choosing now goes to the answer.
    page.locator("form#situation").get_by_label("Special guardianship order (SGO)").check()
    page.locator("form#situation").get_by_role("button", name="Show support for me").click()
    page.wait_for_url("**/offers/ashdown-test/?for=sgo")
    assert page.get_by_role("heading", name="At a glance").is_visible()


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
    page.locator("form#situation").get_by_label("Special guardianship order (SGO)").focus()
    assert_focus_visible(page)
    page.locator("form#situation").get_by_role("button", name="Show support for me").focus()
    assert_focus_visible(page)
    page.get_by_role("link", name="What our social workers do").focus()
    assert_focus_visible(page)


# --- Print booklet, what changed --------------------------------------------------------------


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


# --- Search, information pages, not found -----------------------------------------------------


@pytest.fixture
def live_offer_b(offer_b, council_b):
    from offers.models import Membership, Role
    from tests.factories import UserFactory

    approver_b = UserFactory(username="approver-b")
    Membership.objects.create(user=approver_b, council=council_b, role=Role.APPROVER)
    publish(offer_b, approver_b, "First version")
    return offer_b


def test_search_works_with_javascript_off(new_page, live_offer_a, live_offer_b):
    page = new_page(javascript=False)
    page.goto("/search/")
    page.get_by_label("Council name").fill("brakenford")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/search/?q=brakenford*")
    page.get_by_role("link", name="Brackenford Test Council", exact=True).click()
    page.wait_for_url("**/offers/brackenford-test/")
    assert page.get_by_role("heading", level=1).inner_text() == "Brackenford test offer"


def test_broken_preview_link_is_a_plain_accessible_not_found_page(page, db):
    response = page.goto("/preview/not-a-real-token/")
    assert response.status == 404
    assert "Ashdown" not in page.content()
    assert_no_axe_violations(page)

"""Officer publishing pages in a real browser: history, compare, preview, versions, share
links and the publishing forms have no axe-core violations (WCAG 2.2 A/AA on officer pages;
every rule on previews, which are the public guide's pages)."""

import pytest

from .helpers import assert_focus_visible, assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def edited_offer_a(live_offer_a):
    """The live offer (2 versions) with an unpublished edit in the working copy."""
    section = live_offer_a.sections.get(heading="Meet other carers")
    section.heading = "Meet other kinship carers"
    section.save()
    return live_offer_a


def _admin(offer, rest=""):
    return f"/admin/offers/offer/{offer.pk}/{rest}"


def test_history_page_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "history/"))
    main = page.locator("#content")
    assert "We added our opening times" in main.inner_text()
    assert "First version" in main.inner_text()
    assert_no_axe_violations(page, wcag_only=True)


def test_compare_two_versions_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "compare/?old=1&new=2"))
    assert "Call us any weekday" in page.locator("#content").inner_text()
    assert_no_axe_violations(page, wcag_only=True)


def test_compare_live_with_working_copy_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "compare/"))
    assert "Meet other kinship carers" in page.locator("#content").inner_text()
    assert_no_axe_violations(page, wcag_only=True)


def test_preview_of_the_working_copy_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    # The preview is the public guide (overview, then a page per section): all axe rules.
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "preview/"))
    assert page.get_by_text("Preview — not published").is_visible()
    contents = page.get_by_role("navigation", name="Contents")
    assert_no_axe_violations(page)
    contents.get_by_role("link", name="Meet other kinship carers").click()
    page.wait_for_url("**/preview/peer-support/")
    assert page.get_by_role("heading", level=1).inner_text() == "Meet other kinship carers"
    assert_no_axe_violations(page)


def test_preview_at_320px_wide_does_not_scroll_sideways(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a, width=320, height=640)
    page.goto(_admin(edited_offer_a, "preview/"))
    assert_no_horizontal_scroll(page, 320)


def test_old_version_page_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "history/1/"))
    assert "not the live version" in page.locator("body").inner_text()
    assert_no_axe_violations(page)  # an old version is shown as the public guide


def test_share_link_is_made_and_its_preview_has_no_axe_violations(
    new_page, officer_a, edited_offer_a, live_server, settings
):
    # The link shown is on SITE_URL, never the Host the officer came in on: here that is
    # the test server, so the visitor below really follows the address the officer copies.
    settings.SITE_URL = live_server.url
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "share/"))
    assert_no_axe_violations(page, wcag_only=True)
    page.get_by_role("button", name="Make a new preview link").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page, wcag_only=True)
    url = page.locator("input.kp-link-input").first.input_value()
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


def test_submit_for_approval_form_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "submit/"))
    assert page.get_by_role("button", name="Send for approval").is_visible()
    assert_no_axe_violations(page, wcag_only=True)
    page.get_by_role("button", name="Send for approval").focus()
    assert_focus_visible(page)


def test_publish_form_has_no_axe_violations(new_page, approver_a, edited_offer_a):
    page = new_page(user=approver_a)
    page.goto(_admin(edited_offer_a, "publish/"))
    assert "Meet other kinship carers" in page.locator("#content").inner_text()
    assert_no_axe_violations(page, wcag_only=True)


def test_rollback_form_has_no_axe_violations(new_page, approver_a, edited_offer_a):
    page = new_page(user=approver_a)
    page.goto(_admin(edited_offer_a, "rollback/1/"))
    assert page.get_by_role("button", name="Republish version 1").is_visible()
    assert_no_axe_violations(page, wcag_only=True)


def test_reject_and_schedule_forms_have_no_axe_violations(new_page, approver_a, edited_offer_a):
    page = new_page(user=approver_a)
    page.goto(_admin(edited_offer_a, "reject/"))
    assert page.get_by_role("button", name="Send back").is_visible()
    assert_no_axe_violations(page, wcag_only=True)
    page.goto(_admin(edited_offer_a, "schedule/"))
    assert page.get_by_role("button", name="Schedule").is_visible()
    assert_no_axe_violations(page, wcag_only=True)


def test_publish_form_with_errors_has_no_axe_violations(new_page, approver_a, edited_offer_a):
    page = new_page(user=approver_a)
    page.goto(_admin(edited_offer_a, "publish/"))
    page.locator("#content form textarea, #content form input[type=text]").first.fill("")
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    assert page.locator(".errorlist, .errornote, .govuk-error-message").count() > 0
    assert_no_axe_violations(page, wcag_only=True)


@pytest.mark.parametrize("model", ["offer", "section", "feedback"])
def test_officer_lists_have_no_axe_violations(new_page, officer_a, edited_offer_a, model):
    from tests.factories import FeedbackFactory

    FeedbackFactory(council=edited_offer_a.council)
    page = new_page(user=officer_a)
    page.goto(f"/admin/offers/{model}/")
    assert page.locator("#result_list tbody tr").count() >= 1
    assert_no_axe_violations(page, wcag_only=True)


def test_admin_skip_link_moves_focus_to_the_content(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(f"/admin/offers/offer/{edited_offer_a.pk}/change/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    page.wait_for_url("**#content-start", timeout=5000)  # same-page links move asynchronously
    page.keyboard.press("Tab")
    inside = page.evaluate("document.getElementById('content').contains(document.activeElement)")
    assert inside


def _offer_file(offer, **offer_fields) -> dict:
    """The offer's own document with some fields changed, as a file for an upload input."""
    from offers.documents import document_for, document_to_json

    document = document_for(offer.pk)
    document["offer"].update(offer_fields)
    return {
        "name": "ashdown.json",
        "mimeType": "application/json",
        "buffer": document_to_json(document).encode(),
    }


def test_import_pages_have_no_axe_violations(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "import/"))
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page, wcag_only=True)

    page.get_by_label("Offer file (.json)").set_input_files(
        _offer_file(edited_offer_a, title="Imported title")
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert "Imported title" in page.locator("#content").inner_text()
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page, wcag_only=True)

    page.get_by_role("button", name="Import into the working copy").click()
    page.wait_for_load_state()
    assert "Imported the file into the working copy" in page.locator("body").inner_text()
    edited_offer_a.refresh_from_db()
    assert edited_offer_a.title == "Imported title"


def test_import_with_an_error_has_no_axe_violations(new_page, officer_a, edited_offer_a):
    page = new_page(user=officer_a)
    page.goto(_admin(edited_offer_a, "import/"))
    page.get_by_label("Offer file (.json)").set_input_files(
        {"name": "notes.json", "mimeType": "application/json", "buffer": b"{ not json"}
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    assert "The file is not valid JSON" in page.locator(".govuk-error-message").inner_text()
    assert_no_axe_violations(page, wcag_only=True)
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_file"


def test_import_check_page_at_320px_wide_does_not_scroll_sideways(
    new_page, officer_a, edited_offer_a
):
    page = new_page(user=officer_a, width=320, height=640)
    page.goto(_admin(edited_offer_a, "import/"))
    assert_no_horizontal_scroll(page, 320)
    long_title = "An offer title that is long enough to need wrapping on a narrow screen " * 3
    page.get_by_label("Offer file (.json)").set_input_files(
        _offer_file(edited_offer_a, title=long_title.strip()[:200])
    )
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    assert "What will change in the working copy" in page.locator("#content").inner_text()
    assert_no_horizontal_scroll(page, 320)

"""The workspace's review pages in chromium: axe-core (every rule, best practice included) on
the approvals page, its error state, the other review pages, and the fact-check page at
320 px, which must not scroll sideways."""

import pytest

from .helpers import assert_focus_visible, assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def waiting_offer_a(live_offer_a, officer_a):
    """The live offer with an edit sent for approval, with a note."""
    from offers.services import offer_submit

    section = live_offer_a.sections.get(heading="Meet other carers")
    section.heading = "Meet other kinship carers"
    section.save()
    offer_submit(offer=live_offer_a, by=officer_a, note="New heading for the peer groups")
    return live_offer_a


def _workspace(offer, rest=""):
    return f"/workspace/{offer.council.slug}/{rest}"


def test_approvals_page_and_its_error_state_pass_axe(new_page, approver_a, waiting_offer_a):
    page = new_page(user=approver_a)
    page.goto(_workspace(waiting_offer_a, "approvals/"))
    main = page.locator("main").inner_text()
    assert "New heading for the peer groups" in main
    assert "Meet other kinship carers" in main
    assert_no_axe_violations(page)
    # Send back with no comment: the error summary, focused, linking to the box.
    page.get_by_role("button", name="Send back").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    link = summary.get_by_role("link", name="Enter why you are sending this back, for the editor")
    assert link.is_visible()
    assert_no_axe_violations(page)
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_send_back-reason"
    assert_focus_visible(page)


def test_review_pages_pass_axe(new_page, approver_a, officer_a, waiting_offer_a):
    page = new_page(user=approver_a)
    for rest in (
        "history/",
        "history/compare/?old=1&new=2",
        "history/1/restore/",
        "history/1/view/",
        "audit/",
    ):
        page.goto(_workspace(waiting_offer_a, rest))
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page)
    editor = new_page(user=officer_a)
    for rest in ("send/", "share/", "fact-check/", "feedback/", ""):
        editor.goto(_workspace(waiting_offer_a, rest))
        assert editor.locator("h1").count() == 1
        assert_no_axe_violations(editor)


def test_fact_check_page_at_320px_passes_axe_and_takes_comments(
    new_page, officer_a, waiting_offer_a
):
    from django.core import mail

    editor = new_page(user=officer_a)
    editor.goto(_workspace(waiting_offer_a, "fact-check/"))
    editor.get_by_label("Their name").fill("Dr Example")
    editor.get_by_label("Their email address").fill("gp@health.example")
    editor.get_by_label("The whole draft").check()
    editor.get_by_role("button", name="Send the link").click()
    editor.wait_for_load_state()
    assert "Sent the whole draft to Dr Example" in editor.locator("main").inner_text()
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/fact-check/" in line)
    path = "/" + link.strip().split("/", 3)[3]

    visitor = new_page(width=320, height=640)
    visitor.goto(path)
    assert "Meet other kinship carers" in visitor.locator("main").inner_text()
    assert_no_horizontal_scroll(visitor, 320)
    assert_no_axe_violations(visitor)
    visitor.get_by_role("button", name="Send your comments").click()
    visitor.wait_for_load_state()
    assert visitor.title().startswith("Error:")
    assert_no_axe_violations(visitor)
    assert_no_horizontal_scroll(visitor, 320)
    visitor.locator("textarea").first.fill("The allowance table is right.")
    visitor.get_by_role("button", name="Send your comments").click()
    visitor.wait_for_load_state()
    assert "Thank you for your comments" in visitor.locator("main").inner_text()
    assert_no_axe_violations(visitor)

    editor.goto(_workspace(waiting_offer_a, "fact-check/"))
    assert "The allowance table is right." in editor.locator("main").inner_text()

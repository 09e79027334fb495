"""Officer pages in a real browser: no axe-core violations (WCAG 2.2 A/AA; the Django admin is
not held to axe's best-practice rules, e.g. its login page has no <h1>)."""

import pytest

from tests.factories import AllowanceFactory, ContactFactory

from .helpers import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_login_page_has_no_axe_violations(page):
    page.goto("/admin/login/")
    assert page.get_by_label("Username").is_visible()
    assert_no_axe_violations(page, wcag_only=True)


def test_officer_logs_in_through_the_form_and_sees_the_admin_index(page, officer_a):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("officer-a")
    page.get_by_label("Password").fill("test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your council's kinship local offer"
    assert_no_axe_violations(page, wcag_only=True)


def test_offer_change_form_has_no_axe_violations(new_page, officer_a, offer_a):
    page = new_page(user=officer_a)
    page.goto(f"/admin/offers/offer/{offer_a.pk}/change/")
    assert page.locator("#id_title").input_value() == "Ashdown test offer"
    # The section inline shows the offer's section for editing on the same page.
    assert page.locator("input[value='Money for carers A']").count() == 1
    assert_no_axe_violations(page, wcag_only=True)


def test_section_change_form_with_entry_inlines_has_no_axe_violations(new_page, officer_a, offer_a):
    section = offer_a.sections.get()
    ContactFactory(section=section)
    AllowanceFactory(section=section, name="Allowance for CAO carers", arrangement_types=["cao"])
    page = new_page(user=officer_a)
    page.goto(f"/admin/offers/section/{section.pk}/change/")
    assert page.locator("input[value='Allowance for CAO carers']").count() == 1
    assert page.locator("input[value='Kinship support team']").count() == 1
    assert_no_axe_violations(page, wcag_only=True)


def test_dashboard_has_no_axe_violations(new_page, approver_a, officer_a, offer_a):
    from offers.services import offer_submit
    from tests.factories import FeedbackFactory

    FeedbackFactory(council=offer_a.council)
    offer_submit(offer=offer_a, by=officer_a)
    page = new_page(user=approver_a)
    page.goto("/admin/")
    assert page.get_by_role("heading", name="Waiting for you to approve").is_visible()
    assert page.get_by_role("heading", name="Ashdown Test Council").is_visible()
    assert page.get_by_role("link", name="Audit trail entries").is_visible()  # app list kept
    assert_no_axe_violations(page)


def test_audit_trail_and_feedback_inbox_have_no_axe_violations(new_page, officer_a, offer_a):
    from offers.models import AuditAction
    from offers.services import _audit
    from tests.factories import FeedbackFactory

    _audit(offer=offer_a, by=officer_a, action=AuditAction.EDIT, detail="Changed the title")
    FeedbackFactory(council=offer_a.council)
    page = new_page(user=officer_a)
    page.goto("/admin/offers/auditevent/?start=2026-01-01&end=2025-01-01")
    assert page.get_by_text("Changed the title").is_visible()
    assert page.get_by_label("From").input_value() == "2026-01-01"
    assert page.get_by_text("must be the same as or after").is_visible()
    assert_no_axe_violations(page)
    page.goto("/admin/offers/feedback/")
    assert page.get_by_role("link", name="Download as CSV").is_visible()
    assert_no_axe_violations(page)

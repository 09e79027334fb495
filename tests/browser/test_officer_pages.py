"""Officer pages in a real browser: no axe-core violations (WCAG 2.2 A/AA; the Django admin is
not held to axe's best-practice rules, e.g. its login page has no <h1>)."""

import pytest

from tests.factories import AllowanceFactory, ContactFactory

from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll

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


# --- Dates as GOV.UK date inputs, the publish page's choices ------------------------------------


def test_review_dates_are_labelled_boxes_and_an_error_keeps_them_accessible(
    new_page, officer_a, offer_a
):
    page = new_page(user=officer_a)
    page.goto(f"/admin/offers/offer/{offer_a.pk}/change/")
    group = page.get_by_role("group", name="Last reviewed")
    assert group.get_by_label("Day").input_value() == "1"
    assert group.get_by_label("Month").input_value() == "4"
    assert group.get_by_label("Year").input_value() == "2026"
    assert_no_axe_violations(page, wcag_only=True)

    group.get_by_label("Month").fill("13")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("Enter a real date").is_visible()
    assert page.get_by_role("group", name="Last reviewed").get_by_label("Month").input_value() == (
        "13"
    )
    assert_no_axe_violations(page, wcag_only=True)


def test_publish_page_with_a_schedule_and_its_errors_has_no_axe_violations(
    new_page, approver_a, offer_a
):
    import datetime

    from django.utils import timezone

    from offers.services import offer_schedule

    offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="April rates",
        accept_gaps=True,
        publish_at=timezone.now() + datetime.timedelta(days=5),
    )
    page = new_page(user=approver_a)
    page.goto(f"/admin/offers/offer/{offer_a.pk}/publish/")
    assert page.get_by_label("Keep 1 April 2026").is_visible()
    assert page.get_by_label("Cancel the scheduled publish and publish now").is_visible()
    assert page.get_by_role("group", name="Next review due").get_by_label("Year").is_visible()
    assert_no_axe_violations(page, wcag_only=True)

    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Choose whether to keep the last reviewed date" in summary.inner_text()
    assert "Tick the box to confirm" in summary.inner_text()
    assert_no_axe_violations(page, wcag_only=True)


def test_schedule_page_date_and_time_boxes_have_no_axe_violations(new_page, approver_a, offer_a):
    page = new_page(user=approver_a)
    page.goto(f"/admin/offers/offer/{offer_a.pk}/schedule/")
    when = page.get_by_role("group", name="Date and time to publish")
    for box in ("Day", "Month", "Year", "Time"):
        assert when.get_by_label(box).is_visible()
    when.get_by_label("Day").fill("1")
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_load_state()
    assert (
        page.locator(".govuk-error-summary")
        .get_by_text("Publishing date must include a month and year")
        .is_visible()
    )
    assert_no_axe_violations(page, wcag_only=True)


def test_a_long_council_name_does_not_widen_officer_pages_at_320px(new_page, officer_a, offer_a):
    # One 33-letter word in the name: the dashboard's and the change page's headings hold it,
    # and the preview has the public pages' header.
    council = offer_a.council
    council.name = "Ashdownfenwickandmarshallbrookend Borough Council"
    council.save()
    page = new_page(user=officer_a, width=320, height=640)
    for path in [
        "/admin/",
        f"/admin/offers/offer/{offer_a.pk}/change/",
        f"/admin/offers/offer/{offer_a.pk}/preview/",
    ]:
        assert page.goto(path).ok
        assert "Ashdownfenwickandmarshallbrookend" in page.locator("main").inner_text()
        assert_no_horizontal_scroll(page, 320)


def test_national_schemes_admin_pages_have_no_axe_violations(new_page, site_admin):
    from offers.national_schemes import national_schemes_publish
    from tests.factories import NationalSchemeFactory

    scheme = NationalSchemeFactory(name="Guardian payment (example)", check_before_live=True)
    national_schemes_publish(by=site_admin, summary="First list")
    scheme.summary = "Changed since version 1."
    scheme.save()
    page = new_page(user=site_admin)
    for path, shown in [
        ("/admin/offers/nationalscheme/", "1 change not published yet"),
        (f"/admin/offers/nationalscheme/{scheme.pk}/change/", "Limited to these councils"),
        ("/admin/offers/nationalscheme/publish/", "What will change"),
        ("/admin/offers/nationalscheme/versions/", "Version 1"),
        ("/admin/offers/nationalscheme/versions/1/", "The schemes in this version"),
    ]:
        assert page.goto(path).ok, path
        assert shown in page.locator("#content").inner_text(), path
        assert_no_axe_violations(page, wcag_only=True)
    page.goto("/admin/offers/nationalscheme/publish/")
    page.get_by_role("button", name="Publish the national schemes").click()
    page.wait_for_load_state()
    assert "Enter a short summary" in page.locator(".govuk-error-summary").inner_text()
    assert_no_axe_violations(page, wcag_only=True)

"""The admin in a real browser, now that it is the site administrators' alone: an officer who
signs in there lands in the workspace; the site administrators' pages have no axe-core
violations (WCAG 2.2 A/AA; the Django admin is not held to axe's best-practice rules, e.g.
its login page has no <h1>); and a long council name does not widen the workspace at 320 px."""

import pytest

from .helpers import assert_no_axe_violations, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_login_page_has_no_axe_violations(page):
    page.goto("/admin/login/")
    assert page.get_by_label("Username").is_visible()
    assert_no_axe_violations(page, wcag_only=True)


def test_an_officer_who_signs_in_on_the_admin_lands_on_their_task_list(page, officer_a, offer_a):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("officer-a")
    page.get_by_label("Password").fill("test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/workspace/{offer_a.council.slug}/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert "About your offer" in page.locator("main").inner_text()
    # Opening an admin page again goes to the workspace too.
    page.goto("/admin/offers/council/")
    page.wait_for_url(f"**/workspace/{offer_a.council.slug}/")


def test_site_administrators_pages_have_no_axe_violations(new_page, site_admin, offer_a):
    from offers.services import _audit
    from tests.factories import FeedbackFactory

    FeedbackFactory(council=offer_a.council, comment="The rates table is unclear")
    _audit(offer=offer_a, by=site_admin, action="edit", detail="Checked by the site admin")
    page = new_page(user=site_admin)
    for path, shown in [
        ("/admin/", "Councils"),
        (f"/admin/offers/council/{offer_a.council.pk}/change/", "Ashdown Test Council"),
        ("/admin/offers/offer/", "Open Ashdown Test Council in the workspace"),
        ("/admin/offers/feedback/", "The rates table is unclear"),
        ("/admin/offers/auditevent/", "Checked by the site admin"),
    ]:
        assert page.goto(path).ok, path
        assert shown in page.locator("#content").inner_text(), path
        assert_no_axe_violations(page, wcag_only=True)


def test_a_long_council_name_does_not_widen_the_workspace_at_320px(new_page, officer_a, offer_a):
    # One 33-letter word in the name: the task list's heading holds it, and the preview has
    # the public pages' header.
    council = offer_a.council
    council.name = "Ashdownfenwickandmarshallbrookend Borough Council"
    council.save()
    page = new_page(user=officer_a, width=320, height=640)
    for path in [f"/workspace/{council.slug}/", f"/workspace/{council.slug}/preview/"]:
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

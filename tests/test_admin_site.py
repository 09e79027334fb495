"""The admin is for site administrators; officers work in /workspace/.

An officer (staff with a membership, not a superuser) who opens any /admin/ page, its
sign-in page included, is sent to the workspace. A site administrator keeps councils, people
and memberships, helplines, the jargon list and national schemes, and reads every council's
offers, feedback and audit trail there, without changing them (that is the workspace's job).
Cast: an editor and an approver of council A, a site administrator, a staff user with no
council, anonymous.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission

from offers.models import AuditAction, AuditEvent, Feedback, Membership, Offer
from offers.services import _audit

from .admin_helpers import resubmit
from .factories import FeedbackFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/login/",
    "/admin/offers/offer/",
    "/admin/offers/feedback/",
    "/admin/offers/auditevent/",
    "/admin/offers/council/",
    "/admin/offers/council/add/",
    "/admin/offers/nationalhelpline/",
    "/admin/offers/jargonterm/",
    "/admin/offers/nationalscheme/",
    "/admin/auth/user/",
    "/admin/auth/group/",
    "/admin/no-such-page/",
]


@pytest.fixture
def events(offer_a, offer_b, officer_a, officer_b):
    return (
        _audit(offer=offer_a, by=officer_a, action=AuditAction.EDIT, detail="Ashdown edit"),
        _audit(offer=offer_b, by=officer_b, action=AuditAction.EDIT, detail="Brackenford edit"),
    )


# --- Officers are sent to the workspace ------------------------------------------------------


@pytest.mark.parametrize("who", ["officer_a", "approver_a"])
@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_an_officer_who_opens_the_admin_is_sent_to_the_workspace(client, request, who, page):
    client.force_login(request.getfixturevalue(who))
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == "/workspace/"


def test_an_officer_who_signs_in_on_the_admins_page_lands_in_the_workspace(
    client, officer_a, offer_a
):
    officer_a.set_password("correct horse battery")
    officer_a.save()
    response = client.post(
        "/admin/login/",
        {"username": "officer-a", "password": "correct horse battery", "next": "/admin/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/workspace/{offer_a.council.slug}/"
    assert "About your offer" in response.content.decode()


def test_an_officer_cannot_change_anything_by_posting_to_the_admin(client_a, officer_a, council_b):
    response = client_a.post(f"/admin/auth/user/{officer_a.pk}/change/", {"is_superuser": "on"})
    assert response["Location"] == "/workspace/"
    client_a.post(f"/admin/offers/council/{council_b.pk}/delete/", {"post": "yes"})
    officer_a.refresh_from_db()
    assert not officer_a.is_superuser
    assert council_b.__class__.objects.filter(pk=council_b.pk).exists()


def test_stray_model_permissions_do_not_keep_an_officer_in_the_admin(client_a, officer_a):
    group = Group.objects.create(name="Too generous")
    group.permissions.set(
        Permission.objects.filter(codename__in=["view_council", "change_council", "view_user"])
    )
    officer_a.groups.add(group)
    assert client_a.get("/admin/offers/council/")["Location"] == "/workspace/"


def test_anonymous_visitors_get_the_admins_own_sign_in_page(client):
    response = client.get("/admin/offers/council/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "Log in" in client.get("/admin/login/").content.decode()


def test_staff_without_a_council_see_nothing_in_the_admin(client, offer_a):
    """Not an officer, so not sent to the workspace; and not a site administrator either."""
    client.force_login(UserFactory(username="stranger", is_staff=True))
    html = client.get("/admin/").content.decode()
    assert "permission to view or edit anything" in html
    assert client.get("/admin/offers/offer/").status_code == 403
    assert client.get("/admin/offers/council/").status_code == 403


def test_an_officer_whose_membership_ended_is_no_longer_sent_to_the_workspace(
    client, officer_a, offer_a
):
    Membership.objects.filter(user=officer_a).delete()
    client.force_login(officer_a)
    assert client.get("/admin/offers/offer/").status_code == 403


# --- Site administrators keep the admin ------------------------------------------------------


def test_the_admin_home_lists_the_site_wide_data(client_admin):
    html = client_admin.get("/admin/").content.decode()
    assert "Kinship support: site administration" in html
    for link in (
        "/admin/offers/council/",
        "/admin/auth/user/",
        "/admin/offers/nationalhelpline/",
        "/admin/offers/jargonterm/",
        "/admin/offers/nationalscheme/",
        "/admin/offers/offer/",
        "/admin/offers/feedback/",
        "/admin/offers/auditevent/",
    ):
        assert f'href="{link}"' in html
    for gone in ("/admin/offers/section/", "/admin/offers/offer/add/"):
        assert gone not in html


def test_the_council_page_manages_its_officers(client_admin, council_a, officer_a):
    html = client_admin.get(f"/admin/offers/council/{council_a.pk}/change/").content.decode()
    assert "officers who work on this council" in html.lower()
    assert "officer-a" in html
    assert "tabular" not in html  # stacked inlines: every input has a label


def test_a_site_admin_can_add_an_officer_to_a_council(client_admin, council_b):
    newcomer = UserFactory(username="newcomer", is_staff=False)
    response = resubmit(
        client_admin,
        f"/admin/offers/council/{council_b.pk}/change/",
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-user": str(newcomer.pk),
            "memberships-0-role": "editor",
            "memberships-0-council": str(council_b.pk),
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=newcomer, council=council_b).exists()
    newcomer.refresh_from_db()
    assert newcomer.is_staff


def test_every_councils_offer_is_listed_with_a_link_to_its_workspace(
    client_admin, offer_a, offer_b
):
    html = client_admin.get("/admin/offers/offer/").content.decode()
    assert "Ashdown test offer" in html and "Brackenford test offer" in html
    assert "Not published yet" in html
    assert f'href="/workspace/{offer_a.council.slug}/"' in html
    assert f'href="/workspace/{offer_b.council.slug}/"' in html


@pytest.mark.parametrize("page", ["change", "delete"])
def test_offers_are_not_edited_or_deleted_in_the_admin(client_admin, offer_a, page):
    assert client_admin.get("/admin/offers/offer/add/").status_code == 403
    response = client_admin.post(f"/admin/offers/offer/{offer_a.pk}/{page}/", {"post": "yes"})
    assert response.status_code in (302, 403)  # the view-only page or a refusal
    assert Offer.objects.filter(pk=offer_a.pk, title="Ashdown test offer").exists()


def test_officers_pages_are_gone_from_the_admin(client_admin, offer_a):
    section = offer_a.sections.get()
    for page in (
        f"/admin/offers/section/{section.pk}/change/",
        f"/admin/offers/offer/{offer_a.pk}/publish/",
        f"/admin/offers/offer/{offer_a.pk}/preview/",
        f"/admin/offers/offer/{offer_a.pk}/import/",
        "/admin/offers/feedback/export/",
    ):
        response = client_admin.get(page)
        assert response.status_code in (302, 404), page  # the admin's "does not exist" path
        assert response.status_code == 404 or "/admin/" in response["Location"]


def test_feedback_is_read_not_changed(client_admin, council_a, council_b):
    mine = FeedbackFactory(council=council_a, section_heading="Ashdown feedback heading")
    FeedbackFactory(council=council_b, section_heading="Brackenford feedback heading")
    html = client_admin.get("/admin/offers/feedback/").content.decode()
    assert "Ashdown feedback heading" in html and "Brackenford feedback heading" in html
    client_admin.post(f"/admin/offers/feedback/{mine.pk}/change/", {"comment": "changed"})
    client_admin.post(f"/admin/offers/feedback/{mine.pk}/delete/", {"post": "yes"})
    assert Feedback.objects.get(pk=mine.pk).section_heading == "Ashdown feedback heading"


def test_the_audit_trail_is_read_only_and_lists_every_council(client_admin, events):
    own, other = events
    html = client_admin.get("/admin/offers/auditevent/").content.decode()
    assert "Ashdown edit" in html and "Brackenford edit" in html
    assert client_admin.get("/admin/offers/auditevent/add/").status_code == 403
    url = f"/admin/offers/auditevent/{own.pk}/"
    assert client_admin.post(url + "delete/", {"post": "yes"}).status_code == 403
    client_admin.post(url + "change/", {"detail": "x"})
    client_admin.post(
        "/admin/offers/auditevent/",
        {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"},
    )
    assert AuditEvent.objects.get(pk=own.pk).detail == "Ashdown edit"


def test_admin_pages_load_the_stylesheet_that_underlines_breadcrumbs(client_admin, council_a):
    html = client_admin.get(f"/admin/offers/council/{council_a.pk}/change/").content.decode()
    assert '<link rel="stylesheet" href="/static/admin-overrides/admin.css">' in html
    assert '<div class="breadcrumbs">' in html
    css = (Path(settings.BASE_DIR) / "static/admin-overrides/admin.css").read_text()
    rule = css[css.index("div.breadcrumbs a") : css.index("}", css.index("div.breadcrumbs a"))]
    assert "text-decoration: underline" in rule


def test_every_registered_admin_model_is_for_site_administrators():
    """A model added to the admin must be one site administrators manage (tested here, in
    test_helplines, test_national_schemes, or test_plain_english for jargon terms)."""
    from django.contrib import admin
    from django.contrib.auth.models import User

    from offers.admin.scoping import SiteAdminOnlyMixin
    from offers.models import Council, JargonTerm, NationalHelpline, NationalScheme

    covered = {
        Council,
        Offer,
        Feedback,
        AuditEvent,
        User,
        Group,
        NationalHelpline,
        NationalScheme,
        JargonTerm,
    }
    assert set(admin.site._registry) == covered
    assert all(
        isinstance(model_admin, SiteAdminOnlyMixin) for model_admin in admin.site._registry.values()
    )

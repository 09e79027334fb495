"""An officer of council A works only on council A, in every corner of the admin.

Each test puts council B's object in front of officer A through the HTTP client, the way a
curious or mistaken officer would (guessing an id, editing a form's hidden fields), and
checks that nothing of B's is shown or changed. A control on A's own object in the same
test shows the page works, so a blanket failure cannot pass for isolation.
"""

import pytest
from django.contrib.auth.models import Group

from offers.models import Allowance, Council, Feedback, Membership, Offer, Section

from .admin_helpers import form_data, resubmit
from .factories import (
    CouncilFactory,
    FeedbackFactory,
    MembershipFactory,
    OfferFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The council-scoped admin pages; entries (Allowance etc.) are inlines of a section.
SCOPED = ["offer", "section", "feedback"]


@pytest.fixture
def feedback_a(council_a):
    return FeedbackFactory(council=council_a, section_heading="Ashdown feedback heading")


@pytest.fixture
def feedback_b(council_b):
    return FeedbackFactory(council=council_b, section_heading="Brackenford feedback heading")


@pytest.fixture
def cast(offer_a, offer_b, feedback_a, feedback_b):
    """One object of each scoped model per council, with the text that identifies it."""
    return {
        "offer": (offer_a, offer_b, "Ashdown test offer", "Brackenford test offer"),
        "section": (
            offer_a.sections.get(),
            offer_b.sections.get(),
            "Money for carers A",
            "Money for carers B",
        ),
        "feedback": (
            feedback_a,
            feedback_b,
            "Ashdown feedback heading",
            "Brackenford feedback heading",
        ),
    }


def url(model: str, action: str = "changelist", pk=None) -> str:
    base = f"/admin/offers/{model}/"
    return base if action == "changelist" else f"{base}{pk}/{action}/" if pk else base + "add/"


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


# --- Changelists and search ------------------------------------------------------------------


@pytest.mark.parametrize("model", SCOPED)
def test_changelist_shows_only_own_councils_rows(client_a, cast, model):
    _a, _b, a_text, b_text = cast[model]
    html = client_a.get(url(model)).content.decode()
    assert a_text in html
    assert b_text not in html


@pytest.mark.parametrize("model", SCOPED)
def test_search_cannot_find_another_councils_rows(client_a, cast, model):
    own, _b, a_text, b_text = cast[model]
    found = client_a.get(url(model), {"q": a_text})
    not_found = client_a.get(url(model), {"q": b_text})
    assert list(found.context["cl"].result_list) == [own]
    assert list(not_found.context["cl"].result_list) == []
    assert "0 results (" in not_found.content.decode()


def test_changelist_filter_by_another_councils_offer_finds_nothing(client_a, cast, offer_b):
    html = client_a.get(url("section"), {"offer__id__exact": offer_b.pk}).content.decode()
    assert "Money for carers B" not in html
    # The "by offer" filter lists only the officer's own offers.
    assert "Brackenford" not in html


# --- Change, delete and history pages for another council's object ---------------------------


@pytest.mark.parametrize("model", SCOPED)
@pytest.mark.parametrize("action", ["change", "delete", "history"])
def test_another_councils_object_is_not_found(client_a, cast, model, action):
    own, other, _a, b_text = cast[model]
    if not (model == "offer" and action == "delete"):  # officers never delete offers
        assert client_a.get(url(model, action, own.pk)).status_code == 200
    response = client_a.get(url(model, action, other.pk))
    assert response.status_code == 404
    assert b_text not in response.content.decode()


def test_officer_cannot_change_another_councils_offer_by_post(client_a, offer_a, offer_b):
    data = form_data(client_a.get(url("offer", "change", offer_a.pk)))
    data["title"] = ["Taken over"]
    response = client_a.post(url("offer", "change", offer_b.pk), data)
    assert response.status_code == 404
    assert fresh(offer_b).title == "Brackenford test offer"


def test_officer_cannot_change_another_councils_section_by_post(client_a, offer_a, offer_b):
    own, other = offer_a.sections.get(), offer_b.sections.get()
    data = form_data(client_a.get(url("section", "change", own.pk)))
    data["heading"] = ["Taken over"]
    response = client_a.post(url("section", "change", other.pk), data)
    assert response.status_code == 404
    assert fresh(other).heading == "Money for carers B"


def test_feedback_cannot_be_changed_by_any_officer(client_a, feedback_a, feedback_b):
    for feedback, status in ((feedback_a, 403), (feedback_b, 404)):
        response = client_a.post(url("feedback", "change", feedback.pk), {"comment": "Edited"})
        assert response.status_code == status
        assert fresh(feedback).comment == "I did not understand means-tested."


@pytest.mark.parametrize("model", ["section", "feedback"])
def test_officer_cannot_delete_another_councils_object_by_post(client_a, cast, model):
    own, other, _a, _b = cast[model]
    response = client_a.post(url(model, "delete", other.pk), {"post": "yes"})
    assert response.status_code == 404
    assert type(other).objects.filter(pk=other.pk).exists()
    # Control: the same request on their own council's object does delete it.
    assert client_a.post(url(model, "delete", own.pk), {"post": "yes"}).status_code == 302
    assert not type(own).objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize("model", ["section", "feedback"])
def test_bulk_delete_posting_another_councils_ids_deletes_only_own(client_a, cast, model):
    own, other, _a, _b = cast[model]
    response = client_a.post(
        url(model),
        {"action": "delete_selected", "_selected_action": [own.pk, other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert type(other).objects.filter(pk=other.pk).exists()
    assert not type(own).objects.filter(pk=own.pk).exists()


def test_bulk_delete_of_offers_is_not_offered_to_officers(client_a, offer_a, offer_b):
    html = client_a.get(url("offer")).content.decode()
    assert "delete_selected" not in html
    client_a.post(
        url("offer"),
        {"action": "delete_selected", "_selected_action": [offer_a.pk, offer_b.pk], "post": "yes"},
    )
    assert Offer.objects.filter(pk__in=[offer_a.pk, offer_b.pk]).count() == 2


# --- Add forms: foreign-key choices ------------------------------------------------------------


def test_offer_add_form_offers_only_own_councils_without_an_offer(client_a, council_a, council_b):
    html = client_a.get(url("offer", "add")).content.decode()
    assert f'<option value="{council_a.pk}">Ashdown Test Council</option>' in html
    assert "Brackenford Test Council" not in html


def test_offer_add_with_another_councils_id_is_rejected_and_saves_nothing(
    client_a, council_a, council_b
):
    response = resubmit(
        client_a,
        url("offer", "add"),
        {
            "council": str(council_b.pk),
            "introduction": "We help.",
            "manager_name": "Pat Example",
            "manager_job_title": "Head of service",
            "last_reviewed": "01/04/2026",
            "next_review_due": "01/04/2027",
        },
    )
    assert response.status_code == 200
    assert "Choose a council from the list" in response.content.decode()
    assert not Offer.objects.exists()


def test_section_add_form_lists_only_own_offers(client_a, offer_a, offer_b):
    html = client_a.get(url("section", "add")).content.decode()
    assert f'<option value="{offer_a.pk}">' in html
    assert f'<option value="{offer_b.pk}">' not in html
    assert "Brackenford" not in html


def test_section_add_with_another_councils_offer_is_rejected_and_saves_nothing(
    client_a, offer_a, offer_b
):
    before = Section.objects.count()
    response = resubmit(
        client_a,
        url("section", "add"),
        {
            "offer": str(offer_b.pk),
            "kind": "legal",
            "heading": "Planted section",
            "summary": "Should not be saved.",
        },
    )
    assert response.status_code == 200
    assert "Choose an offer from the list" in response.content.decode()
    assert Section.objects.count() == before
    assert not offer_b.sections.filter(heading="Planted section").exists()


def test_section_cannot_be_moved_to_another_councils_offer(client_a, offer_a, offer_b):
    section = offer_a.sections.get()
    response = resubmit(client_a, url("section", "change", section.pk), {"offer": str(offer_b.pk)})
    assert response.status_code == 302
    assert fresh(section).offer_id == offer_a.pk


def test_offer_cannot_be_moved_to_another_council(client_a, offer_a, council_b):
    response = resubmit(client_a, url("offer", "change", offer_a.pk), {"council": council_b.pk})
    assert response.status_code == 302
    assert fresh(offer_a).council_id == offer_a.council_id


# --- Autocomplete -------------------------------------------------------------------------------


def test_autocomplete_for_offers_returns_only_own_councils(client_a, offer_a, offer_b):
    params = {"app_label": "offers", "model_name": "section", "field_name": "offer"}
    results = client_a.get("/admin/autocomplete/", {**params, "term": ""}).json()["results"]
    assert [r["id"] for r in results] == [str(offer_a.pk)]
    found = client_a.get("/admin/autocomplete/", {**params, "term": "Brackenford"}).json()
    assert found["results"] == []


@pytest.mark.parametrize(
    "model_name, field_name",
    [("membership", "user"), ("membership", "council"), ("offer", "council")],
)
def test_autocomplete_for_users_and_councils_is_refused_to_officers(
    client_a, council_b, model_name, field_name
):
    response = client_a.get(
        "/admin/autocomplete/",
        {"app_label": "offers", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 403
    assert "Brackenford" not in response.content.decode()


# --- Inlines ----------------------------------------------------------------------------------


def test_section_form_shows_only_that_sections_entries(client_a, offer_a, offer_b):
    section = offer_a.sections.get()
    other_in_same_offer = SectionFactory(offer=offer_a, heading="Second section")
    Allowance.objects.create(
        section=other_in_same_offer,
        name="Allowance in another section",
        amount=5,
        frequency="weekly",
        applies_from="2026-04-01",
    )
    html = client_a.get(url("section", "change", section.pk)).content.decode()
    assert 'value="Allowance A"' in html
    assert "Allowance in another section" not in html
    assert "Allowance B" not in html


def test_tampered_inline_entry_id_from_another_council_changes_nothing(client_a, offer_a, offer_b):
    section = offer_a.sections.get()
    theirs = Allowance.objects.get(name="Allowance B")
    ours = Allowance.objects.get(name="Allowance A")
    # Django's formset drops a row whose id is not in the inline's queryset.
    resubmit(
        client_a,
        url("section", "change", section.pk),
        {"allowances-0-id": str(theirs.pk), "allowances-0-name": "Hijacked"},
    )
    assert (fresh(theirs).name, fresh(theirs).section_id) == ("Allowance B", theirs.section_id)
    assert fresh(ours).name == "Allowance A"


def test_tampered_new_inline_row_with_another_councils_id_does_not_touch_theirs(
    client_a, offer_a, offer_b
):
    section = offer_a.sections.get()
    theirs = Allowance.objects.get(name="Allowance B")
    data = form_data(client_a.get(url("section", "change", section.pk)))
    data |= {
        "allowances-TOTAL_FORMS": ["2"],
        "allowances-1-id": [str(theirs.pk)],
        "allowances-1-order": ["2"],
        "allowances-1-name": ["Hijacked"],
        "allowances-1-amount": ["1.00"],
        "allowances-1-frequency": ["weekly"],
        "allowances-1-applies_from": ["01/04/2026"],
    }
    client_a.post(url("section", "change", section.pk), data)
    assert (fresh(theirs).name, fresh(theirs).section_id) == ("Allowance B", theirs.section_id)


def test_tampered_inline_delete_of_another_councils_entry_deletes_nothing(
    client_a, offer_a, offer_b
):
    section = offer_a.sections.get()
    theirs = Allowance.objects.get(name="Allowance B")
    resubmit(
        client_a,
        url("section", "change", section.pk),
        {"allowances-0-id": str(theirs.pk), "allowances-0-DELETE": "on"},
    )
    assert Allowance.objects.filter(pk=theirs.pk).exists()


def test_tampered_inline_section_id_from_another_council_changes_nothing(
    client_a, offer_a, offer_b
):
    theirs = offer_b.sections.get()
    resubmit(
        client_a,
        url("offer", "change", offer_a.pk),
        {"sections-0-id": str(theirs.pk), "sections-0-heading": "Hijacked"},
    )
    assert fresh(theirs).heading == "Money for carers B"
    assert fresh(theirs).offer_id == offer_b.pk


def test_offer_form_inline_lists_only_that_offers_sections(client_a, offer_a, offer_b):
    html = client_a.get(url("offer", "change", offer_a.pk)).content.decode()
    assert 'value="Money for carers A"' in html
    assert "Money for carers B" not in html


# --- Site administrators' pages -----------------------------------------------------------------

SITE_ADMIN_PAGES = [
    "/admin/offers/council/",
    "/admin/offers/council/add/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/auth/group/",
    "/admin/auth/group/add/",
]


@pytest.mark.parametrize("page", SITE_ADMIN_PAGES)
def test_officers_cannot_reach_site_administrator_pages(client_a, council_b, page):
    response = client_a.get(page)
    assert response.status_code == 403
    assert "Brackenford" not in response.content.decode()


def test_officers_cannot_open_or_change_councils_or_users(client_a, council_a, officer_a):
    for page in (
        f"/admin/offers/council/{council_a.pk}/change/",
        f"/admin/auth/user/{officer_a.pk}/change/",
    ):
        assert client_a.get(page).status_code == 403
    client_a.post(f"/admin/auth/user/{officer_a.pk}/change/", {"is_superuser": "on"})
    officer_a.refresh_from_db()
    assert not officer_a.is_superuser


def test_stray_model_permissions_do_not_open_site_administrator_pages(client_a, officer_a):
    """A site admin might add an officer to a group by mistake; councils stay closed."""
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="Too generous")
    group.permissions.set(
        Permission.objects.filter(codename__in=["view_council", "change_council", "view_user"])
    )
    officer_a.groups.add(group)
    assert client_a.get("/admin/offers/council/").status_code == 403
    assert client_a.get("/admin/auth/user/").status_code == 403


def test_admin_index_shows_an_officer_only_what_they_can_use(client_a, offer_a):
    html = client_a.get("/admin/").content.decode()
    for link in (
        'href="/admin/offers/offer/"',
        'href="/admin/offers/section/"',
        'href="/admin/offers/feedback/"',
        'href="/admin/offers/section/add/"',
    ):
        assert link in html
    for link in (
        "/admin/offers/council/",
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/offers/feedback/add/",
        "/admin/offers/offer/add/",
    ):
        assert link not in html


def test_site_admin_sees_and_manages_everything(client_admin, cast, council_a, officer_a):
    for model in SCOPED:
        html = client_admin.get(url(model)).content.decode()
        assert cast[model][2] in html and cast[model][3] in html
    html = client_admin.get("/admin/").content.decode()
    for link in ("/admin/offers/council/", "/admin/auth/user/", "/admin/auth/group/"):
        assert link in html
    council_page = client_admin.get(f"/admin/offers/council/{council_a.pk}/change/")
    assert "officer-a" in council_page.content.decode()  # memberships are managed here


def test_site_admin_can_add_an_officer_to_a_council(client_admin, council_b):
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


def test_site_admin_can_delete_an_offer(client_admin, offer_b):
    response = client_admin.post(url("offer", "delete", offer_b.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Offer.objects.filter(pk=offer_b.pk).exists()


def test_officer_cannot_delete_their_own_councils_offer(client_a, offer_a, offer_b):
    assert client_a.get(url("offer", "delete", offer_a.pk)).status_code == 403
    assert client_a.post(url("offer", "delete", offer_a.pk), {"post": "yes"}).status_code == 403
    assert Offer.objects.filter(pk=offer_a.pk).exists()
    # Another council's offer answers "not found", as every other page for it does.
    assert client_a.post(url("offer", "delete", offer_b.pk), {"post": "yes"}).status_code == 404
    html = client_a.get(url("offer", "change", offer_a.pk)).content.decode()
    assert url("offer", "delete", offer_a.pk) not in html


# --- Users with no council, and users with two ---------------------------------------------------


def test_staff_user_without_a_membership_sees_nothing(client, offer_a, feedback_a):
    stranger = UserFactory(username="stranger", is_staff=True)
    client.force_login(stranger)
    html = client.get("/admin/").content.decode()
    assert "permission to view or edit anything" in html
    assert "/admin/offers/" not in html
    for model in SCOPED:
        assert client.get(url(model)).status_code == 403
    assert client.get(url("offer", "change", offer_a.pk)).status_code == 404


def test_officer_of_two_councils_sees_both(client, offer_a, offer_b):
    both = MembershipFactory(
        council=offer_a.council, user=UserFactory(username="both-councils")
    ).user
    MembershipFactory(council=offer_b.council, user=both)
    third = OfferFactory(council=CouncilFactory(name="Thirdtown Test Council"), title="Third")
    client.force_login(both)
    html = client.get(url("offer")).content.decode()
    assert "Ashdown test offer" in html and "Brackenford test offer" in html
    assert "Third" not in html
    assert client.get(url("offer", "change", offer_b.pk)).status_code == 200
    assert client.get(url("offer", "change", third.pk)).status_code == 404


def test_officer_whose_membership_ended_sees_nothing(client, officer_a, offer_a):
    Membership.objects.filter(user=officer_a).delete()
    client.force_login(officer_a)
    assert client.get(url("offer")).status_code == 403
    assert client.get(url("offer", "change", offer_a.pk)).status_code == 404


def test_council_count_unchanged_by_officer_posts(client_a, council_b):
    before = Council.objects.count()
    client_a.post("/admin/offers/council/add/", {"name": "Rogue", "slug": "rogue"})
    client_a.post(f"/admin/offers/council/{council_b.pk}/delete/", {"post": "yes"})
    assert Council.objects.count() == before
    assert Feedback.objects.count() == 0


# --- The audit trail (read-only for everyone) -----------------------------------------------


@pytest.fixture
def events(offer_a, offer_b, officer_a, officer_b):
    from offers.models import AuditAction
    from offers.services import _audit

    return (
        _audit(offer=offer_a, by=officer_a, action=AuditAction.EDIT, detail="Ashdown edit"),
        _audit(offer=offer_b, by=officer_b, action=AuditAction.EDIT, detail="Brackenford edit"),
    )


def test_audit_trail_lists_only_own_councils_events(client_a, events, offer_b, officer_b):
    html = client_a.get(url("auditevent")).content.decode()
    assert "Ashdown edit" in html and "Brackenford edit" not in html
    for params in (
        {"offer__council__id__exact": offer_b.council_id},
        {"actor__id__exact": officer_b.pk},
        {"q": "edit"},
    ):
        response = client_a.get(url("auditevent"), params)
        assert response.status_code == 200
        # Neither B's event nor B's council or officer among the filters' choices.
        assert "Brackenford" not in response.content.decode()
        assert "officer-b" not in response.content.decode()


@pytest.mark.parametrize("action", ["change", "history"])
def test_another_councils_audit_event_is_not_found(client_a, events, action):
    own, other = events
    assert client_a.get(url("auditevent", action, own.pk)).status_code == 200
    response = client_a.get(url("auditevent", action, other.pk))
    assert response.status_code == 404
    assert "Brackenford" not in response.content.decode()


@pytest.mark.parametrize("who", ["officer-a", "site-admin"])
def test_nobody_adds_changes_or_deletes_audit_events(client, events, site_admin, who):
    from django.contrib.auth import get_user_model

    own, other = events
    client.force_login(get_user_model().objects.get(username=who))
    assert client.get(url("auditevent", "add")).status_code == 403
    assert client.post(url("auditevent", "delete", own.pk), {"post": "yes"}).status_code == 403
    assert client.post(url("auditevent", "change", own.pk), {"detail": "x"}).status_code == 403
    client.post(
        url("auditevent"),
        {"action": "delete_selected", "_selected_action": [own.pk], "post": "yes"},
    )
    if who == "officer-a":
        response = client.post(url("auditevent", "delete", other.pk), {"post": "yes"})
        assert response.status_code == 404
    assert fresh(own).detail == "Ashdown edit"
    assert fresh(other).detail == "Brackenford edit"


def test_site_admin_sees_every_councils_audit_events(client_admin, events):
    html = client_admin.get(url("auditevent")).content.decode()
    assert "Ashdown edit" in html and "Brackenford edit" in html


def test_every_registered_admin_model_has_isolation_tests():
    """A model added to the admin without isolation tests here (or in test_helplines,
    test_national_schemes, or test_plain_english for jargon terms) fails."""
    from django.contrib import admin
    from django.contrib.auth.models import Group, User

    from offers.models import (
        AuditEvent,
        Council,
        Feedback,
        JargonTerm,
        NationalHelpline,
        NationalScheme,
        Offer,
        Section,
    )

    covered = {
        Council,
        Offer,
        Section,
        Feedback,
        User,
        Group,
        NationalHelpline,
        NationalScheme,
        AuditEvent,
        JargonTerm,
    }
    assert set(admin.site._registry) == covered

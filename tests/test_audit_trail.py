"""The audit trail: every officer action is recorded once and listed on the workspace's audit
page, filterable by person, action and dates; officers see only their council's events.
Cast: an editor and an approver of council A, an editor of council B, anonymous."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from offers.documents import document_for
from offers.fact_check import fact_check_send
from offers.feedback_inbox import feedback_mark_handled
from offers.models import AuditAction, AuditEvent
from offers.services import (
    _audit,
    offer_import,
    offer_reject,
    offer_rollback,
    offer_schedule,
    offer_submit,
    offer_version_restore,
    offer_withdraw,
    schedule_cancel,
)

from .admin_helpers import form_data
from .conftest import publish
from .factories import FeedbackFactory

pytestmark = pytest.mark.django_db


def trail_url(offer) -> str:
    return reverse("workspace:audit", args=[offer.council.slug])


def edits(offer):
    return list(
        AuditEvent.objects.filter(offer=offer, action__in=[AuditAction.EDIT, AuditAction.DELETE])
    )


def listed(response) -> list[AuditEvent]:
    assert response.status_code == 200
    return list(response.context["page"].object_list)


# --- Edits in the workspace are recorded, one event per save -----------------------------------


def test_saving_the_offers_details_records_one_edit_naming_the_fields(client_a, offer_a, officer_a):
    intro = reverse("workspace:about", args=[offer_a.council.slug, "introduction"])
    data = form_data(client_a.get(intro))
    data.update({"title": ["Our offer to kinship families"], "completed": ["yes"]})
    assert client_a.post(intro, data).status_code == 302
    [event] = edits(offer_a)
    assert event.actor == officer_a
    assert event.detail.startswith("Changed ")
    assert "title" in event.detail and "general approach" not in event.detail


def test_saving_without_changes_records_nothing(client_a, offer_a):
    section = offer_a.sections.get()
    details = reverse("workspace:section_details", args=[offer_a.council.slug, section.key])
    assert client_a.post(details, form_data(client_a.get(details))).status_code == 302
    assert edits(offer_a) == []


def test_adding_and_deleting_a_section_are_recorded(client_a, offer_a, officer_a):
    slug = offer_a.council.slug
    add = reverse("workspace:section_add", args=[slug])
    response = client_a.post(add, {"kind": "housing", "heading": "Housing", "summary": "A home."})
    assert response.status_code == 302
    housing = offer_a.sections.get(heading="Housing")
    remove = reverse("workspace:section_remove", args=[slug, housing.key])
    assert client_a.post(remove, {"confirm": "yes"}).status_code == 302
    added, deleted = sorted(edits(offer_a), key=lambda event: event.pk)
    assert (added.action, added.detail) == (AuditAction.EDIT, "Added section “Housing”")
    assert (deleted.action, deleted.detail) == (AuditAction.DELETE, "Deleted section “Housing”")
    assert deleted.actor == officer_a


# --- The page lists every kind of action -----------------------------------------------------


def test_every_officer_action_is_listed(client, offer_a, officer_a, approver_a):
    section = offer_a.sections.get()
    offer_submit(offer=offer_a, by=officer_a, note="Ready")
    offer_reject(offer=offer_a, by=approver_a, reason="Add the SGO rates")
    offer_submit(offer=offer_a, by=officer_a)
    offer_withdraw(offer=offer_a, by=officer_a)  # an edit while it waited for approval
    first = publish(offer_a, approver_a, "First version")
    section.heading = "Money"
    section.save()
    publish(offer_a, approver_a, "New heading")
    offer_rollback(offer=offer_a, by=approver_a, revision=first, summary="Back to the first")
    document = document_for(offer_a.pk)
    document["offer"]["title"] = "Imported title"
    offer_import(offer=offer_a, document=document, by=officer_a)
    schedule = offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="Imported title",
        publish_at=timezone.now() + datetime.timedelta(days=2),
        accept_gaps=True,
    )
    schedule_cancel(schedule=schedule, by=approver_a)
    feedback_mark_handled(feedback=[FeedbackFactory(council=offer_a.council)], by=officer_a)
    offer_version_restore(offer=offer_a, by=officer_a, revision=first)
    fact_check_send(offer=offer_a, by=officer_a, name="Dr Example", email="gp@health.example")
    client.force_login(officer_a)
    html = "".join(
        client.get(trail_url(offer_a), {"p": page}).content.decode() for page in ("1", "2")
    )
    for label in AuditAction.labels:
        if label in (
            "Edited the working copy",
            "Deleted from the working copy",
            "Created a preview link",
            "Revoked a preview link",
        ):
            continue  # tested above and in test_preview_links
        assert f'<td class="govuk-table__cell">{label}' in html, label
    assert "Add the SGO rates" in html
    assert "approver-a" in html and "officer-a" in html


def test_audit_trail_is_linked_from_the_workspace(client_a, offer_a):
    html = client_a.get(reverse("workspace:tasks", args=[offer_a.council.slug])).content.decode()
    assert f'href="{trail_url(offer_a)}"' in html


# --- Filters and pages ---------------------------------------------------------------------


@pytest.fixture
def trail(offer_a, offer_b, officer_a, approver_a, officer_b):
    """Events on different days, by different people, in two councils."""
    made = {}
    for name, offer, by, action, day in (
        ("a_edit", offer_a, officer_a, AuditAction.EDIT, "2026-03-01"),
        ("a_submit", offer_a, officer_a, AuditAction.SUBMIT, "2026-03-15"),
        ("a_publish", offer_a, approver_a, AuditAction.PUBLISH, "2026-04-02"),
        ("b_edit", offer_b, officer_b, AuditAction.EDIT, "2026-03-15"),
    ):
        with time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+00:00")):
            made[name] = _audit(offer=offer, by=by, action=action, detail=name)
    return made


def test_filter_by_person(client_a, trail, approver_a, offer_a):
    found = listed(client_a.get(trail_url(offer_a), {"who": approver_a.pk}))
    assert found == [trail["a_publish"]]


def test_filter_by_action(client_a, trail, offer_a):
    assert listed(client_a.get(trail_url(offer_a), {"what": "edit"})) == [trail["a_edit"]]


def test_filter_by_date_range_includes_both_days(client_a, trail, offer_a):
    url = trail_url(offer_a)
    found = listed(client_a.get(url, {"start": "2026-03-15", "end": "2026-04-02"}))
    assert found == [trail["a_publish"], trail["a_submit"]]
    assert listed(client_a.get(url, {"end": "2026-03-01"})) == [trail["a_edit"]]
    assert listed(client_a.get(url, {"start": "2026-04-03"})) == []


def test_date_range_form_has_labels_and_keeps_the_other_filters(
    client_a, trail, officer_a, offer_a
):
    response = client_a.get(trail_url(offer_a), {"who": officer_a.pk, "start": "2026-03-01"})
    html = response.content.decode()
    assert 'for="audit-start"' in html and 'for="audit-end"' in html
    assert 'value="2026-03-01"' in html
    assert listed(response) == [trail["a_submit"], trail["a_edit"]]


def test_a_backwards_date_range_is_explained_and_not_applied(client_a, trail, offer_a):
    response = client_a.get(trail_url(offer_a), {"start": "2026-04-02", "end": "2026-03-01"})
    assert "The ‘to’ date must be the same as or after the ‘from’ date" in response.content.decode()
    assert len(listed(response)) == 3


def test_a_date_that_is_not_a_date_is_refused_with_a_message(client_a, trail, offer_a):
    response = client_a.get(trail_url(offer_a), {"start": "31/02/2026"})
    assert "<title>Error:" in response.content.decode()
    assert len(listed(response)) == 3


# --- Councils kept apart -------------------------------------------------------------------


def test_another_councils_officer_never_sees_these_events(
    client, trail, officer_a, officer_b, offer_a, offer_b
):
    client.force_login(officer_b)
    html = client.get(trail_url(offer_b)).content.decode()
    assert "b_edit" in html
    for name in ("a_edit", "a_submit", "a_publish"):
        assert name not in html
    assert client.get(trail_url(offer_a)).status_code == 404
    # The same requests by A's officer work.
    client.force_login(officer_a)
    assert "a_edit" in client.get(trail_url(offer_a)).content.decode()


def test_the_trail_names_the_person_as_text_not_a_link(client_a, trail, offer_a):
    html = client_a.get(trail_url(offer_a)).content.decode()
    assert "officer-a" in html
    assert "/admin/auth/user/" not in html


def test_officer_without_a_council_cannot_open_the_trail(client, trail, offer_a):
    stranger = get_user_model().objects.create_user("stranger", is_staff=True)
    client.force_login(stranger)
    response = client.get(trail_url(offer_a))
    assert response.status_code in (403, 404)
    assert "a_edit" not in response.content.decode()

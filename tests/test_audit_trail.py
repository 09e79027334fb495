"""The audit trail: every officer action is recorded once and listed on one admin page,
filterable by council, person, action and dates; officers see only their councils."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
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

from .admin_helpers import resubmit
from .conftest import publish
from .factories import AllowanceFactory, FeedbackFactory

pytestmark = pytest.mark.django_db

TRAIL = "/admin/offers/auditevent/"


def offer_url(offer):
    return f"/admin/offers/offer/{offer.pk}/change/"


def section_url(section):
    return f"/admin/offers/section/{section.pk}/change/"


def edits(offer):
    return list(
        AuditEvent.objects.filter(offer=offer, action__in=[AuditAction.EDIT, AuditAction.DELETE])
    )


def listed(response) -> list[AuditEvent]:
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


# --- Edits in the admin are recorded, one event per save -------------------------------------


def test_saving_the_offer_page_records_one_edit_naming_the_fields(client_a, offer_a, officer_a):
    response = resubmit(client_a, offer_url(offer_a), {"title": "Our offer to kinship families"})
    assert response.status_code == 302
    [event] = edits(offer_a)
    assert event.action == AuditAction.EDIT
    assert event.actor == officer_a
    assert event.detail == "Changed the offer's details (title)"


def test_saving_a_section_with_entry_changes_records_one_event_naming_each(
    client_a, offer_a, officer_a
):
    section = offer_a.sections.get()
    AllowanceFactory(section=section, name="Allowance to remove", order=9)
    data = {
        "summary": "Money you can get.",
        "allowances-0-amount": "205.00",
        "allowances-1-DELETE": "on",
        "allowances-TOTAL_FORMS": "3",
        "allowances-2-order": "3",
        "allowances-2-name": "Setting-up grant",
        "allowances-2-amount": "500.00",
        "allowances-2-frequency": "one_off",
        "allowances-2-applies_from": "06/04/2026",
    }
    response = resubmit(client_a, section_url(section), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    [event] = edits(offer_a)
    assert event.actor == officer_a
    assert event.detail.startswith("Changed section “Money for carers A” (summary)")
    assert "added allowance “Setting-up grant”" in event.detail
    assert "changed allowance “Allowance A” (amount (£))" in event.detail
    assert "deleted allowance “Allowance to remove”" in event.detail


def test_sections_changed_from_the_offer_page_are_named_in_its_one_event(client_a, offer_a):
    response = resubmit(client_a, offer_url(offer_a), {"sections-0-heading": "Money"})
    assert response.status_code == 302
    [event] = edits(offer_a)
    assert event.detail == "Changed section “Money” (heading)"


def test_saving_without_changes_records_nothing(client_a, offer_a):
    assert resubmit(client_a, offer_url(offer_a)).status_code == 302
    assert resubmit(client_a, section_url(offer_a.sections.get())).status_code == 302
    assert edits(offer_a) == []


def test_adding_and_deleting_a_section_are_recorded(client_a, offer_a, officer_a):
    response = resubmit(
        client_a,
        "/admin/offers/section/add/",
        {
            "offer": str(offer_a.pk),
            "kind": "housing",
            "heading": "Housing",
            "summary": "Help with a bigger home.",
            "order": "4",
        },
    )
    assert response.status_code == 302
    housing = offer_a.sections.get(heading="Housing")
    response = client_a.post(f"/admin/offers/section/{housing.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
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
    html = client.get(TRAIL).content.decode()
    for label in AuditAction.labels:
        if label in (
            "Edited the working copy",
            "Deleted from the working copy",
            "Created a preview link",
            "Revoked a preview link",
        ):
            continue  # tested above and in test_preview_links
        assert f'<td class="field-action">{label}</td>' in html, label
    assert "Add the SGO rates" in html
    assert "approver-a" in html and "officer-a" in html


def test_audit_trail_is_linked_from_the_admin_home(client_a, offer_a):
    html = client_a.get("/admin/").content.decode()
    assert f'href="{TRAIL}"' in html
    assert f'href="{TRAIL}?offer__council__id__exact={offer_a.council_id}"' in html


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


def test_filter_by_person(client_a, trail, approver_a):
    found = listed(client_a.get(TRAIL, {"actor__id__exact": approver_a.pk}))
    assert found == [trail["a_publish"]]


def test_filter_by_action(client_a, trail):
    assert listed(client_a.get(TRAIL, {"action__exact": "edit"})) == [trail["a_edit"]]


def test_filter_by_council_for_a_site_administrator(client_admin, trail, offer_b):
    found = listed(client_admin.get(TRAIL, {"offer__council__id__exact": offer_b.council_id}))
    assert found == [trail["b_edit"]]
    html = client_admin.get(TRAIL).content.decode()
    assert 'data-filter-title="council"' in html


def test_filter_by_date_range_includes_both_days(client_a, trail):
    found = listed(client_a.get(TRAIL, {"start": "2026-03-15", "end": "2026-04-02"}))
    assert found == [trail["a_publish"], trail["a_submit"]]
    assert listed(client_a.get(TRAIL, {"end": "2026-03-01"})) == [trail["a_edit"]]
    assert listed(client_a.get(TRAIL, {"start": "2026-04-03"})) == []


def test_date_range_form_has_labels_and_keeps_the_other_filters(client_a, trail, officer_a):
    html = client_a.get(TRAIL, {"actor__id__exact": officer_a.pk, "start": "2026-03-01"})
    html = html.content.decode()
    assert '<label for="kp-date-start">From</label>' in html
    assert '<label for="kp-date-end">To</label>' in html
    assert 'id="kp-date-start" value="2026-03-01"' in html
    assert f'<input type="hidden" name="actor__id__exact" value="{officer_a.pk}">' in html


def test_a_backwards_date_range_is_explained_and_not_applied(client_a, trail):
    response = client_a.get(TRAIL, {"start": "2026-04-02", "end": "2026-03-01"})
    assert "The ‘to’ date must be the same as or after the ‘from’ date" in response.content.decode()
    assert len(listed(response)) == 3


def test_a_date_that_is_not_a_date_is_refused_with_a_message(client_a, trail):
    response = client_a.get(TRAIL, {"start": "31/02/2026"})
    assert "Enter a valid date" in response.content.decode()
    assert len(listed(response)) == 3


def test_the_trail_is_paginated(client_a, offer_a, officer_a):
    for n in range(51):
        _audit(offer=offer_a, by=officer_a, action=AuditAction.EDIT, detail=f"Edit {n}")
    first = client_a.get(TRAIL)
    assert len(listed(first)) == 50
    assert first.context["cl"].result_count == 51
    assert len(listed(client_a.get(TRAIL, {"p": "2"}))) == 1


# --- Councils kept apart -------------------------------------------------------------------


def test_another_councils_officer_never_sees_these_events(client, trail, officer_a, officer_b):
    client.force_login(officer_b)
    html = client.get(TRAIL).content.decode()
    assert "b_edit" in html
    for name in ("a_edit", "a_submit", "a_publish"):
        assert name not in html
    assert client.get(f"{TRAIL}{trail['a_edit'].pk}/change/").status_code == 404
    # The same requests by A's officer work.
    client.force_login(officer_a)
    assert "a_edit" in client.get(TRAIL).content.decode()
    assert client.get(f"{TRAIL}{trail['a_edit'].pk}/change/").status_code == 200


def test_event_page_names_the_person_as_text_not_a_link(client_a, trail):
    html = client_a.get(f"{TRAIL}{trail['a_edit'].pk}/change/").content.decode()
    assert "officer-a" in html
    assert "/admin/auth/user/" not in html  # officers may not open user pages


def test_officer_without_a_council_cannot_open_the_trail(client, trail):
    stranger = get_user_model().objects.create_user("stranger", is_staff=True)
    client.force_login(stranger)
    assert client.get(TRAIL).status_code == 403

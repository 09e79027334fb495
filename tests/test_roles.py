"""Editors write and submit; only approvers of the council and site administrators publish.
Through the services and through the workspace's pages. Cast: an editor and an approver of
council A, an editor of council B, a site administrator."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.models import AuditEvent, OfferRevision, OfferStatus, ScheduledPublish

from .conftest import publish

pytestmark = pytest.mark.django_db


def url(name, offer, *args):
    return reverse(f"workspace:{name}", args=[offer.council.slug, *args])


PUBLISH_FORM = {
    "action": "publish",
    "publish-summary": "Sneaky publish",
    "publish-review": "today",
    "publish-next_review_due_day": "2",
    "publish-next_review_due_month": "4",
    "publish-next_review_due_year": "2027",
    "publish-accept_gaps": "on",
}


def test_editor_cannot_publish_through_the_service(offer_a, officer_a):
    with pytest.raises(PermissionDenied):
        publish(offer_a, officer_a, "Mine")
    assert not OfferRevision.objects.exists()


def test_editor_is_refused_the_approvals_page_and_a_direct_post(client_a, offer_a, officer_a):
    services.offer_submit(offer=offer_a, by=officer_a)
    assert client_a.get(url("approvals", offer_a)).status_code == 403
    assert client_a.post(url("approvals", offer_a), PUBLISH_FORM).status_code == 403
    assert not OfferRevision.objects.exists()
    offer_a.refresh_from_db()
    assert offer_a.status == OfferStatus.SUBMITTED


@pytest.mark.parametrize("action", ["send_back", "schedule"])
def test_editor_cannot_send_back_or_schedule(client_a, offer_a, officer_a, action):
    services.offer_submit(offer=offer_a, by=officer_a)
    before = AuditEvent.objects.count()
    data = {
        "action": action,
        "send_back-reason": "No",
        "schedule-summary": "Later",
        "schedule-publish_at_day": "1",
        "schedule-publish_at_month": "1",
        "schedule-publish_at_year": "2099",
        "schedule-publish_at_time": "9am",
        "schedule-accept_gaps": "on",
    }
    assert client_a.post(url("approvals", offer_a), data).status_code == 403
    assert not ScheduledPublish.objects.exists()
    assert AuditEvent.objects.count() == before


def test_editor_cannot_cancel_a_schedule(client_a, offer_a, approver_a):
    publish(offer_a, approver_a, "First")
    schedule = services.offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="Later",
        publish_at=timezone.now() + datetime.timedelta(days=1),
        accept_gaps=True,
    )

    assert client_a.post(url("schedule_cancel", offer_a, schedule.pk)).status_code == 403
    schedule.refresh_from_db()
    assert schedule.status == "pending"
    assert OfferRevision.objects.count() == 1


def test_approver_of_another_council_cannot_publish_this_one(offer_b, approver_a):
    with pytest.raises(PermissionDenied):
        publish(offer_b, approver_a, "Not mine")


def test_site_administrator_can_publish_any_council(offer_b, site_admin):
    revision = publish(offer_b, site_admin, "Hosted")
    assert revision.version == 1


def test_site_administrator_publishes_any_council_in_the_workspace(client_admin, offer_b):
    response = client_admin.post(url("approvals", offer_b), PUBLISH_FORM)
    assert response.status_code == 302
    assert OfferRevision.objects.get(offer=offer_b).version == 1


def test_editor_sees_send_for_approval_not_publish(client_a, offer_a):
    html = client_a.get(url("tasks", offer_a)).content.decode()
    assert "Send for approval" in html
    assert url("approvals", offer_a) not in html


def test_approver_sees_the_approvals_page(client_approver_a, offer_a, approver_a):
    html = client_approver_a.get(url("tasks", offer_a)).content.decode()
    assert url("approvals", offer_a) in html

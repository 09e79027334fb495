"""Editors write and submit; only approvers of the council and site administrators publish."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from offers import services
from offers.models import AuditEvent, OfferRevision, OfferStatus, ScheduledPublish

from .conftest import publish
from .publishing_helpers import form_data, offer_url

pytestmark = pytest.mark.django_db

PUBLISH_FORM = {
    "summary": "Sneaky publish",
    "review": "today",
    "next_review_due": "2027-04-02",
    "accept_gaps": "on",
}


def test_editor_cannot_publish_through_the_service(offer_a, officer_a):
    with pytest.raises(PermissionDenied):
        publish(offer_a, officer_a, "Mine")
    assert not OfferRevision.objects.exists()


def test_editor_is_refused_the_publish_page_and_a_direct_post(client_a, offer_a):
    assert client_a.get(offer_url("publish", offer_a)).status_code == 403
    assert client_a.post(offer_url("publish", offer_a), PUBLISH_FORM).status_code == 403
    assert not OfferRevision.objects.exists()
    offer_a.refresh_from_db()
    assert offer_a.published_revision is None


def test_editor_cannot_publish_with_the_admin_action(client_a, offer_a):
    changelist = client_a.get("/admin/offers/offer/")
    assert "Publish the selected offer" not in changelist.content.decode()

    response = client_a.post(
        "/admin/offers/offer/",
        {"action": "publish_offer", "_selected_action": [offer_a.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "No action selected." in response.content.decode()
    assert not OfferRevision.objects.exists()


def test_approver_action_leads_to_the_publish_form_not_a_silent_publish(client_approver_a, offer_a):
    response = client_approver_a.post(
        "/admin/offers/offer/", {"action": "publish_offer", "_selected_action": [offer_a.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == offer_url("publish", offer_a)
    assert not OfferRevision.objects.exists()


def test_editor_cannot_publish_by_tampering_with_the_edit_form(client_a, offer_a, approver_a):
    revision = publish(offer_a, approver_a, "First")
    data = form_data(client_a, offer_url("change", offer_a), "offer_form")
    data.update(
        title="Tampered title",
        status=OfferStatus.SUBMITTED,
        published_revision="",
        _publish="1",
        summary="Sneaky",
    )

    response = client_a.post(offer_url("change", offer_a), data)

    assert response.status_code == 302  # the edit itself is allowed
    offer_a.refresh_from_db()
    assert offer_a.title == "Tampered title"
    assert offer_a.published_revision == revision
    assert offer_a.status == OfferStatus.DRAFT
    assert OfferRevision.objects.count() == 1


@pytest.mark.parametrize("view", ["reject", "schedule"])
def test_editor_cannot_reject_or_schedule(client_a, offer_a, view):
    data = {"reason": "No", "summary": "Later", "publish_at": "2099-01-01T09:00"}
    assert client_a.post(offer_url(view, offer_a), data).status_code == 403
    assert not ScheduledPublish.objects.exists()
    assert not AuditEvent.objects.exists()


def test_editor_cannot_roll_back_or_cancel_a_schedule(client_a, offer_a, approver_a):
    publish(offer_a, approver_a, "First")
    schedule = services.offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="Later",
        publish_at=timezone.now() + datetime.timedelta(days=1),
        accept_gaps=True,
    )

    assert client_a.post(offer_url("rollback", offer_a, 1), {"summary": "x"}).status_code == 403
    assert client_a.post(offer_url("schedule_cancel", offer_a, schedule.pk)).status_code == 403
    schedule.refresh_from_db()
    assert schedule.status == "pending"
    assert OfferRevision.objects.count() == 1


def test_approver_of_another_council_cannot_publish_this_one(offer_b, approver_a):
    with pytest.raises(PermissionDenied):
        publish(offer_b, approver_a, "Not mine")


def test_site_administrator_can_publish_any_council(offer_b, site_admin):
    revision = publish(offer_b, site_admin, "Hosted")
    assert revision.version == 1


def test_editor_sees_send_for_approval_not_publish(client_a, offer_a):
    html = client_a.get(offer_url("change", offer_a)).content.decode()
    assert "Send for approval" in html
    assert offer_url("publish", offer_a) not in html


def test_approver_sees_publish_and_schedule(client_approver_a, offer_a):
    html = client_approver_a.get(offer_url("change", offer_a)).content.decode()
    assert offer_url("publish", offer_a) in html
    assert offer_url("schedule", offer_a) in html


OTHER_COUNCIL_URLS = [
    ("change", ()),
    ("preview", ()),
    ("submit", ()),
    ("publish", ()),
    ("reject", ()),
    ("schedule", ()),
    ("schedule_cancel", ("schedule",)),
    ("history", ()),
    ("version", (1,)),
    ("compare", ()),
    ("rollback", (1,)),
    ("share", ()),
    ("share_revoke", ("link",)),
]


@pytest.mark.parametrize("view,args", OTHER_COUNCIL_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_councils_officer_gets_404_on_every_publishing_page(
    client, officer_b, approver_a, offer_a, view, args, method
):
    publish(offer_a, approver_a, "First")
    extra = {
        "schedule": services.offer_schedule(
            offer=offer_a,
            by=approver_a,
            summary="Later",
            publish_at=timezone.now() + datetime.timedelta(days=1),
            accept_gaps=True,
        ).pk,
        "link": services.preview_link_create(offer=offer_a, by=approver_a).pk,
    }
    url = offer_url(view, offer_a, *[extra.get(a, a) for a in args])
    client.force_login(officer_b)

    response = getattr(client, method)(url, {"summary": "x", "reason": "x"})

    assert response.status_code == 404
    assert OfferRevision.objects.count() == 1
    assert AuditEvent.objects.filter(actor__username="officer-b").count() == 0

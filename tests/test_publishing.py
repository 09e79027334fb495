"""Publishing turns the working copy into an immutable version; nothing public changes until."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.documents import document_for
from offers.models import AuditAction, AuditEvent, Offer, OfferRevision
from offers.rendering import render_offer_print

pytestmark = pytest.mark.django_db


def _live_page(offer) -> str:
    """The whole live version on one page (the print booklet), as the public view renders it."""
    offer.refresh_from_db()
    revision = offer.published_revision
    request = RequestFactory().get(f"/offers/{offer.council.slug}/print/")
    response = render_offer_print(
        request, council=offer.council, document=revision.content, revision=revision
    )
    return response.content.decode()


def _approvals(offer) -> str:
    return reverse("workspace:approvals", args=[offer.council.slug])


def test_publishing_stores_the_document_as_version_1_with_who_when_and_summary(offer_a, approver_a):
    revision = services.offer_publish(
        offer=offer_a, by=approver_a, summary="  First version. ", accept_gaps=True
    )

    offer_a.refresh_from_db()
    assert offer_a.published_revision == revision
    assert revision.version == 1
    assert revision.content == document_for(offer_a.pk)
    assert revision.summary == "First version."
    assert revision.published_by == approver_a
    event = AuditEvent.objects.get(offer=offer_a)
    assert (event.action, event.actor) == (AuditAction.PUBLISH, approver_a)
    assert event.revision == revision


def test_each_publish_is_the_next_version_and_old_versions_stay(offer_a, approver_a):
    first = services.offer_publish(offer=offer_a, by=approver_a, summary="First", accept_gaps=True)
    offer_a.title = "Changed title"
    offer_a.save()
    second = services.offer_publish(
        offer=offer_a, by=approver_a, summary="Second", accept_gaps=True
    )

    assert second.version == 2
    first.refresh_from_db()
    assert first.content["offer"]["title"] == "Ashdown test offer"
    assert second.content["offer"]["title"] == "Changed title"
    with pytest.raises(ValidationError):
        first.save()


def test_publishing_needs_a_summary_and_stores_nothing_without_one(offer_a, approver_a):
    with pytest.raises(ValidationError) as error:
        services.offer_publish(offer=offer_a, by=approver_a, summary="   ", accept_gaps=True)
    assert "summary" in error.value.message_dict
    assert not OfferRevision.objects.exists()


def test_editing_the_working_copy_changes_nothing_public_until_the_next_publish(
    offer_a, approver_a
):
    services.offer_publish(offer=offer_a, by=approver_a, summary="First", accept_gaps=True)
    before = _live_page(offer_a)
    section = offer_a.sections.get()
    section.heading = "A brand new heading"
    section.save()

    after = _live_page(offer_a)
    assert "Money for carers A" in before and "Money for carers A" in after
    assert "A brand new heading" not in after

    services.offer_publish(offer=offer_a, by=approver_a, summary="New heading", accept_gaps=True)
    assert "A brand new heading" in _live_page(offer_a)


@pytest.mark.parametrize("broken_step", ["offers.services.document_for", "offers.services._audit"])
def test_a_failure_in_the_middle_of_publish_leaves_no_version_and_the_old_one_live(
    offer_a, approver_a, broken_step
):
    first = services.offer_publish(offer=offer_a, by=approver_a, summary="First", accept_gaps=True)
    offer_a.title = "Half-finished edit"
    offer_a.save()
    reviewed_before = Offer.objects.get(pk=offer_a.pk).last_reviewed

    with mock.patch(broken_step, side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            services.offer_publish(
                offer=offer_a,
                by=approver_a,
                summary="Second",
                reviewed_on=timezone.localdate(),
                next_review_due=timezone.localdate() + datetime.timedelta(days=200),
                accept_gaps=True,
            )

    offer_a.refresh_from_db()
    assert list(OfferRevision.objects.values_list("version", flat=True)) == [1]
    assert offer_a.published_revision == first
    assert offer_a.last_reviewed == reviewed_before
    assert AuditEvent.objects.filter(action=AuditAction.PUBLISH).count() == 1
    assert "Half-finished edit" not in _live_page(offer_a)


def test_confirming_the_review_updates_last_reviewed_and_the_published_document(
    offer_a, approver_a
):
    today = timezone.localdate()
    due = today + datetime.timedelta(days=365)

    revision = services.offer_publish(
        offer=offer_a,
        by=approver_a,
        summary="Reviewed",
        reviewed_on=today,
        next_review_due=due,
        accept_gaps=True,
    )

    offer_a.refresh_from_db()
    assert (offer_a.last_reviewed, offer_a.next_review_due) == (today, due)
    assert revision.content["offer"]["last_reviewed"] == today.isoformat()


def test_the_next_review_must_stay_after_the_review_date(offer_a, approver_a):
    with pytest.raises(ValidationError):
        services.offer_publish(
            offer=offer_a,
            by=approver_a,
            summary="Reviewed",
            reviewed_on=datetime.date(2027, 5, 1),
            next_review_due=datetime.date(2027, 4, 1),
            accept_gaps=True,
        )
    assert not OfferRevision.objects.exists()


def test_publish_page_refuses_without_review_confirmation_or_with_bad_dates(
    client_approver_a, offer_a
):
    reviewed = offer_a.last_reviewed
    response = client_approver_a.post(
        _approvals(offer_a),
        {
            "action": "publish",
            "publish-summary": "",
            "publish-next_review_due_day": str(reviewed.day),
            "publish-next_review_due_month": str(reviewed.month),
            "publish-next_review_due_year": str(reviewed.year),
            "publish-accept_gaps": "on",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Choose whether to keep the last reviewed date or change it to today" in html
    assert "The next review date must be after the review date" in html
    assert "Enter a short summary of what changed, for families to read" in html
    assert not OfferRevision.objects.exists()


def test_rollback_publishes_the_old_document_again_as_the_next_version(offer_a, approver_a):
    first = services.offer_publish(offer=offer_a, by=approver_a, summary="First", accept_gaps=True)
    offer_a.sections.get().allowances.update(amount="201.00")
    services.offer_publish(
        offer=offer_a, by=approver_a, summary="Raised allowance", accept_gaps=True
    )

    rolled = services.offer_rollback(
        offer=offer_a, by=approver_a, revision=first, summary="Back to the April rates."
    )

    offer_a.refresh_from_db()
    assert rolled.version == 3
    assert rolled.content == first.content
    assert offer_a.published_revision == rolled
    assert list(offer_a.revisions.order_by("version").values_list("version", flat=True)) == [
        1,
        2,
        3,
    ]
    assert AuditEvent.objects.filter(action=AuditAction.ROLLBACK, revision=rolled).exists()
    assert "£190" in _live_page(offer_a)


def test_preview_shows_the_working_copy_with_a_banner_while_the_live_page_is_unchanged(
    client_a, offer_a, approver_a
):
    services.offer_publish(offer=offer_a, by=approver_a, summary="First", accept_gaps=True)
    offer_a.title = "Working copy title"
    offer_a.save()

    preview = client_a.get(reverse("workspace:preview", args=[offer_a.council.slug]))

    html = preview.content.decode()
    assert "Preview — not published" in html
    assert "Working copy title" in html
    assert "no-store" in preview["Cache-Control"]
    live = _live_page(offer_a)
    assert "Working copy title" not in live
    assert "Ashdown test offer" in live
    assert "Preview — not published" not in live

"""Scheduled publishes and preview links act with their creator's rights as they are now,
and a scheduled publish never puts an older copy back over a newer live version."""

import datetime
from unittest import mock

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from offers import services
from offers.formatting import uk_date_time
from offers.models import (
    AuditAction,
    AuditEvent,
    Membership,
    OfferRevision,
    Role,
    ScheduledPublish,
    ScheduleStatus,
)

from .conftest import publish
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _schedule(offer, by, *, summary="New rates from Monday"):
    return services.offer_schedule(
        offer=offer,
        by=by,
        summary=summary,
        publish_at=timezone.now() + datetime.timedelta(hours=1),
        accept_gaps=True,
    )


def _run_when_due(schedule):
    later = schedule.publish_at + datetime.timedelta(minutes=1)
    with mock.patch("offers.services.timezone.now", return_value=later):
        call_command("publish_scheduled")


def _retitle(offer, title):
    offer.title = title
    offer.save()


def _cancel_details(offer):
    return list(
        AuditEvent.objects.filter(offer=offer, action=AuditAction.CANCEL_SCHEDULE).values_list(
            "detail", flat=True
        )
    )


# --- A scheduled publish never undoes a later publish ------------------------------------


def test_a_schedule_made_before_a_manual_publish_does_not_undo_it_when_due(
    client, offer_a, approver_a
):
    publish(offer_a, approver_a, "First version")
    _retitle(offer_a, "Copy A, checked for next week")
    schedule = _schedule(offer_a, approver_a)  # captures copy A against version 1
    _retitle(offer_a, "The urgent fix")
    publish(offer_a, approver_a, "Urgent fix")  # version 2

    _run_when_due(schedule)

    assert list(OfferRevision.objects.values_list("version", flat=True)) == [2, 1]
    offer_a.refresh_from_db()
    assert offer_a.published_revision.version == 2
    page = client.get(reverse("offer_detail", args=[offer_a.council.slug])).content.decode()
    assert "The urgent fix" in page
    assert "Copy A" not in page
    schedule.refresh_from_db()
    assert (schedule.status, schedule.revision) == (ScheduleStatus.CANCELLED, None)


def test_a_manual_publish_cancels_pending_schedules_at_once_and_says_why(offer_a, approver_a):
    publish(offer_a, approver_a, "First version")
    _retitle(offer_a, "Copy A")
    schedule = _schedule(offer_a, approver_a)
    when = uk_date_time(schedule.publish_at)
    _retitle(offer_a, "The urgent fix")

    publish(offer_a, approver_a, "Urgent fix")

    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED
    event = AuditEvent.objects.get(action=AuditAction.CANCEL_SCHEDULE)
    assert event.detail == (
        f"Cancelled the scheduled publish of {when} because version 2 was published"
    )
    assert event.actor == approver_a
    assert mail.outbox == []


def test_a_rollback_cancels_pending_schedules_too(offer_a, approver_a):
    first = publish(offer_a, approver_a, "First version")
    _retitle(offer_a, "Second title")
    publish(offer_a, approver_a, "Second version")
    _retitle(offer_a, "Copy A")
    schedule = _schedule(offer_a, approver_a)

    services.offer_rollback(offer=offer_a, by=approver_a, revision=first, summary="Back to 1")

    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED
    assert _cancel_details(offer_a)[0].endswith("because version 3 was published")


def test_at_run_time_a_schedule_is_refused_if_the_live_version_changed_since(offer_a, approver_a):
    # As when a publish_scheduled run held the row while the manual publish committed: the
    # publish could not cancel it, so the run itself must notice.
    publish(offer_a, approver_a, "First version")
    _retitle(offer_a, "Copy A")
    schedule = _schedule(offer_a, approver_a)
    _retitle(offer_a, "The urgent fix")
    with mock.patch("offers.services._schedules_cancel_superseded"):
        publish(offer_a, approver_a, "Urgent fix")
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.PENDING

    _run_when_due(schedule)

    offer_a.refresh_from_db()
    assert offer_a.published_revision.version == 2
    assert offer_a.published_revision.content["offer"]["title"] == "The urgent fix"
    assert OfferRevision.objects.count() == 2
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED
    event = AuditEvent.objects.filter(action=AuditAction.CANCEL_SCHEDULE).get()
    assert event.actor is None
    assert "because version 2 was published after it was scheduled" in event.detail
    assert mail.outbox == []


def test_a_schedule_made_against_the_live_version_still_publishes(offer_a, approver_a):
    publish(offer_a, approver_a, "First version")
    _retitle(offer_a, "Copy A")
    schedule = _schedule(offer_a, approver_a)
    assert schedule.based_on == offer_a.published_revision
    _retitle(offer_a, "Edited after scheduling, not published")

    _run_when_due(schedule)

    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.PUBLISHED
    assert schedule.revision.version == 2
    assert schedule.revision.content["offer"]["title"] == "Copy A"
    assert _cancel_details(offer_a) == []


def test_a_schedule_made_before_the_first_publish_is_refused_after_one(offer_a, approver_a):
    schedule = _schedule(offer_a, approver_a)
    assert schedule.based_on is None
    with mock.patch("offers.services._schedules_cancel_superseded"):
        publish(offer_a, approver_a, "First version")

    _run_when_due(schedule)

    assert OfferRevision.objects.count() == 1
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED


def test_a_schedule_of_the_live_document_itself_is_cancelled_as_nothing_to_publish(
    offer_a, approver_a
):
    publish(offer_a, approver_a, "First version")
    schedule = _schedule(offer_a, approver_a)  # no edits since: the same document

    _run_when_due(schedule)
    _run_when_due(schedule)

    assert OfferRevision.objects.count() == 1
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED
    assert _cancel_details(offer_a) == ["Nothing has changed since version 1"]


def test_when_one_schedule_publishes_the_other_pending_ones_are_cancelled(offer_a, approver_a):
    publish(offer_a, approver_a, "First version")
    _retitle(offer_a, "Copy A")
    first = _schedule(offer_a, approver_a, summary="First change")
    _retitle(offer_a, "Copy B")
    second = services.offer_schedule(
        offer=offer_a,
        by=approver_a,
        summary="Second change",
        publish_at=first.publish_at + datetime.timedelta(days=1),
        accept_gaps=True,
    )

    _run_when_due(first)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ScheduleStatus.PUBLISHED, ScheduleStatus.CANCELLED)
    assert _cancel_details(offer_a)[0].endswith("because version 2 was published")


def test_migration_0008_gives_pending_schedules_the_version_live_when_they_were_made(
    offer_a, approver_a
):
    migration = __import__(
        "offers.migrations.0005_schedule_based_on", fromlist=["based_on_for_pending"]
    )
    first = publish(offer_a, approver_a, "First version")
    _retitle(offer_a, "Second")
    second = publish(offer_a, approver_a, "Second version")
    OfferRevision.objects.filter(pk=second.pk).update(
        published_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    made_between = _schedule(offer_a, approver_a)
    made_before_any = _schedule(offer_a, approver_a, summary="Older")
    ScheduledPublish.objects.filter(pk=made_between.pk).update(based_on=None)
    ScheduledPublish.objects.filter(pk=made_before_any.pk).update(
        based_on=None, created_at=first.published_at - datetime.timedelta(days=1)
    )

    migration.based_on_for_pending(apps, None)

    made_between.refresh_from_db()
    made_before_any.refresh_from_db()
    assert made_between.based_on == first
    assert made_before_any.based_on is None


# --- A scheduled publish acts with its approver's rights when it runs ---------------------


def _demote(user, council):
    Membership.objects.filter(user=user, council=council).update(role=Role.EDITOR)


def _remove(user, council):
    Membership.objects.filter(user=user, council=council).delete()


def _deactivate(user, council):
    type(user).objects.filter(pk=user.pk).update(is_active=False)


def _keep(user, council):
    pass


@pytest.mark.parametrize(
    "change, publishes",
    [(_demote, False), (_remove, False), (_deactivate, False), (_keep, True)],
    ids=["role-changed-to-editor", "membership-removed", "account-deactivated", "still-approver"],
)
def test_a_schedule_runs_only_if_its_approver_may_still_publish(
    offer_a, approver_a, change, publishes
):
    schedule = _schedule(offer_a, approver_a)
    change(approver_a, offer_a.council)

    _run_when_due(schedule)

    schedule.refresh_from_db()
    assert OfferRevision.objects.exists() is publishes
    if publishes:
        assert schedule.status == ScheduleStatus.PUBLISHED
        return
    assert schedule.status == ScheduleStatus.CANCELLED
    [detail] = _cancel_details(offer_a)
    assert detail.endswith(
        "because approver-a, who scheduled it, can no longer publish Ashdown Test Council's offer"
    )
    assert mail.outbox == []


def test_a_schedule_whose_approver_was_deleted_is_cancelled(offer_a, approver_a):
    schedule = _schedule(offer_a, approver_a)
    ScheduledPublish.objects.filter(pk=schedule.pk).update(created_by=None)  # as on_delete does

    _run_when_due(schedule)

    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED
    assert not OfferRevision.objects.exists()
    assert "the officer, who scheduled it, can no longer publish" in _cancel_details(offer_a)[0]


def test_a_new_approver_membership_is_what_lets_a_schedule_run(offer_a, council_a):
    # The check asks offers.access now, not a flag copied onto the schedule.
    newcomer = UserFactory(username="new-approver")
    Membership.objects.create(user=newcomer, council=council_a, role=Role.APPROVER)
    schedule = _schedule(offer_a, newcomer)
    Membership.objects.filter(user=newcomer).update(role=Role.EDITOR)
    Membership.objects.filter(user=newcomer).update(role=Role.APPROVER)

    _run_when_due(schedule)

    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.PUBLISHED

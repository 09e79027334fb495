"""Approvers schedule a publish; publish_scheduled publishes what is due, exactly once."""

import datetime
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from offers import services
from offers.models import AuditAction, AuditEvent, OfferRevision, ScheduledPublish, ScheduleStatus

pytestmark = pytest.mark.django_db


def _schedule(offer, by, *, minutes=60, summary="April rates"):
    return services.offer_schedule(
        offer=offer,
        by=by,
        summary=summary,
        publish_at=timezone.now() + datetime.timedelta(minutes=minutes),
        accept_gaps=True,
    )


def _run_at(when):
    with mock.patch("offers.services.timezone.now", return_value=when):
        call_command("publish_scheduled")


def test_scheduling_takes_the_document_now_and_publishes_it_when_due(offer_a, approver_a):
    schedule = _schedule(offer_a, approver_a)
    offer_a.title = "Edited after scheduling"
    offer_a.save()

    call_command("publish_scheduled")
    assert not OfferRevision.objects.exists()  # not due yet

    _run_at(schedule.publish_at + datetime.timedelta(seconds=1))

    revision = OfferRevision.objects.get()
    assert revision.content["offer"]["title"] == "Ashdown test offer"
    assert (revision.summary, revision.published_by) == ("April rates", approver_a)
    schedule.refresh_from_db()
    assert (schedule.status, schedule.revision) == (ScheduleStatus.PUBLISHED, revision)
    offer_a.refresh_from_db()
    assert offer_a.published_revision == revision


def test_running_again_publishes_nothing_more(offer_a, approver_a):
    schedule = _schedule(offer_a, approver_a)
    later = schedule.publish_at + datetime.timedelta(minutes=5)

    _run_at(later)
    _run_at(later)

    assert OfferRevision.objects.count() == 1


def test_a_cancelled_schedule_is_never_published_and_is_audited(offer_a, approver_a):
    schedule = _schedule(offer_a, approver_a)
    services.schedule_cancel(schedule=schedule, by=approver_a)

    _run_at(schedule.publish_at + datetime.timedelta(minutes=1))

    assert not OfferRevision.objects.exists()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        AuditAction.CANCEL_SCHEDULE,
        AuditAction.SCHEDULE,
    ]
    with pytest.raises(ValidationError):
        services.schedule_cancel(schedule=schedule, by=approver_a)


def test_a_time_in_the_past_is_refused(offer_a, approver_a):
    with pytest.raises(ValidationError):
        _schedule(offer_a, approver_a, minutes=-5)
    assert not ScheduledPublish.objects.exists()


def test_one_broken_schedule_does_not_hold_back_the_others(
    offer_a, offer_b, approver_a, site_admin
):
    first = _schedule(offer_a, approver_a)
    second = _schedule(offer_b, site_admin, minutes=61)
    ScheduledPublish.objects.filter(pk=first.pk).update(summary="")  # cannot be published

    _run_at(second.publish_at + datetime.timedelta(minutes=1))

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ScheduleStatus.PENDING
    assert second.status == ScheduleStatus.PUBLISHED


def test_a_failure_that_is_not_one_rows_stops_the_run_instead_of_looping(offer_a, approver_a):
    due = _schedule(offer_a, approver_a)
    broken = mock.patch(
        "offers.services.ScheduledPublish.objects.select_for_update",
        side_effect=RuntimeError("database went away"),
    )
    with broken, pytest.raises(RuntimeError):
        services.scheduled_publish_due(now=due.publish_at + datetime.timedelta(minutes=1))
    due.refresh_from_db()
    assert due.status == ScheduleStatus.PENDING


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_publish_a_due_schedule_exactly_once(offer_a, approver_a):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks; this runs on PostgreSQL")
    schedule = _schedule(offer_a, approver_a)
    ScheduledPublish.objects.filter(pk=schedule.pk).update(
        publish_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    start = threading.Barrier(2)
    real_publish = services.offer_publish_document
    errors = []

    def slow_publish(**kwargs):
        # Hold the row lock long enough that the other run certainly tries while we work.
        revision = real_publish(**kwargs)
        threading.Event().wait(0.5)
        return revision

    def run():
        try:
            start.wait()
            call_command("publish_scheduled")
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    with mock.patch("offers.services.offer_publish_document", side_effect=slow_publish):
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert errors == []
    assert OfferRevision.objects.filter(offer=offer_a).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.PUBLISH).count() == 1
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.PUBLISHED

"""A database error in the middle of publish, import, rollback or a scheduled run leaves
nothing half-done; a crashed publish_scheduled is safe to run again; the 500 page tells
families nothing about the server."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import path

from kinship_portal import urls as site_urls
from offers import services
from offers.documents import document_for
from offers.models import (
    Allowance,
    AuditAction,
    AuditEvent,
    Membership,
    Offer,
    OfferRevision,
    Role,
    ScheduledPublish,
    ScheduleStatus,
    Section,
)

from .conftest import publish

pytestmark = pytest.mark.django_db


class Crash(BaseException):
    """The process dying mid-run (killed, out of memory): not an Exception anything catches."""


def _failing(target, attribute, *, on_call=1, error=None):
    """Patch target.attribute to work as usual except on its on_call-th call, which raises."""
    real = getattr(target, attribute)
    calls = {"n": 0}
    error = error or DatabaseError("injected: the database went away")

    def maybe_fail(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == on_call:
            raise error
        return real(*args, **kwargs)

    return mock.patch.object(target, attribute, side_effect=maybe_fail, autospec=True)


def _state(*offers) -> list:
    """Everything a publish, import, rollback or scheduled run could touch, for comparing."""
    state = []
    for offer in offers:
        row = Offer.objects.get(pk=offer.pk)
        state.append(
            {
                "offer": (row.published_revision_id, row.status, row.lock_version, row.title),
                "working_copy": document_for(offer.pk),
                "sections": list(Section.objects.filter(offer=offer).values_list("pk", "key")),
                "revisions": list(
                    OfferRevision.objects.filter(offer=offer).values_list(
                        "pk", "version", "content", "summary"
                    )
                ),
                "audit": list(
                    AuditEvent.objects.filter(offer=offer).values_list("pk", "action", "detail")
                ),
                "schedules": list(
                    ScheduledPublish.objects.filter(offer=offer).values_list(
                        "pk", "status", "revision"
                    )
                ),
            }
        )
    return state


def _edit(offer, title):
    offer.title = title
    offer.save()
    Allowance.objects.filter(section__offer=offer).update(name=f"Allowance for {title}")


def _schedule(offer, by, *, minutes=60):
    return services.offer_schedule(
        offer=offer,
        by=by,
        summary="Scheduled change",
        publish_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=minutes),
        accept_gaps=True,
    )


def _due(schedule):
    return schedule.publish_at + datetime.timedelta(minutes=1)


# --- Publish ----------------------------------------------------------------------------

PUBLISH_STEPS = [
    (OfferRevision, "full_clean", 1),
    (OfferRevision, "save", 1),
    (AuditEvent, "save", 1),  # the publish's own event
    (AuditEvent, "save", 2),  # cancelling the schedule the publish supersedes
    (ScheduledPublish, "save", 1),
]


@pytest.mark.parametrize(
    "target, attribute, on_call",
    PUBLISH_STEPS,
    ids=[f"{t.__name__}.{a}#{n}" for t, a, n in PUBLISH_STEPS],
)
def test_a_database_error_mid_publish_leaves_everything_as_it_was(
    offer_a, approver_a, target, attribute, on_call
):
    publish(offer_a, approver_a, "First version")
    _edit(offer_a, "Scheduled copy")
    _schedule(offer_a, approver_a)
    _edit(offer_a, "Second version")
    before = _state(offer_a)

    with _failing(target, attribute, on_call=on_call), pytest.raises(DatabaseError):
        publish(offer_a, approver_a, "Second version")

    assert _state(offer_a) == before
    # The same publish without the fault works: the refusal was the fault, nothing else.
    publish(offer_a, approver_a, "Second version")
    assert OfferRevision.objects.filter(offer=offer_a).count() == 2


# --- Import -----------------------------------------------------------------------------


IMPORT_STEPS = [
    (Section.objects, "bulk_create", 1),
    (Allowance.objects, "bulk_create", 1),
    (AuditEvent, "save", 1),
]


@pytest.mark.parametrize(
    "target, attribute, on_call",
    IMPORT_STEPS,
    ids=["Section.bulk_create", "Allowance.bulk_create", "AuditEvent.save"],
)
def test_a_database_error_mid_import_leaves_the_working_copy_as_it_was(
    offer_a, officer_a, target, attribute, on_call
):
    document = document_for(offer_a.pk)
    document["offer"]["title"] = "Imported title"
    document["sections"][0]["heading"] = "Imported heading"
    document["sections"][0]["allowances"][0]["name"] = "Imported allowance"
    before = _state(offer_a)

    # Managers are not classes: patch the instance's method without autospec's self.
    patcher = (
        _failing(target, attribute, on_call=on_call)
        if isinstance(target, type)
        else mock.patch.object(target, attribute, side_effect=DatabaseError("injected"))
    )
    with patcher, pytest.raises(DatabaseError):
        services.offer_import(offer=offer_a, document=document, by=officer_a)

    assert _state(offer_a) == before
    services.offer_import(offer=offer_a, document=document, by=officer_a)
    assert document_for(offer_a.pk)["sections"][0]["heading"] == "Imported heading"


# --- Rollback ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target, attribute, on_call",
    [
        (OfferRevision, "full_clean", 1),
        (AuditEvent, "save", 1),
        (Section.objects, "bulk_create", 1),
    ],
    ids=["OfferRevision.full_clean", "AuditEvent.save", "Section.bulk_create"],
)
def test_a_database_error_mid_rollback_leaves_the_working_copy_and_live_version(
    offer_a, approver_a, target, attribute, on_call
):
    first = publish(offer_a, approver_a, "First version")
    _edit(offer_a, "Second version")
    publish(offer_a, approver_a, "Second version")
    _edit(offer_a, "Working copy after version 2")
    before = _state(offer_a)

    patcher = (
        _failing(target, attribute, on_call=on_call)
        if isinstance(target, type)
        else mock.patch.object(target, attribute, side_effect=DatabaseError("injected"))
    )
    with patcher, pytest.raises(DatabaseError):
        services.offer_rollback(offer=offer_a, by=approver_a, revision=first, summary="Back")

    assert _state(offer_a) == before
    services.offer_rollback(offer=offer_a, by=approver_a, revision=first, summary="Back")
    assert Offer.objects.get(pk=offer_a.pk).published_revision.version == 3


# --- Scheduled runs ---------------------------------------------------------------------

SCHEDULED_STEPS = [
    (OfferRevision, "full_clean", 1),
    (AuditEvent, "save", 1),
    (ScheduledPublish, "save", 1),  # marking it published, after the revision was written
]


@pytest.mark.parametrize(
    "target, attribute, on_call",
    SCHEDULED_STEPS,
    ids=[f"{t.__name__}.{a}" for t, a, _ in SCHEDULED_STEPS],
)
def test_a_database_error_mid_scheduled_run_leaves_it_pending_and_the_next_run_publishes_once(
    offer_a, approver_a, target, attribute, on_call
):
    schedule = _schedule(offer_a, approver_a)
    before = _state(offer_a)

    with _failing(target, attribute, on_call=on_call):
        assert services.scheduled_publish_due(now=_due(schedule)) == []  # logged, not raised

    assert _state(offer_a) == before
    [revision] = services.scheduled_publish_due(now=_due(schedule))
    assert services.scheduled_publish_due(now=_due(schedule)) == []
    assert OfferRevision.objects.get() == revision
    assert AuditEvent.objects.filter(action=AuditAction.PUBLISH).count() == 1
    schedule.refresh_from_db()
    assert (schedule.status, schedule.revision) == (ScheduleStatus.PUBLISHED, revision)


def test_a_database_error_while_cancelling_a_refused_schedule_leaves_it_pending(
    offer_a, approver_a
):
    schedule = _schedule(offer_a, approver_a)
    Membership.objects.filter(user=approver_a).update(role=Role.EDITOR)
    before = _state(offer_a)

    with _failing(AuditEvent, "save"):
        services.scheduled_publish_due(now=_due(schedule))

    assert _state(offer_a) == before
    services.scheduled_publish_due(now=_due(schedule))
    schedule.refresh_from_db()
    assert schedule.status == ScheduleStatus.CANCELLED
    assert not OfferRevision.objects.exists()


def test_a_publish_scheduled_run_that_dies_mid_way_is_safe_to_run_again(
    offer_a, offer_b, approver_a, site_admin
):
    first = _schedule(offer_a, approver_a, minutes=60)
    second = _schedule(offer_b, site_admin, minutes=61)
    now = _due(second)

    # The first row is published and committed; the process dies writing the second.
    with mock.patch("offers.services.timezone.now", return_value=now):
        with _failing(OfferRevision, "save", on_call=2, error=Crash()), pytest.raises(Crash):
            call_command("publish_scheduled")
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == (ScheduleStatus.PUBLISHED, ScheduleStatus.PENDING)
        assert not OfferRevision.objects.filter(offer=offer_b).exists()

        call_command("publish_scheduled")
        call_command("publish_scheduled")

    for offer in (offer_a, offer_b):
        assert OfferRevision.objects.filter(offer=offer).count() == 1
        assert AuditEvent.objects.filter(offer=offer, action=AuditAction.PUBLISH).count() == 1
    second.refresh_from_db()
    assert second.status == ScheduleStatus.PUBLISHED


# --- The 500 page -----------------------------------------------------------------------


def _broken_view(request):
    raise RuntimeError(f"internal detail {settings.SECRET_KEY} {settings.DATABASES}")


def _broken_database_view(request):
    raise DatabaseError('relation "offers_offer" does not exist at /srv/kinship/db')


urlpatterns = [
    path("broken/", _broken_view),
    path("broken-database/", _broken_database_view),
    *site_urls.urlpatterns,
]


@pytest.mark.parametrize("url", ["/broken/", "/broken-database/"])
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_the_500_page_is_the_plain_error_page_with_no_internals(url):
    client = Client(raise_request_exception=False)

    response = client.get(url)

    assert response.status_code == 500
    assert response.content.decode() == render_to_string("500.html")
    html = response.content.decode()
    for internal in (
        "Traceback",
        "internal detail",
        "RuntimeError",
        "DatabaseError",
        "offers_offer",
        "/srv/",
        settings.SECRET_KEY,
        str(settings.DATABASES["default"]["NAME"]),
        "kinship_portal",
        "settings",
    ):
        assert internal not in html

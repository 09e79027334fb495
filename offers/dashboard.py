"""An offer's state in words, and the rules its reminders share. Read-only: this module
selects and words, it changes nothing.

The site administrators' list of offers (offers.admin) words each offer's publishing state
here; the workspace (offers.review) counts new feedback with it; the review reminders
(offers.reminders) find out-of-date rates with it, so "out of date" means the same on every
page and in the email.
"""

import datetime

from django.db.models import Count, Max
from django.utils import timezone

from .choices import AuditAction, OfferStatus, ScheduleStatus
from .documents import offer_document, offer_queryset
from .formatting import uk_date
from .models import AuditEvent, Feedback, Offer, ScheduledPublish

STATUS_PUBLISHED_UNCHANGED = "Published, no changes since"
STATUS_CHANGED = "Changes not yet published"
STATUS_NOT_PUBLISHED = "Not published yet"


def allowances_before(document: dict | None, cutoff: datetime.date) -> list[dict]:
    """The document's allowances whose rate applies from before `cutoff` (oldest first).

    An allowance with no readable date counts as old: nobody can tell families it is current.
    """
    old = []
    for section in (document or {}).get("sections", []):
        for allowance in section.get("allowances", []):
            try:
                applies_from = datetime.date.fromisoformat(str(allowance.get("applies_from")))
            except ValueError:
                applies_from = None
            if applies_from is None or applies_from < cutoff:
                old.append(allowance)
    return old


def uk_time(value: datetime.datetime) -> str:
    """GOV.UK style times, in UK time: "9am", "2:30pm", "midday", "midnight"."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def uk_date_time(value: datetime.datetime) -> str:
    """ "7 December 2026 at 9:30am"."""
    return f"{uk_date(value)} at {uk_time(value)}"


def _latest_submits(offer_ids) -> dict[int, datetime.datetime]:
    rows = (
        AuditEvent.objects.filter(offer_id__in=offer_ids, action=AuditAction.SUBMIT)
        .values("offer_id")
        .annotate(last=Max("at"))
    )
    return {row["offer_id"]: row["last"] for row in rows}


def _next_schedules(offer_ids) -> dict[int, ScheduledPublish]:
    pending = ScheduledPublish.objects.filter(
        offer_id__in=offer_ids, status=ScheduleStatus.PENDING
    ).order_by("-publish_at")
    # Latest first, so the soonest one is what each offer is left with.
    return {schedule.offer_id: schedule for schedule in pending}


def _unhandled_feedback(council_ids) -> dict[int, int]:
    rows = (
        Feedback.objects.filter(council_id__in=council_ids, handled_at__isnull=True)
        .values("council_id")
        .annotate(count=Count("id"))
    )
    return {row["council_id"]: row["count"] for row in rows}


def status_statements(
    offer: Offer,
    *,
    working: dict,
    submitted_at: datetime.datetime | None,
    schedule: ScheduledPublish | None,
) -> list[str]:
    """Everything true about an offer's publishing state, in words, the main one first:
    "Waiting for approval since …", "Returned: …", "Scheduled for …", then whether the
    working copy (its document, `working`) is the live version. Never "Draft"."""
    live = offer.published_revision
    statements = []
    if offer.status == OfferStatus.SUBMITTED:
        since = f" since {uk_date(submitted_at)}" if submitted_at else ""
        statements.append(f"Waiting for approval{since}")
    elif offer.rejection_reason:
        statements.append(f"Returned: {offer.rejection_reason}")
    if schedule is not None:
        statements.append(f"Scheduled for {uk_date_time(schedule.publish_at)}")
    if live is None:
        statements.append(STATUS_NOT_PUBLISHED)
    elif live.content == working:
        statements.append(STATUS_PUBLISHED_UNCHANGED)
    else:
        statements.append(STATUS_CHANGED)
    return statements


def offers_status_in_words(offer_ids) -> dict[int, list[str]]:
    """status_statements for several offers (the admin's list of offers) in a fixed number
    of queries however many there are."""
    ids = list(offer_ids)
    if not ids:
        return {}
    offers = offer_queryset().select_related("published_revision").filter(pk__in=ids)
    submitted, schedules = _latest_submits(ids), _next_schedules(ids)
    return {
        offer.pk: status_statements(
            offer,
            working=offer_document(offer),
            submitted_at=submitted.get(offer.pk),
            schedule=schedules.get(offer.pk),
        )
        for offer in offers
    }

"""What an officer sees first in the admin: each of their offers, what state it is in and
what needs doing, in words. Read-only: this module selects and words, it changes nothing.

The admin home (offers.admin.dashboard) and the review reminders (offers.reminders) read
the rules here, so "out of date" means the same on the page and in the email.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils import timezone

from . import access
from .checklist import coverage
from .choices import AuditAction, OfferStatus, Role, ScheduleStatus
from .documents import offer_document, offer_queryset
from .financial_year import financial_year_start
from .formatting import uk_date
from .models import AuditEvent, Feedback, Offer, ScheduledPublish

# A review this close is worth a word on the dashboard (the first reminder email goes then).
REVIEW_SOON_DAYS = 30

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


def old_rates_text(count: int, cutoff: datetime.date) -> str:
    """ "2 allowance rates are from before 1 April 2026"; "" when there are none."""
    if not count:
        return ""
    if count == 1:
        return f"1 allowance rate is from before {uk_date(cutoff)}"
    return f"{count} allowance rates are from before {uk_date(cutoff)}"


def checklist_gaps_text(count: int) -> str:
    """ "1 checklist gap", "3 checklist gaps"."""
    return "1 checklist gap" if count == 1 else f"{count} checklist gaps"


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


def review_text(due: datetime.date | None, today: datetime.date) -> str:
    """When the next review is due, with "Overdue" in words once it has passed."""
    if due is None:
        return "No review date set"
    days = (due - today).days
    if days < 0:
        return f"Overdue: the review was due on {uk_date(due)}"
    if days == 0:
        return f"Due today, {uk_date(due)}"
    if days <= REVIEW_SOON_DAYS:
        unit = "day" if days == 1 else "days"
        return f"Due in {days} {unit}, on {uk_date(due)}"
    return uk_date(due)


@dataclass(frozen=True)
class ToDo:
    """Something an officer should do about an offer, and where ("offer", "sections",
    "submit" or "feedback": the admin page the dashboard links it to)."""

    text: str
    place: str


@dataclass(frozen=True)
class OfferSummary:
    """One offer on the dashboard: its live version and everything about it in words."""

    offer: Offer
    live_version: int | None
    status: str  # the main status, e.g. "Waiting for approval since 3 November 2026"
    also: tuple[str, ...]  # other true statements: "Scheduled for …" when not the main one
    review: str
    review_overdue: bool
    old_rates: int
    old_rates_text: str
    new_feedback: int
    checklist_gaps: tuple[str, ...]  # requirements the working copy does not meet yet
    waiting_since: datetime.datetime | None = None
    to_do: tuple[ToDo, ...] = field(default=())

    @property
    def council(self):
        return self.offer.council

    @property
    def checklist_text(self) -> str:
        if not self.checklist_gaps:
            return "Every requirement is met"
        return checklist_gaps_text(len(self.checklist_gaps))


@dataclass(frozen=True)
class Dashboard:
    offers: list[OfferSummary]
    # Offers sent for approval to someone who may publish them (approvers, site admins).
    waiting_for_you: list[OfferSummary]
    rates_cutoff: datetime.date
    today: datetime.date


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


def _approves_for(user) -> set[int] | None:
    """Council ids this user approves for; None means every council (site administrator)."""
    if access.is_site_admin(user):
        return None
    if not access.is_officer(user):
        return set()
    return set(user.memberships.filter(role=Role.APPROVER).values_list("council_id", flat=True))


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


def offer_status_in_words(offer: Offer, *, working: dict) -> list[str]:
    """status_statements for one offer whose working document is at hand (its own pages)."""
    return status_statements(
        offer,
        working=working,
        submitted_at=_latest_submits([offer.pk]).get(offer.pk),
        schedule=_next_schedules([offer.pk]).get(offer.pk),
    )


def offers_status_in_words(offer_ids) -> dict[int, list[str]]:
    """status_statements for several offers (a changelist page, one offer's change page) in
    a fixed number of queries however many there are."""
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


def offer_summarise(
    offer: Offer,
    *,
    today: datetime.date,
    submitted_at: datetime.datetime | None,
    schedule: ScheduledPublish | None,
    new_feedback: int,
) -> OfferSummary:
    """Word one offer's state. `offer` must come from documents.offer_queryset (prefetched)."""
    live = offer.published_revision
    working = offer_document(offer)
    statements = status_statements(
        offer, working=working, submitted_at=submitted_at, schedule=schedule
    )

    cutoff = financial_year_start(today)
    # The rates families see; until the first publish, the ones being written.
    old = len(allowances_before(live.content if live else working, cutoff))
    gaps = tuple(check.requirement for check in coverage(working, today=today) if not check.passed)
    due = offer.next_review_due
    overdue = due is not None and due < today

    to_do = []
    if offer.rejection_reason and offer.status != OfferStatus.SUBMITTED:
        to_do.append(ToDo("Make the changes the approver asked for, then send it again", "offer"))
    if overdue:
        to_do.append(ToDo("Review the offer: the review date has passed", "offer"))
    if old:
        to_do.append(ToDo("Update the allowance rates for this financial year", "sections"))
    if gaps:
        to_do.append(ToDo(f"Fix {checklist_gaps_text(len(gaps))}", "offer"))
    if live is None or live.content != working:
        waiting = offer.status == OfferStatus.SUBMITTED or schedule is not None
        if not (waiting or offer.rejection_reason):
            to_do.append(ToDo("Send the changes for approval, so families can see them", "submit"))
    if new_feedback:
        to_do.append(ToDo("Read the new feedback from families", "feedback"))
    return OfferSummary(
        offer=offer,
        live_version=live.version if live else None,
        status=statements[0],
        also=tuple(statements[1:]),
        review=review_text(due, today),
        review_overdue=overdue,
        old_rates=old,
        old_rates_text=old_rates_text(old, cutoff),
        new_feedback=new_feedback,
        checklist_gaps=gaps,
        waiting_since=submitted_at if offer.status == OfferStatus.SUBMITTED else None,
        to_do=tuple(to_do),
    )


def officer_dashboard(user, *, today: datetime.date | None = None) -> Dashboard:
    """The admin home for `user`: their councils' offers (site administrators: all of them).

    A fixed number of queries however many offers there are: the documents come from one
    prefetched queryset, and submissions, schedules and feedback are counted in one query each.
    """
    today = today or timezone.localdate()
    offers = list(
        offer_queryset()
        .select_related("published_revision")
        .filter(council__in=access.councils_for(user))
        .order_by("council__name")
    )
    ids = [offer.pk for offer in offers]
    submitted = _latest_submits(ids) if ids else {}
    schedules = _next_schedules(ids) if ids else {}
    feedback = _unhandled_feedback([offer.council_id for offer in offers]) if ids else {}
    summaries = [
        offer_summarise(
            offer,
            today=today,
            submitted_at=submitted.get(offer.pk),
            schedule=schedules.get(offer.pk),
            new_feedback=feedback.get(offer.council_id, 0),
        )
        for offer in offers
    ]
    approves = _approves_for(user)
    waiting = [
        summary
        for summary in summaries
        if summary.offer.status == OfferStatus.SUBMITTED
        and (approves is None or summary.offer.council_id in approves)
    ]
    return Dashboard(
        offers=summaries,
        waiting_for_you=waiting,
        rates_cutoff=financial_year_start(today),
        today=today,
    )

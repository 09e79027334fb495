"""Reading the audit trail: which events, between which dates. The admin's audit list and
the workspace's audit page both filter with these, so "from" and "to" mean the same on both
(whole days, inclusive, in UK time)."""

import datetime

from django import forms
from django.db.models import QuerySet

from .models import AuditEvent


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned


def between(
    queryset: QuerySet,
    *,
    start: datetime.date | None,
    end: datetime.date | None,
    field: str = "at",
) -> QuerySet:
    """Rows whose `field` falls on a day from start to end (either may be None)."""
    if start:
        queryset = queryset.filter(**{f"{field}__date__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field}__date__lte": end})
    return queryset


SCHEDULER = "scheduler"  # "who" for events with no person: scheduled publishes


def audit_events(*, councils, start=None, end=None, who: str = "", action: str = "") -> QuerySet:
    """The audit trail of these councils' offers, newest first, ready to show: between two
    dates, by one person (a user id, or SCHEDULER) and of one kind (an AuditAction) if given."""
    events = AuditEvent.objects.filter(offer__council__in=councils).select_related(
        "offer__council", "actor", "revision"
    )
    if who == SCHEDULER:
        events = events.filter(actor__isnull=True)
    elif who.isdigit():
        events = events.filter(actor_id=int(who))
    if action:
        events = events.filter(action=action)
    return between(events, start=start, end=end)


def audit_people(*, councils) -> list[tuple[str, str]]:
    """(value, name) of everyone in these councils' audit trails, for a "who" filter."""
    rows = (
        AuditEvent.objects.filter(offer__council__in=councils, actor__isnull=False)
        .values_list("actor_id", "actor__username", "actor__first_name", "actor__last_name")
        .distinct()
        .order_by("actor__username")
    )
    people = [
        (str(pk), f"{first} {last}".strip() or username) for pk, username, first, last in rows
    ]
    return [*people, (SCHEDULER, "The scheduler (no person)")]

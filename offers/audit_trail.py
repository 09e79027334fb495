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


def audit_events(*, councils, start=None, end=None) -> QuerySet:
    """The audit trail of these councils' offers, newest first, ready to show."""
    events = AuditEvent.objects.filter(offer__council__in=councils).select_related(
        "offer__council", "actor", "revision"
    )
    return between(events, start=start, end=end)

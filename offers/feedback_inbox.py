"""The officers' feedback inbox: marking families' answers as handled, and the CSV export.

What families said is never changed: only `handled_at` and `handled_by` are written here.
"""

import io
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import access
from .choices import AuditAction
from .formatting import join_words
from .models import Feedback, Offer
from .services import _audit
from .spreadsheets import write_csv

CSV_HEADER = (
    "Received",
    "Council",
    "Page",
    "Page name",
    "Useful",
    "What was unclear",
    "Version",
    "Handled",
    "Handled by",
)


UNHANDLED, HANDLED = "unread", "handled"
STATES = [(UNHANDLED, "Not handled yet"), (HANDLED, "Handled")]


def feedback_in_state(queryset: QuerySet, state: str | None) -> QuerySet:
    """Answers not handled yet (UNHANDLED), handled (HANDLED), or all of them (anything else)."""
    if state == UNHANDLED:
        return queryset.filter(handled_at__isnull=True)
    if state == HANDLED:
        return queryset.filter(handled_at__isnull=False)
    return queryset


def feedback_pages(queryset: QuerySet) -> list[tuple[str, str]]:
    """The pages of the guide these answers are about, (anchor, name) sorted by name, each
    named as families last saw it (its newest answer's heading)."""
    names: dict[str, str] = {}
    rows = queryset.order_by("section_anchor", "-created_at").values_list(
        "section_anchor", "section_heading"
    )
    for anchor, heading in rows:
        names.setdefault(anchor, heading)
    return sorted(names.items(), key=lambda item: item[1].lower())


def feedback_inbox(*, councils, state: str | None = None, page: str = "") -> QuerySet:
    """These councils' answers, newest first, in a state and about a page if given."""
    answers = Feedback.objects.filter(council__in=councils).select_related(
        "council", "revision", "handled_by"
    )
    answers = feedback_in_state(answers, state)
    return answers.filter(section_anchor=page) if page else answers


@transaction.atomic
def feedback_mark_handled(*, feedback: Iterable[Feedback], by) -> int:
    """Mark answers as handled by `by`, now, and record it in each offer's audit trail.

    Only officers of the answer's council (and site administrators) may; anything else is
    refused before anything is written. Answers already handled keep who handled them and
    when. Returns how many answers were newly marked.
    """
    ids = [item.pk for item in feedback]
    items = list(
        Feedback.objects.filter(pk__in=ids, handled_at__isnull=True).select_related("council")
    )
    for item in items:
        if not access.can_edit(by, item.council):
            raise PermissionDenied("Only an officer of this council can handle its feedback")
    now = timezone.now()
    Feedback.objects.filter(pk__in=[item.pk for item in items]).update(
        handled_at=now, handled_by=by
    )
    by_council: dict[int, list[Feedback]] = {}
    for item in items:
        by_council.setdefault(item.council_id, []).append(item)
    offers = {offer.council_id: offer for offer in Offer.objects.filter(council_id__in=by_council)}
    for council_id, answers in by_council.items():
        offer = offers.get(council_id)
        if offer is None:
            continue  # a council whose offer was deleted has no audit trail to write to
        pages = list(dict.fromkeys(f"“{answer.section_heading}”" for answer in answers))
        count = "1 answer" if len(answers) == 1 else f"{len(answers)} answers"
        _audit(
            offer=offer,
            by=by,
            action=AuditAction.FEEDBACK_HANDLED,
            detail=f"Marked {count} from families as handled, about {join_words(pages)}",
        )
    return len(items)


def _when(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def feedback_csv(feedback: Iterable[Feedback]) -> str:
    """Feedback as CSV text (with a BOM): one row per answer, in the order given.

    Pass a queryset with select_related("council", "revision", "handled_by").
    """
    rows = []
    for item in feedback:
        handler = item.handled_by
        rows.append(
            (
                _when(item.created_at),
                item.council.name,
                item.section_anchor,
                item.section_heading,
                "Yes" if item.was_clear else "No",
                item.comment,
                item.revision.version if item.revision else "",
                _when(item.handled_at),
                handler.get_username() if handler else "",
            )
        )
    out = io.StringIO()
    write_csv(out, CSV_HEADER, rows)
    return out.getvalue()

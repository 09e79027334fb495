"""The council's audit trail and families' feedback, in the workspace. The queries are the
admin's own (offers.audit_trail, offers.feedback_inbox)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from ...audit_trail import DateRangeForm, audit_events, audit_people
from ...choices import AuditAction
from ...feedback_inbox import (
    HANDLED,
    STATES,
    UNHANDLED,
    feedback_csv,
    feedback_inbox,
    feedback_mark_handled,
    feedback_pages,
)
from ...models import Feedback
from ..base import council_page
from .common import error_list, private

PER_PAGE = 50


def _page(request, rows):
    """One page of rows (?p=); a page number past the end shows the last page."""
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))


def _query(request, **changes) -> str:
    """This page's query string with some parameters changed (for the pagination links)."""
    query = request.GET.copy()
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


@require_http_methods(["GET", "HEAD"])
@council_page
def audit(request, council):
    """Who did what to the council's offer, and when, newest first, between two dates."""
    dated = {name: request.GET[name] for name in ("start", "end") if name in request.GET}
    form = DateRangeForm(dated or None, auto_id="audit-%s")
    dates = form.cleaned_data if form.is_bound and form.is_valid() else {}
    people = audit_people(councils=[council])
    who = request.GET.get("who", "")
    who = who if who in dict(people) else ""
    action = request.GET.get("what", "")
    action = action if action in AuditAction.values else ""
    events = audit_events(
        councils=[council], start=dates.get("start"), end=dates.get("end"), who=who, action=action
    )
    page = _page(request, events)
    context = {
        "council": council,
        "form": form,
        "people": people,
        "who": who,
        "actions": AuditAction.choices,
        "action": action,
        "page": page,
        "previous_query": _query(request, p=page.number - 1) if page.has_previous() else "",
        "next_query": _query(request, p=page.number + 1) if page.has_next() else "",
        "error_list": error_list(form),
    }
    return private(render(request, "workspace/review/audit.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
@council_page
def feedback(request, council):
    """Families' answers to "Is this page useful?"; tick answers to mark them as handled."""
    if request.method == "POST":
        ids = [value for value in request.POST.getlist("handled") if value.isdigit()]
        chosen = Feedback.objects.filter(council=council, pk__in=ids[:PER_PAGE])
        marked = feedback_mark_handled(feedback=chosen, by=request.user)
        if marked:
            noun = "answer" if marked == 1 else "answers"
            messages.success(request, f"Marked {marked} {noun} as handled.")
        else:
            messages.info(request, "Choose the answers you have handled.")
        query = request.GET.urlencode()
        return redirect(f"{request.path}?{query}" if query else request.path)
    state, about = _feedback_filters(request)
    answers = feedback_inbox(councils=[council], state=state, page=about)
    page = _page(request, answers)
    context = {
        "council": council,
        "states": [*STATES, ("all", "All")],
        "state": state or "all",
        "about": about,
        "pages": feedback_pages(feedback_inbox(councils=[council])),
        "page": page,
        "previous_query": _query(request, p=page.number - 1) if page.has_previous() else "",
        "next_query": _query(request, p=page.number + 1) if page.has_next() else "",
        "export_query": request.GET.urlencode(),
    }
    return private(render(request, "workspace/review/feedback.html", context))


def _feedback_filters(request) -> tuple[str, str]:
    """(state, page) chosen on the feedback page: not handled yet unless asked otherwise."""
    state = request.GET.get("state", UNHANDLED)
    return (state if state in (UNHANDLED, HANDLED) else ""), request.GET.get("page", "")


@require_http_methods(["GET", "HEAD"])
@council_page
def feedback_export(request, council):
    """The answers as the feedback page filters them, as a CSV file (the admin's columns)."""
    state, about = _feedback_filters(request)
    answers = feedback_inbox(councils=[council], state=state, page=about)
    response = HttpResponse(feedback_csv(answers), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"feedback-{council.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    )
    return private(response)

"""Send for approval (editors), and the approvals page (approvers): the changes since the
live version, the checklist, the editor's note, and "Publish now", "Schedule" or "Send back
with a comment". The rules are offers.services'; these views parse forms and show pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ... import services
from ...documents import document_for
from ...formatting import uk_date_time
from ...forms import PublishForm, ScheduleForm
from ...models import ScheduledPublish, ScheduleStatus
from ...review import review_panel
from ..base import council_page
from .common import checklist_rows, error_list, live_changes, private, service_errors
from .forms import SendBackForm, SendForm

PUBLISH, SCHEDULE, SEND_BACK = "publish", "schedule", "send_back"


def offer_of(council):
    """The council's offer; a council with no offer yet has nothing to review (404)."""
    try:
        return council.offer
    except council._meta.model.offer.RelatedObjectDoesNotExist as missing:
        raise Http404("This council has no offer yet") from missing


@require_http_methods(["GET", "HEAD", "POST"])
@council_page
def send(request, council):
    """ "Send for approval", with a note; "Cannot start yet" and why, while it cannot."""
    offer = offer_of(council)
    document = document_for(offer.pk)
    blockers = services.offer_submit_blockers(offer=offer, document=document)
    form = SendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.offer_submit(
                offer=offer, by=request.user, note=form.cleaned_data["note"], require_ready=True
            )
        except services.NotReadyToSend as refused:
            blockers = refused.messages
        except ValidationError as error:
            service_errors(form, error)
        else:
            messages.success(
                request, "Sent for approval. An approver will publish it or send it back."
            )
            return redirect("workspace:tasks", council=council.slug)
    context = {
        "council": council,
        "offer": offer,
        "form": form,
        "blockers": blockers,
        "panel": review_panel(offer),
        "error_list": error_list(form),
    }
    return private(render(request, "workspace/review/send.html", context))


def _publish(request, offer, form):
    revision = services.offer_publish(
        offer=offer,
        by=request.user,
        summary=form.cleaned_data["summary"],
        reviewed_on=form.reviewed_on,
        next_review_due=form.cleaned_data["next_review_due"],
        accept_gaps=form.accepts_gaps,
    )
    messages.success(request, f"Published version {revision.version}. Families can see it now.")
    return redirect("workspace:history", council=offer.council.slug)


def _schedule(request, offer, form):
    planned = services.offer_schedule(
        offer=offer,
        by=request.user,
        summary=form.cleaned_data["summary"],
        publish_at=form.cleaned_data["publish_at"],
        accept_gaps=form.accepts_gaps,
    )
    messages.success(request, f"Scheduled to publish on {uk_date_time(planned.publish_at)}.")
    return redirect("workspace:approvals", council=offer.council.slug)


def _send_back(request, offer, form):
    services.offer_reject(offer=offer, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, "Sent back to the editors with your comment.")
    return redirect("workspace:tasks", council=offer.council.slug)


ACTIONS = {PUBLISH: _publish, SCHEDULE: _schedule, SEND_BACK: _send_back}


@require_http_methods(["GET", "HEAD", "POST"])
@council_page(approvers_only=True)
def approvals(request, council):
    """What waits for approval, and the approver's three answers, each its own form: the
    POST's "action" says which one was sent, and only that form is bound."""
    offer = offer_of(council)
    document = document_for(offer.pk)
    action = request.POST.get("action") if request.method == "POST" else None
    if request.method == "POST" and action not in ACTIONS:
        return HttpResponseBadRequest("Choose publish, schedule or send back")
    data = lambda name: request.POST if action == name else None  # noqa: E731
    panel = review_panel(offer)
    forms = {
        PUBLISH: PublishForm(data(PUBLISH), offer=offer, schedules=panel.schedules, prefix=PUBLISH),
        SCHEDULE: ScheduleForm(data(SCHEDULE), prefix=SCHEDULE),
        SEND_BACK: SendBackForm(data(SEND_BACK), prefix=SEND_BACK),
    }
    checklist = checklist_rows(forms[PUBLISH].with_review_dates(document))
    forms[PUBLISH].ask_to_accept_gaps(checklist["gaps"])
    forms[SCHEDULE].ask_to_accept_gaps(checklist_rows(document)["gaps"])
    if action and forms[action].is_valid():
        try:
            return ACTIONS[action](request, offer, forms[action])
        except ValidationError as error:
            service_errors(forms[action], error)
    context = {
        "council": council,
        "offer": offer,
        "panel": panel,
        "changes": live_changes(offer, document),
        "checklist": checklist,
        "publish_form": forms[PUBLISH],
        "schedule_form": forms[SCHEDULE],
        "send_back_form": forms[SEND_BACK],
        "error_list": error_list(*forms.values(), fallback=f"{action}-heading"),
    }
    return private(render(request, "workspace/review/approvals.html", context))


@require_POST
@council_page(approvers_only=True)
def schedule_cancel(request, council, schedule_id: int):
    """Stop a scheduled publish that has not happened yet."""
    offer = offer_of(council)
    schedule = get_object_or_404(
        ScheduledPublish, pk=schedule_id, offer=offer, status=ScheduleStatus.PENDING
    )
    services.schedule_cancel(schedule=schedule, by=request.user)
    when = uk_date_time(schedule.publish_at)
    messages.success(request, f"Cancelled the publish scheduled for {when}.")
    return redirect("workspace:approvals", council=council.slug)

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


@require_http_methods(["GET", "HEAD", "POST"])
@council_page(approvers_only=True)
def approvals(request, council):
    """What waits for approval, and the approver's three answers, each its own form."""
    offer = offer_of(council)
    document = document_for(offer.pk)
    action = request.POST.get("action") if request.method == "POST" else None
    if request.method == "POST" and action not in (PUBLISH, SCHEDULE, SEND_BACK):
        return HttpResponseBadRequest("Choose publish, schedule or send back")
    data = lambda name: request.POST if action == name else None  # noqa: E731
    panel = review_panel(offer)
    publish = PublishForm(data(PUBLISH), offer=offer, schedules=panel.schedules, prefix=PUBLISH)
    checklist = checklist_rows(publish.with_review_dates(document))
    publish.ask_to_accept_gaps(checklist["gaps"])
    schedule = ScheduleForm(data(SCHEDULE), prefix=SCHEDULE)
    schedule.ask_to_accept_gaps(checklist_rows(document)["gaps"])
    send_back = SendBackForm(data(SEND_BACK), prefix=SEND_BACK)

    if action == PUBLISH and publish.is_valid():
        try:
            revision = services.offer_publish(
                offer=offer,
                by=request.user,
                summary=publish.cleaned_data["summary"],
                reviewed_on=publish.reviewed_on,
                next_review_due=publish.cleaned_data["next_review_due"],
                accept_gaps=publish.accepts_gaps,
            )
        except ValidationError as error:
            service_errors(publish, error)
        else:
            messages.success(
                request, f"Published version {revision.version}. Families can see it now."
            )
            return redirect("workspace:history", council=council.slug)
    if action == SCHEDULE and schedule.is_valid():
        try:
            planned = services.offer_schedule(
                offer=offer,
                by=request.user,
                summary=schedule.cleaned_data["summary"],
                publish_at=schedule.cleaned_data["publish_at"],
                accept_gaps=schedule.accepts_gaps,
            )
        except ValidationError as error:
            service_errors(schedule, error)
        else:
            when = uk_date_time(planned.publish_at)
            messages.success(request, f"Scheduled to publish on {when}.")
            return redirect("workspace:approvals", council=council.slug)
    if action == SEND_BACK and send_back.is_valid():
        try:
            services.offer_reject(
                offer=offer, by=request.user, reason=send_back.cleaned_data["reason"]
            )
        except ValidationError as error:
            service_errors(send_back, error)
        else:
            messages.success(request, "Sent back to the editors with your comment.")
            return redirect("workspace:tasks", council=council.slug)

    context = {
        "council": council,
        "offer": offer,
        "panel": panel,
        "changes": live_changes(offer, document),
        "checklist": checklist,
        "publish_form": publish,
        "schedule_form": schedule,
        "send_back_form": send_back,
        "error_list": error_list(publish, schedule, send_back, fallback=f"{action}-heading"),
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

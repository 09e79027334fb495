"""The task list, the offer's details, start, checks, preview, import and export (a section's
pages are in sections.py). Thin: forms parse, offers.writing and offers.services change
things, offers.tasks works out the statuses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ... import access, advice, plain_english, services, tasks, writing
from ...choices import OfferStatus
from ...documents import document_for, document_to_json
from ...formatting import uk_date
from ...forms import ImportConfirmForm, ImportFileForm, working_copy_fingerprint
from ...models import JargonTerm
from ...places import OFFER_TEXT_FIELDS
from ...rendering import PREVIEW_BANNER, render_guide_page
from ...schema import DocumentError
from ...uploads import UPLOAD_REFUSED
from ..base import council_page
from . import links
from .common import answers_of, form_page, has_offer, offer_of
from .forms import CompletedForm, OfferIntroductionForm, OfferManagerForm

ABOUT_PAGES = {
    "introduction": (writing.ABOUT_INTRODUCTION, OfferIntroductionForm),
    "manager": (writing.ABOUT_MANAGER, OfferManagerForm),
}


# --- The task list ---------------------------------------------------------------------------


@council_page
def tasks_page(request, council):
    if not has_offer(council):
        return redirect("workspace:start", council=council.slug)
    offer = offer_of(council)
    document = document_for(offer.pk)
    # The plain-English check is the check page's (it reads every text, too slow for a page
    # opened this often); web address warnings are cheap and counted here.
    found = advice.web_address_advice(document)
    task_list = tasks.build(
        document=document,
        answers=answers_of(offer),
        status=offer.status,
        today=timezone.localdate(),
        can_publish=access.can_publish(request.user, council),
        advice_count=len(found),
    )
    groups = [
        (
            group,
            [
                (task, links.task_url(council, task), f"task-{g}-{t}")
                for t, task in enumerate(group.tasks)
            ],
        )
        for g, group in enumerate(task_list.groups)
    ]
    live = offer.published_revision
    return render(
        request,
        "workspace/tasks.html",
        {
            "council": council,
            "offer": offer,
            "groups": groups,
            "task_list": task_list,
            "live": live,
            "live_url": council.get_absolute_url() if live else "",
            "waiting": offer.status == OfferStatus.SUBMITTED,
            "next_review_due": uk_date(offer.next_review_due),
            "export_url": reverse("workspace:export", kwargs={"council": council.slug}),
            "import_url": reverse("workspace:import", kwargs={"council": council.slug}),
            "order_url": reverse("workspace:sections_order", kwargs={"council": council.slug}),
            "add_section_url": reverse("workspace:section_add", kwargs={"council": council.slug}),
        },
    )


# --- Start -----------------------------------------------------------------------------------

START_EXAMPLE, START_EMPTY = "example", "empty"


@council_page
def start(request, council):
    """A council with no offer yet: start from the example offer, or from nothing."""
    if has_offer(council):
        if request.method == "POST":
            raise Http404("This council has an offer already")
        return redirect("workspace:tasks", council=council.slug)
    error = ""
    if request.method == "POST":
        choice = request.POST.get("start")
        if choice in (START_EXAMPLE, START_EMPTY):
            writing.offer_start(council=council, by=request.user, example=choice == START_EXAMPLE)
            messages.success(request, "Your offer has been started. Work through the tasks below.")
            return redirect("workspace:tasks", council=council.slug)
        error = "Select how you want to start your offer"
    return render(
        request,
        "workspace/start.html",
        {
            "council": council,
            "error": error,
            "error_list": [("start-example", error)] if error else [],
        },
    )


# --- About your offer ------------------------------------------------------------------------


@council_page
def about(request, council, part: str):
    if part not in ABOUT_PAGES:
        raise Http404("No such page")
    offer = offer_of(council)
    task, form_class = ABOUT_PAGES[part]
    answers = answers_of(offer)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=offer)
    done = CompletedForm(data, answer=answers.get(task))
    if data is not None and form.is_valid() and done.is_valid():
        try:
            writing.working_copy_save(
                offer=offer, by=request.user, form=form, what="the offer's details"
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            writing.task_answer_set(offer=offer, by=request.user, task=task, completed=done.answer)
            messages.success(request, "Your changes have been saved.")
            # "Save and continue": the next page about the offer, then the task list.
            parts = list(ABOUT_PAGES)
            following = parts[parts.index(part) + 1 :]
            if following:
                return redirect("workspace:about", council=council.slug, part=following[0])
            return redirect("workspace:tasks", council=council.slug)
    return form_page(
        request,
        "workspace/about.html",
        {
            "council": council,
            "offer": offer,
            "form": form,
            "done": done,
            "title": tasks.ABOUT_TITLES[task],
            "reading": _introduction_reading(offer) if task == writing.ABOUT_INTRODUCTION else None,
        },
        form,
        done,
    )


def _introduction_reading(offer):
    """The plain-English check of the offer's own words as last saved: the introduction's
    reading age (or why there is none) and any jargon."""
    document = {"offer": {name: getattr(offer, name) for name, _ in OFFER_TEXT_FIELDS}}
    return plain_english.offer_report(document, JargonTerm.objects.all()).report


# --- Check and publish -----------------------------------------------------------------------


@council_page
def check(request, council):
    """Everything the checks find, each linked to the field where it is fixed."""
    offer = offer_of(council)
    document = document_for(offer.pk)
    task_list = tasks.build(
        document=document,
        answers=answers_of(offer),
        status=offer.status,
        today=timezone.localdate(),
        can_publish=access.can_publish(request.user, council),
    )
    # What comes after checking, when it can start: "Send for approval", and "Publish" for
    # approvers (the task list's own links, so the rules stay in offers.tasks).
    next_steps = [
        (task.title, url)
        for task in task_list.groups[-1].tasks
        if task.target in (tasks.SEND, tasks.PUBLISH)
        and task.status != tasks.WAITING
        and (url := links.task_url(council, task))
    ]
    gaps = []
    for gap in task_list.gaps:
        if gap.fix.place is not None:
            url = links.place_url(council, gap.fix.place)
        elif gap.fix.add_kind:
            url = reverse("workspace:section_add", kwargs={"council": council.slug})
            url += f"?kind={gap.fix.add_kind}"
        else:
            url = ""
        gaps.append((gap, url))
    found = [
        (item, links.place_url(council, item.place))
        for item in advice.document_advice(document, list(JargonTerm.objects.all()))
    ]
    return render(
        request,
        "workspace/check.html",
        {
            "council": council,
            "offer": offer,
            "gaps": gaps,
            "advice": found,
            "next_steps": next_steps,
        },
    )


@council_page
def preview(request, council, page: str = ""):
    """The working copy exactly as families will see it (the public pages' own rendering)."""
    offer = offer_of(council)
    response = render_guide_page(
        request,
        page=page,
        council=council,
        document=document_for(offer.pk),
        preview_banner=PREVIEW_BANNER,
        base_url=reverse("workspace:preview", kwargs={"council": council.slug}),
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Import and export -----------------------------------------------------------------------


@council_page
def export(request, council):
    offer = offer_of(council)
    response = HttpResponse(
        document_to_json(document_for(offer.pk)), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="{council.slug}-working-copy-{stamp}.json"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@council_page
def import_offer(request, council):
    """Upload a JSON file, see what it is, then confirm: it replaces the working copy."""
    offer = offer_of(council)
    context = {"council": council, "offer": offer}
    if request.method == "POST" and "confirm" in request.POST:
        form = ImportConfirmForm(request.POST, offer=offer)
        if form.is_valid():
            try:
                services.offer_import(
                    offer=offer, document=form.cleaned_data["document"], by=request.user
                )
            except (ValidationError, DocumentError) as error:
                upload = ImportFileForm.refused(offer=offer, error=ValidationError(error.messages))
                return form_page(
                    request, "workspace/import.html", {**context, "form": upload}, upload
                )
            messages.success(
                request, "The file is now your working copy. Families see it once it is published."
            )
            return redirect("workspace:tasks", council=council.slug)
        upload = ImportFileForm.refused(
            offer=offer,
            error=ValidationError(form.non_field_errors() or ["Upload the file again."]),
        )
        return form_page(request, "workspace/import.html", {**context, "form": upload}, upload)
    if request.method == "POST":
        form = ImportFileForm(
            request.POST,
            request.FILES,
            offer=offer,
            refused_size=getattr(request, UPLOAD_REFUSED, None),
        )
        if form.is_valid():
            document = form.cleaned_data["file"]
            offer.refresh_from_db(fields=["lock_version"])
            confirm = {
                "document": ImportConfirmForm.document_text(document),
                "lock_version": offer.lock_version,
                "working_copy": working_copy_fingerprint(document_for(offer.pk)),
            }
            return render(
                request,
                "workspace/import_confirm.html",
                {
                    **context,
                    "confirm": confirm,
                    "sections": [s["heading"] for s in document["sections"]],
                    "title": document["offer"].get("title", ""),
                },
            )
    else:
        form = ImportFileForm(offer=offer)
    return form_page(request, "workspace/import.html", {**context, "form": form}, form)

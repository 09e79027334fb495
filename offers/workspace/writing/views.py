"""The task list and the pages that write the working copy. Thin: forms parse, offers.writing
and offers.services change things, offers.tasks works out the statuses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ... import access, advice, plain_english, services, tasks, writing
from ...choices import SectionKind, label
from ...documents import document_for, document_to_json
from ...entry_types import BY_KEY, ENTRY_TYPES, entry_types_for_kind
from ...formatting import uk_date
from ...forms import ImportConfirmForm, ImportFileForm, working_copy_fingerprint
from ...models import JargonTerm, RemovedItem, Section, TaskAnswer
from ...places import OFFER_TEXT_FIELDS
from ...rendering import PREVIEW_BANNER, render_guide_page
from ...schema import DocumentError
from ...templatetags.workspace_forms import error_list
from ...uploads import UPLOAD_REFUSED
from ..base import council_page
from . import links
from .forms import (
    CompletedForm,
    ConfirmForm,
    OfferIntroductionForm,
    OfferManagerForm,
    SectionAddForm,
    SectionDetailsForm,
    entry_form_class,
)

ABOUT_PAGES = {
    "introduction": (writing.ABOUT_INTRODUCTION, OfferIntroductionForm),
    "manager": (writing.ABOUT_MANAGER, OfferManagerForm),
}


def _offer(council):
    """The council's offer, read with the council by the decorator's one query."""
    if not _has_offer(council):
        raise Http404("This council has no offer yet")
    offer = council.offer
    offer.council = council
    return offer


def _has_offer(council) -> bool:
    try:
        council.offer  # noqa: B018 - read in the decorator's one query
    except council._meta.model.offer.RelatedObjectDoesNotExist:
        return False
    return True


def _page(request, template, context, *forms_):
    errors = error_list(*forms_)
    return render(request, template, {**context, "error_list": errors})


def _answers(offer) -> dict[str, bool]:
    return dict(TaskAnswer.objects.filter(offer=offer).values_list("task", "completed"))


def _section(offer, section_key) -> Section:
    return get_object_or_404(Section, offer=offer, key=section_key)


# --- The task list ---------------------------------------------------------------------------


@council_page
def tasks_page(request, council):
    if not _has_offer(council):
        return redirect("workspace:start", council=council.slug)
    offer = _offer(council)
    document = document_for(offer.pk)
    # The plain-English check is the check page's (it reads every text, too slow for a page
    # opened this often); web address warnings are cheap and counted here.
    found = advice.web_address_advice(document)
    task_list = tasks.build(
        document=document,
        answers=_answers(offer),
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
    if _has_offer(council):
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
    offer = _offer(council)
    task, form_class = ABOUT_PAGES[part]
    answers = _answers(offer)
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
            return redirect("workspace:tasks", council=council.slug)
    return _page(
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


# --- Sections --------------------------------------------------------------------------------


def _entry_cards(section: Section) -> list[dict]:
    """Each entry type this kind of section may hold, with its entries and their rows."""
    cards = []
    for entry_type in entry_types_for_kind(section.kind):
        entries = []
        for entry in getattr(section, entry_type.key).all():
            rows = []
            for name in entry_type.fields:
                field = entry_type.model._meta.get_field(name)
                shown = getattr(entry, f"get_{name}_display", None)
                value = shown() if shown else getattr(entry, name)
                if isinstance(value, bool):
                    value = "Yes" if value else "No"
                rows.append((field.verbose_name.capitalize(), value))
            entries.append({"entry": entry, "name": str(entry), "rows": rows})
        cards.append({"type": entry_type, "entries": entries})
    return cards


@council_page
def section_page(request, council, section_key):
    offer = _offer(council)
    prefetch = [entry_type.key for entry_type in ENTRY_TYPES]
    section = get_object_or_404(
        Section.objects.prefetch_related(*prefetch), offer=offer, key=section_key
    )
    answers = _answers(offer)
    data = request.POST if request.method == "POST" else None
    done = CompletedForm(data, answer=answers.get(str(section.key)))
    if data is not None and done.is_valid():
        writing.task_answer_set(
            offer=offer, by=request.user, task=str(section.key), completed=done.answer
        )
        following = (
            Section.objects.filter(offer=offer, order__gt=section.order)
            .order_by("order", "id")
            .values_list("key", flat=True)
            .first()
        )
        messages.success(request, f"“{section.heading}” has been saved.")
        if following:
            return redirect("workspace:section", council=council.slug, section_key=following)
        return redirect("workspace:tasks", council=council.slug)
    removed = RemovedItem.objects.filter(offer=offer, section_key=section.key)
    return _page(
        request,
        "workspace/section.html",
        {
            "council": council,
            "offer": offer,
            "section": section,
            "kind": label(SectionKind, section.kind),
            "cards": _entry_cards(section),
            "removed": removed,
            "done": done,
        },
        done,
    )


@council_page
def section_details(request, council, section_key):
    offer = _offer(council)
    section = _section(offer, section_key)
    data = request.POST if request.method == "POST" else None
    form = SectionDetailsForm(data, instance=section)
    if data is not None and form.is_valid():
        try:
            writing.working_copy_save(
                offer=offer, by=request.user, form=form, what=f"section “{section.heading}”"
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your changes have been saved.")
            return redirect("workspace:section", council=council.slug, section_key=section.key)
    return _page(
        request,
        "workspace/section_details.html",
        {"council": council, "offer": offer, "section": section, "form": form},
        form,
    )


@council_page
def section_add(request, council):
    offer = _offer(council)
    data = request.POST if request.method == "POST" else None
    form = SectionAddForm(data, initial={"kind": request.GET.get("kind")})
    if data is not None and form.is_valid():
        try:
            section = writing.section_add(offer=offer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, f"“{section.heading}” has been added.")
            return redirect("workspace:section", council=council.slug, section_key=section.key)
    return _page(
        request,
        "workspace/section_add.html",
        {"council": council, "offer": offer, "form": form},
        form,
    )


@council_page
def section_remove(request, council, section_key):
    offer = _offer(council)
    section = _section(offer, section_key)
    data = request.POST if request.method == "POST" else None
    form = ConfirmForm(data)
    if data is not None and form.is_valid():
        if not form.confirmed:
            return redirect("workspace:section", council=council.slug, section_key=section.key)
        heading = section.heading
        writing.section_remove(section=section, by=request.user)
        messages.success(request, f"“{heading}” has been removed.")
        return redirect("workspace:tasks", council=council.slug)
    return _page(
        request,
        "workspace/confirm_remove.html",
        {
            "council": council,
            "offer": offer,
            "form": form,
            "title": f"Remove the section “{section.heading}”?",
            "warning": "Everything in the section goes with it. Families still see it until "
            "the next version is published.",
            "back": reverse(
                "workspace:section", kwargs={"council": council.slug, "section_key": section.key}
            ),
        },
        form,
    )


@council_page
def sections_order(request, council):
    """Move sections up or down, one place at a time (buttons, no JavaScript)."""
    offer = _offer(council)
    if request.method == "POST":
        move = request.POST.get("move", "")
        direction, _, key = move.partition(":")
        if direction in ("up", "down"):
            section = get_object_or_404(Section, offer=offer, key=_uuid_or_404(key))
            writing.section_move(
                section=section, by=request.user, step=-1 if direction == "up" else 1
            )
            messages.success(request, f"“{section.heading}” has been moved {direction}.")
        return redirect("workspace:sections_order", council=council.slug)
    sections = list(offer.sections.order_by("order", "id").only("key", "heading", "order"))
    return render(
        request,
        "workspace/sections_order.html",
        {"council": council, "offer": offer, "sections": sections},
    )


def _uuid_or_404(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        raise Http404("No such section") from None


# --- Entries ---------------------------------------------------------------------------------


def _entry_type(section: Section, key: str):
    entry_type = BY_KEY.get(key)
    if entry_type is None or section.kind not in entry_type.section_kinds:
        raise Http404("This section cannot hold that")
    return entry_type


def _entry_page(request, council, offer, section, entry_type, instance):
    form_class = entry_form_class(entry_type)
    adding = instance.pk is None
    if request.method == "POST" and "add_band" in request.POST:
        form = form_class.with_another_band(request.POST, instance=instance)
    else:
        data = request.POST if request.method == "POST" else None
        form = form_class(data, instance=instance)
        if data is not None and form.is_valid():
            what = f"{entry_type.noun} in section “{section.heading}”"
            try:
                entry = writing.working_copy_save(
                    offer=offer, by=request.user, form=form, what=what
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, f"{entry_type.noun.capitalize()} “{entry}” has been saved."
                )
                if "add_another" in request.POST:
                    return redirect(
                        "workspace:entry_add",
                        council=council.slug,
                        section_key=section.key,
                        entry_type=entry_type.key,
                    )
                return redirect("workspace:section", council=council.slug, section_key=section.key)
    title = f"Add {_a(entry_type.noun)}" if adding else f"Change {entry_type.noun} “{instance}”"
    return _page(
        request,
        "workspace/entry.html",
        {
            "council": council,
            "offer": offer,
            "section": section,
            "entry_type": entry_type,
            "form": form,
            "title": title,
            "adding": adding,
        },
        form,
    )


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


@council_page
def entry_add(request, council, section_key, entry_type):
    offer = _offer(council)
    section = _section(offer, section_key)
    kind = _entry_type(section, entry_type)
    try:
        instance = writing.entry_prepare(section=section, entry_type=kind)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("workspace:section", council=council.slug, section_key=section.key)
    return _entry_page(request, council, offer, section, kind, instance)


def _entry(section, entry_type, entry_key):
    return get_object_or_404(entry_type.model, section=section, key=entry_key)


@council_page
def entry_change(request, council, section_key, entry_type, entry_key):
    offer = _offer(council)
    section = _section(offer, section_key)
    kind = _entry_type(section, entry_type)
    return _entry_page(request, council, offer, section, kind, _entry(section, kind, entry_key))


@council_page
def entry_remove(request, council, section_key, entry_type, entry_key):
    offer = _offer(council)
    section = _section(offer, section_key)
    kind = _entry_type(section, entry_type)
    entry = _entry(section, kind, entry_key)
    data = request.POST if request.method == "POST" else None
    form = ConfirmForm(data)
    back = reverse(
        "workspace:section", kwargs={"council": council.slug, "section_key": section.key}
    )
    if data is not None and form.is_valid():
        if form.confirmed:
            writing.entry_remove(entry=entry, entry_type=kind, by=request.user)
            messages.success(
                request,
                f"{kind.noun.capitalize()} “{entry}” has been removed. You can undo this below.",
            )
        return redirect(back)
    return _page(
        request,
        "workspace/confirm_remove.html",
        {
            "council": council,
            "offer": offer,
            "form": form,
            "title": f"Remove the {kind.noun} “{entry}”?",
            "warning": "You can undo this on the section's page until the next version is "
            "published.",
            "back": back,
        },
        form,
    )


@require_POST
@council_page
def entry_undo(request, council, section_key):
    offer = _offer(council)
    section = _section(offer, section_key)
    removed = get_object_or_404(
        RemovedItem,
        offer=offer,
        section_key=section.key,
        pk=_int_or_404(request.POST.get("removed")),
    )
    try:
        writing.entry_restore(removed=removed, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"“{removed.name}” is back.")
    return redirect("workspace:section", council=council.slug, section_key=section.key)


def _int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("Nothing to undo") from None


# --- Check and publish -----------------------------------------------------------------------


@council_page
def check(request, council):
    """Everything the checks find, each linked to the field where it is fixed."""
    offer = _offer(council)
    document = document_for(offer.pk)
    gaps = []
    for gap in tasks.checklist.gaps(document, today=timezone.localdate()):
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
        {"council": council, "offer": offer, "gaps": gaps, "advice": found},
    )


@council_page
def preview(request, council, page: str = ""):
    """The working copy exactly as families will see it (the public pages' own rendering)."""
    offer = _offer(council)
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
    offer = _offer(council)
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
    offer = _offer(council)
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
                return _page(request, "workspace/import.html", {**context, "form": upload}, upload)
            messages.success(
                request, "The file is now your working copy. Families see it once it is published."
            )
            return redirect("workspace:tasks", council=council.slug)
        upload = ImportFileForm.refused(
            offer=offer,
            error=ValidationError(form.non_field_errors() or ["Upload the file again."]),
        )
        return _page(request, "workspace/import.html", {**context, "form": upload}, upload)
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
    return _page(request, "workspace/import.html", {**context, "form": form}, form)

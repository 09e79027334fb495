"""A section's pages: its summary with one card per entry, its text, adding, removing and
moving sections, and each entry's form, removal and undo."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ... import writing
from ...choices import SectionKind, label
from ...entry_types import BY_KEY, ENTRY_TYPES, entry_types_for_kind
from ...models import RemovedItem, Section
from ..base import council_page
from .common import answers_of, form_page, offer_of, section_of
from .forms import (
    CompletedForm,
    ConfirmForm,
    SectionAddForm,
    SectionDetailsForm,
    entry_form_class,
)

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
    offer = offer_of(council)
    prefetch = [entry_type.key for entry_type in ENTRY_TYPES]
    section = get_object_or_404(
        Section.objects.prefetch_related(*prefetch), offer=offer, key=section_key
    )
    answers = answers_of(offer)
    following = (
        Section.objects.filter(offer=offer)
        .filter(Q(order__gt=section.order) | Q(order=section.order, id__gt=section.id))
        .order_by("order", "id")
        .values_list("key", flat=True)
        .first()
    )
    data = request.POST if request.method == "POST" else None
    done = CompletedForm(data, answer=answers.get(str(section.key)))
    if data is not None and done.is_valid():
        writing.task_answer_set(
            offer=offer, by=request.user, task=str(section.key), completed=done.answer
        )
        messages.success(request, f"“{section.heading}” has been saved.")
        if following:
            return redirect("workspace:section", council=council.slug, section_key=following)
        if "add_section" in request.POST:
            return redirect("workspace:section_add", council=council.slug)
        return redirect("workspace:tasks", council=council.slug)
    removed = RemovedItem.objects.filter(offer=offer, section_key=section.key)
    return form_page(
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
            "last": following is None,
        },
        done,
    )


@council_page
def section_details(request, council, section_key):
    offer = offer_of(council)
    section = section_of(offer, section_key)
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
    return form_page(
        request,
        "workspace/section_details.html",
        {"council": council, "offer": offer, "section": section, "form": form},
        form,
    )


@council_page
def section_add(request, council):
    offer = offer_of(council)
    data = request.POST if request.method == "POST" else None
    form = SectionAddForm(data, initial={"kind": request.GET.get("kind")})
    if data is not None and form.is_valid():
        try:
            section = writing.section_add(offer=offer, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"“{section.heading}” has been added.")
            return redirect("workspace:section", council=council.slug, section_key=section.key)
    return form_page(
        request,
        "workspace/section_add.html",
        {"council": council, "offer": offer, "form": form},
        form,
    )


def _add_errors(form, error: ValidationError) -> None:
    """The model's own checks, each under the field it concerns (so the error summary links
    to it); the rest, like no room for another section, above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages[0])
        return
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@council_page
def section_remove(request, council, section_key):
    offer = offer_of(council)
    section = section_of(offer, section_key)
    data = request.POST if request.method == "POST" else None
    form = ConfirmForm(data)
    if data is not None and form.is_valid():
        if not form.confirmed:
            return redirect("workspace:section", council=council.slug, section_key=section.key)
        heading = section.heading
        writing.section_remove(section=section, by=request.user)
        messages.success(request, f"“{heading}” has been removed.")
        return redirect("workspace:tasks", council=council.slug)
    return form_page(
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
    offer = offer_of(council)
    if request.method == "POST":
        move = request.POST.get("move", "")
        direction, _, key = move.partition(":")
        if direction in ("up", "down"):
            section = get_object_or_404(Section, offer=offer, key=_uuid_or_404(key))
            step = -1 if direction == "up" else 1
            if writing.section_move(section=section, by=request.user, step=step):
                messages.success(request, f"“{section.heading}” has been moved {direction}.")
        return redirect("workspace:sections_order", council=council.slug)
    sections = list(offer.sections.order_by("order", "id").only("key", "heading", "order"))
    return render(
        request,
        "workspace/sections_order.html",
        {"council": council, "offer": offer, "sections": sections},
    )


def _uuid_or_404(value: str):
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
    return form_page(
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
    offer = offer_of(council)
    section = section_of(offer, section_key)
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
    offer = offer_of(council)
    section = section_of(offer, section_key)
    kind = _entry_type(section, entry_type)
    return _entry_page(request, council, offer, section, kind, _entry(section, kind, entry_key))


@council_page
def entry_remove(request, council, section_key, entry_type, entry_key):
    offer = offer_of(council)
    section = section_of(offer, section_key)
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
    return form_page(
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
    offer = offer_of(council)
    section = section_of(offer, section_key)
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

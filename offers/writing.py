"""The verbs of writing a working copy in the officers' workspace (offers.workspace.writing):
save a page's form, answer "Have you completed this section?", add, remove and move
sections, remove an entry and undo that, and start a council's first offer.

Kept apart from offers.services (publishing, import, schedules) so that module stays about
the offer's life cycle; every verb here uses its permission check, audit and withdraw.
Every save of the working copy, whatever page it comes from, runs edit_begin first: only
the council's officers may write, and a working copy waiting for approval is withdrawn
from it (services.offer_withdraw), since the approvers would publish text they never saw.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from . import limits
from .choices import AuditAction, SectionKind, label
from .demo import starter_document
from .documents import _plain
from .entry_types import BY_KEY, EntryType
from .models import Council, Offer, RemovedItem, Section, TaskAnswer
from .services import (
    _audit,
    _model_values,
    _require_editor,
    offer_create_from_document,
    offer_import,
    offer_withdraw,
)

# Task keys for the offer's own details (a section's task key is its document key).
ABOUT_INTRODUCTION = "about:introduction"
ABOUT_MANAGER = "about:manager"


def edit_begin(*, offer: Offer, by) -> bool:
    """Before any save of the working copy: the editor's permission, and the withdrawal of
    a working copy that waits for approval. True if it was withdrawn."""
    _require_editor(by, offer)
    return offer_withdraw(offer=offer, by=by)


@transaction.atomic
def working_copy_save(*, offer: Offer, by, form, what: str):
    """Save a workspace form of the working copy (the offer's details, a section's text or
    an entry), checked by the form and its optimistic lock, and record it in the audit
    trail: "Changed section “Money” (heading, summary)". Returns the saved object.

    A form saved with nothing changed is not an edit: nothing is written, and a working
    copy waiting for approval stays waiting.
    """
    _require_editor(by, offer)
    adding = form.instance.pk is None
    changed = [name for name in form.changed_data if name in form.fields]
    rows_changed = any(rows.has_changed() for rows in getattr(form, "formsets", ()))
    if not (adding or changed or rows_changed):
        return form.instance
    edit_begin(offer=offer, by=by)
    saved = form.save()
    labels = ", ".join(str(form.fields[name].label or name).lower() for name in changed)
    detail = f"Added {what}" if adding else f"Changed {what} ({labels or 'amounts'})"
    _audit(offer=offer, by=by, action=AuditAction.EDIT, detail=detail)
    return saved


@transaction.atomic
def task_answer_set(*, offer: Offer, by, task: str, completed: bool) -> TaskAnswer:
    """The officer's answer to "Have you completed this section?" for one task."""
    _require_editor(by, offer)
    answer, _ = TaskAnswer.objects.update_or_create(
        offer=offer,
        task=task,
        defaults={"completed": completed, "answered_by": by, "at": timezone.now()},
    )
    return answer


# --- Sections ------------------------------------------------------------------------------


@transaction.atomic
def section_add(
    *,
    offer: Offer,
    by,
    kind: str,
    heading: str,
    summary: str,
    body: str = "",
    arrangement_types: list[str] | None = None,
) -> Section:
    """Add a section of a kind from the registry, last in the offer, within offers.limits,
    with its text and who it is for when the officer gives them."""
    edit_begin(offer=offer, by=by)
    Offer.objects.select_for_update().filter(pk=offer.pk).first()  # one add at a time
    offer.check_room_for_a_section()
    last = offer.sections.aggregate(last=Max("order"))["last"] or 0
    section = Section(
        offer=offer,
        kind=kind,
        heading=heading,
        summary=summary,
        body=body,
        arrangement_types=list(arrangement_types or []),
        order=last + 1,
    )
    section.full_clean()
    section.save()
    _audit(offer=offer, by=by, action=AuditAction.EDIT, detail=f"Added section “{heading}”")
    return section


@transaction.atomic
def section_remove(*, section: Section, by) -> None:
    """Remove a section and everything in it from the working copy (families keep seeing
    it until the next publish)."""
    offer = section.offer
    edit_begin(offer=offer, by=by)
    TaskAnswer.objects.filter(offer=offer, task=str(section.key)).delete()
    RemovedItem.objects.filter(offer=offer, section_key=section.key).delete()
    heading = section.heading
    section.delete()
    _audit(offer=offer, by=by, action=AuditAction.DELETE, detail=f"Deleted section “{heading}”")


@transaction.atomic
def section_move(*, section: Section, by, step: int) -> bool:
    """Move a section one place up (step -1) or down (+1). False if it is at that end.

    The orders are renumbered 1, 2, 3… first, so sections with equal orders (an import of
    old data, rows added by hand) still move one place at a time.
    """
    offer = section.offer
    _require_editor(by, offer)
    Offer.objects.select_for_update().filter(pk=offer.pk).first()
    ids = list(offer.sections.order_by("order", "id").values_list("id", flat=True))
    where = ids.index(section.pk)
    other = where + step
    if step not in (-1, 1) or not 0 <= other < len(ids):
        return False  # already at that end: nothing changes, nothing is withdrawn
    edit_begin(offer=offer, by=by)
    ids[where], ids[other] = ids[other], ids[where]
    rows = list(Section.objects.filter(pk__in=ids).only("id", "order"))
    position = {pk: n + 1 for n, pk in enumerate(ids)}
    for row in rows:
        row.order = position[row.pk]
    Section.objects.bulk_update(rows, ["order"])
    Section.objects.filter(pk=section.pk).update(lock_version=F("lock_version") + 1)
    _audit(
        offer=offer,
        by=by,
        action=AuditAction.EDIT,
        detail=f"Moved section “{section.heading}” {'up' if step < 0 else 'down'}",
    )
    return True


# --- Entries -------------------------------------------------------------------------------


def entry_prepare(*, section: Section, entry_type: EntryType):
    """A new, unsaved entry of this type for a section, placed last; refused beyond
    offers.limits.MAX_ENTRIES_PER_LIST or for a kind of section it does not belong in."""
    if section.kind not in entry_type.section_kinds:
        raise PermissionDenied(
            f"A {label(SectionKind, section.kind)} section cannot hold a {entry_type.noun}"
        )
    manager = getattr(section, entry_type.key)
    if manager.count() >= limits.MAX_ENTRIES_PER_LIST:
        raise ValidationError(limits.too_many_entries(entry_type.noun_plural), code="too_many")
    last = manager.aggregate(last=Max("order"))["last"] or 0
    return entry_type.model(section=section, order=last + 1)


@transaction.atomic
def entry_remove(*, entry, entry_type: EntryType, by) -> RemovedItem:
    """Remove an entry from the working copy, keeping it (as its document item) so that
    "Undo" can put it back until the next publish."""
    section = entry.section
    offer = section.offer
    edit_begin(offer=offer, by=by)
    content = {name: _plain(getattr(entry, name)) for name in entry_type.document_fields}
    name = entry_type.name_of(content)
    removed = RemovedItem.objects.create(
        offer=offer,
        section_key=section.key,
        entry_type=entry_type.key,
        name=name[:200],
        content=content,
        order=entry.order,
        removed_by=by,
    )
    entry.delete()
    Section.objects.filter(pk=section.pk).update(lock_version=F("lock_version") + 1)
    _audit(
        offer=offer,
        by=by,
        action=AuditAction.DELETE,
        detail=f"Removed {entry_type.noun} “{name}” from section “{section.heading}”",
    )
    return removed


@transaction.atomic
def entry_restore(*, removed: RemovedItem, by):
    """Undo a removal: the entry comes back to its section, where it was, with its key."""
    offer = removed.offer
    edit_begin(offer=offer, by=by)
    section = Section.objects.filter(offer=offer, key=removed.section_key).first()
    entry_type = BY_KEY.get(removed.entry_type)
    if section is None or entry_type is None:
        raise ValidationError("The section this was in has been removed, so it cannot come back")
    entries = getattr(section, entry_type.key)
    already = entries.filter(key=removed.content.get("key")).first()
    if already is not None:  # it came back another way (an import of a file that has it)
        removed.delete()
        return already
    if entries.count() >= limits.MAX_ENTRIES_PER_LIST:
        raise ValidationError(limits.too_many_entries(entry_type.noun_plural))
    values = _model_values(entry_type.model, removed.content, entry_type.document_fields)
    entry = entry_type.model(section=section, order=removed.order, **values)
    entry.full_clean(exclude=["section"])
    entry.save()
    removed.delete()
    _audit(
        offer=offer,
        by=by,
        action=AuditAction.EDIT,
        detail=f"Put back {entry_type.noun} “{removed.name}” in section “{section.heading}”",
    )
    return entry


# --- Starting a council's first offer ------------------------------------------------------


@transaction.atomic
def offer_start(*, council: Council, by, example: bool) -> Offer:
    """A council's first offer: the example offer (offers/demo/starter.json, with its
    "[Replace: …]" prompts for the task list to list), or an empty one whose texts are the
    officer's first tasks. Review dates start as today and a year ahead."""
    if example:
        document = starter_document()
        offer = offer_create_from_document(council=council, document=document, by=by)
        offer_import(offer=offer, document=document, by=by)
        return offer
    offer = Offer(council=council)
    _require_editor(by, offer)
    if Offer.objects.filter(council=council).exists():
        raise ValidationError(f"{council.name} has an offer already")
    today = timezone.localdate()
    offer.last_reviewed = today
    offer.next_review_due = today + datetime.timedelta(days=365)
    offer.save()
    _audit(offer=offer, by=by, action=AuditAction.EDIT, detail="Started an empty offer")
    return offer

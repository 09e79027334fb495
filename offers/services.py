"""The verbs that change an offer's state. Views, admin actions, commands and tests call these.

Permission checks live here, not in the views, so every route (admin page, admin action,
command, a hand-made POST) meets the same rule: editors write and submit; approvers of the
council and site administrators publish, reject, schedule and roll back.
"""

import datetime
import logging

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from . import access, addresses, checklist
from .documents import OFFER_FIELDS, SECTION_FIELDS, document_for
from .entry_types import ENTRY_TYPES
from .formatting import uk_date, uk_date_time
from .models import (
    AuditAction,
    AuditEvent,
    Council,
    Feedback,
    Offer,
    OfferRevision,
    OfferStatus,
    PreviewLink,
    RemovedItem,
    ScheduledPublish,
    ScheduleStatus,
    Section,
)
from .page_cache import public_pages_changed
from .schema import DocumentError, document_validate
from .search import search_index_revision
from .validators import TEXT_VALIDATORS, validate_publish_at

logger = logging.getLogger(__name__)


class NothingToPublish(ValidationError):
    """The document is the live version already; publishing it again would add nothing."""


class GapsNotAccepted(ValidationError):
    """The document misses checklist requirements and the approver did not accept that."""


PREVIEW_LINK_DAYS = 7
PREVIEW_LINK_SALT = "offers.preview_link"


def _validate_summary(summary: str) -> str:
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(
            {"summary": "Enter a short summary of what changed, for families to read"}
        )
    if len(summary) > 300:
        raise ValidationError({"summary": "The summary must be 300 characters or fewer"})
    return summary


def _require_editor(user, offer: Offer) -> None:
    if not access.can_edit(user, offer.council):
        raise PermissionDenied("Only an officer of this council can do this")


def _require_approver(user, offer: Offer) -> None:
    if not access.can_publish(user, offer.council):
        raise PermissionDenied("Only an approver for this council can do this")


def _audit(*, offer: Offer, by, action: str, detail: str = "", revision=None) -> AuditEvent:
    event = AuditEvent(offer=offer, actor=by, action=action, detail=detail, revision=revision)
    # No actor is the scheduler acting alone (the field is nullable, but not blank=True).
    event.full_clean(exclude=["actor"] if by is None else None)
    event.save()
    return event


# --- Submit and reject ---------------------------------------------------------------------


class NotReadyToSend(ValidationError):
    """The working copy cannot be sent for approval yet (offer_submit_blockers says why)."""


NOTHING_TO_SEND = "Nothing has changed since the live version, so there is nothing to approve"


def offer_submit_blockers(*, offer: Offer, document: dict | None = None) -> list[str]:
    """Why the working copy cannot be sent for approval yet, in words ([] when it can): the
    required checks it fails (checklist.send_blockers), or nothing new since the live
    version. document: the working copy's, if the caller has it already."""
    document = document if document is not None else document_for(offer.pk)
    reasons = [
        f"{check.requirement}: {check.missing}"
        for check in checklist.send_blockers(document, today=timezone.localdate())
    ]
    live = offer.published_revision
    if live is not None and live.content == document:
        reasons.append(NOTHING_TO_SEND)
    return reasons


@transaction.atomic
def offer_submit(*, offer: Offer, by, note: str = "", require_ready: bool = False) -> Offer:
    """An editor asks the council's approvers to check and publish the working copy.

    require_ready: refuse (NotReadyToSend) while offer_submit_blockers has reasons, as the
    workspace's "Send for approval" does. The note is checked as officer text.
    """
    _require_editor(by, offer)
    note = (note or "").strip()
    for validator in TEXT_VALIDATORS:
        try:
            validator(note)
        except ValidationError as error:
            raise ValidationError({"note": error.messages}) from error
    if require_ready:
        reasons = offer_submit_blockers(offer=offer)
        if reasons:
            raise NotReadyToSend(reasons, code="not_ready")
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.SUBMITTED, rejection_reason="")
    offer.status, offer.rejection_reason = OfferStatus.SUBMITTED, ""
    _audit(offer=offer, by=by, action=AuditAction.SUBMIT, detail=note)
    return offer


@transaction.atomic
def offer_reject(*, offer: Offer, by, reason: str) -> Offer:
    """An approver sends the working copy back to the editors, saying why."""
    _require_approver(by, offer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are sending this back, for the editor"})
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.DRAFT, rejection_reason=reason)
    offer.status, offer.rejection_reason = OfferStatus.DRAFT, reason
    _audit(offer=offer, by=by, action=AuditAction.REJECT, detail=reason)
    return offer


@transaction.atomic
def offer_withdraw(*, offer: Offer, by) -> bool:
    """An editor changes a working copy that waits for approval: it is taken back from the
    approvers (they would otherwise publish text they never saw). True if it was waiting.

    The workspace warns before the edit; every save of the working copy there calls this
    in its own transaction (offers.writing).
    """
    _require_editor(by, offer)
    withdrawn = Offer.objects.filter(pk=offer.pk, status=OfferStatus.SUBMITTED).update(
        status=OfferStatus.DRAFT
    )
    offer.status = OfferStatus.DRAFT
    if withdrawn:
        _audit(
            offer=offer,
            by=by,
            action=AuditAction.WITHDRAW,
            detail="Changed while waiting for approval, so it was taken back from approval",
        )
    return bool(withdrawn)


# --- Publish, roll back --------------------------------------------------------------------


@transaction.atomic
def offer_publish_document(
    *,
    offer: Offer,
    by,
    summary: str,
    document: dict,
    action: str = AuditAction.PUBLISH,
    scheduled: ScheduledPublish | None = None,
    accept_gaps: bool = True,
) -> OfferRevision:
    """Store a document as the offer's next immutable version and make it live.

    One transaction: check the document against the schema, lock the offer row, refuse a
    document equal to the live version, number the version, write the revision, point the
    offer at it, record the audit event, and cancel the offer's other pending scheduled
    publishes: they were made against an older version, so publishing them later would
    undo this one. Any failure leaves the old live version in place.
    Callers check who may publish (offer_publish, offer_rollback, or the approver who
    scheduled it); this is the one place that writes a revision. scheduled: the scheduled
    publish this is carrying out, if any (it is not cancelled).

    Checklist gaps (offers.checklist) are refused unless accept_gaps; the audit event names
    any that went live. accept_gaps is True here because offer_publish asks the approver,
    a rollback restores a version that was published already, and a scheduled publish was
    accepted with its gaps when it was scheduled.
    """
    summary = _validate_summary(summary)
    document = document_validate(document)
    locked = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("published_revision")
        .get(pk=offer.pk)
    )
    live = locked.published_revision
    if live is not None and live.content == document:
        raise NothingToPublish(
            f"Nothing has changed since version {live.version}",
            code="nothing_changed",
        )
    failed = checklist.gaps(document, today=timezone.localdate())
    if failed and not accept_gaps:
        raise _gaps_refusal(failed)
    last = locked.revisions.aggregate(last=Max("version"))["last"] or 0
    revision = OfferRevision(
        offer=locked, version=last + 1, content=document, summary=summary, published_by=by
    )
    revision.full_clean()
    revision.save()
    Offer.objects.filter(pk=locked.pk).update(
        published_revision=revision, status=OfferStatus.DRAFT, rejection_reason=""
    )
    search_index_revision(revision=revision)  # the replaced version's rows go, in this transaction
    RemovedItem.objects.filter(offer=locked).delete()  # "Undo" lasts until the next publish
    detail = summary + (f"\nPublished with {checklist.gaps_summary(failed)}" if failed else "")
    _audit(offer=locked, by=by, action=action, revision=revision, detail=detail)
    _schedules_cancel_superseded(offer=locked, by=by, revision=revision, keep=scheduled)
    public_pages_changed()  # every public page is made afresh once this commits
    offer.published_revision = revision
    offer.status = OfferStatus.DRAFT
    offer.rejection_reason = ""
    return revision


def _gaps_refusal(failed: list) -> GapsNotAccepted:
    noun = "requirement" if len(failed) == 1 else "requirements"
    refusal = GapsNotAccepted(
        {
            "accept_gaps": (
                f"This offer misses {len(failed)} checklist {noun}. Fix them first, or tick "
                "“Publish with these gaps”"
            )
        },
        code="gaps",
    )
    refusal.gaps = failed
    return refusal


def _confirm_review(
    *, offer: Offer, reviewed_on: datetime.date | None, next_review_due: datetime.date | None
) -> None:
    """Record the approver's review dates on the working copy before its document is made
    (None keeps a date as it is).

    The lock version is bumped too, so an officer with the edit form open cannot save an
    older review date over this one without being told.
    """
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if reviewed_on is not None:
        locked.last_reviewed = reviewed_on
    if next_review_due is not None:
        locked.next_review_due = next_review_due
    locked.full_clean()
    Offer.objects.filter(pk=locked.pk).update(
        last_reviewed=locked.last_reviewed,
        next_review_due=locked.next_review_due,
        lock_version=F("lock_version") + 1,
    )
    offer.last_reviewed, offer.next_review_due = locked.last_reviewed, locked.next_review_due
    offer.lock_version = locked.lock_version + 1


def offer_publish(
    *,
    offer: Offer,
    by,
    summary: str,
    reviewed_on: datetime.date | None = None,
    next_review_due: datetime.date | None = None,
    accept_gaps: bool = False,
) -> OfferRevision:
    """Publish the working copy as it is now. Only approvers and site administrators may.

    reviewed_on: the approver confirms they reviewed the offer that day; it becomes the
    offer's "last reviewed" date (None keeps the date the offer has). next_review_due, if
    given, becomes the next one. The review dates, the document and the revision are
    written in one transaction; the model's rules on review dates apply.

    A document that misses checklist requirements (offers.checklist, judged today on the
    document being published, review dates included) is refused unless accept_gaps: the
    approver's "Publish with these gaps". The audit event then lists the gaps.
    """
    _require_approver(by, offer)
    with transaction.atomic():
        if reviewed_on is not None or next_review_due is not None:
            _confirm_review(offer=offer, reviewed_on=reviewed_on, next_review_due=next_review_due)
        document = document_for(offer.pk)
        return offer_publish_document(
            offer=offer, by=by, summary=summary, document=document, accept_gaps=accept_gaps
        )


def offer_rollback(*, offer: Offer, by, revision: OfferRevision, summary: str) -> OfferRevision:
    """Put an older version back: into the working copy, and live as a new version.

    History is never rewritten: the old document is published again as version N+1. The
    working copy is replaced by it too, in the same transaction, or the next publish would
    quietly bring back the text that was rolled back. Council details (name, phone) stay
    as they are now: they are the council's, not the version's.
    """
    _require_approver(by, offer)
    if revision.offer_id != offer.pk:
        raise PermissionDenied("That version belongs to another offer")
    with transaction.atomic():
        _working_copy_replace(offer=offer, document=document_validate(revision.content))
        return offer_publish_document(
            offer=offer,
            by=by,
            summary=summary,
            document=document_for(offer.pk),
            action=AuditAction.ROLLBACK,
            accept_gaps=True,  # it was published before; the audit event lists its gaps
        )


@transaction.atomic
def offer_version_restore(*, offer: Offer, by, revision: OfferRevision) -> Offer:
    """Make an older version the working copy again, to be approved like any other change.

    Nothing goes live: the working copy's rows are replaced by the version's (council
    details stay the council's), any request for approval is withdrawn, since what was
    sent is gone, and the audit trail says which version came back. Editors may do it;
    offer_rollback is the approver's way to put a version live at once.
    """
    _require_editor(by, offer)
    if revision.offer_id != offer.pk:
        raise PermissionDenied("That version belongs to another offer")
    _working_copy_replace(offer=offer, document=document_validate(revision.content))
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.DRAFT)
    offer.status = OfferStatus.DRAFT
    _audit(
        offer=offer,
        by=by,
        action=AuditAction.RESTORE,
        revision=revision,
        detail=f"Version {revision.version} is the working copy again; it needs approval",
    )
    return offer


# --- Import: a document becomes the working copy ------------------------------------------


def _model_values(model, document_item: dict, names) -> dict:
    """Document values ("201.00", "2026-04-06") as the model's Python values."""
    return {name: model._meta.get_field(name).to_python(document_item[name]) for name in names}


def _checked(obj, path: str, exclude=()):
    """Run the model's own rules on an unsaved row; a failure names its place in the file.

    Uniqueness is left out: keys were checked for the whole document already, and a query
    per row would make large imports slow.
    """
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        where = path if field == "__all__" else f"{path}.{field}"
        raise DocumentError(messages[0], path=where) from error
    return obj


def _working_copy_replace(*, offer: Offer, document: dict) -> Offer:
    """Replace the offer's fields, sections and entries with a checked document's, in order.

    The caller holds a transaction; keys come from the document, so versions made from the
    new rows still compare with versions made from the old ones.
    """
    locked = Offer.objects.select_for_update().select_related("council").get(pk=offer.pk)
    values = _model_values(Offer, document["offer"], OFFER_FIELDS)
    for name, value in values.items():
        setattr(locked, name, value)
    _checked(locked, "offer", exclude=["council"])
    Offer.objects.filter(pk=locked.pk).update(**values, lock_version=F("lock_version") + 1)
    locked.sections.all().delete()

    sections, entries = [], {entry_type: [] for entry_type in ENTRY_TYPES}
    for s_index, item in enumerate(document["sections"]):
        path = f"sections[{s_index}]"
        section = Section(
            offer=locked,
            order=s_index + 1,
            **_model_values(Section, item, ("key", *SECTION_FIELDS)),
        )
        sections.append(_checked(section, path, exclude=["offer"]))
        for entry_type in ENTRY_TYPES:
            for e_index, entry_item in enumerate(item[entry_type.key]):
                entry = entry_type.model(
                    section=section,
                    order=e_index + 1,
                    **_model_values(entry_type.model, entry_item, entry_type.document_fields),
                )
                entries[entry_type].append(
                    _checked(entry, f"{path}.{entry_type.key}[{e_index}]", exclude=["section"])
                )
    Section.objects.bulk_create(sections)
    for entry_type, rows in entries.items():
        entry_type.model.objects.bulk_create(rows)  # each row takes its section's new id
    for name, value in values.items():
        setattr(offer, name, value)
    offer.lock_version = locked.lock_version + 1
    return offer


def _require_same_council(*, offer: Offer, document: dict) -> None:
    council = document.get("council")
    if council is None:  # a starter template belongs to no council
        return
    if council.get("gss_code") != offer.council.gss_code:
        raise DocumentError(
            f"this file is the offer of {council.get('name')}. You can only import "
            f"{offer.council.name}'s own offer here, or a starter template",
            path="council",
        )


def offer_import_check(*, offer: Offer, document) -> dict:
    """Check a document for import into this offer, changing nothing; return it upgraded.

    The checks offer_import makes before it writes: the schema and keys, and that it is
    this council's offer or a starter template. The admin's import page shows what would
    change from this; the models' own rules run when the rows are written.
    """
    document = document_validate(document, require_council=False)
    _require_same_council(offer=offer, document=document)
    return document


def offer_import(*, offer: Offer, document, by) -> Offer:
    """Make a document the offer's working copy: offer fields, sections and entries, in order.

    Checked first (schema, keys, the models' own rules, and that it is this council's
    offer or a starter template), then applied in one transaction with the lock version
    bumped, so an officer with an older form open is told instead of overwriting it. The
    live version does not change: publishing is a separate step, for approvers.
    """
    _require_editor(by, offer)
    document = offer_import_check(offer=offer, document=document)
    with transaction.atomic():
        _working_copy_replace(offer=offer, document=document)
        entries = sum(len(s[t.key]) for s in document["sections"] for t in ENTRY_TYPES)
        _audit(
            offer=offer,
            by=by,
            action=AuditAction.IMPORT,
            detail=f"{len(document['sections'])} sections and {entries} entries",
        )
    return offer


@transaction.atomic
def offer_create_from_document(*, council: Council, document, by) -> Offer:
    """Start a council's first offer from a document's "offer" fields (title, manager, dates).

    Only the offer row is made; offer_import then fills in its sections and entries, and
    the caller holds both in one transaction. The document must be this council's or a
    starter template, as for import.
    """
    offer = Offer(council=council)
    _require_editor(by, offer)
    if Offer.objects.filter(council=council).exists():
        raise ValidationError(f"{council.name} has an offer already: import into it instead")
    document = document_validate(document, require_council=False)
    _require_same_council(offer=offer, document=document)
    for name, value in _model_values(Offer, document["offer"], OFFER_FIELDS).items():
        setattr(offer, name, value)
    _checked(offer, "offer").save()
    return offer


@transaction.atomic
def offer_restore(*, council: Council, document) -> Offer:
    """Restore only: make a council's offer with a backup's working copy as its rows.

    For offers.backups (the import_all command) and nothing else: there is no permission
    check and no audit event, because it is the server's operator putting a backup into
    an empty database, not an officer's edit. The document is checked as for import and
    must be this council's; versions are restored separately, as records.
    """
    document = document_validate(document)
    offer = Offer(council=council)
    _require_same_council(offer=offer, document=document)
    for name, value in _model_values(Offer, document["offer"], OFFER_FIELDS).items():
        setattr(offer, name, value)
    _checked(offer, "offer").save()
    _working_copy_replace(offer=offer, document=document)
    return offer


def offer_live_document(*, offer: Offer) -> dict | None:
    """The document families see now, or None if the offer was never published."""
    revision = offer.published_revision
    return revision.content if revision else None


# --- Scheduling ----------------------------------------------------------------------------


@transaction.atomic
def offer_schedule(
    *,
    offer: Offer,
    by,
    summary: str,
    publish_at: datetime.datetime,
    accept_gaps: bool = False,
) -> ScheduledPublish:
    """Publish the working copy as it is now, but at a later time.

    The document is taken now, so edits made after scheduling wait for the next publish:
    what the approver checked is what goes live. Its checklist gaps are judged now too, and
    refused unless accept_gaps, as offer_publish does; the audit event lists any accepted.
    publish_at must be in the future and at most a year ahead.
    """
    _require_approver(by, offer)
    summary = _validate_summary(summary)
    try:
        validate_publish_at(publish_at)  # in the future, and at most a year ahead
    except ValidationError as error:
        raise ValidationError({"publish_at": error.messages}) from error
    # Locked so a publish cannot slip in between reading the live version and the copy.
    live = Offer.objects.select_for_update().values_list("published_revision", flat=True)
    schedule = ScheduledPublish(
        offer=offer,
        content=document_for(offer.pk),
        summary=summary,
        publish_at=publish_at,
        created_by=by,
        based_on_id=live.get(pk=offer.pk),
    )
    failed = checklist.gaps(schedule.content, today=timezone.localdate())
    if failed and not accept_gaps:
        raise _gaps_refusal(failed)
    schedule.full_clean()
    schedule.save()
    when = uk_date_time(publish_at)
    detail = f"{when}: {summary}"
    if failed:
        detail += f"\nScheduled with {checklist.gaps_summary(failed)}"
    _audit(offer=offer, by=by, action=AuditAction.SCHEDULE, detail=detail)
    return schedule


@transaction.atomic
def schedule_cancel(*, schedule: ScheduledPublish, by) -> ScheduledPublish:
    """Stop a scheduled publish that has not happened yet."""
    _require_approver(by, schedule.offer)
    locked = ScheduledPublish.objects.select_for_update().get(pk=schedule.pk)
    if locked.status != ScheduleStatus.PENDING:
        raise ValidationError("This scheduled publish has already happened or been cancelled")
    locked.status = ScheduleStatus.CANCELLED
    locked.save(update_fields=["status"])
    schedule.status = locked.status
    when = uk_date_time(locked.publish_at)
    _audit(
        offer=schedule.offer,
        by=by,
        action=AuditAction.CANCEL_SCHEDULE,
        detail=f"{when}: {locked.summary}",
    )
    return schedule


def _schedule_when(schedule: ScheduledPublish) -> str:
    return uk_date_time(schedule.publish_at)


def _schedules_cancel_superseded(
    *, offer: Offer, by, revision: OfferRevision, keep: ScheduledPublish | None
) -> None:
    """Cancel an offer's pending scheduled publishes because a newer version went live.

    Each was made against an older live version, so publishing it later would silently
    put an older copy back over this one. A row a publish_scheduled run holds right now
    is skipped rather than waited for (no deadlock): that run finds the live version
    changed and cancels it itself (_schedule_refusal).
    """
    pending = ScheduledPublish.objects.select_for_update(skip_locked=True).filter(
        offer_id=offer.pk, status=ScheduleStatus.PENDING
    )
    if keep is not None:
        pending = pending.exclude(pk=keep.pk)
    for schedule in pending:
        schedule.status = ScheduleStatus.CANCELLED
        schedule.save(update_fields=["status"])
        detail = (
            f"Cancelled the scheduled publish of {_schedule_when(schedule)} because version "
            f"{revision.version} was published"
        )
        _audit(offer=offer, by=by, action=AuditAction.CANCEL_SCHEDULE, detail=detail)
        logger.info("Scheduled publish %s cancelled: %s", schedule.pk, detail)


def _schedule_refusal(*, schedule: ScheduledPublish, offer: Offer) -> str | None:
    """Why a due scheduled publish must not run now, or None if it may.

    Checked when it runs, with the offer row locked: the approver who scheduled it must
    still be allowed to publish, and families must still see the version it was made
    against (otherwise it would replace a newer version with an older copy).
    """
    when, council = _schedule_when(schedule), offer.council
    by = schedule.created_by
    if not access.can_publish(by, council):
        who = (by.get_full_name() or by.get_username()) if by else "the officer"
        return (
            f"Cancelled the scheduled publish of {when} because {who}, who scheduled it, "
            f"can no longer publish {council.name}'s offer"
        )
    if offer.published_revision_id != schedule.based_on_id:
        live = offer.published_revision
        changed = f"version {live.version} was published" if live else "the live version changed"
        return (
            f"Cancelled the scheduled publish of {when} because {changed} after it was "
            "scheduled: it would have replaced that with an older copy"
        )
    return None


def _publish_one_due(
    *, now: datetime.datetime, skip: set[int]
) -> tuple[bool, OfferRevision | None]:
    """Take one due schedule row nobody else holds, publish it, mark it done.

    Returns (whether a due row was found, the version it made or None if it had nothing new).

    SKIP LOCKED (PostgreSQL) lets two runs at once take different rows, never the same one;
    a row the other run has just published no longer matches "pending" when re-checked.
    """
    with transaction.atomic():
        schedule = (
            ScheduledPublish.objects.select_for_update(skip_locked=True)
            .filter(status=ScheduleStatus.PENDING, publish_at__lte=now)
            .exclude(pk__in=skip)
            .order_by("publish_at", "pk")
            .first()
        )
        if schedule is None:
            return False, None
        skip.add(schedule.pk)  # tried in this run, whether it works or not
        # Locked before the checks, so no publish can slip in between them and this one.
        offer = (
            Offer.objects.select_for_update(of=("self",))
            .select_related("council", "published_revision")
            .get(pk=schedule.offer_id)
        )
        refusal = _schedule_refusal(schedule=schedule, offer=offer)
        if refusal is None:
            try:
                with transaction.atomic():
                    revision = offer_publish_document(
                        offer=offer,
                        by=schedule.created_by,
                        summary=schedule.summary,
                        document=schedule.content,
                        scheduled=schedule,
                    )
            except NothingToPublish as nothing:
                # The same document went live another way: retrying would not help.
                refusal = nothing.messages[0]
        if refusal is not None:
            schedule.status = ScheduleStatus.CANCELLED
            schedule.save(update_fields=["status"])
            _audit(offer=offer, by=None, action=AuditAction.CANCEL_SCHEDULE, detail=refusal)
            logger.warning("Scheduled publish %s not run: %s", schedule.pk, refusal)
            return True, None
        schedule.status = ScheduleStatus.PUBLISHED
        schedule.revision = revision
        schedule.save(update_fields=["status", "revision"])
        return True, revision


def scheduled_publish_due(*, now: datetime.datetime | None = None) -> list[OfferRevision]:
    """Publish every scheduled document that is due. Safe to run often and twice at once.

    Each row is published in its own transaction, so one failure does not hold back the
    others; a failed row stays pending and is tried again next run.
    """
    now = now or timezone.now()
    published: list[OfferRevision] = []
    tried: set[int] = set()
    while True:
        tried_before = len(tried)
        try:
            found, revision = _publish_one_due(now=now, skip=tried)
        except Exception:  # one bad row must not stop the rest; it is logged and retried
            logger.exception("Scheduled publish failed")
            if len(tried) == tried_before:
                raise  # the failure was not one row's (e.g. the database): stop this run
            continue
        if not found:
            break
        if revision is not None:
            published.append(revision)
    return published


# --- Preview links -------------------------------------------------------------------------


@transaction.atomic
def preview_link_create(*, offer: Offer, by) -> PreviewLink:
    """A read-only link to the working copy, for someone without a login. Lasts 7 days."""
    _require_editor(by, offer)
    now = timezone.now()
    link = PreviewLink(
        offer=offer,
        created_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=PREVIEW_LINK_DAYS),
    )
    link.full_clean()
    link.save()
    _audit(
        offer=offer,
        by=by,
        action=AuditAction.SHARE_CREATE,
        detail=f"Link {link.pk}, works until {uk_date(link.expires_at)}",
    )
    return link


@transaction.atomic
def preview_link_revoke(*, link: PreviewLink, by) -> PreviewLink:
    """Stop a preview link working at once."""
    _require_editor(by, link.offer)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        _audit(offer=link.offer, by=by, action=AuditAction.SHARE_REVOKE, detail=f"Link {link.pk}")
    return link


def preview_link_token(*, link: PreviewLink) -> str:
    """The signed token in a preview link's address (it carries only the link's id)."""
    return signing.dumps(link.pk, salt=PREVIEW_LINK_SALT)


def preview_link_url(*, link: PreviewLink) -> str:
    """A preview link's full address, on settings.SITE_URL: never the Host header of the
    request that shows it, which the officer's browser (or a proxy) may have set to an
    address the person it is shared with cannot use, or should not trust."""
    return addresses.absolute(addresses.preview_page(preview_link_token(link=link)))


def preview_link_resolve(*, token: str) -> PreviewLink | None:
    """The usable preview link a token points at, or None (bad, expired or revoked).

    A link shares its creator's right to see the working copy, checked now rather than
    when it was made: it stops working when they may no longer edit the council's offer
    (membership removed, account deactivated) or the council is made inactive.
    """
    try:
        link_id = signing.loads(
            token,
            salt=PREVIEW_LINK_SALT,
            max_age=datetime.timedelta(days=PREVIEW_LINK_DAYS),
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    link = (
        PreviewLink.objects.select_related("offer__council", "created_by")
        .filter(pk=link_id)
        .first()
        if isinstance(link_id, int)
        else None
    )
    if link is None or not link.is_usable():
        return None
    council = link.offer.council
    if not council.is_active or not access.can_edit(link.created_by, council):
        return None
    return link


# --- Keeping only what the privacy notice allows -----------------------------------------

FEEDBACK_KEEP_DAYS = 2 * 365


def feedback_delete_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete feedback older than 2 years (the privacy notice's promise). Returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=FEEDBACK_KEEP_DAYS)
    deleted, _ = Feedback.objects.filter(created_at__lt=cutoff).delete()
    return deleted

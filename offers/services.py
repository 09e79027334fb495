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

from .documents import document_for
from .models import (
    AuditAction,
    AuditEvent,
    Feedback,
    Offer,
    OfferRevision,
    OfferStatus,
    PreviewLink,
    ScheduledPublish,
    ScheduleStatus,
    user_can_edit,
    user_can_publish,
)

logger = logging.getLogger(__name__)

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
    if not user_can_edit(user, offer.council):
        raise PermissionDenied("Only an officer of this council can do this")


def _require_approver(user, offer: Offer) -> None:
    if not user_can_publish(user, offer.council):
        raise PermissionDenied("Only an approver for this council can do this")


def _audit(*, offer: Offer, by, action: str, detail: str = "", revision=None) -> AuditEvent:
    event = AuditEvent(offer=offer, actor=by, action=action, detail=detail, revision=revision)
    event.full_clean()
    event.save()
    return event


# --- Submit and reject ---------------------------------------------------------------------


@transaction.atomic
def offer_submit(*, offer: Offer, by, note: str = "") -> Offer:
    """An editor asks the council's approvers to check and publish the working copy."""
    _require_editor(by, offer)
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.SUBMITTED, rejection_reason="")
    offer.status, offer.rejection_reason = OfferStatus.SUBMITTED, ""
    _audit(offer=offer, by=by, action=AuditAction.SUBMIT, detail=(note or "").strip())
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


# --- Publish, roll back --------------------------------------------------------------------


@transaction.atomic
def offer_publish_document(
    *, offer: Offer, by, summary: str, document: dict, action: str = AuditAction.PUBLISH
) -> OfferRevision:
    """Store a document as the offer's next immutable version and make it live.

    One transaction: lock the offer row, number the version, write the revision, point the
    offer at it, record the audit event. Any failure leaves the old live version in place.
    Callers check who may publish (offer_publish, offer_rollback, or the approver who
    scheduled it); this is the one place that writes a revision.
    """
    summary = _validate_summary(summary)
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    last = locked.revisions.aggregate(last=Max("version"))["last"] or 0
    revision = OfferRevision(
        offer=locked, version=last + 1, content=document, summary=summary, published_by=by
    )
    revision.full_clean()
    revision.save()
    Offer.objects.filter(pk=locked.pk).update(
        published_revision=revision, status=OfferStatus.DRAFT, rejection_reason=""
    )
    _audit(offer=locked, by=by, action=action, revision=revision, detail=summary)
    offer.published_revision = revision
    offer.status = OfferStatus.DRAFT
    offer.rejection_reason = ""
    return revision


def _confirm_review(
    *, offer: Offer, reviewed_on: datetime.date, next_review_due: datetime.date | None
) -> None:
    """Record the approver's review on the working copy before its document is made.

    The lock version is bumped too, so an officer with the edit form open cannot save an
    older review date over this one without being told.
    """
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
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
) -> OfferRevision:
    """Publish the working copy as it is now. Only approvers and site administrators may.

    reviewed_on: the approver confirms they reviewed the offer that day; it becomes the
    offer's "last reviewed" date (and next_review_due, if given, the next one). The review
    dates, the document and the revision are written in one transaction.
    """
    _require_approver(by, offer)
    with transaction.atomic():
        if reviewed_on is not None:
            _confirm_review(offer=offer, reviewed_on=reviewed_on, next_review_due=next_review_due)
        document = document_for(offer.pk)
        return offer_publish_document(offer=offer, by=by, summary=summary, document=document)


def offer_rollback(*, offer: Offer, by, revision: OfferRevision, summary: str) -> OfferRevision:
    """Publish an older version's document again, as a new version. History is never rewritten.

    The working copy is left as it is: officers may be part-way through editing it.
    """
    _require_approver(by, offer)
    if revision.offer_id != offer.pk:
        raise PermissionDenied("That version belongs to another offer")
    return offer_publish_document(
        offer=offer,
        by=by,
        summary=summary,
        document=revision.content,
        action=AuditAction.ROLLBACK,
    )


def offer_live_document(*, offer: Offer) -> dict | None:
    """The document families see now, or None if the offer was never published."""
    revision = offer.published_revision
    return revision.content if revision else None


# --- Scheduling ----------------------------------------------------------------------------


@transaction.atomic
def offer_schedule(
    *, offer: Offer, by, summary: str, publish_at: datetime.datetime
) -> ScheduledPublish:
    """Publish the working copy as it is now, but at a later time.

    The document is taken now, so edits made after scheduling wait for the next publish:
    what the approver checked is what goes live.
    """
    _require_approver(by, offer)
    summary = _validate_summary(summary)
    if publish_at <= timezone.now():
        raise ValidationError({"publish_at": "The time to publish must be in the future"})
    schedule = ScheduledPublish(
        offer=offer,
        content=document_for(offer.pk),
        summary=summary,
        publish_at=publish_at,
        created_by=by,
    )
    schedule.full_clean()
    schedule.save()
    when = timezone.localtime(publish_at).strftime("%d %B %Y at %H:%M")
    _audit(offer=offer, by=by, action=AuditAction.SCHEDULE, detail=f"{when}: {summary}")
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
    when = timezone.localtime(locked.publish_at).strftime("%d %B %Y at %H:%M")
    _audit(
        offer=schedule.offer,
        by=by,
        action=AuditAction.CANCEL_SCHEDULE,
        detail=f"{when}: {locked.summary}",
    )
    return schedule


def _publish_one_due(*, now: datetime.datetime, skip: set[int]) -> OfferRevision | None:
    """Take one due schedule row nobody else holds, publish it, mark it done.

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
            return None
        skip.add(schedule.pk)  # tried in this run, whether it works or not
        revision = offer_publish_document(
            offer=schedule.offer,
            by=schedule.created_by,
            summary=schedule.summary,
            document=schedule.content,
        )
        schedule.status = ScheduleStatus.PUBLISHED
        schedule.revision = revision
        schedule.save(update_fields=["status", "revision"])
        return revision


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
            revision = _publish_one_due(now=now, skip=tried)
        except Exception:  # one bad row must not stop the rest; it is logged and retried
            logger.exception("Scheduled publish failed")
            if len(tried) == tried_before:
                raise  # the failure was not one row's (e.g. the database): stop this run
            continue
        if revision is None:
            break
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
        detail=f"Link {link.pk}, works until {timezone.localtime(link.expires_at):%d %B %Y}",
    )
    return link


@transaction.atomic
def preview_link_revoke(*, link: PreviewLink, by) -> PreviewLink:
    """Stop a preview link working at once."""
    _require_editor(by, link.offer)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        _audit(
            offer=link.offer, by=by, action=AuditAction.SHARE_REVOKE, detail=f"Link {link.pk}"
        )
    return link


def preview_link_token(*, link: PreviewLink) -> str:
    """The signed token in a preview link's address (it carries only the link's id)."""
    return signing.dumps(link.pk, salt=PREVIEW_LINK_SALT)


def preview_link_resolve(*, token: str) -> PreviewLink | None:
    """The usable preview link a token points at, or None (bad, expired or revoked)."""
    try:
        link_id = signing.loads(
            token,
            salt=PREVIEW_LINK_SALT,
            max_age=datetime.timedelta(days=PREVIEW_LINK_DAYS),
        )
    except signing.BadSignature:  # includes SignatureExpired
        return None
    link = (
        PreviewLink.objects.select_related("offer__council").filter(pk=link_id).first()
        if isinstance(link_id, int)
        else None
    )
    if link is None or not link.is_usable():
        return None
    return link


# --- Keeping only what the privacy notice allows -----------------------------------------

FEEDBACK_KEEP_DAYS = 2 * 365


def feedback_delete_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete feedback older than 2 years (the privacy notice's promise). Returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=FEEDBACK_KEEP_DAYS)
    deleted, _ = Feedback.objects.filter(created_at__lt=cutoff).delete()
    return deleted

"""The verbs that change an offer's state. Views, admin actions, commands and tests call these."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from .documents import document_for
from .models import AuditAction, AuditEvent, Offer, OfferRevision, OfferStatus, user_can_publish


def _validate_summary(summary: str) -> str:
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(
            {"summary": "Enter a short summary of what changed, for families to read"}
        )
    if len(summary) > 300:
        raise ValidationError({"summary": "The summary must be 300 characters or fewer"})
    return summary


@transaction.atomic
def offer_publish_document(
    *, offer: Offer, by, summary: str, document: dict, action: str = AuditAction.PUBLISH
) -> OfferRevision:
    """Store a document as the offer's next immutable version and make it live.

    One transaction: lock the offer row, number the version, write the revision, point the
    offer at it, record the audit event. Any failure leaves the old live version in place.
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
    AuditEvent.objects.create(
        offer=locked, actor=by, action=action, revision=revision, detail=summary
    )
    offer.published_revision = revision
    offer.status = OfferStatus.DRAFT
    return revision


def offer_publish(*, offer: Offer, by, summary: str) -> OfferRevision:
    """Publish the working copy as it is now. Only approvers and site administrators may."""
    if not user_can_publish(by, offer.council):
        raise PermissionDenied("Only an approver for this council can publish its offer")
    with transaction.atomic():
        document = document_for(offer.pk)
        return offer_publish_document(offer=offer, by=by, summary=summary, document=document)

"""What waits on review, for the workspace's task list panel: read-only, in a fixed number of
queries however long the offer's history is.

- what waits for approval, since when, who sent it and their note;
- the approver's last "send back" comment, while the offer is back with its editors;
- pending scheduled publishes;
- fact-check comments received, and fact checks still out;
- families' feedback nobody has handled yet.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from .choices import AuditAction, OfferStatus, ScheduleStatus
from .dashboard import _unhandled_feedback
from .models import AuditEvent, FactCheck, Offer, ScheduledPublish


@dataclass(frozen=True)
class ReviewPanel:
    waiting: bool  # sent for approval and not yet published or sent back
    sent_at: datetime.datetime | None = None
    sent_by: object = None
    note: str = ""
    sent_back: str = ""  # the approver's comment, while the offer is back with its editors
    sent_back_at: datetime.datetime | None = None
    sent_back_by: object = None
    schedules: list = field(default_factory=list)
    fact_check_comments: int = 0
    fact_checks_out: int = 0
    new_feedback: int = 0

    @property
    def has_anything(self) -> bool:
        return bool(
            self.waiting
            or self.sent_back
            or self.schedules
            or self.fact_check_comments
            or self.fact_checks_out
            or self.new_feedback
        )


def _latest(offer: Offer, action: str) -> AuditEvent | None:
    return (
        AuditEvent.objects.filter(offer=offer, action=action)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


def review_panel(offer: Offer, *, now: datetime.datetime | None = None) -> ReviewPanel:
    """The panel's facts for one offer: five queries at most, whatever its size."""
    now = now or timezone.now()
    waiting = offer.status == OfferStatus.SUBMITTED
    sent = _latest(offer, AuditAction.SUBMIT) if waiting else None
    back = _latest(offer, AuditAction.REJECT) if (offer.rejection_reason and not waiting) else None
    checks = FactCheck.objects.filter(offer=offer).aggregate(
        comments=Count("comments"),
        out=Count("id", filter=Q(answered_at__isnull=True, expires_at__gt=now), distinct=True),
    )
    schedules = list(
        ScheduledPublish.objects.filter(offer=offer, status=ScheduleStatus.PENDING).order_by(
            "publish_at"
        )
    )
    return ReviewPanel(
        waiting=waiting,
        sent_at=sent.at if sent else None,
        sent_by=sent.actor if sent else None,
        note=sent.detail if sent else "",
        sent_back=offer.rejection_reason if not waiting else "",
        sent_back_at=back.at if back else None,
        sent_back_by=back.actor if back else None,
        schedules=schedules,
        fact_check_comments=checks["comments"] or 0,
        fact_checks_out=checks["out"] or 0,
        new_feedback=_unhandled_feedback([offer.council_id]).get(offer.council_id, 0),
    )

"""Fact check: an officer sends a section, or the whole working copy, to a named person
outside the workspace (a colleague in health, a charity) to check the facts.

The email holds a link with a random token (only its SHA-256 hash is stored) that works for
FACT_CHECK_DAYS, with no sign-in. The person sees the sections as families would and leaves
a comment on each; once they have sent their comments the link is used up. Their comments
show on the council's task list and on the workspace's fact-check page.

The page anyone with a link can reach is public, so what it may make a server do is
bounded: each request counts against the client's render limit (offers.flood), a link
answers once, and each comment is at most COMMENT_MAX_LENGTH characters of showable text.
"""

import datetime
import hashlib
import logging
import secrets
import smtplib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import access, addresses
from .choices import AuditAction
from .documents import document_for
from .formatting import uk_date
from .models import FactCheck, FactCheckComment, Offer
from .services import _audit

logger = logging.getLogger(__name__)

FACT_CHECK_DAYS = 14
COMMENT_MAX_LENGTH = 2000
# A fact check names someone outside the council and holds their email address: kept a
# year, long enough for the next review of the offer, then deleted with its comments.
FACT_CHECK_KEEP_DAYS = 365


class FactCheckGone(Exception):
    """The link worked once but does not now: it expired, or its comments were sent."""

    def __init__(self, fact_check: FactCheck, reason: str):
        super().__init__(reason)
        self.fact_check = fact_check
        self.reason = reason


ANSWERED = "answered"
EXPIRED = "expired"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def fact_check_url(*, token: str) -> str:
    """The link in the email, on settings.SITE_URL (never the Host of the request)."""
    return addresses.absolute(reverse("fact_check", args=[token]))


@dataclass(frozen=True)
class Sent:
    fact_check: FactCheck
    token: str


def fact_check_send(*, offer: Offer, by, name: str, email: str, section_key: str = "") -> Sent:
    """Send a section (section_key) or the whole working copy ("") to `name` at `email`.

    The sections are kept as they are now, so the person comments on what they were sent
    whatever is edited meanwhile. Officers of the council only. The request, its audit
    event and the email go together: if the email cannot be sent, nothing is kept
    (ValidationError).
    """
    if not access.can_edit(by, offer.council):
        raise PermissionDenied("Only an officer of this council can ask for a fact check")
    document = document_for(offer.pk)
    if section_key and not any(s["key"] == section_key for s in document["sections"]):
        raise ValidationError({"section": "Choose a section of your offer, or the whole draft"})
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    fact_check = FactCheck(
        offer=offer,
        name=(name or "").strip(),
        email=(email or "").strip(),
        section_key=section_key,
        sent=_what_is_sent(document, section_key),
        content=document,
        token_hash=token_hash(token),
        created_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=FACT_CHECK_DAYS),
    )
    fact_check.full_clean()
    with transaction.atomic():
        fact_check.save()
        _audit(
            offer=offer,
            by=by,
            action=AuditAction.FACT_CHECK,
            detail=f"Sent {fact_check.sent} to {fact_check.name} ({fact_check.email})",
        )
        # Inside the transaction: if the mail server refuses, nothing is kept, and the
        # officer is told instead of a link nobody received being listed as sent.
        try:
            _email(fact_check, token, by=by)
        except (OSError, smtplib.SMTPException) as failed:
            logger.warning("Fact-check email not sent: %s", failed)
            raise ValidationError(
                "We could not send the email just now. Try again in a few minutes",
                code="email_failed",
            ) from failed
    return Sent(fact_check, token)


def _what_is_sent(document: dict, section_key: str) -> str:
    if not section_key:
        return "the whole draft"
    heading = next(s["heading"] for s in document["sections"] if s["key"] == section_key)
    return f"the section “{heading}”"[:250]


def _email(fact_check: FactCheck, token: str, *, by) -> None:
    council = fact_check.offer.council
    sender = (by.get_full_name() or by.get_username()) if by else council.name
    context = {
        "fact_check": fact_check,
        "council": council,
        "sender": sender,
        "what": fact_check.sent,
        "url": fact_check_url(token=token),
        "until": uk_date(fact_check.expires_at),
    }
    body = render_to_string("emails/fact_check.txt", context)
    subject = f"{council.name} asks you to check its kinship local offer"
    EmailMessage(subject, body, to=[fact_check.email]).send()


def fact_check_resolve(*, token: str, now: datetime.datetime | None = None) -> FactCheck | None:
    """The fact check a link's token opens, or None for a token nobody was sent.

    Raises FactCheckGone for a link that has expired or whose comments were sent, and for
    one whose council's offer may no longer be checked (the council made inactive).
    """
    if not token or len(token) > 100:
        return None
    found = (
        FactCheck.objects.select_related("offer__council")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if found is None:
        return None
    now = now or timezone.now()
    if found.answered_at is not None:
        raise FactCheckGone(found, ANSWERED)
    if now >= found.expires_at or not found.offer.council.is_active:
        raise FactCheckGone(found, EXPIRED)
    return found


@transaction.atomic
def fact_check_answer(*, fact_check: FactCheck, comments: dict[str, str]) -> list:
    """Store the person's comments ({section key: text}; empty ones are left out) and use
    the link up. Each comment is checked as text families could be shown (the house text
    rules and COMMENT_MAX_LENGTH). At least one comment is needed."""
    locked = FactCheck.objects.select_for_update().get(pk=fact_check.pk)
    if locked.answered_at is not None:
        raise FactCheckGone(locked, ANSWERED)
    headings = {s["key"]: s["heading"] for s in fact_check.sections()}
    rows = []
    for key, text in comments.items():
        text = (text or "").replace("\r\n", "\n").strip()
        if not text or key not in headings:
            continue
        row = FactCheckComment(
            fact_check=locked,
            section_key=key,
            section_heading=headings[key][:200],
            comment=text,
        )
        row.full_clean(exclude=["fact_check"])
        rows.append(row)
    if not rows:
        raise ValidationError("Enter a comment on at least one section", code="no_comments")
    FactCheckComment.objects.bulk_create(rows)
    locked.answered_at = timezone.now()
    locked.save(update_fields=["answered_at"])
    fact_check.answered_at = locked.answered_at
    return rows


def fact_checks_for(offer: Offer) -> list[FactCheck]:
    """The offer's fact checks, newest first, each with its comments: two queries."""
    return list(
        FactCheck.objects.filter(offer=offer)
        .select_related("created_by")
        .prefetch_related("comments")
        .defer("content")
    )


def fact_checks_delete_old(*, now: datetime.datetime | None = None) -> int:
    """Delete fact checks (and their comments) sent more than FACT_CHECK_KEEP_DAYS ago.
    Returns how many fact checks went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=FACT_CHECK_KEEP_DAYS)
    old = FactCheck.objects.filter(created_at__lt=cutoff)
    count = old.count()
    old.delete()
    return count

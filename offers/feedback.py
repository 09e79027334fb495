"""Families' answers to "Was this section clear?": finding the section, the flood limit and
storing the answer. The section heading always comes from the live document, never the form."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import Http404

from .models import Council, Feedback, Offer, OfferRevision

# At most this many answers per client per hour; more is a flood, not a family.
FEEDBACK_LIMIT_PER_HOUR = 10
_WINDOW_SECONDS = 60 * 60


def client_key_for(request) -> str:
    """A keyed hash of the client's address, so the limit works without storing the address."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()


def _rate_key(client_key: str) -> str:
    return f"feedback-sent:{client_key}"


def feedback_limit_reached(*, client_key: str) -> bool:
    """True once this client has sent FEEDBACK_LIMIT_PER_HOUR answers in the current hour."""
    return cache.get(_rate_key(client_key), 0) >= FEEDBACK_LIMIT_PER_HOUR


def live_section_get(*, slug: str, anchor: str) -> tuple[Council, OfferRevision, dict]:
    """The council, its live revision and the section with this anchor, or 404.

    404 for an unknown, inactive or unpublished council and for an anchor that is not in
    the live document (an old page, or a made-up form).
    """
    offer = (
        Offer.objects.live()
        .select_related("council", "published_revision")
        .filter(council__slug=slug)
        .first()
    )
    if offer is None:
        raise Http404("No published offer for this council")
    revision = offer.published_revision
    for section in revision.content.get("sections", []):
        if section.get("anchor") == anchor:
            return offer.council, revision, section
    raise Http404("No such section in the live offer")


@transaction.atomic
def feedback_record(
    *,
    council: Council,
    revision: OfferRevision,
    section: dict,
    was_clear: bool,
    comment: str,
    client_key: str,
) -> Feedback:
    """Store one answer about a section of the live offer and count it against the client."""
    feedback = Feedback(
        council=council,
        revision=revision,
        section_anchor=section["anchor"],
        section_heading=section["heading"][:200],
        was_clear=was_clear,
        comment=comment,
    )
    feedback.full_clean()
    feedback.save()
    # The window starts at the first answer and ends an hour later.
    key = _rate_key(client_key)
    cache.add(key, 0, timeout=_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=_WINDOW_SECONDS)
    return feedback

"""Families' answers to "Is this page useful?": which page of the live guide they are about,
the flood limit, and storing the answer. A page's name always comes from the live document,
never from the request."""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import Http404

from . import flood
from .addresses import guide_page
from .models import Council, Feedback, OfferRevision
from .selectors import live_offer_for

# The guide's pages that are not a section of the document, with the names families see.
OVERVIEW = "overview"
SITUATIONS = "situations"
_FIXED_PAGE_NAMES = {OVERVIEW: "Overview", SITUATIONS: "What does my situation mean?"}

# At most this many answers per client in any hour; more is a flood, not a family.
FEEDBACK_LIMIT_PER_HOUR = 10
_WINDOW_SECONDS = 60 * 60


class FeedbackLimitReached(Exception):
    """The client has sent FEEDBACK_LIMIT_PER_HOUR answers in the last hour."""


@dataclass(frozen=True)
class GuidePage:
    """One page of a council's live guide that families can answer "Is this page useful?" about."""

    council: Council
    revision: OfferRevision
    anchor: str  # "overview", "situations" or a section's anchor
    name: str  # the page's heading in the live document

    @property
    def url(self) -> str:
        return guide_page(self.council.slug, "" if self.anchor == OVERVIEW else self.anchor)


def live_page_get(*, slug: str, page: str) -> GuidePage:
    """The page of the council's live guide called `page`, or 404.

    404 for an unknown, inactive or unpublished council and for a page that is not in the
    live document (an old link, or a made-up one).
    """
    council, revision = live_offer_for(slug)
    if revision is None:
        raise Http404("No published offer for this council")
    if page in _FIXED_PAGE_NAMES:
        return GuidePage(council, revision, page, _FIXED_PAGE_NAMES[page])
    for section in revision.content.get("sections", []):
        if section.get("anchor") == page:
            return GuidePage(council, revision, page, section["heading"])
    raise Http404("No such page in the live offer")


def client_address(request) -> str:
    """The address of the family's browser, as far as this site can trust it.

    Each of the TRUSTED_PROXY_COUNT proxies in front of the site (load balancer, CDN) appends
    the address it heard from to X-Forwarded-For, so the Nth address from the right is the one
    the outermost trusted proxy saw. Anything further left was sent by the client and may be
    made up, so it is never used.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if len(addresses) >= count:
            return addresses[-count]
    return request.META.get("REMOTE_ADDR", "")


def client_key_for(request) -> str:
    """A keyed hash of the client's address, so the limit works without storing the address."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()


def feedback_slot_take(*, client_key: str) -> bool:
    """Take one of the client's answers for the next hour; False when none is left."""
    return flood.slot_take(
        purpose="feedback-slot",
        key=client_key,
        limit=FEEDBACK_LIMIT_PER_HOUR,
        seconds=_WINDOW_SECONDS,
    )


@transaction.atomic
def feedback_record(
    *, page: GuidePage, was_useful: bool, comment: str, client_key: str
) -> Feedback:
    """Store one answer about a page of the live guide and count it against the client.

    Raises FeedbackLimitReached, storing nothing, once the client has sent
    FEEDBACK_LIMIT_PER_HOUR answers in the last hour.
    """
    if not feedback_slot_take(client_key=client_key):
        raise FeedbackLimitReached
    feedback = Feedback(
        council=page.council,
        revision=page.revision,
        section_anchor=page.anchor,
        section_heading=page.name[:200],
        was_clear=was_useful,
        comment=comment,
    )
    feedback.full_clean()
    feedback.save()
    return feedback

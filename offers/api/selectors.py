"""Read-only queries for the API. Published versions only: never a working copy's rows.

Each list endpoint makes the same few queries however many councils there are: one for the
facts its ETag is made from, and, only when the body is needed and not cached, one for the
documents.
"""

import datetime
from dataclasses import dataclass

from ..models import Council, Offer, OfferRevision


@dataclass(frozen=True)
class LiveOffer:
    """One council's live version, without its document (loaded only when needed)."""

    slug: str
    name: str
    gss_code: str
    website: str
    email: str
    phone: str
    revision_id: int
    version: int
    published_at: datetime.datetime


LIVE_OFFER_FIELDS = (
    "council__slug",
    "council__name",
    "council__gss_code",
    "council__website",
    "council__email",
    "council__phone",
    "published_revision_id",
    "published_revision__version",
    "published_revision__published_at",
)


def active_councils() -> list[Council]:
    """Every active council A to Z, with its live version's number and date (no documents)."""
    return list(
        Council.objects.active()
        .select_related("offer__published_revision")
        .only(
            "name",
            "slug",
            "gss_code",
            "region",
            "website",
            "offer__id",
            "offer__published_revision__id",
            "offer__published_revision__version",
            "offer__published_revision__published_at",
        )
        .order_by("name")
    )


def live_offers() -> list[LiveOffer]:
    """Every live offer (published, council active), A to Z by council, in one query."""
    rows = Offer.objects.live().order_by("council__name").values_list(*LIVE_OFFER_FIELDS)
    return [LiveOffer(*row) for row in rows]


def documents_of(offers: list[LiveOffer]) -> dict[int, dict]:
    """The published documents of these live offers, by revision id, in one query."""
    ids = [offer.revision_id for offer in offers]
    return dict(OfferRevision.objects.filter(pk__in=ids).values_list("id", "content"))


def council_with_live_revision(slug: str):
    """(active council or None, its live revision or None), in one query.

    The revision's document is deferred: a 304 answer never needs it.
    """
    council = (
        Council.objects.active()
        .select_related("offer__published_revision")
        .defer("offer__published_revision__content")
        .filter(slug=slug)
        .first()
    )
    if council is None:
        return None, None
    offer = getattr(council, "offer", None)  # None when the council has no offer row yet
    return council, (offer.published_revision if offer else None)


def published_version(council: Council, version: int) -> OfferRevision | None:
    """One published version of a council's offer, or None (its document deferred)."""
    return (
        OfferRevision.objects.filter(offer__council=council, version=version)
        .defer("content")
        .first()
    )

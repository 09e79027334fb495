"""Read-only queries that pages, the API, search, compare and the sitemap share.

What "live" means, an active council's current published version, is said once, by
`Offer.objects.live()`; every query here for live offers starts from it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from .diff import document_changes
from .models import (
    ConsultationResult,
    Council,
    CouncilSlugRedirect,
    NationalHelpline,
    Offer,
    OfferRevision,
)


def live_offer_ids():
    """The ids of live offers' current versions, as a subquery."""
    return Offer.objects.live().values("published_revision_id")


def active_councils() -> list[Council]:
    """Every active council A to Z, with its live version's number and date (no document);
    the offer or its published_revision is None when there is none."""
    return list(
        Council.objects.active()
        .select_related("offer__published_revision")
        .only(
            "name",
            "slug",
            "gss_code",
            "region",
            "website",
            "brand_colour",
            "offer__id",
            "offer__published_revision__id",
            "offer__published_revision__version",
            "offer__published_revision__published_at",
        )
        .order_by("name")
    )


def councils_with_live_offers():
    """Name and address of every council with a live offer, A to Z (search's filter)."""
    return (
        Council.objects.filter(offer__in=Offer.objects.live()).only("name", "slug").order_by("name")
    )


def live_offer_for(slug: str, *, with_document: bool = True):
    """(council, its live version) for a council's pages, in one query.

    council is None for an unknown or inactive council; the version is None when the
    council has published nothing yet (the page then says so and links to the council's
    website). The offer's published_revision is always its newest version: rollback
    publishes an old document as a new version, so it never points backwards.
    with_document=False leaves the document to be loaded only if it is read. The council's
    has_families_told_us says whether it has published "What families told us" (the
    offer's contents link to it), in the same query.
    """
    councils = (
        Council.objects.active()
        .select_related("offer__published_revision")
        .annotate(
            has_families_told_us=Exists(ConsultationResult.objects.filter(council=OuterRef("pk")))
        )
    )
    if not with_document:
        councils = councils.defer("offer__published_revision__content")
    council = councils.filter(slug=slug).first()
    if council is None:
        return None, None
    offer = getattr(council, "offer", None)  # None when the council has no offer row yet
    return council, (offer.published_revision if offer else None)


def live_offers_with_councils(region: str | None = None, slugs=None) -> list[Offer]:
    """Every live offer with its council and version (no document), A to Z, in one query;
    only a region's, or only these councils' (by web address name), if given."""
    offers = (
        Offer.objects.live()
        .select_related("council", "published_revision")
        .only(
            "council__name",
            "council__slug",
            "council__region",
            "published_revision__id",
            "published_revision__offer_id",
            "published_revision__version",
            "published_revision__published_at",
        )
        .order_by("council__name")
    )
    if region:
        offers = offers.filter(council__region=region)
    if slugs is not None:
        offers = offers.filter(council__slug__in=slugs)
    return list(offers)


@dataclass(frozen=True)
class LiveOffer:
    """One council's live version as the API lists it, without its document."""

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


def live_offers() -> list[LiveOffer]:
    """Every live offer, A to Z by council, as plain facts, in one query."""
    rows = Offer.objects.live().order_by("council__name").values_list(*LIVE_OFFER_FIELDS)
    return [LiveOffer(*row) for row in rows]


def documents_of(offers: list[LiveOffer]) -> dict[int, dict]:
    """The published documents of these live offers, by version id, in one query."""
    ids = [offer.revision_id for offer in offers]
    return dict(OfferRevision.objects.filter(pk__in=ids).values_list("id", "content"))


def published_version(council: Council, version: int) -> OfferRevision | None:
    """One published version of a council's offer, or None (its document deferred)."""
    return (
        OfferRevision.objects.filter(offer__council=council, version=version)
        .defer("content")
        .first()
    )


def council_slug_now(old_slug: str) -> str | None:
    """The web address name an active council uses now, if `old_slug` is one it used before
    (None otherwise). Asked only when live_offer_for finds no council, so the normal path
    stays one query."""
    return (
        CouncilSlugRedirect.objects.filter(old_slug=old_slug, council__is_active=True)
        .values_list("council__slug", flat=True)
        .first()
    )


def published_history_for(council) -> list:
    """Every published version of a council's offer, newest first, with its content."""
    return list(
        OfferRevision.objects.filter(offer__council=council)
        .only("id", "version", "summary", "published_at", "content", "offer_id")
        .order_by("-version")
    )


def history_with_changes(revisions: list) -> list[tuple]:
    """Pair each version (newest first) with what changed since the version before it."""
    pairs = []
    for index, revision in enumerate(revisions):
        older = revisions[index + 1].content if index + 1 < len(revisions) else None
        pairs.append((revision, document_changes(older, revision.content)))
    return pairs


def helplines_for_offer_pages() -> list:
    """Independent national help, shown beside every council's own contacts."""
    return list(NationalHelpline.objects.shown())

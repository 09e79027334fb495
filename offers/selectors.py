"""Read-only queries that public pages share."""

from .diff import document_changes
from .models import Council, CouncilSlugRedirect, NationalHelpline, OfferRevision


def councils_for_directory():
    """Active councils A to Z, each with its live version number (None if not published)."""
    return (
        Council.objects.active()
        .select_related("offer__published_revision")
        .only(
            "name",
            "slug",
            "website",
            "brand_colour",
            "offer__id",
            "offer__published_revision__id",
            "offer__published_revision__version",
            "offer__published_revision__published_at",
        )
        .order_by("name")
    )


def live_offer_for(slug: str):
    """(council, latest published revision) for a public offer page, in one query.

    council is None for an unknown or inactive council; revision is None when the council
    has published nothing yet (the page then says so and links to the council's website).
    The offer's published_revision is always its newest version: rollback publishes an old
    document as a new version, so it never points backwards.
    """
    council = (
        Council.objects.active()
        .select_related("offer__published_revision")
        .filter(slug=slug)
        .first()
    )
    if council is None:
        return None, None
    offer = getattr(council, "offer", None)  # None when the council has no offer row yet
    return council, (offer.published_revision if offer else None)


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

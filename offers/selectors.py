"""Read-only queries that public pages share."""

from .models import Council


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

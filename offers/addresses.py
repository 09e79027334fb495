"""Every address of an offer's pages and of the API's answers, made in one place.

Paths come from the URL configuration (`reverse`), so a page moved in urls.py moves with it
everywhere it is linked: pages, the API, search results, the CSV, the feed and the sitemap.
`absolute` puts a path on SITE_URL: a link that leaves the site (the API, a CSV, a feed, an
email) never takes the Host header of whoever asked.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    """A path on this site as a full address: "https://kinship.example/offers/ashdown/"."""
    return f"{settings.SITE_URL}{path}"


def offer_page(slug: str, *, situation: str = "") -> str:
    """The overview of a council's live offer, for a situation (?for=) if given."""
    path = reverse("offer_detail", args=[slug])
    return f"{path}?{urlencode({'for': situation})}" if situation else path


def guide_page(slug: str, page: str = "") -> str:
    """A page of a council's live guide by name: its overview (""), "situations" or a
    section's anchor (the same shape as under a preview link's address)."""
    return f"{offer_page(slug)}{page}/" if page else offer_page(slug)


def section_page(slug: str, anchor: str, *, situation: str = "", fragment: str = "") -> str:
    """A section's guide page, for a situation (?for=) and at an entry (#fragment) if given."""
    path = reverse("offer_section", args=[slug, anchor])
    query = f"?{urlencode({'for': situation})}" if situation else ""
    return f"{path}{query}{f'#{fragment}' if fragment else ''}"


def changes_page(slug: str) -> str:
    return reverse("offer_changes", args=[slug])


def changes_feed(slug: str) -> str:
    return reverse("offer_changes_atom", args=[slug])


def api_offer(slug: str) -> str:
    return reverse("api_offer", args=[slug])


def api_offer_version(slug: str, version: int) -> str:
    return reverse("api_offer_version", args=[slug, version])


def preview_page(token: str) -> str:
    """The working copy's overview under a preview link (offers.services.preview_link_token)."""
    return reverse("preview_link", args=[token])


def api_openapi() -> str:
    """The API's OpenAPI description."""
    return reverse("api_openapi")


def oruk_root() -> str:
    """The Open Referral UK API's root: its version and profile."""
    return reverse("api_oruk_root")


def oruk_service(service_id: str) -> str:
    return reverse("api_oruk_service", args=[service_id])


def oruk_service_at_location(service_at_location_id: str) -> str:
    return reverse("api_oruk_service_at_location", args=[service_at_location_id])


def oruk_taxonomies() -> str:
    return reverse("api_oruk_taxonomies")


def oruk_taxonomy(taxonomy_id: str) -> str:
    return reverse("api_oruk_taxonomy", args=[taxonomy_id])


def oruk_taxonomy_terms() -> str:
    return reverse("api_oruk_taxonomy_terms")


def oruk_taxonomy_term(term_id: str) -> str:
    return reverse("api_oruk_taxonomy_term", args=[term_id])


def consultation_page(token: str) -> str:
    """A consultation's public page, where families read the draft and answer."""
    return reverse("consultation", args=[token])


def families_told_us_page(slug: str) -> str:
    """ "What families told us": the newest published result of the council's consultations."""
    return reverse("offer_families_told_us", args=[slug])


def api_families_told_us(slug: str) -> str:
    return reverse("api_families_told_us", args=[slug])

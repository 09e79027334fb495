"""The API's JSON, made from published offer documents (never from the editing tables).

Field names here are a public contract: offers/api/openapi.json describes them and a test
checks every endpoint's answer against it. Amounts are strings with two decimals ("201.00"),
dates ISO 8601 ("2026-04-06"), times ISO 8601 in UTC ("2026-04-06T09:30:00Z"). A blank text
field is null. Database row ids never appear: sections and entries are named by their
document keys, councils by their slug and GSS code.

Lists are made from every live document at once, so they are kept in the "pages" cache
under the set of live versions and council details (plus FORMAT and the site address): a
new publish is a new key, so nothing ever has to be cleared by hand.
"""

import dataclasses
import datetime
import hashlib
import json
import math
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches

from .. import addresses, formatting
from ..answers import entry_fragment
from ..applicability import applies_to
from ..choices import ArrangementType
from ..models import Council, OfferRevision
from ..page_cache import PAGE_TTL
from ..selectors import LiveOffer
from .http import ApiError

# Bump when the JSON changes shape: cached lists then change with it.
FORMAT = 2
PAGE_SIZE = 50
PUBLISHED = "published"
NOT_PUBLISHED = "not_published"


# --- Values ----------------------------------------------------------------------------------


def iso_datetime(value: datetime.datetime | None) -> str | None:
    """ "2026-04-06T09:30:00Z": UTC, to the second."""
    if value is None:
        return None
    return value.astimezone(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def amount(value) -> str | None:
    """A document amount as a string with two decimals, or None."""
    number = formatting.to_decimal(value)
    return None if number is None else f"{number.quantize(formatting.PENNY):.2f}"


def weekly_equivalent(value, frequency) -> str | None:
    """What an amount comes to a week (52 weeks a year), two decimals; None for one-off."""
    weekly = formatting.weekly_equivalent(value, frequency)
    return None if weekly is None else f"{weekly:.2f}"


def text_or_none(value) -> str | None:
    return value if value else None


def absolute(base: str, path: str) -> str:
    """A link on this site: base is the site's address ("https://example.org")."""
    return f"{base}{path}"


def site_base() -> str:
    """The site's public address: links never take the Host header of whoever asked."""
    return settings.SITE_URL


def effective_arrangement_types(section: dict, entry: dict) -> list[str]:
    """Who an entry is for, its section's limits included; [] means every kinship family.

    The same rule as the public pages (offers.applicability): an entry shows for a family
    only if both it and its section do.
    """
    codes = [
        code
        for code in ArrangementType.values
        if applies_to(section, code) and applies_to(entry, code)
    ]
    return [] if len(codes) == len(ArrangementType.values) else codes


def section_url(base: str, slug: str, anchor: str, fragment: str = "") -> str:
    return absolute(base, addresses.section_page(slug, anchor, fragment=fragment))


# --- Pages of a list ------------------------------------------------------------------------


def page_number(request) -> int:
    """?page= as a whole number from 1; anything else is a 400."""
    value = request.GET.get("page", "1").strip()
    if not value.isdigit() or int(value) < 1:
        raise ApiError(400, f"The page number must be a whole number from 1, not “{value}”.")
    return int(value)


def page_of(items: list, number: int, size: int = PAGE_SIZE) -> tuple[list, int]:
    """(the items on page number, how many pages there are). An empty list has one page."""
    pages = max(1, math.ceil(len(items) / size))
    if number > pages:
        raise ApiError(400, f"There is no page {number}: the last page is {pages}.")
    start = (number - 1) * size
    return items[start : start + size], pages


def paginated(items: list, number: int, path: str) -> dict:
    """{"count", "next", "previous", "page", "pages", "results"}; next and previous are links."""
    results, pages = page_of(items, number)
    base = site_base()

    def link(n):
        return absolute(base, f"{path}?page={n}") if 1 <= n <= pages else None

    return {
        "count": len(items),
        "next": link(number + 1),
        "previous": link(number - 1),
        "page": number,
        "pages": pages,
        "results": results,
    }


# --- Lists made from every live document ---------------------------------------------------


def _digest(*parts) -> str:
    text = json.dumps([FORMAT, *parts], default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def cached_list(kind: str, offers: list[LiveOffer], base: str, build: Callable[[], list]):
    """A list made from every live document, kept under the set of live versions.

    The page cache keeps each answer whole, but a list is shared by many answers: every
    page of /allowances/ and /openreferral/services/ (each ?page= and ?per_page= is a page
    of its own) and every /openreferral/services/<id>/ is cut from the same list. Keeping
    the list once means a new page or service costs one cache read, not a pass over every
    live document.
    """
    facts = [dataclasses.astuple(offer) for offer in offers]  # live versions, councils' facts
    key = f"api:{kind}:{_digest(base, facts)}"
    value = _cache().get(key)
    if value is None:
        value = build()
        _cache().set(key, value, PAGE_TTL)
    return value


def _cache():
    # The public pages' cache (offers.page_cache): its keys name what they hold, so a cache
    # private to each process is as correct as a shared one.
    return caches["pages"]


# --- Councils --------------------------------------------------------------------------------


def _live_revision(council: Council) -> OfferRevision | None:
    offer = getattr(council, "offer", None)
    return offer.published_revision if offer else None


def council_item(council: Council, base: str) -> dict:
    """One council in /api/v1/councils/: who it is and whether its offer is published."""
    revision = _live_revision(council)
    return {
        "name": council.name,
        "slug": council.slug,
        "gss_code": council.gss_code,
        "region": council.region,
        "website": text_or_none(council.website),
        "offer_status": PUBLISHED if revision else NOT_PUBLISHED,
        "version": revision.version if revision else None,
        "published_at": iso_datetime(revision.published_at) if revision else None,
        "offer_url": absolute(base, addresses.api_offer(council.slug)) if revision else None,
        "page_url": absolute(base, council.get_absolute_url()),
    }


# --- One offer -------------------------------------------------------------------------------


def offer_payload(council: Council, revision: OfferRevision, live: OfferRevision, base: str):
    """One published version: its number, date and what changed, around the document as it
    was published (offers/schemas/offer-document.schema.json).

    A published version never changes, so its document keeps the council's name, address
    and contact details as they were when it was published, even after the council is
    renamed. Everything around the document is the council as it is now, as every other
    answer and the public pages give it: council_name is its current name.
    """
    document = revision.content
    slug = council.slug
    return {
        "council": slug,
        "council_name": council.name,
        "version": revision.version,
        "live": revision.pk == live.pk,
        "published_at": iso_datetime(revision.published_at),
        "summary": revision.summary,
        "schema": document.get("schema"),
        "url": absolute(base, addresses.api_offer_version(slug, revision.version)),
        "live_url": absolute(base, addresses.api_offer(slug)),
        "page_url": absolute(base, council.get_absolute_url()),
        "document": document,
    }


def families_told_us_payload(council: Council, result, base: str) -> dict:
    """A council's newest published "What families told us" (offers.consultations): its
    version, dates, who took part by group, and each theme with the council's answer and
    the words officers chose to quote. Nothing else of what families wrote."""
    content = result.content
    slug = council.slug
    return {
        "council": slug,
        "council_name": council.name,
        "version": result.version,
        "published_at": iso_datetime(result.published_at),
        "url": absolute(base, addresses.api_families_told_us(slug)),
        "page_url": absolute(base, addresses.families_told_us_page(slug)),
        "opened_on": content["opened_on"],
        "closed_on": content["closed_on"],
        "took_part": content["took_part"],
        "by_group": content["by_group"],
        "themes": content["themes"],
    }


# --- Allowances ------------------------------------------------------------------------------


def allowance_items(offer: LiveOffer, document: dict, base: str) -> list[dict]:
    """Every allowance in one live document, flat, in the order families read them."""
    items = []
    for section in document.get("sections", []):
        for entry in section.get("allowances", []):
            items.append(
                {
                    "council": {"slug": offer.slug, "name": offer.name},
                    "version": offer.version,
                    "section": section["anchor"],
                    "key": entry["key"],
                    "name": entry["name"],
                    "amount": amount(entry["amount"]),
                    "currency": "GBP",
                    "frequency": entry["frequency"],
                    "weekly_equivalent": weekly_equivalent(entry["amount"], entry["frequency"]),
                    "means_tested": bool(entry["means_tested"]),
                    "applies_from": entry["applies_from"],
                    "age_band": text_or_none(entry.get("age_band")),
                    "arrangement_types": effective_arrangement_types(section, entry),
                    "url": section_url(
                        base,
                        offer.slug,
                        section["anchor"],
                        entry_fragment("allowances", entry),
                    ),
                }
            )
    return items


def all_allowances(offers: list[LiveOffer], documents: Callable[[], dict], base: str):
    """Every live allowance, council by council A to Z (cached by the set of live versions)."""

    def build():
        contents = documents()
        return [
            item
            for offer in offers
            for item in allowance_items(offer, contents[offer.revision_id], base)
        ]

    return cached_list("allowances", offers, base, build)


# --- National schemes -----------------------------------------------------------------------


def national_scheme_item(scheme: dict) -> dict:
    """One scheme of the published national schemes document, as the API gives it."""
    return {
        "key": scheme["key"],
        "name": scheme["name"],
        "arrangement_types": list(scheme.get("arrangement_types") or []),
        "summary": scheme.get("summary") or "",
        "amount": amount(scheme.get("amount")),
        "currency": "GBP",
        "frequency": scheme.get("frequency") or None,
        "amount_is_most": bool(scheme.get("amount_is_most")),
        "how_to_apply": text_or_none(scheme.get("how_to_apply")),
        "source_url": scheme["source_url"],
        "checked_on": scheme["checked_on"],
        "council_gss_codes": list(scheme.get("council_gss_codes") or []),
    }


def national_schemes_payload(version) -> dict:
    """The published national schemes (an empty list before the first publish)."""
    if version is None:
        return {"version": None, "published_at": None, "summary": None, "schemes": []}
    return {
        "version": version.number,
        "published_at": iso_datetime(version.published_at),
        "summary": version.summary,
        "schemes": [national_scheme_item(s) for s in version.document.get("schemes", [])],
    }

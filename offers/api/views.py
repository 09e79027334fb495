"""Thin views for the open data API: read the request, call a selector, answer in JSON."""

import uuid
from pathlib import Path

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_safe

from .. import consultations, national_schemes, selectors
from ..choices import ArrangementType
from ..page_cache import cached_view, do_not_keep
from ..schema import SCHEMA_PATH
from . import data, open_referral, oruk_query
from .http import LIST_READS, ApiError, api_endpoint, file_response, json_response

API_DIR = Path(__file__).resolve().parent
# The files /api/v1/openapi.json and /api/v1/schemas/<name> serve, as kept in the repository.
STATIC_FILES = {
    "openapi.json": API_DIR / "openapi.json",
    "schemas/oruk-service.schema.json": API_DIR / "schemas" / "oruk-service.schema.json",
    "schemas/offer-document.schema.json": SCHEMA_PATH,
}


@require_safe
@cached_view()
def api_home(request):
    """The human page: what the API offers, in plain English, with example addresses."""
    example = next(iter(selectors.live_offers()), None)
    sgo_term = open_referral.arrangement_term_id(ArrangementType.SGO)
    return render(request, "public/api.html", {"example": example, "sgo_term": sgo_term})


@api_endpoint(reads=LIST_READS)
def councils(request):
    number = data.page_number(request)
    councils = selectors.active_councils()
    base = data.site_base()
    items = [data.council_item(council, base) for council in councils]
    return json_response(data.paginated(items, number, "/api/v1/councils/"))


def _live_offer(slug: str):
    council, live = selectors.live_offer_for(slug, with_document=False)
    if council is None:
        raise ApiError(404, f"There is no council with the address name “{slug}”.")
    if live is None:
        raise ApiError(404, f"{council.name} has not published its kinship local offer yet.")
    return council, live


@api_endpoint
def offer(request, slug: str):
    council, live = _live_offer(slug)
    return json_response(data.offer_payload(council, live, live, data.site_base()))


@api_endpoint
def offer_version(request, slug: str, version: int):
    council, live = _live_offer(slug)
    revision = selectors.published_version(council, version)
    if revision is None:
        raise ApiError(404, f"{council.name} has not published a version {version}.")
    return json_response(data.offer_payload(council, revision, live, data.site_base()))


@api_endpoint
def families_told_us(request, slug: str):
    """The newest published "What families told us" of a council (offers.consultations)."""
    council, _live = selectors.live_offer_for(slug, with_document=False)
    if council is None:
        raise ApiError(404, f"There is no council with the address name “{slug}”.")
    result = consultations.latest_result(council)
    if result is None:
        raise ApiError(404, f"{council.name} has not published what families told it yet.")
    return json_response(data.families_told_us_payload(council, result, data.site_base()))


@api_endpoint(reads=LIST_READS)
def allowances(request):
    number = data.page_number(request)
    offers = selectors.live_offers()
    items = data.all_allowances(offers, lambda: selectors.documents_of(offers), data.site_base())
    return json_response(data.paginated(items, number, "/api/v1/allowances/"))


@api_endpoint
def national_schemes_list(request):
    """The published national schemes: help every council's families can get (or, for a
    pilot, the named councils'), kept once by the site's administrators."""
    return json_response(data.national_schemes_payload(national_schemes.latest_version()))


# --- Open Referral UK (offers.api.open_referral; parameters in offers.api.oruk_query) ------


def oruk_endpoint(reads: dict, *, kept_at_most: int | None = None):
    """An Open Referral UK endpoint: it reads the parameters it takes and refuses any other."""
    return api_endpoint(reads=reads, check=oruk_query.takes_only(reads), kept_at_most=kept_at_most)


@oruk_endpoint(oruk_query.NO_READS)
def oruk_root(request):
    """The ORUK root: which version and profile of the standard this API follows."""
    return json_response(open_referral.root(data.site_base()))


def _filtered_services(request) -> tuple[list[dict], int, int]:
    """Every live service the request's filters let through, its parameters checked first,
    with the page number and size asked for."""
    number, size = data.page_number(request), open_referral.per_page(request)
    offers = selectors.live_offers()
    wanted = oruk_query.service_filter(
        request, [open_referral.organization_id(offer.gss_code) for offer in offers]
    )
    services = open_referral.all_services(
        offers, lambda: selectors.documents_of(offers), data.site_base()
    )
    return [item for item in services if wanted.matches(item)], number, size


@oruk_endpoint(oruk_query.SERVICE_LIST_READS, kept_at_most=oruk_query.KEPT_FILTERED_LISTS)
def oruk_services(request):
    services, number, size = _filtered_services(request)
    return json_response(open_referral.oruk_page(services, number, size))


@oruk_endpoint(oruk_query.SERVICE_LIST_READS, kept_at_most=oruk_query.KEPT_FILTERED_LISTS)
def oruk_service_at_locations(request):
    services, number, size = _filtered_services(request)
    places = open_referral.service_at_locations(services)
    return json_response(open_referral.oruk_page(places, number, size))


def _live_services() -> list[dict]:
    offers = selectors.live_offers()
    return open_referral.all_services(
        offers, lambda: selectors.documents_of(offers), data.site_base()
    )


@oruk_endpoint(oruk_query.NO_READS)
def oruk_service(request, service_id: str):
    try:
        wanted = str(uuid.UUID(service_id))
    except ValueError:
        raise ApiError(404, f"There is no service with the id “{service_id}”.") from None
    found = next((item for item in _live_services() if item["id"] == wanted), None)
    if found is None:
        raise ApiError(404, f"There is no live service with the id “{service_id}”.")
    response = json_response(found)
    # The same service written another way (capitals, braces, no hyphens): answered, not kept.
    return response if service_id == wanted else do_not_keep(response)


def _one_of(items: list[dict], wanted: str, what: str) -> dict:
    """The item with this id, written as the API writes it (no other spelling: the list of
    ids that answer is fixed), else a 404."""
    found = next((item for item in items if item["id"] == wanted), None)
    if found is None:
        raise ApiError(404, f"There is no {what} with the id “{wanted}”.")
    return found


@oruk_endpoint(oruk_query.NO_READS)
def oruk_service_at_location(request, service_at_location_id: str):
    places = open_referral.service_at_locations(_live_services())
    return json_response(_one_of(places, service_at_location_id, "live service at a location"))


@oruk_endpoint(oruk_query.LIST_READS)
def oruk_taxonomies(request):
    number, size = data.page_number(request), open_referral.per_page(request)
    items = open_referral.taxonomies(data.site_base())
    return json_response(open_referral.oruk_page(items, number, size))


@oruk_endpoint(oruk_query.NO_READS)
def oruk_taxonomy(request, taxonomy_id: str):
    items = open_referral.taxonomies(data.site_base())
    return json_response(_one_of(items, taxonomy_id, "taxonomy"))


@oruk_endpoint(oruk_query.LIST_READS)
def oruk_taxonomy_terms(request):
    number, size = data.page_number(request), open_referral.per_page(request)
    items = open_referral.taxonomy_terms(data.site_base())
    return json_response(open_referral.oruk_page(items, number, size))


@oruk_endpoint(oruk_query.NO_READS)
def oruk_taxonomy_term(request, term_id: str):
    items = open_referral.taxonomy_terms(data.site_base())
    return json_response(_one_of(items, term_id, "taxonomy term"))


@api_endpoint
def repository_file(request, name: str):
    """The OpenAPI description or a JSON Schema, as kept in the repository."""
    path = STATIC_FILES[name]
    return file_response(path.read_text(encoding="utf-8"))


@api_endpoint
def not_found(request, rest: str = ""):
    """Anything else under /api/v1/: a JSON 404, or the address with its missing slash (and
    its query: ORUK clients ask for /services?page=2)."""
    match = resolve_or_none(f"{request.path_info}/")
    if match is not None and match.func is not not_found:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{request.path}/" + (f"?{query}" if query else ""))
    raise ApiError(
        404, "There is nothing at this address. The endpoints are listed in /api/v1/openapi.json."
    )


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None

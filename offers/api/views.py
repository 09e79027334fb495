"""Thin views for the open data API: read the request, call a selector, answer in JSON."""

import uuid
from pathlib import Path

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_safe

from .. import selectors
from ..page_cache import cached_view, do_not_keep
from ..schema import SCHEMA_PATH
from . import data, open_referral
from .http import (
    LIST_READS,
    SERVICE_LIST_READS,
    ApiError,
    api_endpoint,
    file_response,
    json_response,
)

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
    return render(request, "public/api.html", {"example": example})


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


@api_endpoint(reads=LIST_READS)
def allowances(request):
    number = data.page_number(request)
    offers = selectors.live_offers()
    items = data.all_allowances(offers, lambda: selectors.documents_of(offers), data.site_base())
    return json_response(data.paginated(items, number, "/api/v1/allowances/"))


@api_endpoint(reads=SERVICE_LIST_READS)
def oruk_services(request):
    number = data.page_number(request)
    size = open_referral.per_page(request)
    offers = selectors.live_offers()
    services = open_referral.all_services(
        offers, lambda: selectors.documents_of(offers), data.site_base()
    )
    return json_response(open_referral.services_page(services, number, size))


@api_endpoint
def oruk_service(request, service_id: str):
    try:
        wanted = str(uuid.UUID(service_id))
    except ValueError:
        raise ApiError(404, f"There is no service with the id “{service_id}”.") from None
    offers = selectors.live_offers()
    base = data.site_base()
    services = open_referral.all_services(offers, lambda: selectors.documents_of(offers), base)
    found = next((item for item in services if item["id"] == wanted), None)
    if found is None:
        raise ApiError(404, f"There is no live service with the id “{service_id}”.")
    response = json_response(found)
    # The same service written another way (capitals, braces, no hyphens): answered, not kept.
    return response if service_id == wanted else do_not_keep(response)


@api_endpoint
def repository_file(request, name: str):
    """The OpenAPI description or a JSON Schema, as kept in the repository."""
    path = STATIC_FILES[name]
    return file_response(path.read_text(encoding="utf-8"))


@api_endpoint
def not_found(request, rest: str = ""):
    """Anything else under /api/v1/: a JSON 404, or the address with its missing slash."""
    with_slash = f"{request.path_info}/"
    match = resolve_or_none(with_slash)
    if match is not None and match.func is not not_found:
        return HttpResponsePermanentRedirect(with_slash)
    raise ApiError(
        404, "There is nothing at this address. The endpoints are listed in /api/v1/openapi.json."
    )


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None

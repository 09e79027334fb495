"""Offers side by side: the comparison page and the allowances as a spreadsheet (CSV)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import national_schemes
from ..choices import Region
from ..compare import ORDERS, SORTS, allowances_csv_write, comparison
from ..page_cache import cached_view, one_of
from ..selectors import live_offer_for, live_offers_with_councils
from .public import old_address_redirect


def _csv_response(offers, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    allowances_csv_write(response, offers)
    return response


# Kept for the values the page's links and form send (the form's "All regions" is empty).
COMPARE_READS = {
    "region": one_of(["", *Region.values]),
    "sort": one_of(SORTS),
    "order": one_of(ORDERS),
}


@require_safe
@cached_view(reads=COMPARE_READS)
def compare_page(request):
    """Every council with a live offer in one table; ?region=, ?sort= and ?order= (GET)."""
    table = comparison(
        region=request.GET.get("region", ""),
        sort=request.GET.get("sort", ""),
        order=request.GET.get("order", ""),
    )
    return render(request, "public/compare.html", {"table": table})


@require_safe
@cached_view()
def allowances_csv_all(request):
    """Every live allowance of every council, one row each."""
    return _csv_response(live_offers_with_councils(), "kinship-allowances-all-councils.csv")


@require_safe
@cached_view()
def allowances_csv(request, slug: str):
    """One council's live allowances; 404 if it has published nothing."""
    council, revision = live_offer_for(slug)
    if council is None and (moved := old_address_redirect(request, slug)):
        return moved
    if revision is None:
        raise Http404("No published offer")
    return _csv_response([council.offer], f"kinship-allowances-{council.slug}.csv")


@require_safe
@cached_view()
def national_schemes_csv(request):
    """The published national schemes as a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kinship-national-schemes.csv"'
    national_schemes.national_schemes_csv_write(response, national_schemes.latest_version())
    return response

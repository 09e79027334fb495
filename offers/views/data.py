"""Offers side by side: the comparison page (chosen councils, or every council in a table
cut into pages), and the allowances and the services as spreadsheets (CSV)."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .. import national_schemes
from ..choices import Region
from ..compare import (
    MAX_CHOSEN,
    MIN_CHOSEN,
    ORDERS,
    SORTS,
    allowances_csv_write,
    chosen_comparison,
    comparison,
    councils_value,
    is_councils_value,
    services_csv_write,
)
from ..forms_public import CouncilsChoice
from ..page_cache import cached_view, do_not_keep, one_of, whole_number
from ..selectors import councils_with_live_offers, live_offer_for, live_offers_with_councils
from .public import old_address_redirect


def _csv_response(offers, filename: str, write=allowances_csv_write) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write(response, offers)
    return response


# Kept for the values the page's links and form send (the form's "All regions" is empty),
# and for chosen councils only as the site writes them (2 to 4 names, A to Z, each once) when
# each is a council with a live offer (the view says so).
COMPARE_READS = {
    "region": one_of(["", *Region.values]),
    "sort": one_of(SORTS),
    "order": one_of(ORDERS),
    "page": whole_number,
    "councils": is_councils_value,
}
# Valid choices of councils are many (153 councils make millions of sets of 2 to 4), so, as
# with search, only so many answers of this page are kept under one content version; the
# rest are made every time, within the render limit (offers.flood). The whole table's pages
# (regions x sorts x orders x pages) are a few hundred.
KEPT_COMPARISONS = 2000


@require_safe
@cached_view(reads=COMPARE_READS, kept_at_most=KEPT_COMPARISONS)
def compare_page(request):
    """Chosen councils side by side (?councils=), or every council with a live offer in a
    table cut into pages; ?region=, ?sort=, ?order= and ?page= (GET)."""
    councils = list(councils_with_live_offers())
    choice = CouncilsChoice(
        request.GET.getlist("councils"),
        known={council.slug: council.name for council in councils},
        least=MIN_CHOSEN,
        most=MAX_CHOSEN,
    )
    context = {"councils": councils, "choice": choice}
    if "councils" in request.GET:
        if not choice.is_valid():
            return do_not_keep(render(request, "public/compare_chosen.html", context))
        value = councils_value(choice.chosen)
        if request.GET.getlist("councils") != [value]:  # from the form, or in another order
            return redirect(f"{reverse('compare')}?councils={value}")
        context["groups"] = chosen_comparison(choice.chosen)
        return render(request, "public/compare_chosen.html", context)
    page = request.GET.get("page", "1")
    table = comparison(
        region=request.GET.get("region", ""),
        sort=request.GET.get("sort", ""),
        order=request.GET.get("order", ""),
        page=int(page) if whole_number(page) else 1,
    )
    if table.page_missing:
        raise Http404("No such page of the comparison")
    return render(request, "public/compare.html", {**context, "table": table})


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
def services_csv_all(request):
    """Every live service (legal help, peer support, short breaks, training, social work) of
    every council, one row each."""
    return _csv_response(
        live_offers_with_councils(), "kinship-services-all-councils.csv", services_csv_write
    )


@require_safe
@cached_view()
def national_schemes_csv(request):
    """The published national schemes as a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kinship-national-schemes.csv"'
    national_schemes.national_schemes_csv_write(response, national_schemes.latest_version())
    return response

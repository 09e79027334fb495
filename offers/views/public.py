"""Thin views for families."""

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ..answers import document_fragments
from ..applicability import SITUATION_VALUES
from ..feeds import offer_changes_feed
from ..page_cache import cached_view, one_of
from ..rendering import (
    render_offer,
    render_offer_leaflet,
    render_offer_print,
    render_offer_section,
    render_situations,
)
from ..selectors import (
    active_councils,
    council_slug_now,
    helplines_for_offer_pages,
    history_with_changes,
    live_offer_for,
    published_history_for,
)
from ..validators import HEX_COLOUR_RE

# ?for= on the guide's pages: kept for an arrangement type or "not sure" (everything, with
# the explainer linked); anything else is answered (the page with a note, the form's error,
# or all of it) and made every time.
FOR_SITUATION = {"for": one_of(SITUATION_VALUES)}


@require_safe
@cached_view()
def home(request):
    """Every council A to Z, from the page cache until a council or a publish changes it."""
    return render(request, "public/home.html", {"councils": active_councils()})


@cache_control(public=True, max_age=31536000, immutable=True)
def brand_css(request, colour: str):
    """A council's brand colour as a stylesheet, so pages need no inline style (strict CSP).

    The colour is in the URL, so the file never changes and can be cached for a year.
    """
    if not HEX_COLOUR_RE.match(f"#{colour}"):
        raise Http404("Not a colour")
    return HttpResponse(f":root{{--kp-brand:#{colour.lower()}}}\n", content_type="text/css")


def old_address_redirect(request, slug: str):
    """A 301 to the same page under the council's web address name now, if `slug` is one it
    used before (offers.models.CouncilSlugRedirect); None if it is not."""
    slug_now = council_slug_now(slug)
    if slug_now is None:
        return None
    match = request.resolver_match
    url = reverse(match.view_name, kwargs={**match.kwargs, "slug": slug_now})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def _offer_not_found(request, council):
    """A helpful 404 in the site layout: says when a council simply has not published yet."""
    return render(request, "public/offer_not_found.html", {"council": council}, status=404)


def _live_page(request, slug: str, render_page):
    """A page of a council's live offer: render_page(council, revision, helplines) makes it.

    Two queries, however large the offer (the council with its live version, and the
    national helplines). The views are kept in the page cache (offers.page_cache), so these
    run only when the cache does not have the page.
    """
    council, revision = live_offer_for(slug)
    if council is None and (moved := old_address_redirect(request, slug)):
        return moved
    if revision is None:
        return _offer_not_found(request, council)
    return render_page(council, revision, helplines_for_offer_pages())


def _guide_page(request, slug: str, render_page, **page):
    """A page of the live guide, made by one of offers.rendering's render_* functions."""
    return _live_page(
        request,
        slug,
        lambda council, revision, helplines: render_page(
            request,
            council=council,
            document=revision.content,
            revision=revision,
            base_url=council.get_absolute_url(),
            helplines=helplines,
            **page,
        ),
    )


@require_safe
@cached_view(reads=FOR_SITUATION)
def offer_detail(request, slug: str):
    """The overview of the live offer: who to call, the situation question, the contents."""
    return _guide_page(request, slug, render_offer)


@require_safe
@cached_view(reads=FOR_SITUATION)
def offer_section(request, slug: str, anchor: str):
    """One section of the live offer as a guide page; an unknown anchor is a 404."""
    return _guide_page(request, slug, render_offer_section, anchor=anchor)


@require_safe
@cached_view()
def offer_situations(request, slug: str):
    """ "What does my situation mean?" for the live offer."""
    return _guide_page(request, slug, render_situations)


@require_safe
@cached_view()
def offer_print(request, slug: str):
    """The whole live offer as one printable booklet."""
    return _live_page(
        request,
        slug,
        lambda council, revision, helplines: render_offer_print(
            request,
            council=council,
            document=revision.content,
            revision=revision,
            helplines=helplines,
        ),
    )


@require_safe
@cached_view()
def offer_leaflet(request, slug: str):
    """A one-sheet summary of the live offer for social workers to print and hand out."""
    return _live_page(
        request,
        slug,
        lambda council, revision, helplines: render_offer_leaflet(
            request,
            council=council,
            document=revision.content,
            revision=revision,
            helplines=helplines,
        ),
    )


@require_safe
@cached_view()
def offer_changes(request, slug: str):
    """Every version and what changed in it. Diffed once per live version, then cached."""

    def render_changes(council, revision, helplines):
        return render(
            request,
            "public/changes.html",
            {
                "council": council,
                "revision": revision,
                "doc": revision.content,
                "history": history_with_changes(published_history_for(council)),
                "live_anchors": {s["anchor"] for s in revision.content["sections"]},
                "live_fragments": document_fragments(revision.content),
            },
        )

    return _live_page(request, slug, render_changes)


@require_safe
@cached_view()
def offer_changes_atom(request, slug: str):
    """The Atom feed of versions; like the changes page, made once per live version."""

    def render_feed(council, revision, helplines):
        feed = offer_changes_feed(
            council=council, history=history_with_changes(published_history_for(council))
        )
        response = HttpResponse(content_type=f"{feed.content_type}")
        feed.write(response, "utf-8")
        return response

    return _live_page(request, slug, render_feed)

"""Thin views for families."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from ..feeds import offer_changes_feed
from ..page_cache import (
    cached_page,
    council_stamp,
    helplines_stamp,
    revision_stamp,
    site_stamp,
)
from ..rendering import render_offer, render_offer_print, render_offer_section, render_situations
from ..selectors import (
    councils_for_directory,
    helplines_for_offer_pages,
    history_with_changes,
    live_offer_for,
    published_history_for,
)
from ..validators import HEX_COLOUR_RE


@require_safe
def home(request):
    """Every council A to Z. One query; the page is kept until a council or version changes."""
    councils = list(councils_for_directory())
    return cached_page(
        request,
        shows=tuple(_directory_stamp(council) for council in councils),
        render=lambda: render(request, "public/home.html", {"councils": councils}),
    )


def _directory_stamp(council) -> tuple:
    offer = getattr(council, "offer", None)
    revision = offer.published_revision if offer else None
    return (
        council.pk, council.name, council.slug, council.website, council.brand_colour,
        revision_stamp(revision) if revision else None,
    )


@cache_control(public=True, max_age=31536000, immutable=True)
def brand_css(request, colour: str):
    """A council's brand colour as a stylesheet, so pages need no inline style (strict CSP).

    The colour is in the URL, so the file never changes and can be cached for a year.
    """
    if not HEX_COLOUR_RE.match(f"#{colour}"):
        raise Http404("Not a colour")
    return HttpResponse(f":root{{--kp-brand:#{colour.lower()}}}\n", content_type="text/css")


def _offer_not_found(request, council):
    """A helpful 404 in the site layout: says when a council simply has not published yet."""
    return render(request, "public/offer_not_found.html", {"council": council}, status=404)


def _live_page(request, slug: str, render_page, *, reads=("for",)):
    """A page of a council's live offer, from the page cache keyed by what it shows.

    render_page(council, revision, helplines) renders it when the cache does not have it.
    Two queries a request however large the offer: the council with its live version, and
    the national helplines.
    """
    council, revision = live_offer_for(slug)
    if revision is None:
        return _offer_not_found(request, council)
    helplines = helplines_for_offer_pages()
    return cached_page(
        request,
        shows=(
            revision_stamp(revision), council_stamp(council), helplines_stamp(helplines),
            site_stamp(),
        ),
        reads=reads,
        render=lambda: render_page(council, revision, helplines),
    )


@require_safe
def offer_detail(request, slug: str):
    """The overview of the live offer: who to call, the situation question, the contents."""
    return _live_page(
        request,
        slug,
        lambda council, revision, helplines: render_offer(
            request,
            council=council,
            document=revision.content,
            revision=revision,
            base_url=council.get_absolute_url(),
            helplines=helplines,
        ),
    )


@require_safe
def offer_section(request, slug: str, anchor: str):
    """One section of the live offer as a guide page; an unknown anchor is a 404."""
    return _live_page(
        request,
        slug,
        lambda council, revision, helplines: render_offer_section(
            request,
            council=council,
            document=revision.content,
            anchor=anchor,
            revision=revision,
            base_url=council.get_absolute_url(),
            helplines=helplines,
        ),
    )


@require_safe
def offer_situations(request, slug: str):
    """ "What does my situation mean?" for the live offer."""
    return _live_page(
        request,
        slug,
        lambda council, revision, helplines: render_situations(
            request,
            council=council,
            document=revision.content,
            revision=revision,
            base_url=council.get_absolute_url(),
            helplines=helplines,
        ),
        reads=(),
    )


@require_safe
def offer_print(request, slug: str):
    """The whole live offer as one printable booklet."""
    return _live_page(
        request,
        slug,
        lambda council, revision, helplines: render_offer_print(
            request, council=council, document=revision.content, revision=revision,
            helplines=helplines,
        ),
        reads=(),
    )


@require_safe
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
            },
        )

    return _live_page(request, slug, render_changes, reads=())


@require_safe
def offer_changes_atom(request, slug: str):
    """The Atom feed of versions; like the changes page, made once per live version."""
    council, revision = live_offer_for(slug)
    if revision is None:
        raise Http404("No published offer")

    def render_feed():
        feed = offer_changes_feed(
            council=council, history=history_with_changes(published_history_for(council))
        )
        response = HttpResponse(content_type=f"{feed.content_type}")
        feed.write(response, "utf-8")
        return response

    return cached_page(
        request,
        shows=(revision_stamp(revision), council_stamp(council), site_stamp()),
        render=render_feed,
    )

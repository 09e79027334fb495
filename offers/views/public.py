"""Thin views for families."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from ..feeds import offer_changes_feed
from ..rendering import render_offer, render_offer_print, render_offer_section, render_situations
from ..selectors import (
    councils_for_directory,
    history_with_changes,
    live_offer_for,
    published_history_for,
)
from ..validators import HEX_COLOUR_RE


def home(request):
    councils = list(councils_for_directory())
    return render(request, "public/home.html", {"councils": councils})


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


def offer_detail(request, slug: str):
    """The overview of the live offer: who to call, the situation question, the contents."""
    council, revision = live_offer_for(slug)
    if revision is None:
        return _offer_not_found(request, council)
    return render_offer(
        request,
        council=council,
        document=revision.content,
        revision=revision,
        base_url=council.get_absolute_url(),
    )


def offer_section(request, slug: str, anchor: str):
    """One section of the live offer as a guide page; an unknown anchor is a 404."""
    council, revision = live_offer_for(slug)
    if revision is None:
        return _offer_not_found(request, council)
    return render_offer_section(
        request,
        council=council,
        document=revision.content,
        anchor=anchor,
        revision=revision,
        base_url=council.get_absolute_url(),
    )


def offer_situations(request, slug: str):
    """ "What does my situation mean?" for the live offer."""
    council, revision = live_offer_for(slug)
    if revision is None:
        return _offer_not_found(request, council)
    return render_situations(
        request,
        council=council,
        document=revision.content,
        revision=revision,
        base_url=council.get_absolute_url(),
    )


def offer_print(request, slug: str):
    council, revision = live_offer_for(slug)
    if revision is None:
        return _offer_not_found(request, council)
    return render_offer_print(
        request, council=council, document=revision.content, revision=revision
    )


def offer_changes(request, slug: str):
    council, revision = live_offer_for(slug)
    if revision is None:
        return _offer_not_found(request, council)
    history = history_with_changes(published_history_for(council))
    return render(
        request,
        "public/changes.html",
        {
            "council": council,
            "revision": revision,
            "doc": revision.content,
            "history": history,
            "live_anchors": {section["anchor"] for section in revision.content["sections"]},
        },
    )


def offer_changes_atom(request, slug: str):
    council, revision = live_offer_for(slug)
    if revision is None:
        raise Http404("No published offer")
    feed = offer_changes_feed(
        council=council, history=history_with_changes(published_history_for(council))
    )
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    return response

"""Thin views for families."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from ..selectors import councils_for_directory
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

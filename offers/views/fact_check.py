"""The fact-check page for someone an officer asked (offers.fact_check): no sign-in, the
sections as families would see them, and a comment box for each.

Never kept by the page cache (no cached_view) and private to shared caches; it sets no
cookie but CSRF's, for its form, as the families' feedback page does. Each request counts
against the client's render limit (offers.flood). A link nobody was sent is a 404, a used
or expired one a 410 that says so, never a 500.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .. import flood
from ..fact_check import (
    ANSWERED,
    FACT_CHECK_DAYS,
    FactCheckGone,
    fact_check_answer,
    fact_check_resolve,
)
from ..forms_public import FactCheckCommentsForm


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token must not leak to linked sites. Not "no-referrer": chromium then sends the
    # form with "Origin: null", which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def _gone(request, gone: FactCheckGone):
    context = {
        "council": gone.fact_check.offer.council,
        "answered": gone.reason == ANSWERED,
        "days": FACT_CHECK_DAYS,
    }
    return _private(render(request, "public/fact_check_gone.html", context, status=410))


@require_http_methods(["GET", "HEAD", "POST"])
def fact_check(request, check_token: str):
    flood.render_slot_take(request)  # raises TooManyRenders: a 429 (offers.middleware)
    try:
        check = fact_check_resolve(token=check_token)
    except FactCheckGone as gone:
        return _gone(request, gone)
    if check is None:
        return _private(render(request, "public/fact_check_unknown.html", status=404))
    sections = check.sections()
    form = FactCheckCommentsForm(
        request.POST if request.method == "POST" else None, sections=sections
    )
    if request.method == "POST" and form.is_valid():
        try:
            fact_check_answer(fact_check=check, comments=form.comments())
        except FactCheckGone as gone:
            return _gone(request, gone)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            context = {"council": check.offer.council, "check": check}
            return _private(render(request, "public/fact_check_thanks.html", context))
    context = {
        "council": check.offer.council,
        "check": check,
        "doc": check.content,
        "rows": list(zip(sections, form, strict=True)),
        "form": form,
    }
    return _private(render(request, "public/fact_check.html", context))

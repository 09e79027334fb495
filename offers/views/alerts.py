"""Email alerts: the sign-up page of a council's offer, and the pages the emails link to.

The guide's pages only link to the sign-up page, so they carry no form and no cookie; like
the feedback page, the sign-up page has its own form with a CSRF token and is never kept in
the page cache. The confirm and unsubscribe pages need no CSRF token: the signed link in
the address is what proves the request, and mail programs' one-click unsubscribe (RFC 8058)
posts to it with none. So they set no cookie either.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from .. import alerts
from ..feedback import client_key_for
from ..forms_public import AlertForm
from ..page_cache import cached_view
from ..selectors import live_offer_for


def _live_council(slug: str):
    council, revision = live_offer_for(slug, with_document=False)
    if revision is None:
        raise Http404("No published offer for this council")
    return council


@require_http_methods(["GET", "HEAD", "POST"])
def offer_alerts(request, slug: str):
    """The sign-up form; a POST asks for the confirmation email, whatever the address's state."""
    council = _live_council(slug)
    form = AlertForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "public/alerts.html", {"council": council, "form": form})
    try:
        alerts.alert_subscribe(
            council=council, email=form.cleaned_data["email"], client_key=client_key_for(request)
        )
    except alerts.AlertLimitReached:
        return render(request, "public/alerts_limit.html", {"council": council}, status=429)
    return redirect("offer_alerts_sent", slug=council.slug)


@require_safe
@cached_view()
def offer_alerts_sent(request, slug: str):
    """ "Check your email": the same page for every address, so it can be kept."""
    return render(request, "public/alerts_sent.html", {"council": _live_council(slug)})


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def alert_confirm(request, confirm_token: str):
    """The confirmation link: a button (so a mail scanner opening the link confirms nothing);
    its POST starts the subscription, once."""
    try:
        subscription = alerts.subscription_to_confirm(confirm_token)
        if request.method == "POST":
            alerts.alert_confirm(subscription=subscription)
            return render(request, "public/alert_confirmed.html", {"council": subscription.council})
    except alerts.LinkNotValid:
        return render(request, "public/alert_link.html", {"problem": "not_valid"}, status=404)
    except alerts.LinkExpired:
        return render(request, "public/alert_link.html", {"problem": "expired"}, status=410)
    except alerts.LinkUsed:
        return render(request, "public/alert_link.html", {"problem": "used"}, status=410)
    return render(
        request, "public/alert_confirm.html", {"council": subscription.council, "ask": "confirm"}
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def alert_unsubscribe(request, unsubscribe_token: str):
    """The unsubscribe link: a button; its POST (or a mail program's one-click POST) deletes
    the address. A link used before says it is done, as it is."""
    try:
        subscription = alerts.subscription_to_unsubscribe(unsubscribe_token)
    except alerts.LinkNotValid:
        return render(request, "public/alert_link.html", {"problem": "not_valid"}, status=404)
    if request.method == "POST" or subscription is None:
        alerts.alert_unsubscribe(subscription=subscription)
        return render(request, "public/alert_unsubscribed.html", {})
    return render(
        request,
        "public/alert_confirm.html",
        {"council": subscription.council, "ask": "unsubscribe"},
    )

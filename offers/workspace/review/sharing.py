"""Preview links: a read-only link to the working copy for someone without an account."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ... import services
from ...formatting import uk_date
from ...models import PreviewLink
from ..base import council_page
from .approvals import offer_of
from .common import private


@require_http_methods(["GET", "HEAD", "POST"])
@council_page
def share(request, council):
    """Make a preview link (POST), or see the links and which still work."""
    offer = offer_of(council)
    if request.method == "POST":
        link = services.preview_link_create(offer=offer, by=request.user)
        messages.success(
            request, f"Made a preview link. It works until {uk_date(link.expires_at)}."
        )
        return redirect("workspace:share", council=council.slug)
    links = list(offer.preview_links.select_related("created_by"))
    for link in links:
        link.url = services.preview_link_url(link=link)
    context = {"council": council, "offer": offer, "links": links}
    return private(render(request, "workspace/review/share.html", context))


@require_POST
@council_page
def share_revoke(request, council, link_id: int):
    offer = offer_of(council)
    link = get_object_or_404(PreviewLink, pk=link_id, offer=offer)
    services.preview_link_revoke(link=link, by=request.user)
    messages.success(request, "The preview link no longer works.")
    return redirect("workspace:share", council=council.slug)

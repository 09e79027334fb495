"""Officer extras outside the admin: the preview share link (no login needed)."""

from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_safe

from ..documents import document_for
from ..rendering import PREVIEW_BANNER, render_guide_page
from ..services import preview_link_resolve


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to linked sites
    return response


@require_safe
def preview_link(request, token: str, page: str = ""):
    """The working copy as it is now, read-only, for someone an officer shared a link with:
    the overview, a section's page or the situations page, as families will see them.

    A bad, expired or revoked link is a plain 404: it says nothing about the offer.
    """
    link = preview_link_resolve(token=token)
    if link is None:
        raise Http404("This preview link does not work")
    offer = link.offer
    response = render_guide_page(
        request,
        page=page,
        council=offer.council,
        document=document_for(offer.pk),
        preview_banner=PREVIEW_BANNER,
        base_url=reverse("preview_link", args=[token]),
    )
    return _private(response)

"""Render an offer document as the public page. The live page, the officer's preview and
the share-link preview all call this, so a preview is the live page by construction."""

from django.shortcuts import render


def render_offer(request, *, council, document: dict, revision=None, preview_banner: str = ""):
    """The public offer page for a document.

    revision: the OfferRevision being shown (None for a preview of the working copy).
    preview_banner: text of the "Preview — not published" banner, empty on the live page.
    """
    context = {
        "council": council,
        "doc": document,
        "revision": revision,
        "preview_banner": preview_banner,
    }
    return render(request, "public/offer.html", context)

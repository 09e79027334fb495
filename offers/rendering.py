"""Render an offer document as the public page. The live page, the officer's preview and
the share-link preview all call this, so a preview is the live page by construction."""

from django.conf import settings
from django.shortcuts import render

from .applicability import arrangement_from_query, arrangement_options, document_for_arrangement
from .markdown import markdown_to_html
from .selectors import helplines_for_offer_pages

# The banner on every rendering of a working copy (officer preview and share links).
PREVIEW_BANNER = "Preview — not published"


def _offer_context(*, council, document: dict, revision) -> dict:
    """What every rendering of one document shares (no per-request parts)."""
    return {
        "council": council,
        "doc": document,
        "revision": revision,
        "introduction_html": markdown_to_html(document["offer"].get("introduction", "")),
        # Site-wide, not part of the document: a future page cache must key on these too.
        "helplines": helplines_for_offer_pages(),
    }


def render_offer(request, *, council, document: dict, revision=None, preview_banner: str = ""):
    """The public offer page for a document.

    revision: the OfferRevision being shown (None for a preview of the working copy).
    preview_banner: text of the "Preview — not published" banner, empty on the live page.

    ?for=<arrangement code> shows only what applies to that kind of family; the page body
    depends only on (document, that code), so it can be cached by revision id and code.
    """
    code, unknown = arrangement_from_query(request.GET.get("for"))
    context = _offer_context(council=council, document=document, revision=revision)
    context.update(
        {
            "shown": document_for_arrangement(document, code),
            "arrangement": code,
            "unknown_arrangement": unknown,
            "arrangement_options": arrangement_options(),
            "preview_banner": preview_banner,
            # Feedback forms go on the live page only, never on a preview or in print.
            "is_live": revision is not None and not preview_banner,
        }
    )
    return render(request, "public/offer.html", context)


def render_offer_print(request, *, council, document: dict, revision):
    """The whole published offer as one printable booklet: every section, no forms."""
    context = _offer_context(council=council, document=document, revision=revision)
    context["site_url"] = settings.SITE_URL  # the booklet says where to find it online
    return render(request, "public/print.html", context)

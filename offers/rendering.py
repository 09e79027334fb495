"""Render an offer document as the public guide: an overview, one page per section, and
"What does my situation mean?". The live pages, the officer's preview and share-link
previews all call these, so a preview is the live page by construction.

Every page depends only on (document, situation code, page) plus site-wide helplines, and
links keep the family's situation (?for=) as they move from page to page.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from . import leaflet
from .addresses import absolute, offer_page
from .answers import at_a_glance, council_contact
from .applicability import (
    applies_to,
    arrangement_from_query,
    arrangement_options,
    document_for_arrangement,
    situation_from_query,
)
from .choices import ARRANGEMENT_EXPLANATIONS, ArrangementType
from .entry_types import ENTRY_TYPES
from .markdown import markdown_to_html
from .national_schemes import published_schemes
from .selectors import helplines_for_offer_pages

# The banner on every rendering of a working copy (officer preview and share links).
PREVIEW_BANNER = "Preview — not published"
SITUATIONS_PAGE = "situations"
# The situation form sent with nothing chosen: the error summary's link and the inline message.
SITUATION_MISSING = "Select how the child lives with you"
SITUATION_FIRST_RADIO = f"for-{ArrangementType.values[0]}"


@dataclass(frozen=True)
class Place:
    """Where a rendering lives: the address of its overview and the family's situation."""

    base_url: str  # "/offers/ashdown/", or a preview's address
    code: str | None = None  # the arrangement type chosen with ?for=, if any

    @property
    def query(self) -> str:
        return f"?{urlencode({'for': self.code})}" if self.code else ""

    def url(self, page: str = "") -> str:
        return f"{self.base_url}{page}{'/' if page else ''}{self.query}"


def _offer_context(
    *, council, document: dict, revision, preview_banner: str, helplines=None
) -> dict:
    """What every rendering of one document shares (no per-request parts)."""
    return {
        "council": council,
        "doc": document,
        "revision": revision,
        "introduction_html": markdown_to_html(document["offer"].get("introduction", "")),
        # Site-wide, not part of the document: the page cache keys on these too.
        "helplines": helplines if helplines is not None else helplines_for_offer_pages(),
        # The published national schemes (never the editable rows), read only by the pages
        # that show them: the money page and "At a glance" (includes/national_help.html).
        "national_schemes": SimpleLazyObject(published_schemes),
        "preview_banner": preview_banner,
        "is_live": revision is not None and not preview_banner,
        # How to reach the council, from the document: one include shows it on every page.
        "contact": council_contact(document),
    }


def _guide_context(*, place: Place, document: dict, current: str = "") -> dict:
    shown = document_for_arrangement(document, place.code)
    pages = [
        {
            "anchor": s["anchor"],
            "heading": s["heading"],
            "summary": s["summary"],
            "url": place.url(s["anchor"]),
            "current": s["anchor"] == current,
        }
        for s in shown["sections"]
    ]
    return {
        "place": place,
        "shown": shown,
        "pages": pages,
        "arrangement": place.code,
        "overview_url": place.url(),
        "situations_url": f"{place.base_url}{SITUATIONS_PAGE}/",
    }


def render_offer(
    request,
    *,
    council,
    document: dict,
    base_url: str | None = None,
    revision=None,
    preview_banner: str = "",
    helplines=None,
):
    """The overview: who to call, "How does the child live with you?", then the contents.

    With ?for=<code> it also gives the "At a glance" answer for that kind of family. "Not
    sure" shows everything, with the page that explains each situation linked. The form sent
    with nothing chosen gets the GOV.UK error; sent with a choice, it is sent on to that
    choice's one address (offers.applicability.situation_from_query).
    """
    base_url = base_url or council.get_absolute_url()
    situation = situation_from_query(request.GET.getlist("for"))
    if situation.redirect_to is not None:
        return HttpResponseRedirect(f"{base_url}?{urlencode({'for': situation.redirect_to})}")
    code = situation.code
    place = Place(base_url, code)
    context = _offer_context(
        council=council,
        document=document,
        revision=revision,
        preview_banner=preview_banner,
        helplines=helplines,
    )
    context.update(_guide_context(place=place, document=document))
    context.update(
        {
            "unknown_arrangement": situation.unknown,
            "not_sure": situation.not_sure,
            "error_list": [(SITUATION_FIRST_RADIO, SITUATION_MISSING)] if situation.missing else [],
            "situation_error": SITUATION_MISSING if situation.missing else "",
            "arrangement_options": arrangement_options(),
            "explanations": _explanations(),
            "answer": at_a_glance(document, code) if code else None,
            "page": "overview",
        }
    )
    return render(request, "public/offer.html", context)


def _left_out(section: dict, shown_section: dict) -> list[dict]:
    """What a family's filter took off a section page, by entry type (its nouns, how many
    the section has, shows and hides), so the page says so in words rather than drop a
    table silently under a summary that promises it."""
    left_out = []
    for entry_type in ENTRY_TYPES:
        total = len(section.get(entry_type.key, []))
        shown = len(shown_section.get(entry_type.key, []))
        if shown < total:
            left_out.append(
                {
                    "noun": entry_type.noun,
                    "noun_plural": entry_type.noun_plural,
                    "total": total,
                    "shown": shown,
                    "hidden": total - shown,
                }
            )
    return left_out


def render_offer_section(
    request,
    *,
    council,
    document: dict,
    anchor: str,
    base_url: str,
    revision=None,
    preview_banner: str = "",
    helplines=None,
):
    """One section of the offer as a guide page, or a 404 in the site layout.

    With ?for=, the page shows only what is for that kind of family. A section that is not
    for them at all is still shown whole, with a note saying so, so a shared link works.
    """
    section = next((s for s in document["sections"] if s["anchor"] == anchor), None)
    if section is None:
        return render(
            request,
            "public/offer_not_found.html",
            {"council": council, "missing_page": True},
            status=404,
        )
    code, _unknown = arrangement_from_query(request.GET.get("for"))
    not_for_them = code is not None and not applies_to(section, code)
    place = Place(base_url, None if not_for_them else code)
    context = _offer_context(
        council=council,
        document=document,
        revision=revision,
        preview_banner=preview_banner,
        helplines=helplines,
    )
    context.update(_guide_context(place=place, document=document, current=anchor))
    shown_section = next(
        (s for s in context["shown"]["sections"] if s["anchor"] == anchor), section
    )
    pages = context["pages"]
    index = next(i for i, page in enumerate(pages) if page["anchor"] == anchor)
    context.update(
        {
            "section": shown_section,
            "left_out": _left_out(section, shown_section) if place.code else [],
            "unfiltered_url": f"{base_url}{anchor}/",
            "not_for_code": code if not_for_them else None,
            "previous": pages[index - 1] if index > 0 else None,
            "next": pages[index + 1] if index + 1 < len(pages) else None,
            "page": anchor,
        }
    )
    return render(request, "public/offer_page.html", context)


def _explanations() -> list[dict]:
    return [
        {"code": code, "label": ArrangementType(code).label, "explained": explained}
        for code, explained in ARRANGEMENT_EXPLANATIONS.items()
    ]


def render_situations(
    request,
    *,
    council,
    document: dict,
    base_url: str,
    revision=None,
    preview_banner: str = "",
    helplines=None,
):
    """ "What does my situation mean?": each arrangement type in plain words."""
    context = _offer_context(
        council=council,
        document=document,
        revision=revision,
        preview_banner=preview_banner,
        helplines=helplines,
    )
    context.update(_guide_context(place=Place(base_url), document=document))
    context.update({"explanations": _explanations(), "page": SITUATIONS_PAGE})
    return render(request, "public/situations.html", context)


def render_guide_page(request, *, page: str = "", **kwargs):
    """Any page of the guide by its name: "" the overview, "situations", or a section anchor.

    For renderings that serve every page from one view (previews, old versions).
    """
    if not page:
        return render_offer(request, **kwargs)
    if page == SITUATIONS_PAGE:
        return render_situations(request, **kwargs)
    return render_offer_section(request, anchor=page, **kwargs)


def render_offer_print(request, *, council, document: dict, revision, helplines=None):
    """The whole published offer as one printable booklet: every section, no forms."""
    context = _offer_context(
        council=council,
        document=document,
        revision=revision,
        preview_banner="",
        helplines=helplines,
    )
    context["site_url"] = settings.SITE_URL  # the booklet says where to find it online
    return render(request, "public/print.html", context)


def render_offer_leaflet(request, *, council, document: dict, revision, helplines=None):
    """The one-sheet leaflet for the first visit (offers.leaflet): who to call, a line on
    money and one on social work for each situation, national help, and the address of the
    full offer in words and as a QR code."""
    address = absolute(offer_page(council.slug))
    helplines = helplines if helplines is not None else helplines_for_offer_pages()
    context = {
        "council": council,
        "doc": document,
        "revision": revision,
        "phones": leaflet.phones_to_call(document, council_phone=council.phone),
        "situations": leaflet.situation_lines(document),
        "helplines": helplines[: leaflet.HELPLINES_SHOWN],
        "national_schemes": SimpleLazyObject(published_schemes),
        "address": address,
        "qr_svg": leaflet.qr_svg(address),
    }
    return render(request, "public/leaflet.html", context)

"""The one document form of an offer.

Everything families and other systems see is made from this plain-JSON dict, never from
the editing tables: the preview renders the working copy's document, a publish stores it
in an OfferRevision, the diff compares two of them.

Shape (schema 1):
{
  "schema": 1,
  "council": {"name", "slug", "gss_code", "region", "website", "email", "phone"},
  "offer": {"title", "introduction", "manager_name", "manager_job_title",
            "last_reviewed": "YYYY-MM-DD", "next_review_due": "YYYY-MM-DD"},
  "sections": [{"id", "anchor", "kind", "heading", "summary", "body",
                "arrangement_types": [codes], "allowances": [...], "social_work_services": [...],
                "support_services": [...], "training_courses": [...], "peer_groups": [...],
                "contacts": [...]}]
}
Each entry is {"id", "arrangement_types", <its fields>}; amounts are strings like "201.00",
dates ISO strings, so the document is plain JSON and compares exactly.
"""

import datetime
from decimal import Decimal

from django.db.models import Prefetch

from .models import ENTRY_TYPES, Offer, Section

SCHEMA_VERSION = 1


def _plain(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _anchor(kind: str, taken: set[str]) -> str:
    """A stable id for a section: its kind ("financial-support"), numbered if repeated."""
    base = kind.replace("_", "-")
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def offer_queryset():
    """Offers with everything the document needs, in a fixed number of queries."""
    entry_prefetches = [
        Prefetch(f"sections__{key}", queryset=model.objects.order_by("order", "id"))
        for key, model, _fields in ENTRY_TYPES
    ]
    return Offer.objects.select_related("council").prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("order", "id")),
        *entry_prefetches,
    )


def offer_document(offer: Offer) -> dict:
    """Serialise the working copy of an offer into its document (schema 1)."""
    council = offer.council
    taken: set[str] = set()
    sections = []
    for section in offer.sections.all():
        item = {
            "id": section.pk,
            "anchor": _anchor(section.kind, taken),
            "kind": section.kind,
            "heading": section.heading,
            "summary": section.summary,
            "body": section.body,
            "arrangement_types": list(section.arrangement_types or []),
        }
        for key, _model, fields in ENTRY_TYPES:
            item[key] = [
                {
                    "id": entry.pk,
                    "arrangement_types": list(entry.arrangement_types or []),
                    **{name: _plain(getattr(entry, name)) for name in fields},
                }
                for entry in getattr(section, key).all()
            ]
        sections.append(item)
    return {
        "schema": SCHEMA_VERSION,
        "council": {
            "name": council.name,
            "slug": council.slug,
            "gss_code": council.gss_code,
            "region": council.region,
            "website": council.website,
            "email": council.email,
            "phone": council.phone,
        },
        "offer": {
            "title": offer.title,
            "introduction": offer.introduction,
            "manager_name": offer.manager_name,
            "manager_job_title": offer.manager_job_title,
            "last_reviewed": _plain(offer.last_reviewed),
            "next_review_due": _plain(offer.next_review_due),
        },
        "sections": sections,
    }


def document_for(offer_id: int) -> dict:
    """Load an offer with its prefetches and serialise it."""
    return offer_document(offer_queryset().get(pk=offer_id))

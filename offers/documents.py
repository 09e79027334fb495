"""The one document form of an offer.

Everything families and other systems see is made from this plain-JSON dict, never from
the editing tables: the preview renders the working copy's document, a publish stores it
in an OfferRevision, the diff compares two of them, export writes it and import reads it.

Its shape is a contract: offers/schemas/offer-document.schema.json (made from the entry
registry by offers.schema, checked at publish and import). In short, schema 2:
{
  "schema": 2,
  "council": {COUNCIL_FIELDS},                 null in a template not tied to a council
  "offer": {OFFER_FIELDS},                     dates as "YYYY-MM-DD"
  "sections": [{"key", "anchor", "kind", "heading", "summary", "body", "arrangement_types",
                "<entry type key>": [{"key", <its fields>, "arrangement_types"}, ...]}]
}
Keys are UUID strings that stay with a section or entry through export and import (never
database row ids); amounts are strings like "201.00", so the document compares exactly.
"""

import datetime
import json
import uuid
from decimal import Decimal

from django.db.models import Prefetch

from .entry_types import ENTRY_TYPES
from .models import Offer, Section
from .validators import without_hidden_characters, without_unshowable_characters

SCHEMA_VERSION = 2
COUNCIL_FIELDS = ("name", "slug", "gss_code", "region", "website", "email", "phone")
OFFER_FIELDS = (
    "title",
    "introduction",
    "manager_name",
    "manager_job_title",
    "last_reviewed",
    "next_review_due",
)
SECTION_FIELDS = ("kind", "heading", "summary", "body", "arrangement_types")


def _plain(value):
    # Text goes into the document without direction controls or invisible spaces, so no
    # page, feed, CSV or API answer made from it can show words in a misleading order, and
    # without control characters (refused by the forms and import, but a row written before
    # they were must not break the Atom feed once published).
    if isinstance(value, str):
        return without_hidden_characters(without_unshowable_characters(value))
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list):
        return list(value)
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
        Prefetch(
            f"sections__{entry_type.key}",
            queryset=entry_type.model.objects.order_by("order", "id"),
        )
        for entry_type in ENTRY_TYPES
    ]
    return Offer.objects.select_related("council").prefetch_related(
        Prefetch("sections", queryset=Section.objects.order_by("order", "id")),
        *entry_prefetches,
    )


def offer_document(offer: Offer) -> dict:
    """Serialise the working copy of an offer into its document (schema 2)."""
    council = offer.council
    taken: set[str] = set()
    sections = []
    for section in offer.sections.all():
        item = {
            "key": str(section.key),
            "anchor": _anchor(section.kind, taken),
            **{name: _plain(getattr(section, name)) for name in SECTION_FIELDS},
        }
        for entry_type in ENTRY_TYPES:
            item[entry_type.key] = [
                {name: _plain(getattr(entry, name)) for name in entry_type.document_fields}
                for entry in getattr(section, entry_type.key).all()
            ]
        sections.append(item)
    return {
        "schema": SCHEMA_VERSION,
        "council": {name: getattr(council, name) for name in COUNCIL_FIELDS},
        "offer": {name: _plain(getattr(offer, name)) for name in OFFER_FIELDS},
        "sections": sections,
    }


def document_for(offer_id: int) -> dict:
    """Load an offer with its prefetches and serialise it."""
    return offer_document(offer_queryset().get(pk=offer_id))


def document_to_json(document: dict) -> str:
    """The document as export files hold it: pretty-printed, keys sorted, UTF-8 text.

    The same document always gives the same bytes, so export, import, export is identical.
    """
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

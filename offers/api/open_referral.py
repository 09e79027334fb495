"""Live offers as Open Referral UK (ORUK) services, so service directories can take them in.

Support services, training courses, peer support groups and social work services of every
live document become ORUK `service` objects, with the council as their `organization`. The
subset of ORUK fields we fill, and what each must hold, is our own JSON Schema:
offers/api/schemas/oruk-service.schema.json.

Identifiers. ORUK wants a UUID for every object. A service's id is made from its entry's
document key and the council's GSS code (uuid5), so it stays the same through every new
version, export and import. The key alone is not enough: councils that start from the same
starter template share its keys. Contacts, phones, venues, schedules and cost options get
uuid5 ids made the same way, so they are as stable as the entries they come from.
"""

import re
import uuid
from collections.abc import Callable

from ..answers import entry_fragment
from ..choices import ArrangementType, CourseFormat, SectionKind, SocialWorkKind, label
from ..formatting import EVERYONE, who_for
from ..selectors import LiveOffer
from . import data
from .http import ApiError

# Our namespace for uuid5 ids: fixed for ever, or every id would change.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://kinship-portal.example/open-referral")
ARRANGEMENT_TAXONOMY = "Kinship arrangement types (Kinship local offer portal)"
GSS_URI = "http://statistics.data.gov.uk/id/statistical-geography/{code}"
MAX_PER_PAGE = 100
FREE = re.compile(r"^\s*free\s*\.?\s*$", re.IGNORECASE)
SERVICE_TYPES = ("support_services", "training_courses", "peer_groups", "social_work_services")


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_id(gss_code: str, key: str) -> str:
    return stable_id("service", gss_code, key)


def organization_id(gss_code: str) -> str:
    return stable_id("organization", gss_code)


def arrangement_term_id(code: str) -> str:
    return stable_id("arrangement-type", code)


# --- Parts of a service ----------------------------------------------------------------------


def _compact(item: dict) -> dict:
    """Leave out optional text that is blank: ORUK fields are optional, not empty."""
    return {name: value for name, value in item.items() if value not in (None, "")}


def _joined(*paragraphs: str) -> str:
    """Paragraphs of text, blank ones left out."""
    kept = [paragraph.strip() for paragraph in paragraphs if paragraph and paragraph.strip()]
    return "\n\n".join(kept)


def organization(offer: LiveOffer, document: dict) -> dict:
    title = document.get("offer", {}).get("title", "")
    return _compact(
        {
            "id": organization_id(offer.gss_code),
            "name": offer.name,
            "description": (
                f"{offer.name} is the local council. It publishes its kinship local offer, "
                f"“{title}”, which says how it supports families who raise a relative’s "
                "or friend’s child."
            ),
            "email": offer.email,
            "website": offer.website,
            "uri": GSS_URI.format(code=offer.gss_code),
        }
    )


def service_area(offer: LiveOffer) -> dict:
    return {
        "id": stable_id("service-area", offer.gss_code),
        "name": f"The area of {offer.name}",
        "uri": GSS_URI.format(code=offer.gss_code),
    }


def _contact(offer: LiveOffer, entry: dict) -> dict:
    contact_id = stable_id("contact", offer.gss_code, entry["key"])
    phones = []
    if entry.get("phone"):
        phones.append(
            _compact(
                {
                    "id": stable_id("phone", offer.gss_code, entry["key"]),
                    "number": entry["phone"],
                    "description": entry.get("opening_hours"),
                }
            )
        )
    return _compact(
        {"id": contact_id, "name": entry["name"], "email": entry.get("email"), "phones": phones}
    )


def _council_contact(offer: LiveOffer) -> dict | None:
    """The council's own phone and email, for an offer that names no contact."""
    if not (offer.phone or offer.email):
        return None
    phones = (
        [{"id": stable_id("phone", offer.gss_code, "council"), "number": offer.phone}]
        if offer.phone
        else []
    )
    return _compact(
        {
            "id": stable_id("contact", offer.gss_code, "council"),
            "name": offer.name,
            "email": offer.email,
            "phones": phones,
        }
    )


def contacts_for(offer: LiveOffer, document: dict, section: dict) -> list[dict]:
    """Who to contact about a service: its own section's contacts, else the offer's
    "Contacts" section, else the council's own phone and email."""
    own = section.get("contacts", [])
    if not own:
        own = [
            entry
            for other in document.get("sections", [])
            if other.get("kind") == SectionKind.CONTACTS
            for entry in other.get("contacts", [])
        ]
    if own:
        return [_contact(offer, entry) for entry in own]
    council = _council_contact(offer)
    return [council] if council else []


def eligibility(codes: list[str], extra: str = "") -> str:
    """Who can get it, in words: from the arrangement types (empty: every kinship family)."""
    if not codes:
        return _joined(f"For {EVERYONE}.", extra)
    return _joined(f"For kinship families with one of these arrangements: {who_for(codes)}.", extra)


def eligibility_attributes(service: str, codes: list[str]) -> list[dict]:
    """The arrangement types as taxonomy terms, so a directory can filter by them.

    An empty list means every kinship family, so every type is listed.
    """
    return [
        {
            "id": stable_id("attribute", service, code),
            "link_type": "eligibility",
            "taxonomy_term_id": arrangement_term_id(code),
            "taxonomy_term": {
                "id": arrangement_term_id(code),
                "taxonomy": ARRANGEMENT_TAXONOMY,
                "code": code,
                "term": label(ArrangementType, code),
            },
        }
        for code in (codes or ArrangementType.values)
    ]


def cost_options(service: str, cost: str) -> list[dict]:
    """The cost as the entry says it; an amount of 0 only when it says "Free"."""
    if not cost:
        return []
    option = {"id": stable_id("cost-option", service), "option": cost.strip()}
    if FREE.match(cost):
        option.update(amount=0, currency="GBP")
    else:
        option["amount_description"] = cost.strip()
    return [option]


def schedule(service: str, when: str, attending: str = "", link: str = "") -> list[dict]:
    """When it happens, as the text the council wrote (no machine-readable rule)."""
    if not (when or attending):
        return []
    return [
        _compact(
            {
                "id": stable_id("schedule", service),
                "description": when,
                "attending_type": attending,
                "schedule_link": link,
            }
        )
    ]


def venue(service: str, offer: LiveOffer, entry: dict) -> list[dict]:
    """A peer group's meeting place as an ORUK location, linked by a service_at_location."""
    if not entry.get("venue"):
        return []
    location_id = stable_id("location", offer.gss_code, entry["key"])
    return [
        {
            "id": stable_id("service-at-location", service),
            "location": {
                "id": location_id,
                "name": entry["venue"],
                "description": f"Where {entry['name']} meets.",
            },
        }
    ]


# --- What each entry type says --------------------------------------------------------------


def _provided_by(provider: str) -> str:
    return f"Provided by {provider}." if provider else ""


def _support_service(entry, service, offer):
    return {
        "name": entry["title"],
        "description": _joined(entry.get("description", ""), _provided_by(entry.get("provider"))),
        "application_process": entry.get("how_to_get"),
        "fees_description": entry.get("cost"),
        "cost_options": cost_options(service, entry.get("cost", "")),
    }


def _training_course(entry, service, offer):
    return {
        "name": entry["title"],
        "description": _joined(entry.get("description", ""), _provided_by(entry.get("provider"))),
        "application_process": entry.get("how_to_book"),
        "fees_description": entry.get("cost"),
        "cost_options": cost_options(service, entry.get("cost", "")),
        "schedules": schedule(
            service,
            entry.get("when", ""),
            label(CourseFormat, entry.get("format")),
            entry.get("booking_url", ""),
        ),
    }


def _attending(entry) -> str:
    if entry.get("venue") and entry.get("online"):
        return label(CourseFormat, CourseFormat.BOTH)
    if entry.get("online"):
        return label(CourseFormat, CourseFormat.ONLINE)
    return label(CourseFormat, CourseFormat.IN_PERSON) if entry.get("venue") else ""


def _peer_group(entry, service, offer):
    run_by = entry.get("run_by")
    return {
        "name": entry["name"],
        "description": _joined(entry.get("description", ""), f"Run by {run_by}." if run_by else ""),
        "application_process": entry.get("contact"),
        "schedules": schedule(service, entry.get("meets", ""), _attending(entry)),
        "service_at_locations": venue(service, offer, entry),
    }


def _social_work_service(entry, service, offer):
    return {
        "name": label(SocialWorkKind, entry["kind"]),
        "description": entry.get("what_happens", ""),
        "application_process": entry.get("how_to_ask"),
        "wait_time": entry.get("timescale"),
        "eligibility_extra": entry.get("who_can_ask", ""),
    }


SERVICE_PARTS: dict[str, Callable] = {
    "support_services": _support_service,
    "training_courses": _training_course,
    "peer_groups": _peer_group,
    "social_work_services": _social_work_service,
}


def service(offer: LiveOffer, document: dict, section: dict, entry_type: str, entry: dict,
            base: str) -> dict:
    """One entry of a live document as an ORUK service."""
    ident = service_id(offer.gss_code, entry["key"])
    parts = SERVICE_PARTS[entry_type](entry, ident, offer)
    codes = data.effective_arrangement_types(section, entry)
    return _compact(
        {
            "id": ident,
            "name": parts["name"],
            "description": parts["description"] or section.get("summary", ""),
            "url": data.section_url(
                base, offer.slug, section["anchor"], entry_fragment(entry_type, entry)
            ),
            "status": "active",
            "eligibility_description": eligibility(codes, parts.get("eligibility_extra", "")),
            "application_process": parts.get("application_process"),
            "fees_description": parts.get("fees_description"),
            "wait_time": parts.get("wait_time"),
            "assured_date": document.get("offer", {}).get("last_reviewed"),
            "last_modified": data.iso_datetime(offer.published_at),
            "organization": organization(offer, document),
            "contacts": contacts_for(offer, document, section),
            "schedules": parts.get("schedules", []),
            "service_at_locations": parts.get("service_at_locations", []),
            "service_areas": [service_area(offer)],
            "cost_options": parts.get("cost_options", []),
            "attributes": eligibility_attributes(ident, codes),
        }
    )


def services_of(offer: LiveOffer, document: dict, base: str) -> list[dict]:
    """Every service in one live document, in the order families read them."""
    return [
        service(offer, document, section, entry_type, entry, base)
        for section in document.get("sections", [])
        for entry_type in SERVICE_TYPES
        for entry in section.get(entry_type, [])
    ]


def all_services(offers: list[LiveOffer], documents: Callable[[], dict], base: str) -> list:
    """Every live service, council by council A to Z (cached by the set of live versions)."""

    def build():
        contents = documents()
        return [
            item
            for offer in offers
            for item in services_of(offer, contents[offer.revision_id], base)
        ]

    return data.cached_list("oruk-services", offers, base, build)


# --- Pages, as ORUK lays them out -----------------------------------------------------------


def per_page(request) -> int:
    value = request.GET.get("per_page", str(data.PAGE_SIZE)).strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_PER_PAGE:
        raise ApiError(
            400, f"per_page must be a whole number from 1 to {MAX_PER_PAGE}, not “{value}”."
        )
    return int(value)


def services_page(items: list, number: int, size: int) -> dict:
    """ORUK's page: total_items, total_pages, page_number, size, first_page, last_page,
    empty and the services themselves in contents."""
    contents, pages = data.page_of(items, number, size)
    return {
        "total_items": len(items),
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number == pages,
        "empty": not items,
        "contents": contents,
    }

"""Live offers as Open Referral UK (ORUK), so service directories can take them in.

Support services, training courses, peer support groups and social work services of every
live document become ORUK `service` objects, with the council as their `organization`. The
kinship arrangement types they are for are terms of a taxonomy this API publishes.

Which ORUK we follow: the UK profile of HSDS 3.0 (version "HSDS-UK-3.0") as the
OpenReferralUK/uk-profile repository has it at commit 822a58c (10 September 2024, "Changes
to match international standard"), and its API description, schema/openapi.json. The fields
we send, and what each must hold, are our own JSON Schema,
offers/api/schemas/oruk-service.schema.json, written from the profile: it agrees with it on
required fields, types and enums, and lists nothing the profile does not define.

The profile leaves out of `service` some fields the international standard has
(eligibility_description, application_process, fees_description, wait_time, phones) and
leaves email and phones out of `contact`. So what they held is written into the service's
description, under plain headings ("Who can get it:", "How to get it:", "How long it takes:",
"Cost:", "Contact:"), where every directory shows it; the cost is also a cost option, the
arrangement types are eligibility attributes, and the first email address is the service's
`email`.

Identifiers. ORUK wants a UUID for every object. A service's id is made from its entry's
document key and the council's GSS code (uuid5), so it stays the same through every new
version, export and import. The key alone is not enough: councils that start from the same
starter template share its keys. Contacts, venues, schedules and cost options get uuid5 ids
made the same way, so they are as stable as the entries they come from; the taxonomy and its
terms have fixed ids.
"""

import datetime
import re
import uuid
from collections.abc import Callable

from .. import addresses
from ..answers import entry_fragment
from ..choices import (
    ARRANGEMENT_EXPLANATIONS,
    ArrangementType,
    CourseFormat,
    SectionKind,
    SocialWorkKind,
    label,
)
from ..formatting import EVERYONE, who_for
from ..selectors import LiveOffer
from . import data
from .http import ApiError

# Our namespace for uuid5 ids: fixed for ever, or every id would change.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://kinship-portal.example/open-referral")
# The profile we follow, as the root endpoint names it (see the module docstring).
PROFILE_VERSION = "HSDS-UK-3.0"
PROFILE_COMMIT = "822a58cdaec8c977573abf71c1bdfcb45ae6a6cd"
PROFILE_URL = f"https://github.com/OpenReferralUK/uk-profile/tree/{PROFILE_COMMIT}"
GSS_URI = "http://statistics.data.gov.uk/id/statistical-geography/{code}"
MAX_PER_PAGE = 100
FREE = re.compile(r"^\s*free\s*\.?\s*$", re.IGNORECASE)
SERVICE_TYPES = ("support_services", "training_courses", "peer_groups", "social_work_services")
ELIGIBILITY = "eligibility"  # the attributes' link_type: what the term says about the service
# A venue is a place people go to (HSDS's location_type codes: physical, postal, virtual).
PHYSICAL = "physical"


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_id(gss_code: str, key: str) -> str:
    return stable_id("service", gss_code, key)


def organization_id(gss_code: str) -> str:
    return stable_id("organization", gss_code)


def arrangement_term_id(code: str) -> str:
    return stable_id("arrangement-type", code)


def root(base: str) -> dict:
    """What the ORUK root endpoint says: the standard's version and profile this API follows,
    and where its OpenAPI description is."""
    return {
        "version": PROFILE_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": data.absolute(base, addresses.api_openapi()),
    }


# --- The taxonomy we publish ---------------------------------------------------------------

ARRANGEMENT_TAXONOMY_ID = stable_id("taxonomy", "arrangement-types")
ARRANGEMENT_TAXONOMY = "Kinship arrangement types"
TAXONOMY_VERSION = "1"
TERM_CODES = {arrangement_term_id(code): code for code in ArrangementType.values}


def arrangement_taxonomy(base: str) -> dict:
    """The one taxonomy: the legal arrangements kinship families live under."""
    return {
        "id": ARRANGEMENT_TAXONOMY_ID,
        "name": ARRANGEMENT_TAXONOMY,
        "description": (
            "The legal arrangement under which a relative or family friend raises a child. "
            "A family's support often depends on it, so each service lists the arrangements "
            "it is for."
        ),
        "uri": data.absolute(base, addresses.oruk_taxonomy(ARRANGEMENT_TAXONOMY_ID)),
        "version": TAXONOMY_VERSION,
    }


def taxonomies(base: str) -> list[dict]:
    return [arrangement_taxonomy(base)]


def arrangement_term(code: str, base: str) -> dict:
    """One arrangement type as a taxonomy term: `term` is our short code for it."""
    term_id = arrangement_term_id(code)
    return {
        "id": term_id,
        "name": label(ArrangementType, code),
        "description": ARRANGEMENT_EXPLANATIONS[code].what_it_is,
        "taxonomy": ARRANGEMENT_TAXONOMY,
        "taxonomy_id": ARRANGEMENT_TAXONOMY_ID,
        "term": code,
        "term_uri": data.absolute(base, addresses.oruk_taxonomy_term(term_id)),
    }


def taxonomy_terms(base: str) -> list[dict]:
    return [arrangement_term(code, base) for code in ArrangementType.values]


# --- Parts of a service ----------------------------------------------------------------------


def _compact(item: dict) -> dict:
    """Leave out what has no value: ORUK wants optional fields omitted, not empty."""
    return {name: value for name, value in item.items() if value not in (None, "", [])}


def _joined(*paragraphs: str) -> str:
    """Paragraphs of text, blank ones left out."""
    kept = [paragraph.strip() for paragraph in paragraphs if paragraph and paragraph.strip()]
    return "\n\n".join(kept)


def _headed(heading: str, text: str | None) -> str:
    """ "Heading: text", or nothing when there is no text."""
    return f"{heading}: {text.strip()}" if text and text.strip() else ""


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


def _contact_words(name: str, phone: str = "", hours: str = "", email: str = "") -> str:
    """ "Kinship team, phone 0161 496 0123 (Monday to Friday), email team@council.example"."""
    ways = []
    if phone:
        ways.append(f"phone {phone}" + (f" ({hours})" if hours else ""))
    if email:
        ways.append(f"email {email}")
    return ", ".join([name, *ways]) if ways else ""


def _who_to_contact(offer: LiveOffer, document: dict, section: dict) -> list[tuple[str, dict]]:
    """(id, contact entry) for who to contact about a service: its own section's contacts,
    else the offer's "Contacts" section, else the council's own phone and email."""
    own = section.get("contacts", [])
    if not own:
        own = [
            entry
            for other in document.get("sections", [])
            if other.get("kind") == SectionKind.CONTACTS
            for entry in other.get("contacts", [])
        ]
    if own:
        return [(stable_id("contact", offer.gss_code, entry["key"]), entry) for entry in own]
    if offer.phone or offer.email:
        council = {"name": offer.name, "phone": offer.phone, "email": offer.email}
        return [(stable_id("contact", offer.gss_code, "council"), council)]
    return []


def contacts_for(offer: LiveOffer, document: dict, section: dict) -> dict:
    """The parts of a service about who to contact: ORUK contacts (a name each: the profile
    gives a contact no phone or email), the service's email (the first one given), and the
    phones and emails in words for its description."""
    found = _who_to_contact(offer, document, section)
    words = [
        _contact_words(
            entry["name"],
            entry.get("phone", ""),
            entry.get("opening_hours", ""),
            entry.get("email", ""),
        )
        for _id, entry in found
    ]
    return {
        "contacts": [{"id": ident, "name": entry["name"]} for ident, entry in found],
        "email": next((entry["email"] for _id, entry in found if entry.get("email")), None),
        "contact_text": _headed("Contact", "; ".join(line for line in words if line)),
    }


def eligibility(codes: list[str], extra: str = "") -> str:
    """Who can get it, in words: from the arrangement types (empty: every kinship family)."""
    if not codes:
        return _joined(f"For {EVERYONE}.", extra)
    return _joined(f"For kinship families with one of these arrangements: {who_for(codes)}.", extra)


def eligibility_attributes(service: str, codes: list[str], base: str) -> list[dict]:
    """The arrangement types as taxonomy terms, so a directory can filter by them.

    An empty list means every kinship family, so every type is listed.
    """
    return [
        {
            "id": stable_id("attribute", service, code),
            "link_id": service,
            "link_type": ELIGIBILITY,
            "taxonomy_term_id": arrangement_term_id(code),
            "taxonomy_term": arrangement_term(code, base),
        }
        for code in (codes or ArrangementType.values)
    ]


def cost_options(service: str, cost: str) -> list[dict]:
    """The cost as the entry says it; an amount of 0 only when it says "Free"."""
    if not cost or not cost.strip():
        return []
    option = {"id": stable_id("cost-option", service), "option": cost.strip()}
    if FREE.match(cost):
        option["amount"] = 0
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
            "service_id": service,
            "location_id": location_id,
            "location": {
                "id": location_id,
                "location_type": PHYSICAL,
                "name": entry["venue"],
                "description": f"Where {entry['name']} meets.",
            },
        }
    ]


# --- What each entry type says --------------------------------------------------------------
# Each gives the service's name, its own description, who runs it, how to get it and what it
# costs; the description ORUK gets is made from them (description_of).


def _support_service(entry, service, offer):
    return {
        "name": entry["title"],
        "description": entry.get("description", ""),
        "by": f"Provided by {entry['provider']}." if entry.get("provider") else "",
        "how": _headed("How to get it", entry.get("how_to_get")),
        "cost": entry.get("cost", ""),
    }


def _training_course(entry, service, offer):
    return {
        "name": entry["title"],
        "description": entry.get("description", ""),
        "by": f"Provided by {entry['provider']}." if entry.get("provider") else "",
        "how": _headed("How to book", entry.get("how_to_book")),
        "cost": entry.get("cost", ""),
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
    return {
        "name": entry["name"],
        "description": entry.get("description", ""),
        "by": f"Run by {entry['run_by']}." if entry.get("run_by") else "",
        "how": _headed("How to join", entry.get("contact")),
        "schedules": schedule(service, entry.get("meets", ""), _attending(entry)),
        "service_at_locations": venue(service, offer, entry),
    }


def _social_work_service(entry, service, offer):
    return {
        "name": label(SocialWorkKind, entry["kind"]),
        "description": entry.get("what_happens", ""),
        "how": _headed("How to ask", entry.get("how_to_ask")),
        "wait": _headed("How long it takes", entry.get("timescale")),
        "eligibility_extra": entry.get("who_can_ask", ""),
    }


SERVICE_PARTS: dict[str, Callable] = {
    "support_services": _support_service,
    "training_courses": _training_course,
    "peer_groups": _peer_group,
    "social_work_services": _social_work_service,
}


def description_of(parts: dict, section: dict, codes: list[str], contact_text: str) -> str:
    """The service's description: what it is (else its section's summary), who runs it, then
    under plain headings who can get it, how to get it, how long it takes, what it costs and
    who to contact."""
    return _joined(
        parts["description"] or section.get("summary", ""),
        parts.get("by", ""),
        _headed("Who can get it", eligibility(codes, parts.get("eligibility_extra", ""))),
        parts.get("how", ""),
        parts.get("wait", ""),
        _headed("Cost", parts.get("cost")),
        contact_text,
    )


def last_modified(published_at: datetime.datetime) -> str:
    """ "2026-04-06T09:30:00.123Z": UTC, to the millisecond, as the profile asks."""
    utc = published_at.astimezone(datetime.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def service(
    offer: LiveOffer, document: dict, section: dict, entry_type: str, entry: dict, base: str
) -> dict:
    """One entry of a live document as an ORUK service."""
    ident = service_id(offer.gss_code, entry["key"])
    parts = SERVICE_PARTS[entry_type](entry, ident, offer)
    codes = data.effective_arrangement_types(section, entry)
    contact = contacts_for(offer, document, section)
    return _compact(
        {
            "id": ident,
            "organization_id": organization_id(offer.gss_code),
            "name": parts["name"],
            "description": description_of(parts, section, codes, contact["contact_text"]),
            "url": data.section_url(
                base, offer.slug, section["anchor"], entry_fragment(entry_type, entry)
            ),
            "email": contact["email"],
            "status": "active",
            "assured_date": document.get("offer", {}).get("last_reviewed"),
            "last_modified": last_modified(offer.published_at),
            "organization": organization(offer, document),
            "contacts": contact["contacts"],
            "schedules": parts.get("schedules", []),
            "service_at_locations": parts.get("service_at_locations", []),
            "service_areas": [service_area(offer)],
            "cost_options": cost_options(ident, parts.get("cost", "")),
            "attributes": eligibility_attributes(ident, codes, base),
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


def service_at_locations(services: list[dict]) -> list[dict]:
    """Every service at a location, each with its service (without its own list of places,
    which would hold this one again), in the services' order."""
    return [
        {**place, "service": {k: v for k, v in item.items() if k != "service_at_locations"}}
        for item in services
        for place in item.get("service_at_locations", [])
    ]


# --- Pages, as ORUK lays them out -----------------------------------------------------------


def per_page(request) -> int:
    value = request.GET.get("per_page", str(data.PAGE_SIZE)).strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_PER_PAGE:
        raise ApiError(
            400, f"per_page must be a whole number from 1 to {MAX_PER_PAGE}, not “{value}”."
        )
    return int(value)


def oruk_page(items: list, number: int, size: int) -> dict:
    """ORUK's page: total_items, total_pages, page_number, size, first_page, last_page,
    empty and the items themselves in contents."""
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

"""The query parameters of the Open Referral UK endpoints: which each takes, what each value
must be, and the filters they make.

Names are the ones the ORUK API description gives (schema/openapi.json of
OpenReferralUK/uk-profile). An endpoint answers only the parameters it takes: any other is a
400 that names the ones it takes, so an answer never poses as filtered when it was not. The
specification names some filters this data cannot answer (ages, times and days, postcodes):
each of those is a 400 that says why. Every value is checked before any work is done, and a
value that is not valid is a 400 with a message that says what to send.

For the page cache (offers.page_cache), every parameter an endpoint takes is one it reads,
so it is part of the page's key, and each has a rule saying which values are written the
one way this API writes them (an answer for another spelling is still given).
"""

import datetime
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .. import addresses
from ..page_cache import never, whole_number
from .http import ApiError
from .open_referral import ARRANGEMENT_TAXONOMY_ID, TERM_CODES

SEARCH_MAX_CHARACTERS = 100
SEARCH_MAX_WORDS = 8
WORD = re.compile(r"\w+")
# ISO 8601 in its extended form, with a time zone: 2026-04-06T09:30Z, 2026-04-06T10:30:00+01:00,
# 2026-04-06T09:30:00.123Z. Anything else (no zone, a date alone, week dates) is refused.
DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
DATETIME_EXAMPLE = "2026-04-06T09:30:00Z"

# --- Rules for keeping an answer (offers.page_cache): the value as this API writes it --------

Rule = Callable[[str], bool]
CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def canonical_uuid(value: str) -> bool:
    """An id as this API writes it: lower case, with hyphens."""
    return CANONICAL_UUID.fullmatch(value) is not None


def plain_search(value: str) -> bool:
    """Search words with no space at either end and none doubled."""
    return len(value) <= SEARCH_MAX_CHARACTERS and value == " ".join(value.split())


# Any per_page is answered but not kept: every size would be another copy of every list.
PAGING: dict[str, Rule] = {"page": whole_number, "per_page": never}
FILTERS: dict[str, Rule] = {
    "search": plain_search,
    "taxonomy_term_id": canonical_uuid,
    "taxonomy_id": canonical_uuid,
    "organization_id": canonical_uuid,
    "modified_after": never,  # each client sends its own: the time it last looked
}
# Search words are free text that no rule can bound: like the site's search, at most this
# many filtered lists are kept under one content version; the rest are answered, not kept.
KEPT_FILTERED_LISTS = 500
# What each endpoint reads: /services/ and /service_at_locations/ take the filters.
SERVICE_LIST_READS: dict[str, Rule] = {**PAGING, **FILTERS}
LIST_READS: dict[str, Rule] = dict(PAGING)
NO_READS: dict[str, Rule] = {}

# Named by the specification for these lists, but the data cannot answer them.
NOT_ANSWERED = {
    "minimum_age": "Services here have no ages to filter by.",
    "maximum_age": "Services here have no ages to filter by.",
    "start_time": "Services here give their times in words, like “Tuesdays at 10am”.",
    "end_time": "Services here give their times in words, like “Tuesdays at 10am”.",
    "day": "Services here give their days in words, like “Tuesdays at 10am”.",
    "postcode": (
        "Services here have no map positions: each is for the whole area of the council "
        "that publishes it. Use organization_id to get one council's services."
    ),
    "proximity": (
        "Services here have no map positions: each is for the whole area of the council "
        "that publishes it. Use organization_id to get one council's services."
    ),
}


def takes_only(reads: Mapping[str, Rule]) -> Callable:
    """A check for api_endpoint: refuse any parameter the endpoint does not take, before
    the page cache is asked (it ignores parameters an endpoint does not read, so it would
    otherwise give the answer without that parameter)."""
    taken = tuple(reads)

    def check(request) -> None:
        for name in request.GET:
            if name not in taken:
                raise ApiError(400, _refusal(name, taken))

    return check


def _refusal(name: str, taken: Iterable[str]) -> str:
    what = f"It takes {', '.join(taken)}." if taken else "It takes no query parameters."
    if name in NOT_ANSWERED:
        return f"We cannot filter by {name}. {NOT_ANSWERED[name]} {what}"
    return f"This address does not take “{name}”. {what}"


# --- Reading the values ----------------------------------------------------------------------


def _one(request, name: str) -> str | None:
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise ApiError(400, f"Give {name} once, not {len(values)} times.")
    return values[0] if values else None


def _uuid(name: str, value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ApiError(
            400, f"{name} must be an id like “{ARRANGEMENT_TAXONOMY_ID}”, not “{value}”."
        ) from None


def search_words(value: str) -> tuple[str, ...]:
    if len(value) > SEARCH_MAX_CHARACTERS:
        raise ApiError(400, f"search must be {SEARCH_MAX_CHARACTERS} characters or fewer.")
    words = tuple(WORD.findall(value.casefold()))
    if not words:
        raise ApiError(400, "search must have at least one letter or number.")
    if len(words) > SEARCH_MAX_WORDS:
        raise ApiError(400, f"search can have at most {SEARCH_MAX_WORDS} words.")
    return words


def parse_datetime(value: str) -> datetime.datetime:
    """An ISO 8601 date and time with its time zone, strictly; anything else is a 400."""
    refusal = ApiError(
        400,
        f"modified_after must be a date and time with a time zone, like {DATETIME_EXAMPLE}, "
        f"not “{value}”.",
    )
    if not DATETIME.fullmatch(value):
        raise refusal
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:  # a month 13, a 25th hour
        raise refusal from None


@dataclass(frozen=True)
class ServiceFilter:
    """The filters of one request for services (or services at locations); empty: all."""

    words: tuple[str, ...] = ()
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    modified_after: datetime.datetime | None = None

    def matches(self, service: dict) -> bool:
        terms = [attribute["taxonomy_term"] for attribute in service.get("attributes", [])]
        if self.taxonomy_term_id and not any(t["id"] == self.taxonomy_term_id for t in terms):
            return False
        if self.taxonomy_id and not any(t["taxonomy_id"] == self.taxonomy_id for t in terms):
            return False
        if self.organization_id and service["organization_id"] != self.organization_id:
            return False
        if self.modified_after and (
            datetime.datetime.fromisoformat(service["last_modified"]) < self.modified_after
        ):
            return False
        if self.words:
            places = [at["location"]["name"] for at in service.get("service_at_locations", [])]
            text = "\n".join(
                [
                    service["name"],
                    service.get("description", ""),
                    service["organization"]["name"],
                    *places,
                    *(t["name"] for t in terms),
                ]
            ).casefold()
            return all(word in text for word in self.words)
        return True


def service_filter(request, organization_ids: Iterable[str]) -> ServiceFilter:
    """The request's filters, each value checked: organization_ids are the live councils'."""
    found = {}
    if (value := _one(request, "search")) is not None:
        found["words"] = search_words(value)
    if (value := _one(request, "taxonomy_term_id")) is not None:
        term = _uuid("taxonomy_term_id", value)
        if term not in TERM_CODES:
            raise ApiError(
                400,
                f"There is no taxonomy term with the id “{value}”. The terms "
                f"are listed at {addresses.oruk_taxonomy_terms()}.",
            )
        found["taxonomy_term_id"] = term
    if (value := _one(request, "taxonomy_id")) is not None:
        taxonomy = _uuid("taxonomy_id", value)
        if taxonomy != ARRANGEMENT_TAXONOMY_ID:
            raise ApiError(
                400,
                f"There is no taxonomy with the id “{value}”. The taxonomies "
                f"are listed at {addresses.oruk_taxonomies()}.",
            )
        found["taxonomy_id"] = taxonomy
    if (value := _one(request, "organization_id")) is not None:
        organization = _uuid("organization_id", value)
        if organization not in set(organization_ids):
            raise ApiError(
                400, f"No council with a published offer has the organization id “{value}”."
            )
        found["organization_id"] = organization
    if (value := _one(request, "modified_after")) is not None:
        found["modified_after"] = parse_datetime(value)
    return ServiceFilter(**found)

"""The open data API under /api/v1/: published documents only, as JSON, described by a
hand-written OpenAPI 3.1 file that every answer is checked against."""

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, get_resolver
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema_path import SchemaPath
from openapi_spec_validator import OpenAPIV31SpecValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from offers import consultations
from offers.api import urls as api_urls
from offers.api.views import STATIC_FILES
from offers.choices import ArrangementType
from offers.models import Allowance, Section

from .conftest import publish
from .factories import (
    AllowanceFactory,
    CouncilFactory,
    OfferFactory,
    PeerGroupFactory,
    SectionFactory,
    SupportServiceFactory,
)
from .test_html_wellformed import problems_in

# An id no object has, the same in every run (pytest-xdist needs the same test ids in
# each worker, so a parametrized test takes no random values).
UNKNOWN_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

SITE = settings.SITE_URL
API_DIR = Path(__file__).resolve().parent.parent / "offers" / "api"
OPENAPI = json.loads((API_DIR / "openapi.json").read_text(encoding="utf-8"))
# Where the OpenAPI file is served; its relative $refs ("schemas/…") resolve from here.
OPENAPI_URI = "http://testserver/api/v1/openapi.json"
SCHEMA_URIS = {
    "http://testserver/api/v1/schemas/oruk-service.schema.json": STATIC_FILES[
        "schemas/oruk-service.schema.json"
    ],
    "http://testserver/api/v1/schemas/offer-document.schema.json": STATIC_FILES[
        "schemas/offer-document.schema.json"
    ],
}


# --- Checking answers against the OpenAPI file -----------------------------------------------


def format_checker() -> FormatChecker:
    """jsonschema's format checks, with "uri" too (it needs an extra package otherwise)."""
    checker = FormatChecker()

    @checker.checks("uri")
    def is_uri(value) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and (parts.netloc or parts.scheme in {"mailto", "tel", "urn"}))

    return checker


def registry() -> Registry:
    """The OpenAPI file and the schemas it refers to, at the addresses the site serves them."""
    resources = [(OPENAPI_URI, Resource.from_contents(OPENAPI, default_specification=DRAFT202012))]
    for uri, path in SCHEMA_URIS.items():
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema)
        resources.append((uri, resource))
        resources.append((schema["$id"], resource))  # its own refs resolve against its $id
    return Registry().with_resources(resources)


REGISTRY = registry()


def _pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def declared_schema_ref(path: str, status: int) -> str:
    """The $ref of the schema the OpenAPI file declares for GET path's answer with status."""
    response = OPENAPI["paths"][path]["get"]["responses"][str(status)]
    if "$ref" in response:
        where = response["$ref"].removeprefix("#")
    else:
        where = _pointer("paths", path, "get", "responses", str(status))
    return f"{OPENAPI_URI}#{where}{_pointer('content', 'application/json', 'schema')}"


def validation_errors(body, schema_ref: str) -> list[str]:
    validator = Draft202012Validator(
        {"$ref": schema_ref}, registry=REGISTRY, format_checker=format_checker()
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(body)
    ]


def assert_as_declared(response, path: str):
    """The answer is JSON and matches the schema the OpenAPI file declares for it."""
    assert response["Content-Type"].startswith("application/json")
    errors = validation_errors(response.json(), declared_schema_ref(path, response.status_code))
    assert errors == [], errors


# --- The cast --------------------------------------------------------------------------------


def clear_api_cache():
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def empty_cache(db):
    # Lists are cached under the set of live versions; each test starts with none.
    clear_api_cache()


def publish_councils(count: int, by) -> None:
    """count more councils, each with a published offer holding an allowance and a service."""
    for _ in range(count):
        offer = OfferFactory(council=CouncilFactory())
        AllowanceFactory(section=SectionFactory(offer=offer))
        SupportServiceFactory(section=SectionFactory(offer=offer, kind="practical"))
        publish(offer, by)


def publish_families_told_us(council, approver) -> None:
    """A consultation of the council, themed and answered, and its result published."""
    consultation = consultations.consultation_open(
        council=council,
        by=approver,
        source="live",
        closes_on=datetime.date.today() + datetime.timedelta(days=7),
        questions=["What is missing?"],
    )
    consultations.theme_save(
        consultation=consultation,
        by=approver,
        title="Short breaks",
        answer_kind="will",
        answer="add them.",
    )
    consultations.result_publish(consultation=consultation, by=approver)


def has_key(value, name: str) -> bool:
    if isinstance(value, dict):
        return name in value or any(has_key(item, name) for item in value.values())
    if isinstance(value, list):
        return any(has_key(item, name) for item in value)
    return False


# --- The OpenAPI file ------------------------------------------------------------------------


def test_openapi_file_is_valid_openapi_3_1(client):
    def served(uri):  # the $refs are followed to the files as this site serves them
        response = client.get(urlsplit(uri).path)
        assert response.status_code == 200, uri
        return response.json()

    spec = client.get("/api/v1/openapi.json").json()
    assert spec == OPENAPI
    assert spec["openapi"] == "3.1.0"
    path = SchemaPath.from_dict(spec, base_uri=OPENAPI_URI, handlers={"http": served})
    OpenAPIV31SpecValidator(path).validate()  # raises on the first problem


def test_every_schema_in_the_openapi_file_is_valid_json_schema_2020_12():
    for schema in OPENAPI["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    for path in SCHEMA_URIS.values():
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


def _api_routes() -> set[str]:
    """Every JSON address in offers.api.urls, written as the OpenAPI file writes paths."""
    routes = set()
    for pattern in api_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name in {"api_home", "api_not_found"}:
            continue
        route = str(pattern.pattern).removeprefix("v1")
        for converter in ("slug:", "int:", "str:"):
            route = route.replace(f"<{converter}", "{")
        route = re.sub(r"\{\w+_id\}", "{id}", route.replace(">", "}"))  # ORUK names ids {id}
        routes.add(route)
    return routes


def test_openapi_file_describes_every_api_address_and_no_other():
    assert _api_routes() == set(OPENAPI["paths"])


def test_api_is_included_before_the_public_site():
    # Else the public site's /<anything>/ addresses could answer first.
    routes = [str(pattern.pattern) for pattern in get_resolver().url_patterns]
    assert routes.index("api/") < routes.index("")


def test_every_address_answers_as_the_openapi_file_declares(client, live_a, approver_a):
    # The ORUK detail addresses need a service at a place: the cast's offer has only an
    # allowance.
    PeerGroupFactory(section=live_a.offer.sections.get(), venue="The library")
    publish(live_a.offer, approver_a, summary="A service")
    publish_families_told_us(live_a.offer.council, approver_a)

    def first_id(listing: str) -> str:
        return client.get(f"/api/v1/openreferral/{listing}/").json()["contents"][0]["id"]

    ids = {  # each ORUK {id}, by the list it comes from
        listing: first_id(listing)
        for listing in ("services", "service_at_locations", "taxonomies", "taxonomy_terms")
    }
    for path in OPENAPI["paths"]:
        url = "/api/v1" + path.replace("{slug}", "ashdown-test").replace("{version}", "1")
        if "{id}" in path:
            url = url.replace("{id}", ids[path.split("/")[2]])
        response = client.get(url)
        assert response.status_code == 200, url
        assert_as_declared(response, path)


def test_errors_answer_as_the_openapi_file_declares(client, live_a, council_b):
    for url, path, status in [
        ("/api/v1/councils/?page=nine", "/councils/", 400),
        ("/api/v1/allowances/?page=0", "/allowances/", 400),
        ("/api/v1/offers/brackenford-test/", "/offers/{slug}/", 404),
        ("/api/v1/offers/nowhere/", "/offers/{slug}/", 404),
        ("/api/v1/offers/ashdown-test/versions/2/", "/offers/{slug}/versions/{version}/", 404),
        ("/api/v1/openreferral/services/?per_page=500", "/openreferral/services/", 400),
        (f"/api/v1/openreferral/services/{UNKNOWN_ID}/", "/openreferral/services/{id}/", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert_as_declared(response, path)
        assert response.json()["error"]["message"]


def test_openapi_check_can_fail(client, live_a):
    # A wrong answer must not pass: the checker sees a missing field and a number as a string.
    body = client.get("/api/v1/councils/").json()
    del body["results"][0]["gss_code"]
    body["count"] = "1"
    errors = "\n".join(validation_errors(body, declared_schema_ref("/councils/", 200)))
    assert "'gss_code' is a required property" in errors
    assert "'1' is not of type 'integer'" in errors


# --- Councils --------------------------------------------------------------------------------


def test_councils_list_says_which_councils_have_published(client, live_a, council_b):
    CouncilFactory(name="Closed Test Council", slug="closed-test", is_active=False)
    body = client.get("/api/v1/councils/").json()
    assert body["count"] == 2
    ashdown, brackenford = body["results"]
    assert ashdown == {
        "name": "Ashdown Test Council",
        "slug": "ashdown-test",
        "gss_code": "E06900001",
        "region": "south_east",
        "website": "https://ashdown-test.example",
        "offer_status": "published",
        "version": 1,
        "published_at": live_a.published_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "offer_url": f"{SITE}/api/v1/offers/ashdown-test/",
        "page_url": f"{SITE}/offers/ashdown-test/",
    }
    assert brackenford["offer_status"] == "not_published"
    assert brackenford["version"] is None and brackenford["offer_url"] is None


def test_lists_come_in_pages_of_50_with_links(client, db):
    CouncilFactory.create_batch(53)
    first = client.get("/api/v1/councils/").json()
    assert (first["count"], first["page"], first["pages"], len(first["results"])) == (53, 1, 2, 50)
    assert first["previous"] is None
    assert first["next"] == f"{SITE}/api/v1/councils/?page=2"
    second = client.get(urlsplit(first["next"]).path + "?page=2").json()
    assert len(second["results"]) == 3
    assert second["next"] is None
    assert second["previous"] == f"{SITE}/api/v1/councils/?page=1"
    names = [c["name"] for c in first["results"] + second["results"]]
    assert names == sorted(names) and len(set(names)) == 53


@pytest.mark.parametrize("page", ["0", "-1", "two", "1.5", "3", ""])
def test_a_bad_page_number_is_a_400_with_a_message(client, db, page):
    CouncilFactory.create_batch(51)
    response = client.get(f"/api/v1/councils/?page={page}")
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400
    assert "page" in response.json()["error"]["message"]
    assert client.get("/api/v1/councils/?page=2").status_code == 200


def test_an_empty_list_has_one_empty_page(client, db):
    body = client.get("/api/v1/allowances/").json()
    assert body == {
        "count": 0,
        "next": None,
        "previous": None,
        "page": 1,
        "pages": 1,
        "results": [],
    }


# --- Offers: the published document, never the working copy ------------------------------------


def test_offer_is_the_live_document_as_published(client, live_a):
    body = client.get("/api/v1/offers/ashdown-test/").json()
    assert body["document"] == live_a.content
    assert body["council"] == "ashdown-test"
    assert (body["version"], body["live"], body["schema"]) == (1, True, 2)
    assert body["summary"] == "First version"
    assert body["url"] == f"{SITE}/api/v1/offers/ashdown-test/versions/1/"
    assert body["published_at"].endswith("Z")


def test_after_a_rename_an_offer_gives_the_councils_name_now_beside_the_document_as_published(
    client, live_a, council_a, approver_a
):
    before = client.get("/api/v1/offers/ashdown-test/")
    assert before.json()["council_name"] == "Ashdown Test Council"

    council_a.name = "Ashdown and Fenwick Council"
    council_a.save()

    for url, path in [
        ("/api/v1/offers/ashdown-test/", "/offers/{slug}/"),
        ("/api/v1/offers/ashdown-test/versions/1/", "/offers/{slug}/versions/{version}/"),
    ]:
        response = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
        assert response.status_code == 200  # not a 304 with the old name kept
        body = response.json()
        assert body["council_name"] == "Ashdown and Fenwick Council"
        # A published version never changes: it keeps the name it was published under.
        assert body["document"] == live_a.content
        assert body["document"]["council"]["name"] == "Ashdown Test Council"
        assert_as_declared(response, path)
    # The same name as the councils list and the allowances give.
    councils = client.get("/api/v1/councils/").json()["results"]
    assert [c["name"] for c in councils if c["slug"] == "ashdown-test"] == [
        "Ashdown and Fenwick Council"
    ]
    allowance = client.get("/api/v1/allowances/").json()["results"][0]
    assert allowance["council"]["name"] == "Ashdown and Fenwick Council"

    # The next publish carries the new name into the document too.
    live_a.offer.title = "Ashdown and Fenwick offer"
    live_a.offer.save()
    publish(live_a.offer, approver_a, summary="New name")
    body = client.get("/api/v1/offers/ashdown-test/").json()
    assert body["document"]["council"]["name"] == body["council_name"]


def test_no_database_ids_in_an_offer(client, live_a):
    body = client.get("/api/v1/offers/ashdown-test/").json()
    assert not has_key(body, "id") and not has_key(body, "pk")
    section = live_a.offer.sections.get()
    assert body["document"]["sections"][0]["key"] == str(section.key)


def test_editing_the_working_copy_after_publishing_changes_no_answer(client, live_a, approver_a):
    urls = [
        "/api/v1/councils/",
        "/api/v1/offers/ashdown-test/",
        "/api/v1/offers/ashdown-test/versions/1/",
        "/api/v1/allowances/",
        "/api/v1/openreferral/services/",
    ]
    SupportServiceFactory(section=live_a.offer.sections.get(), title="Published help")
    publish(live_a.offer, approver_a, summary="Published help")
    before = {url: client.get(url).content for url in urls}

    Allowance.objects.update(name="Draft allowance", amount=Decimal("999.00"))
    section = Section.objects.get()
    section.heading = "Draft heading"
    section.save()
    SupportServiceFactory(section=section, title="Draft service")
    SectionFactory(offer=live_a.offer, heading="Draft section")
    clear_api_cache()  # not just a cached answer: made again from the database

    for url in urls:
        after = client.get(url).content
        assert after == before[url], url
        assert b"Draft" not in after, url


def test_an_unpublished_or_inactive_council_has_no_offer(client, offer_a, council_b):
    unpublished = client.get("/api/v1/offers/ashdown-test/")
    assert unpublished.status_code == 404
    assert unpublished.json() == {
        "error": {
            "status": 404,
            "message": "Ashdown Test Council has not published its kinship local offer yet.",
        }
    }
    assert client.get("/api/v1/offers/brackenford-test/").status_code == 404
    assert client.get("/api/v1/offers/ashdown-test/versions/1/").status_code == 404
    assert client.get("/api/v1/allowances/").json()["count"] == 0
    assert "Allowance A" not in client.get("/api/v1/councils/").content.decode()


def test_a_deactivated_council_disappears_from_every_answer(client, live_a):
    council = live_a.offer.council
    council.is_active = False
    council.save()
    assert client.get("/api/v1/offers/ashdown-test/").status_code == 404
    assert client.get("/api/v1/offers/ashdown-test/versions/1/").status_code == 404
    assert client.get("/api/v1/councils/").json()["count"] == 0
    assert client.get("/api/v1/allowances/").json()["count"] == 0


def test_any_published_version_can_be_read(client, live_a, approver_a):
    Allowance.objects.update(name="New allowance")
    second = publish(live_a.offer, approver_a, summary="New name")
    old = client.get("/api/v1/offers/ashdown-test/versions/1/").json()
    new = client.get("/api/v1/offers/ashdown-test/versions/2/").json()
    assert old["document"] == live_a.content and old["live"] is False
    assert new["document"] == second.content and new["live"] is True
    assert client.get("/api/v1/offers/ashdown-test/").json()["version"] == 2
    missing = client.get("/api/v1/offers/ashdown-test/versions/3/")
    assert missing.status_code == 404
    assert "version 3" in missing.json()["error"]["message"]


# --- Allowances ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "frequency", "weekly"),
    [
        ("201.00", "weekly", "201.00"),
        ("300.00", "fortnightly", "150.00"),
        ("520.00", "monthly", "120.00"),  # 520 x 12 / 52
        ("1000.00", "monthly", "230.77"),  # to the penny, half up
        ("5200.00", "annual", "100.00"),
        ("2000.00", "one_off", None),
    ],
)
def test_weekly_equivalents(client, offer_a, approver_a, amount, frequency, weekly):
    Allowance.objects.update(amount=Decimal(amount), frequency=frequency)
    publish(offer_a, approver_a)
    [item] = client.get("/api/v1/allowances/").json()["results"]
    assert (item["amount"], item["frequency"], item["weekly_equivalent"]) == (
        amount,
        frequency,
        weekly,
    )


def test_allowances_list_says_what_families_need(client, offer_a, approver_a):
    section = offer_a.sections.get()
    section.arrangement_types = ["sgo", "cao"]
    section.save()
    AllowanceFactory(
        section=section,
        name="Kinship allowance",
        amount=Decimal("184.5"),
        frequency="weekly",
        means_tested=False,
        applies_from=datetime.date(2026, 4, 6),
        age_band="Age 0 to 4",
        arrangement_types=[],
    )
    revision = publish(offer_a, approver_a)
    key = revision.content["sections"][0]["allowances"][1]["key"]
    first, second = client.get("/api/v1/allowances/").json()["results"]
    assert second == {
        "council": {"slug": "ashdown-test", "name": "Ashdown Test Council"},
        "version": 1,
        "section": "financial",
        "key": key,
        "name": "Kinship allowance",
        "amount": "184.50",
        "currency": "GBP",
        "frequency": "weekly",
        "weekly_equivalent": "184.50",
        "means_tested": False,
        "applies_from": "2026-04-06",
        "age_band": "Age 0 to 4",
        # For everyone in a section for SGO and CAO carers: the section's limits apply.
        "arrangement_types": ["sgo", "cao"],
        "url": f"{SITE}/offers/ashdown-test/financial/#allowances-{key[:8]}",
    }
    assert first["arrangement_types"] == ["sgo"] and first["means_tested"] is True
    assert first["age_band"] is None


def test_an_allowance_for_everyone_has_no_arrangement_types(client, offer_a, approver_a):
    Allowance.objects.update(arrangement_types=[])
    publish(offer_a, approver_a)
    [item] = client.get("/api/v1/allowances/").json()["results"]
    assert item["arrangement_types"] == []
    assert set(ArrangementType.values) >= {"sgo", "cao"}


def test_allowance_link_goes_to_the_entry_on_its_page(client, live_a):
    [item] = client.get("/api/v1/allowances/").json()["results"]
    page = client.get(urlsplit(item["url"]).path)
    assert page.status_code == 200
    assert f'id="{urlsplit(item["url"]).fragment}"' in page.content.decode()


# --- HTTP: caching, 304, CORS, methods ------------------------------------------------------

JSON_URLS = [
    "/api/v1/councils/",
    "/api/v1/offers/ashdown-test/",
    "/api/v1/offers/ashdown-test/versions/1/",
    "/api/v1/allowances/",
    "/api/v1/openreferral/services/",
    "/api/v1/openapi.json",
    "/api/v1/schemas/oruk-service.schema.json",
    "/api/v1/schemas/offer-document.schema.json",
]


@pytest.mark.parametrize("url", JSON_URLS)
def test_every_answer_has_caching_headers_and_cors(client, live_a, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("url", JSON_URLS)
def test_matching_if_none_match_is_a_304(client, live_a, url):
    etag = client.get(url)["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_if_modified_since_the_last_publish_is_a_304(client, live_a):
    last_modified = client.get("/api/v1/allowances/")["Last-Modified"]
    again = client.get("/api/v1/allowances/", headers={"If-Modified-Since": last_modified})
    assert again.status_code == 304
    earlier = "Mon, 01 Jan 2024 00:00:00 GMT"
    assert (
        client.get("/api/v1/allowances/", headers={"If-Modified-Since": earlier}).status_code == 200
    )


def test_last_modified_is_when_the_copy_was_made_not_when_the_offer_was_published(client, live_a):
    """The README promises this: a council's details have no date, so a date made from
    publish times could answer 304 after a council was renamed."""
    made = datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    with time_machine.travel(made, tick=False):
        response = client.get("/api/v1/offers/ashdown-test/")
    assert response["Last-Modified"] == "Tue, 06 May 2031 07:08:09 GMT"
    assert response.json()["published_at"] != "2031-05-06T07:08:09Z"


def test_a_council_renamed_after_the_last_publish_is_not_a_304(client, live_a):
    with time_machine.travel(datetime.datetime(2031, 5, 6, 7, 0, tzinfo=datetime.UTC)):
        first = client.get("/api/v1/councils/")
        council = live_a.offer.council
    with time_machine.travel(datetime.datetime(2031, 5, 6, 8, 0, tzinfo=datetime.UTC)):
        council.name = "Ashdown Renamed Council"
        council.save()
        again = client.get(
            "/api/v1/councils/", headers={"If-Modified-Since": first["Last-Modified"]}
        )
    assert again.status_code == 200
    assert "Ashdown Renamed Council" in again.content.decode()


@pytest.mark.parametrize(
    "url", ["/api/v1/councils/", "/api/v1/offers/ashdown-test/", "/api/v1/allowances/"]
)
def test_a_new_publish_changes_the_etag(client, live_a, approver_a, url):
    etag = client.get(url)["ETag"]
    Allowance.objects.update(name="New name")
    publish(live_a.offer, approver_a, summary="New name")
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_each_page_of_a_list_has_its_own_etag(client, db):
    CouncilFactory.create_batch(51)
    assert client.get("/api/v1/councils/")["ETag"] != client.get("/api/v1/councils/?page=2")["ETag"]


def test_errors_are_json_with_cors(client, db):
    response = client.get("/api/v1/offers/nowhere/")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"] == {
        "status": 404,
        "message": "There is no council with the address name “nowhere”.",
    }


def test_an_unknown_api_address_is_a_json_404(client, db):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert "openapi.json" in response.json()["error"]["message"]


def test_an_address_without_its_slash_is_sent_to_the_right_one(client, db):
    response = client.get("/api/v1/councils")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/councils/"


def test_options_answers_the_browser_preflight(client, db):
    response = client.options(
        "/api/v1/councils/",
        headers={"Origin": "https://finder.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, live_a, method):
    response = getattr(client, method)("/api/v1/offers/ashdown-test/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "read-only" in response.json()["error"]["message"]
    # The same address answers a GET.
    assert client.get("/api/v1/offers/ashdown-test/").status_code == 200


def test_head_has_the_headers_and_no_body(client, live_a):
    response = client.head("/api/v1/offers/ashdown-test/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get("/api/v1/offers/ashdown-test/")["ETag"]


# --- Queries do not grow with the number of councils -----------------------------------------


def queries_for(client, url: str) -> int:
    clear_api_cache()  # the first answer after a publish: made from the documents
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/councils/",
        "/api/v1/allowances/",
        "/api/v1/openreferral/services/",
        "/api/v1/openreferral/services/?page=1&per_page=100",
    ],
)
def test_queries_stay_the_same_at_3_and_40_councils(client, site_admin, url):
    publish_councils(3, site_admin)
    at_three = queries_for(client, url)
    publish_councils(37, site_admin)
    at_forty = queries_for(client, url)
    assert at_forty == at_three
    # The content version (offers.page_cache, from the database), the live versions, then
    # their documents (none for councils).
    assert at_three <= 3


def test_a_304_does_not_load_any_document(client, live_a):
    etag = client.get("/api/v1/allowances/")["ETag"]
    with CaptureQueriesContext(connection) as context:
        client.get("/api/v1/allowances/", headers={"If-None-Match": etag})
    assert not any('"content"' in query["sql"] for query in context.captured_queries)


# --- The human page --------------------------------------------------------------------------


def test_api_page_explains_the_api_in_plain_english(client, live_a):
    response = client.get("/api/")
    html = response.content.decode()
    assert response.status_code == 200
    assert problems_in(html) == []
    assert '<h1 class="govuk-heading-xl">Open data API</h1>' in html
    assert 'href="/api/v1/openapi.json"' in html
    assert 'href="/api/v1/offers/ashdown-test/"' in html  # an example that works
    assert "published by each council" in html or "Each council publishes" in html
    assert "open data" in html
    for link in ["/api/v1/councils/", "/api/v1/allowances/", "/api/v1/openreferral/services/"]:
        assert f'href="{link}"' in html


def test_every_page_footer_links_to_the_api(client, db):
    assert 'href="/api/">Open data API</a>' in client.get("/").content.decode()

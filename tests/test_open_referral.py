"""Open Referral UK: the live offers' services as ORUK `service` objects, checked against our
own JSON Schema of the UK profile (offers/api/schemas/oruk-service.schema.json); the root,
taxonomy and service-at-location endpoints; and the filters, each applied or refused."""

import datetime
import json
import re
import uuid
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from offers.api import oruk_query
from offers.api.open_referral import (
    ARRANGEMENT_TAXONOMY_ID,
    PROFILE_COMMIT,
    SERVICE_TYPES,
    arrangement_term_id,
    organization_id,
    service_id,
)
from offers.api.views import STATIC_FILES
from offers.choices import ARRANGEMENT_EXPLANATIONS, ArrangementType, SocialWorkKind
from offers.entry_types import ENTRY_TYPES
from offers.models import Section, SupportService

from .factories import (
    ContactFactory,
    CouncilFactory,
    OfferFactory,
    PeerGroupFactory,
    SectionFactory,
    SocialWorkServiceFactory,
    SupportServiceFactory,
    TrainingCourseFactory,
)
from .test_api import (
    OPENAPI,
    SITE,
    assert_as_declared,
    clear_api_cache,
    empty_cache,  # noqa: F401 - the autouse fixture: each test starts with no cached lists
    format_checker,
    publish,
    publish_councils,
)

# An id no object has, the same in every run (pytest-xdist needs the same test ids in
# each worker, so a parametrized test takes no random values).
UNKNOWN_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

ROOT = "/api/v1/openreferral/"
LIST = ROOT + "services/"
PLACES = ROOT + "service_at_locations/"
TAXONOMIES = ROOT + "taxonomies/"
TERMS = ROOT + "taxonomy_terms/"
SCHEMA = json.loads(STATIC_FILES["schemas/oruk-service.schema.json"].read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=format_checker())
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
SGO_TERM = arrangement_term_id("sgo")
INFORMAL_TERM = arrangement_term_id("informal")
# The fields the UK profile does not define, which the feed used to send.
NOT_IN_THE_PROFILE = (
    "application_process",
    "eligibility_description",
    "fees_description",
    "wait_time",
    "phones",
    "currency",
    "code",
)


def schema_errors(item: dict, definition: str = "") -> list[str]:
    """What is wrong with item by our schema: a service, or one of the schema's $defs."""
    validator = VALIDATOR
    if definition:
        validator = Draft202012Validator(
            {"$ref": f"{SCHEMA['$id']}#/$defs/{definition}"},
            registry=Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA)),
            format_checker=format_checker(),
        )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(item)
    ]


def services(client, url=LIST) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["contents"]


def names(client, query: str = "") -> list[str]:
    return [item["name"] for item in services(client, f"{LIST}?per_page=100&{query}")]


def by_name(client) -> dict:
    return {item["name"]: item for item in services(client, LIST + "?per_page=100")}


def paragraphs(service: dict) -> list[str]:
    return service["description"].split("\n\n")


def refusal(client, url: str) -> str:
    """The message of a 400, which must be JSON, open to every site, and as declared."""
    response = client.get(url)
    assert response.status_code == 400, url
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"]["status"] == 400
    return response.json()["error"]["message"]


@pytest.fixture
def full_offer(offer_a):
    """Council A's offer with every kind of service, a contacts section and limits on who."""
    support = SectionFactory(
        offer=offer_a,
        kind="practical",
        heading="Practical help",
        summary="Help with everyday things.",
    )
    SupportServiceFactory(
        section=support,
        title="Help with school uniform",
        description="We pay for uniform.",
        provider="Ashdown Kinship Trust",
        cost="Free",
        how_to_get="Ask your social worker.",
        arrangement_types=["sgo", "cao"],
    )
    SupportServiceFactory(section=support, title="Holiday club", description="", cost="£5 a day")
    training = SectionFactory(offer=offer_a, kind="carer_training", heading="Training for you")
    TrainingCourseFactory(
        section=training,
        title="Understanding trauma",
        format="both",
        when="Tuesdays 10am, termly",
        booking_url="https://training.example/book",
        how_to_book="Book online.",
        cost="",
    )
    peers = SectionFactory(
        offer=offer_a,
        kind="peer_support",
        heading="Meet other carers",
        arrangement_types=["sgo", "informal"],
    )
    PeerGroupFactory(
        section=peers,
        name="Grandparents' coffee morning",
        meets="First Friday, 10am",
        venue="Ashdown Library, High Street",
        online=True,
        run_by="Kinship volunteers",
        contact="Call Jo on 0161 496 0999",
        arrangement_types=["informal"],
    )
    PeerGroupFactory(section=peers, name="Online evening group", venue="", online=True)
    ContactFactory(
        section=peers,
        name="Peer support lead",
        phone="0161 496 0777",
        email="peers@ashdown.example",
        opening_hours="Fridays",
    )
    social = SectionFactory(offer=offer_a, kind="social_work", heading="Social work support")
    SocialWorkServiceFactory(
        section=social,
        kind="court_report",
        what_happens="We write a report for the court.",
        who_can_ask="Carers applying for an SGO.",
        timescale="Within 8 weeks",
        how_to_ask="Call the kinship team.",
    )
    contacts = SectionFactory(offer=offer_a, kind="contacts", heading="Contact us")
    ContactFactory(
        section=contacts,
        name="Kinship support team",
        phone="0161 496 0123",
        email="kinship@ashdown.example",
        opening_hours="Monday to Friday, 9am to 5pm",
    )
    return offer_a


@pytest.fixture
def live_full(full_offer, approver_a):
    return publish(full_offer, approver_a)


@pytest.fixture
def two_councils(full_offer, approver_a, offer_b, site_admin):
    """A's full offer, published first, and B's with one service, published a day later."""
    a_day = datetime.datetime(2026, 4, 6, 9, 30, 0, 250000, tzinfo=datetime.UTC)
    with time_machine.travel(a_day, tick=False):
        publish(full_offer, approver_a)
    SupportServiceFactory(
        section=offer_b.sections.get(),
        title="Brackenford breakfast club",
        description="Breakfast before school.",
    )
    with time_machine.travel(a_day.replace(day=7, microsecond=0), tick=False):
        return publish(offer_b, site_admin)


# --- Our schema, and every answer against it ----------------------------------------------------


def test_our_oruk_schema_is_valid_json_schema_2020_12_and_names_the_profile_it_follows():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert PROFILE_COMMIT in SCHEMA["$comment"] and "HSDS-UK-3.0" in SCHEMA["$comment"]


def test_our_schema_agrees_with_the_profile_on_what_it_requires():
    # The UK profile at 822a58c: a service needs id, name and status (and an organization_id
    # to be compliant), a taxonomy term its name and description, a location its type.
    defs = SCHEMA["$defs"]
    assert {"id", "organization_id", "name", "status"} <= set(SCHEMA["required"])
    assert {"id", "name", "description"} <= set(defs["taxonomy_term"]["required"])
    assert {"id", "location_type"} <= set(defs["location"]["required"])
    assert defs["location"]["properties"]["location_type"]["enum"] == [
        "physical",
        "postal",
        "virtual",
    ]
    assert SCHEMA["properties"]["status"]["enum"] == [
        "active",
        "inactive",
        "defunct",
        "temporarily closed",
    ]
    assert {"id", "name", "description"} <= set(defs["organization"]["required"])
    assert {"id", "name", "description"} <= set(defs["taxonomy"]["required"])
    for name in NOT_IN_THE_PROFILE:
        assert f'"{name}"' not in json.dumps(SCHEMA), name


def test_our_schema_knows_every_arrangement_type():
    codes = SCHEMA["$defs"]["taxonomy_term"]["properties"]["term"]["enum"]
    assert codes == ArrangementType.values


def test_every_service_entry_type_is_exposed():
    # Every entry type a family uses as a service; allowances and contacts are not services.
    assert set(SERVICE_TYPES) == {t.key for t in ENTRY_TYPES} - {"allowances", "contacts"}


def test_every_list_item_and_every_detail_validates_against_our_schema(client, live_full):
    items = services(client, LIST + "?per_page=100")
    assert len(items) == 6
    for item in items:
        assert schema_errors(item) == [], item["name"]
        assert item["status"] == "active"
        detail = client.get(f"{LIST}{item['id']}/")
        assert detail.status_code == 200
        assert detail.json() == item
        assert schema_errors(detail.json()) == [], item["name"]
        assert_as_declared(detail, "/openreferral/services/{id}/")
    assert_as_declared(client.get(LIST), "/openreferral/services/")


@pytest.mark.slow
def test_the_demo_feed_validates_and_every_readme_example_answers(client, db, settings):
    settings.DEBUG = True  # seed_demo's logins need it
    call_command("seed_demo", stdout=StringIO())
    items = services(client, LIST + "?per_page=100")
    assert len(items) == client.get(LIST).json()["total_items"] > 50
    for item in items:  # every service, from the list and on its own
        assert schema_errors(item) == [], item["name"]
        assert client.get(f"{LIST}{item['id']}/").json() == item
    for place in services(client, PLACES + "?per_page=100"):
        assert schema_errors(place, "service_at_location_with_service") == [], place["id"]
    # The README's curl lines for the open data API, against the same demo.
    section = README.split("## Open data API")[1].split("\n## ")[0]
    examples = re.findall(r"^curl '?http://127\.0\.0\.1:8000(\S+?)'?$", section, re.MULTILINE)
    for path in OPENAPI["paths"]:  # one curl at least for every endpoint
        pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(f"/api/v1{path}"))
        assert any(re.fullmatch(pattern, urlsplit(url).path) for url in examples), path
    for url in examples:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.json(), url


def test_schema_check_can_fail(client, live_full):
    item = by_name(client)["Grandparents' coffee morning"]
    item["id"] = "42"
    item["url"] = "not a link"
    del item["organization"]
    item["application_process"] = "Ask."
    item["contacts"][0]["phones"] = []
    del item["attributes"][0]["taxonomy_term"]["description"]
    del item["service_at_locations"][0]["location"]["location_type"]
    item["cost_options"] = []
    errors = "\n".join(schema_errors(item))
    assert "id: '42' does not match" in errors
    assert "url: 'not a link' does not match" in errors
    assert "'organization' is a required property" in errors
    assert "'application_process' was unexpected" in errors
    assert "contacts/0: Additional properties are not allowed ('phones'" in errors
    assert "attributes/0/taxonomy_term: 'description' is a required property" in errors
    assert "location: 'location_type' is a required property" in errors
    assert "cost_options: [] should be non-empty" in errors


# --- What each service says ------------------------------------------------------------------


def test_a_support_service(client, live_full):
    service = by_name(client)["Help with school uniform"]
    entry = SupportService.objects.get(title="Help with school uniform")
    assert service["id"] == service_id("E06900001", str(entry.key))
    assert service["organization_id"] == service["organization"]["id"]
    assert service["status"] == "active"
    assert paragraphs(service) == [
        "We pay for uniform.",
        "Provided by Ashdown Kinship Trust.",
        "Who can get it: For kinship families with one of these arrangements: Special "
        "guardianship order (SGO) and Child arrangements order (CAO).",
        "How to get it: Ask your social worker.",
        "Cost: Free",
        "Contact: Kinship support team, phone 0161 496 0123 (Monday to Friday, 9am to 5pm), "
        "email kinship@ashdown.example",
    ]
    assert service["url"] == (
        f"{SITE}/offers/ashdown-test/practical/#support_services-{str(entry.key)[:8]}"
    )
    [cost] = service["cost_options"]
    assert cost == {"id": cost["id"], "option": "Free", "amount": 0}
    assert service["assured_date"] == "2026-04-01"


def test_no_field_the_profile_leaves_out_is_sent(client, live_full):
    text = client.get(LIST + "?per_page=100").content.decode()
    for name in NOT_IN_THE_PROFILE:
        assert f'"{name}"' not in text, name


def test_last_modified_is_the_publish_time_to_the_millisecond(client, two_councils):
    named = by_name(client)
    assert named["Holiday club"]["last_modified"] == "2026-04-06T09:30:00.250Z"
    assert named["Brackenford breakfast club"]["last_modified"] == "2026-04-07T09:30:00.000Z"


def test_the_service_link_goes_to_the_entry_on_its_page(client, live_full):
    for service in services(client, LIST + "?per_page=100"):
        link = urlsplit(service["url"])
        page = client.get(link.path)
        assert page.status_code == 200, service["name"]
        assert f'id="{link.fragment}"' in page.content.decode(), service["name"]


def test_a_cost_that_is_not_free_is_kept_as_words(client, live_full):
    service = by_name(client)["Holiday club"]
    [cost] = service["cost_options"]
    assert cost == {"id": cost["id"], "option": "£5 a day", "amount_description": "£5 a day"}
    # No description of its own: the section's summary says what it is.
    assert paragraphs(service)[0] == "Help with everyday things."
    assert "Cost: £5 a day" in paragraphs(service)


def test_optional_fields_with_nothing_to_say_are_left_out(client, live_full):
    named = by_name(client)
    course, online = named["Understanding trauma"], named["Online evening group"]
    assert "cost_options" not in course and not any(
        line.startswith("Cost:") for line in paragraphs(course)
    )
    assert "service_at_locations" not in online
    assert all(value not in ("", None, []) for item in named.values() for value in item.values())


def test_the_council_is_the_organization(client, live_full):
    organization = by_name(client)["Holiday club"]["organization"]
    assert organization["id"] == organization_id("E06900001")
    assert organization["name"] == "Ashdown Test Council"
    assert organization["website"] == "https://ashdown-test.example"
    assert organization["uri"].endswith("/E06900001")
    assert "kinship local offer" in organization["description"]
    assert {s["organization"]["id"] for s in services(client)} == {organization["id"]}


def test_contacts_come_from_the_section_then_the_contacts_section(client, live_full):
    named = by_name(client)
    group = named["Grandparents' coffee morning"]
    [own] = group["contacts"]
    assert own == {"id": own["id"], "name": "Peer support lead"}
    assert group["email"] == "peers@ashdown.example"
    assert paragraphs(group)[-1] == (
        "Contact: Peer support lead, phone 0161 496 0777 (Fridays), email peers@ashdown.example"
    )
    holiday = named["Holiday club"]
    assert [c["name"] for c in holiday["contacts"]] == ["Kinship support team"]
    assert holiday["email"] == "kinship@ashdown.example"
    assert "phone 0161 496 0123 (Monday to Friday, 9am to 5pm)" in paragraphs(holiday)[-1]


def test_with_no_contacts_the_council_is_the_contact(client, offer_a, approver_a):
    SupportServiceFactory(section=offer_a.sections.get(), title="Money advice")
    publish(offer_a, approver_a)
    service = services(client)[0]
    [contact] = service["contacts"]
    assert contact["name"] == "Ashdown Test Council"
    assert service["email"] == "kinship@ashdown-test.example"
    assert paragraphs(service)[-1] == (
        "Contact: Ashdown Test Council, phone 0161 496 0000, email kinship@ashdown-test.example"
    )


def test_a_peer_group_venue_is_a_location_and_when_is_its_schedule(client, live_full):
    named = by_name(client)
    group = named["Grandparents' coffee morning"]
    [at] = group["service_at_locations"]
    assert at["service_id"] == group["id"]
    assert at["location_id"] == at["location"]["id"]
    assert at["location"]["name"] == "Ashdown Library, High Street"
    assert at["location"]["location_type"] == "physical"
    [when] = group["schedules"]
    assert when["description"] == "First Friday, 10am"
    assert when["attending_type"] == "In person or online"
    assert "How to join: Call Jo on 0161 496 0999" in paragraphs(group)
    assert "Run by Kinship volunteers." in paragraphs(group)
    online = named["Online evening group"]
    assert online["schedules"][0]["attending_type"] == "Online"


def test_a_training_course_schedule_links_to_booking(client, live_full):
    course = by_name(client)["Understanding trauma"]
    [when] = course["schedules"]
    assert when == {
        "id": when["id"],
        "description": "Tuesdays 10am, termly",
        "attending_type": "In person or online",
        "schedule_link": "https://training.example/book",
    }
    assert "How to book: Book online." in paragraphs(course)


def test_a_social_work_service(client, live_full):
    service = by_name(client)[SocialWorkKind.COURT_REPORT.label]
    assert paragraphs(service)[:4] == [
        "We write a report for the court.",
        "Who can get it: For every kinship family.",
        "Carers applying for an SGO.",  # who can ask, in the council's words
        "How to ask: Call the kinship team.",
    ]
    assert "How long it takes: Within 8 weeks" in paragraphs(service)


def test_eligibility_comes_from_arrangement_types(client, live_full):
    named = by_name(client)
    uniform = named["Help with school uniform"]
    assert [a["taxonomy_term"]["term"] for a in uniform["attributes"]] == ["sgo", "cao"]
    assert {a["link_type"] for a in uniform["attributes"]} == {"eligibility"}
    assert {a["link_id"] for a in uniform["attributes"]} == {uniform["id"]}
    sgo = uniform["attributes"][0]["taxonomy_term"]
    assert sgo["name"] == "Special guardianship order (SGO)"
    assert sgo["description"] == ARRANGEMENT_EXPLANATIONS["sgo"].what_it_is
    assert sgo["taxonomy_id"] == ARRANGEMENT_TAXONOMY_ID
    # The group is for informal carers, in a section for SGO and informal carers.
    group = named["Grandparents' coffee morning"]
    assert [a["taxonomy_term"]["term"] for a in group["attributes"]] == ["informal"]
    # For everyone: every arrangement type is listed, and the words say so.
    holiday = named["Holiday club"]
    assert [a["taxonomy_term"]["term"] for a in holiday["attributes"]] == ArrangementType.values
    assert "Who can get it: For every kinship family." in paragraphs(holiday)


def test_a_term_is_the_same_in_every_service_and_in_the_terms_list(client, live_full):
    listed = {term["id"]: term for term in services(client, TERMS)}
    for service in services(client, LIST + "?per_page=100"):
        for attribute in service["attributes"]:
            assert attribute["taxonomy_term"] == listed[attribute["taxonomy_term_id"]]


# --- Ids: stable across versions, unique across councils ---------------------------------------


def test_a_service_keeps_its_id_through_new_versions(client, live_full, approver_a):
    before = by_name(client)["Help with school uniform"]
    SupportService.objects.filter(title="Help with school uniform").update(title="Uniform grant")
    publish(live_full.offer, approver_a, summary="New name")
    after = by_name(client)["Uniform grant"]
    assert after["id"] == before["id"]
    assert after["contacts"] == before["contacts"]
    assert after["cost_options"] == before["cost_options"]
    assert after["attributes"] == before["attributes"]
    assert "Help with school uniform" not in by_name(client)


def test_councils_sharing_a_template_key_have_different_service_ids(
    client, offer_a, offer_b, approver_a, site_admin
):
    # Councils that start from the same starter template share its entry keys.
    key = uuid.uuid4()
    SupportServiceFactory(section=offer_a.sections.get(), key=key, title="Shared A")
    SupportServiceFactory(section=offer_b.sections.get(), key=key, title="Shared B")
    publish(offer_a, approver_a)
    publish(offer_b, site_admin)
    ids = {item["name"]: item["id"] for item in services(client)}
    assert ids["Shared A"] != ids["Shared B"]
    assert client.get(f"{LIST}{ids['Shared B']}/").json()["name"] == "Shared B"


# --- Published documents only -----------------------------------------------------------------


def test_the_working_copy_never_appears(client, live_full, council_b):
    before = client.get(LIST + "?per_page=100").content
    SupportService.objects.update(title="Draft title", description="Draft text")
    SupportServiceFactory(section=Section.objects.get(heading="Practical help"), title="Draft")
    offer_b = OfferFactory(council=council_b)
    SupportServiceFactory(section=SectionFactory(offer=offer_b), title="Unpublished B")
    clear_api_cache()
    after = client.get(LIST + "?per_page=100").content
    assert after == before
    assert b"Draft" not in after and b"Unpublished B" not in after


def test_an_inactive_councils_services_are_gone(client, live_full):
    item = services(client)[0]
    council = live_full.offer.council
    council.is_active = False
    council.save()
    assert client.get(LIST).json()["total_items"] == 0
    assert client.get(f"{LIST}{item['id']}/").status_code == 404


# --- The root ---------------------------------------------------------------------------------


def test_the_root_names_the_version_the_profile_and_this_apis_description(client, db):
    response = client.get(ROOT)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    root = response.json()
    assert root["version"] == "HSDS-UK-3.0"
    assert root["profile"] == (
        f"https://github.com/OpenReferralUK/uk-profile/tree/{PROFILE_COMMIT}"
    )
    assert root["openapi_url"] == f"{SITE}/api/v1/openapi.json"
    assert client.get(urlsplit(root["openapi_url"]).path).json() == OPENAPI
    assert_as_declared(response, "/openreferral/")


def test_every_oruk_endpoint_is_open_json_with_cors(client, live_full):
    place = services(client, PLACES)[0]["id"]
    for url in [
        ROOT,
        LIST,
        f"{LIST}{services(client)[0]['id']}/",
        PLACES,
        f"{PLACES}{place}/",
        TAXONOMIES,
        f"{TAXONOMIES}{ARRANGEMENT_TAXONOMY_ID}/",
        TERMS,
        f"{TERMS}{SGO_TERM}/",
    ]:
        response = client.get(url)  # anonymous: no key, no account
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert response["Content-Type"] == "application/json", url
        preflight = client.options(url)
        assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"


def test_the_api_page_shows_the_open_referral_addresses_and_a_filter_that_works(client, live_full):
    html = client.get("/api/").content.decode()
    for link in [ROOT, LIST, TERMS, PLACES, f"{LIST}?taxonomy_term_id={SGO_TERM}"]:
        assert f'href="{link}"' in html, link
    assert "version 3.0" in html
    for service in services(client, f"{LIST}?taxonomy_term_id={SGO_TERM}"):
        assert "sgo" in [a["taxonomy_term"]["term"] for a in service["attributes"]]


# --- Taxonomies -------------------------------------------------------------------------------


def test_the_taxonomy_we_publish(client, db):
    response = client.get(TAXONOMIES)
    assert_as_declared(response, "/openreferral/taxonomies/")
    [taxonomy] = response.json()["contents"]
    assert taxonomy["id"] == ARRANGEMENT_TAXONOMY_ID
    assert taxonomy["name"] == "Kinship arrangement types"
    assert taxonomy["uri"] == f"{SITE}{TAXONOMIES}{ARRANGEMENT_TAXONOMY_ID}/"
    detail = client.get(f"{TAXONOMIES}{ARRANGEMENT_TAXONOMY_ID}/")
    assert detail.json() == taxonomy
    assert_as_declared(detail, "/openreferral/taxonomies/{id}/")


def test_the_terms_are_the_arrangement_types_with_their_names_and_what_they_mean(client, db):
    response = client.get(TERMS)
    assert_as_declared(response, "/openreferral/taxonomy_terms/")
    terms = response.json()["contents"]
    assert [(t["term"], t["name"], t["description"]) for t in terms] == [
        (code, label, ARRANGEMENT_EXPLANATIONS[code].what_it_is)
        for code, label in ArrangementType.choices
    ]
    for term in terms:
        assert term["id"] == arrangement_term_id(term["term"])
        assert term["taxonomy_id"] == ARRANGEMENT_TAXONOMY_ID
        detail = client.get(urlsplit(term["term_uri"]).path)
        assert detail.json() == term
        assert_as_declared(detail, "/openreferral/taxonomy_terms/{id}/")


def test_the_terms_come_in_oruk_pages(client, db):
    second = client.get(TERMS + "?per_page=4&page=2").json()
    assert [t["term"] for t in second["contents"]] == ["informal", "private_fostering"]
    assert (second["total_items"], second["total_pages"], second["last_page"]) == (6, 2, True)


@pytest.mark.parametrize(
    "url",
    [
        f"{TAXONOMIES}{UNKNOWN_ID}/",
        f"{TERMS}{UNKNOWN_ID}/",
        f"{TERMS}sgo/",
        f"{TERMS}{SGO_TERM.upper()}/",
        f"{PLACES}{UNKNOWN_ID}/",
    ],
)
def test_an_unknown_id_is_a_json_404(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["message"].startswith("There is no")


# --- Services at locations --------------------------------------------------------------------


def test_a_service_at_a_location_comes_with_its_service(client, live_full):
    response = client.get(PLACES)
    assert_as_declared(response, "/openreferral/service_at_locations/")
    [place] = response.json()["contents"]
    group = by_name(client)["Grandparents' coffee morning"]
    assert place == {
        **group["service_at_locations"][0],
        "service": {k: v for k, v in group.items() if k != "service_at_locations"},
    }
    detail = client.get(f"{PLACES}{place['id']}/")
    assert detail.json() == place
    assert_as_declared(detail, "/openreferral/service_at_locations/{id}/")


def test_the_filters_apply_to_services_at_locations(client, live_full):
    assert client.get(PLACES + "?search=library").json()["total_items"] == 1
    assert client.get(PLACES + "?search=uniform").json()["total_items"] == 0
    assert client.get(f"{PLACES}?taxonomy_term_id={SGO_TERM}").json()["total_items"] == 0
    assert "We cannot filter by postcode" in refusal(client, PLACES + "?postcode=AB1+2CD")


# --- Filters: each applied as documented ------------------------------------------------------

ALL_SIX = [
    "Help with school uniform",
    "Holiday club",
    "Understanding trauma",
    "Grandparents' coffee morning",
    "Online evening group",
    SocialWorkKind.COURT_REPORT.label,
]


def test_search_finds_services_with_every_word_whatever_the_capitals(client, live_full):
    assert names(client) == ALL_SIX
    assert names(client, "search=uniform") == ["Help with school uniform"]
    assert names(client, "search=UNIFORM") == ["Help with school uniform"]
    assert names(client, "search=school+uniform") == ["Help with school uniform"]
    assert names(client, "search=uniform+trauma") == []  # every word, not any
    assert names(client, "search=volunteers") == ["Grandparents' coffee morning"]  # its text
    assert names(client, "search=library") == ["Grandparents' coffee morning"]  # its venue
    # A term's name: "Special guardianship order (SGO)"; the coffee morning is for informal.
    assert names(client, "search=guardian") == [
        name for name in ALL_SIX if name != "Grandparents' coffee morning"
    ]
    assert len(names(client, "search=ashdown")) == 6  # the council's name


def test_a_search_that_finds_nothing_is_an_empty_page(client, live_full):
    assert client.get(LIST + "?search=zebra").json() == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_taxonomy_term_id_keeps_services_for_that_arrangement(client, live_full):
    # The uniform is for SGO and CAO, the coffee morning for informal carers, the evening
    # group (by its section) for SGO and informal carers, and the rest for everyone.
    assert names(client, f"taxonomy_term_id={INFORMAL_TERM}") == [
        name for name in ALL_SIX if name != "Help with school uniform"
    ]
    assert names(client, f"taxonomy_term_id={SGO_TERM}") == [
        "Help with school uniform",
        "Holiday club",
        "Understanding trauma",
        "Online evening group",
        SocialWorkKind.COURT_REPORT.label,
    ]
    # Written in capitals, the same id finds the same services.
    assert names(client, f"taxonomy_term_id={SGO_TERM.upper()}") == names(
        client, f"taxonomy_term_id={SGO_TERM}"
    )


def test_taxonomy_id_keeps_services_with_a_term_from_it(client, live_full):
    # Every service names at least one arrangement type, so every one has a term from it.
    assert names(client, f"taxonomy_id={ARRANGEMENT_TAXONOMY_ID}") == ALL_SIX
    assert "There is no taxonomy" in refusal(client, f"{LIST}?taxonomy_id={uuid.uuid4()}")


def test_organization_id_keeps_one_councils_services(client, two_councils):
    a, b = organization_id("E06900001"), organization_id("E06900002")
    assert names(client, f"organization_id={b}") == ["Brackenford breakfast club"]
    assert names(client, f"organization_id={a}") == ALL_SIX
    unpublished = organization_id(CouncilFactory().gss_code)
    assert "No council with a published offer" in refusal(
        client, f"{LIST}?organization_id={unpublished}"
    )


def test_modified_after_keeps_services_published_at_or_after_it(client, two_councils):
    assert names(client, "modified_after=2026-04-06T12:00:00Z") == ["Brackenford breakfast club"]
    assert names(client, "modified_after=2026-04-07T10:30:00%2B01:00") == [
        "Brackenford breakfast club"
    ]  # the same moment in British Summer Time
    assert names(client, "modified_after=2026-04-07T09:30:00.001Z") == []
    # The last_modified a service gives, sent back, still finds it: "on or after".
    assert len(names(client, "modified_after=2026-04-06T09:30:00.250Z")) == 7
    assert len(names(client, "modified_after=2026-04-06T09:30Z")) == 7


def test_filters_combine_and_pages_count_what_passes(client, two_councils):
    query = f"search=club&organization_id={organization_id('E06900001')}"
    assert names(client, query) == ["Holiday club"]
    page = client.get(f"{LIST}?taxonomy_term_id={INFORMAL_TERM}&per_page=3&page=2").json()
    assert (page["total_items"], page["total_pages"], page["size"]) == (6, 2, 3)
    assert [s["name"] for s in page["contents"]] == [
        "Online evening group",
        SocialWorkKind.COURT_REPORT.label,
        "Brackenford breakfast club",
    ]
    assert_as_declared(client.get(f"{LIST}?{query}"), "/openreferral/services/")


def test_every_filter_value_is_part_of_the_kept_pages_key(client, live_full):
    # Asked in turn, each answer is its own, not the last one kept.
    assert names(client, "search=uniform") == ["Help with school uniform"]
    assert names(client, "search=trauma") == ["Understanding trauma"]
    assert len(names(client)) == 6
    assert names(client, "search=uniform") == ["Help with school uniform"]


# --- Filters refused: never a silent full list -----------------------------------------------


@pytest.mark.parametrize(
    "name", ["minimum_age", "maximum_age", "start_time", "end_time", "day", "postcode", "proximity"]
)
def test_filters_the_specification_names_but_the_data_cannot_answer_are_refused(
    client, live_full, name
):
    assert len(names(client)) == 6  # the full list is kept in the page cache first
    message = refusal(client, f"{LIST}?{name}=5")
    assert message.startswith(f"We cannot filter by {name}.")
    assert "It takes page, per_page, search, taxonomy_term_id, taxonomy_id" in message
    assert_as_declared(client.get(f"{LIST}?{name}=5"), "/openreferral/services/")


@pytest.mark.parametrize(
    "url",
    [
        LIST + "?text=uniform",  # ORUK 1.0's name for search
        LIST + "?utm_source=newsletter",
        LIST + "?full=true",
        ROOT + "?page=1",
        TAXONOMIES + "?search=kinship",
        TERMS + f"?taxonomy_id={ARRANGEMENT_TAXONOMY_ID}",
    ],
)
def test_an_unknown_parameter_is_a_400_that_names_those_taken(client, live_full, url):
    path, _, query = url.partition("?")
    assert client.get(path).status_code == 200  # kept: served to the same path without it
    message = refusal(client, url)
    name = query.split("=")[0]
    assert f"This address does not take “{name}”. It takes" in message


def test_an_address_that_takes_no_parameters_says_so(client, live_full):
    item = services(client)[0]["id"]
    assert client.get(f"{LIST}{item}/").status_code == 200
    assert refusal(client, f"{LIST}{item}/?search=x").endswith("It takes no query parameters.")


@pytest.mark.parametrize(
    "query, says",
    [
        ("search=", "at least one letter or number"),
        ("search=%21%3F", "at least one letter or number"),
        ("search=" + "a" * 101, "100 characters or fewer"),
        ("search=a+b+c+d+e+f+g+h+i", "at most 8 words"),
        ("search=a&search=b", "Give search once, not 2 times."),
        ("taxonomy_term_id=sgo", "taxonomy_term_id must be an id like"),
        (f"taxonomy_term_id={UNKNOWN_ID}", "There is no taxonomy term with the id"),
        ("modified_after=2026-04-06", "modified_after must be a date and time with a time zone"),
        ("modified_after=2026-04-06T09:30:00", "with a time zone"),
        ("modified_after=yesterday", "with a time zone"),
        ("modified_after=2026-13-01T00:00:00Z", "with a time zone"),
        ("modified_after=20260406T093000Z", "with a time zone"),
        ("organization_id=E06900001", "organization_id must be an id like"),
    ],
)
def test_a_filter_value_that_is_not_valid_is_a_400_that_says_what_to_send(
    client, live_full, query, says
):
    assert says in refusal(client, f"{LIST}?{query}")


def test_the_openapi_file_lists_exactly_the_parameters_each_oruk_endpoint_takes():
    for pattern in get_resolver().url_patterns[0].url_patterns:  # offers.api.urls
        taken = getattr(pattern.callback, "query_parameters", None)
        if not str(pattern.pattern).startswith("v1/openreferral/"):
            continue
        path = str(pattern.pattern).removeprefix("v1")
        path = path.split("<")[0] + ("{id}/" if "<" in path else "")
        declared = [
            parameter.get("name")
            or OPENAPI["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]["name"]
            for parameter in OPENAPI["paths"][path]["get"].get("parameters", [])
        ]
        in_query = [name for name in declared if name != "id"]
        assert in_query == list(taken), path


def test_keep_rules_accept_values_as_this_api_writes_them():
    assert oruk_query.canonical_uuid(SGO_TERM)
    assert not oruk_query.canonical_uuid(SGO_TERM.upper())
    assert oruk_query.whole_number("2") and not oruk_query.whole_number("02")
    assert oruk_query.plain_search("school uniform")
    assert not oruk_query.plain_search(" school  uniform")
    assert not oruk_query.never("2026-04-06T09:30:00Z")


# --- The list, errors and HTTP ---------------------------------------------------------------


def test_the_list_is_an_oruk_page(client, live_full):
    first = client.get(LIST + "?per_page=4").json()
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 6,
        "total_pages": 2,
        "page_number": 1,
        "size": 4,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    second = client.get(LIST + "?per_page=4&page=2").json()
    assert (second["size"], second["first_page"], second["last_page"]) == (2, False, True)
    ids = [s["id"] for s in first["contents"] + second["contents"]]
    assert len(set(ids)) == 6


def test_an_empty_list(client, db):
    assert client.get(LIST).json() == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.parametrize(
    "query", ["per_page=0", "per_page=101", "per_page=ten", "page=2", "page=x"]
)
def test_a_bad_page_is_a_400(client, live_full, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert client.get(f"{LIST}?per_page=100&page=1").status_code == 200


@pytest.mark.parametrize("wanted", [UNKNOWN_ID, "not-a-uuid", "1"])
def test_an_unknown_service_is_a_json_404(client, live_full, wanted):
    response = client.get(f"{LIST}{wanted}/")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"]["status"] == 404


def test_an_address_without_its_slash_is_sent_on_with_its_query(client, live_full):
    response = client.get("/api/v1/openreferral/services", {"page": "2", "per_page": "4"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/openreferral/services/?page=2&per_page=4"
    assert client.get("/api/v1/openreferral").status_code == 301


def test_304_and_cors_on_a_service(client, live_full):
    url = f"{LIST}{services(client)[0]['id']}/"
    first = client.get(url)
    assert first["Access-Control-Allow-Origin"] == "*"
    assert first["Cache-Control"] == "public, max-age=300"
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_queries_for_a_service_stay_the_same_at_3_and_40_councils(client, site_admin):
    def queries() -> int:
        clear_api_cache()
        wanted = services(client)[0]["id"]
        clear_api_cache()
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"{LIST}{wanted}/").status_code == 200
        return len(context)

    publish_councils(3, site_admin)
    at_three = queries()
    publish_councils(37, site_admin)
    assert queries() == at_three
    assert CouncilFactory._meta.model.objects.count() == 40

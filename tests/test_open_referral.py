"""Open Referral UK: the live offers' services as ORUK `service` objects, checked against our
own JSON Schema of the fields we send (offers/api/schemas/oruk-service.schema.json)."""

import json
import uuid
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from offers.api.open_referral import SERVICE_TYPES, organization_id, service_id
from offers.api.views import STATIC_FILES
from offers.choices import ArrangementType, SocialWorkKind
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
    SITE,
    assert_as_declared,
    clear_api_cache,
    empty_cache,  # noqa: F401 - the autouse fixture: each test starts with no cached lists
    format_checker,
    publish,
    publish_councils,
)

LIST = "/api/v1/openreferral/services/"
SCHEMA = json.loads(
    STATIC_FILES["schemas/oruk-service.schema.json"].read_text(encoding="utf-8")
)
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=format_checker())


def schema_errors(service: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in VALIDATOR.iter_errors(service)
    ]


def services(client, url=LIST) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    return response.json()["contents"]


def by_name(client) -> dict:
    return {item["name"]: item for item in services(client, LIST + "?per_page=100")}


@pytest.fixture
def full_offer(offer_a):
    """Council A's offer with every kind of service, a contacts section and limits on who."""
    support = SectionFactory(offer=offer_a, kind="practical", heading="Practical help",
                             summary="Help with everyday things.")
    SupportServiceFactory(
        section=support, title="Help with school uniform", description="We pay for uniform.",
        provider="Ashdown Kinship Trust", cost="Free", how_to_get="Ask your social worker.",
        arrangement_types=["sgo", "cao"],
    )
    SupportServiceFactory(section=support, title="Holiday club", description="", cost="£5 a day")
    training = SectionFactory(offer=offer_a, kind="carer_training", heading="Training for you")
    TrainingCourseFactory(
        section=training, title="Understanding trauma", format="both",
        when="Tuesdays 10am, termly", booking_url="https://training.example/book",
        how_to_book="Book online.", cost="",
    )
    peers = SectionFactory(offer=offer_a, kind="peer_support", heading="Meet other carers",
                           arrangement_types=["sgo", "informal"])
    PeerGroupFactory(
        section=peers, name="Grandparents' coffee morning", meets="First Friday, 10am",
        venue="Ashdown Library, High Street", online=True, run_by="Kinship volunteers",
        contact="Call Jo on 0161 496 0999", arrangement_types=["informal"],
    )
    PeerGroupFactory(section=peers, name="Online evening group", venue="", online=True)
    ContactFactory(section=peers, name="Peer support lead", phone="0161 496 0777",
                   email="peers@ashdown.example", opening_hours="Fridays")
    social = SectionFactory(offer=offer_a, kind="social_work", heading="Social work support")
    SocialWorkServiceFactory(
        section=social, kind="court_report", what_happens="We write a report for the court.",
        who_can_ask="Carers applying for an SGO.", timescale="Within 8 weeks",
        how_to_ask="Call the kinship team.",
    )
    contacts = SectionFactory(offer=offer_a, kind="contacts", heading="Contact us")
    ContactFactory(section=contacts, name="Kinship support team", phone="0161 496 0123",
                   email="kinship@ashdown.example", opening_hours="Monday to Friday, 9am to 5pm")
    return offer_a


@pytest.fixture
def live_full(full_offer, approver_a):
    return publish(full_offer, approver_a)


# --- Our schema, and every answer against it ----------------------------------------------------


def test_our_oruk_schema_is_valid_json_schema_2020_12():
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_our_schema_knows_every_arrangement_type():
    codes = SCHEMA["$defs"]["eligibility_attribute"]["properties"]["taxonomy_term"][
        "properties"]["code"]["enum"]
    assert codes == ArrangementType.values


def test_every_service_entry_type_is_exposed():
    # Every entry type a family uses as a service; allowances and contacts are not services.
    assert set(SERVICE_TYPES) == {t.key for t in ENTRY_TYPES} - {"allowances", "contacts"}


def test_every_list_item_and_every_detail_validates_against_our_schema(client, live_full):
    items = services(client, LIST + "?per_page=100")
    assert len(items) == 6
    for item in items:
        assert schema_errors(item) == [], item["name"]
        detail = client.get(f"{LIST}{item['id']}/")
        assert detail.status_code == 200
        assert detail.json() == item
        assert schema_errors(detail.json()) == [], item["name"]
        assert_as_declared(detail, "/openreferral/services/{id}/")
    assert_as_declared(client.get(LIST), "/openreferral/services/")


def test_schema_check_can_fail(client, live_full):
    item = services(client)[0]
    item["id"] = "42"
    item["url"] = "not a link"
    del item["organization"]
    item["internal_pk"] = 7
    errors = "\n".join(schema_errors(item))
    assert "id: '42' does not match" in errors
    assert "url: 'not a link' does not match" in errors
    assert "'organization' is a required property" in errors
    assert "'internal_pk' was unexpected" in errors


# --- What each service says ------------------------------------------------------------------


def test_a_support_service(client, live_full):
    service = by_name(client)["Help with school uniform"]
    section = Section.objects.get(heading="Practical help")
    entry = SupportService.objects.get(title="Help with school uniform")
    assert service["id"] == service_id("E06900001", str(entry.key))
    assert service["status"] == "active"
    assert service["description"] == "We pay for uniform.\n\nProvided by Ashdown Kinship Trust."
    assert service["url"] == (
        f"{SITE}/offers/ashdown-test/practical/#support_services-{str(entry.key)[:8]}"
    )
    assert service["application_process"] == "Ask your social worker."
    assert service["fees_description"] == "Free"
    [cost] = service["cost_options"]
    assert (cost["option"], cost["amount"], cost["currency"]) == ("Free", 0, "GBP")
    assert service["assured_date"] == "2026-04-01"
    assert service["last_modified"].endswith("Z")
    assert section.key  # the service's page is its section's page


def test_the_service_link_goes_to_the_entry_on_its_page(client, live_full):
    for service in services(client, LIST + "?per_page=100"):
        link = urlsplit(service["url"])
        page = client.get(link.path)
        assert page.status_code == 200, service["name"]
        assert f'id="{link.fragment}"' in page.content.decode(), service["name"]


def test_a_cost_that_is_not_free_is_kept_as_words(client, live_full):
    service = by_name(client)["Holiday club"]
    [cost] = service["cost_options"]
    assert cost["option"] == "£5 a day" and "amount" not in cost
    # No description of its own: the section's summary says what it is.
    assert service["description"] == "Help with everyday things."


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
    [own] = named["Grandparents' coffee morning"]["contacts"]
    assert own["name"] == "Peer support lead" and own["email"] == "peers@ashdown.example"
    assert own["phones"][0]["number"] == "0161 496 0777"
    assert own["phones"][0]["description"] == "Fridays"
    [team] = named["Holiday club"]["contacts"]
    assert team["name"] == "Kinship support team"
    assert team["phones"][0]["number"] == "0161 496 0123"
    assert team["phones"][0]["description"] == "Monday to Friday, 9am to 5pm"


def test_with_no_contacts_the_council_is_the_contact(client, offer_a, approver_a):
    SupportServiceFactory(section=offer_a.sections.get(), title="Money advice")
    publish(offer_a, approver_a)
    [contact] = services(client)[0]["contacts"]
    assert contact["name"] == "Ashdown Test Council"
    assert contact["email"] == "kinship@ashdown-test.example"
    assert contact["phones"][0]["number"] == "0161 496 0000"


def test_a_peer_group_venue_is_a_location_and_when_is_its_schedule(client, live_full):
    named = by_name(client)
    group = named["Grandparents' coffee morning"]
    [at] = group["service_at_locations"]
    assert at["location"]["name"] == "Ashdown Library, High Street"
    [when] = group["schedules"]
    assert when["description"] == "First Friday, 10am"
    assert when["attending_type"] == "In person or online"
    assert group["application_process"] == "Call Jo on 0161 496 0999"
    assert group["description"].endswith("Run by Kinship volunteers.")
    online = named["Online evening group"]
    assert online["service_at_locations"] == []
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
    assert course["cost_options"] == [] and "fees_description" not in course


def test_a_social_work_service(client, live_full):
    service = by_name(client)[SocialWorkKind.COURT_REPORT.label]
    assert service["description"] == "We write a report for the court."
    assert service["wait_time"] == "Within 8 weeks"
    assert service["application_process"] == "Call the kinship team."
    assert service["eligibility_description"].endswith("Carers applying for an SGO.")


def test_eligibility_comes_from_arrangement_types(client, live_full):
    named = by_name(client)
    uniform = named["Help with school uniform"]
    assert uniform["eligibility_description"] == (
        "For kinship families with one of these arrangements: Special guardianship order "
        "(SGO) and Child arrangements order (CAO)."
    )
    assert [a["taxonomy_term"]["code"] for a in uniform["attributes"]] == ["sgo", "cao"]
    assert {a["link_type"] for a in uniform["attributes"]} == {"eligibility"}
    # The group is for informal carers, in a section for SGO and informal carers.
    group = named["Grandparents' coffee morning"]
    assert [a["taxonomy_term"]["code"] for a in group["attributes"]] == ["informal"]
    # For everyone: every arrangement type is listed, and the words say so.
    holiday = named["Holiday club"]
    assert [a["taxonomy_term"]["code"] for a in holiday["attributes"]] == ArrangementType.values
    assert holiday["eligibility_description"] == "For every kinship family."


def test_a_term_has_the_same_id_in_every_service(client, live_full):
    ids = {
        (a["taxonomy_term"]["code"], a["taxonomy_term_id"], a["taxonomy_term"]["id"])
        for s in services(client, LIST + "?per_page=100")
        for a in s["attributes"]
    }
    assert len(ids) == len(ArrangementType.values)
    assert all(term_id == same for _code, term_id, same in ids)


# --- Ids: stable across versions, unique across councils ---------------------------------------


def test_a_service_keeps_its_id_through_new_versions(client, live_full, approver_a):
    before = by_name(client)["Help with school uniform"]
    SupportService.objects.filter(title="Help with school uniform").update(title="Uniform grant")
    publish(live_full.offer, approver_a, summary="New name")
    after = by_name(client)["Uniform grant"]
    assert after["id"] == before["id"]
    assert after["contacts"] == before["contacts"]
    assert after["cost_options"] == before["cost_options"]
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


# --- The list, errors and HTTP ---------------------------------------------------------------


def test_the_list_is_an_oruk_page(client, live_full):
    first = client.get(LIST + "?per_page=4").json()
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 6, "total_pages": 2, "page_number": 1, "size": 4,
        "first_page": True, "last_page": False, "empty": False,
    }
    second = client.get(LIST + "?per_page=4&page=2").json()
    assert (second["size"], second["first_page"], second["last_page"]) == (2, False, True)
    ids = [s["id"] for s in first["contents"] + second["contents"]]
    assert len(set(ids)) == 6


def test_an_empty_list(client, db):
    assert client.get(LIST).json() == {
        "total_items": 0, "total_pages": 1, "page_number": 1, "size": 0,
        "first_page": True, "last_page": True, "empty": True, "contents": [],
    }


@pytest.mark.parametrize("query", ["per_page=0", "per_page=101", "per_page=ten", "page=2",
                                   "page=x"])
def test_a_bad_page_is_a_400(client, live_full, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert client.get(f"{LIST}?per_page=100&page=1").status_code == 200


@pytest.mark.parametrize("wanted", [str(uuid.uuid4()), "not-a-uuid", "1"])
def test_an_unknown_service_is_a_json_404(client, live_full, wanted):
    response = client.get(f"{LIST}{wanted}/")
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"]["status"] == 404


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

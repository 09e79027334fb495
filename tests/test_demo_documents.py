"""The demo offers and the starter as JSON documents, and the schema 1 -> 2 upgrade.

Pages made from upgraded schema-1 documents must be the pages families saw, byte for byte:
tests/data/schema1/<slug>.json are real documents the old code published for the demo.
"""

import json
import re
import uuid
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from offers import demo
from offers.choices import ArrangementType, SectionKind, SocialWorkKind
from offers.document_upgrades import legacy_key, upgrade
from offers.documents import document_for, document_to_json
from offers.entry_types import ENTRY_TYPES
from offers.models import Allowance, Offer, OfferRevision, Section
from offers.schema import DocumentError, document_validate
from offers.services import offer_import

from .conftest import publish
from .test_seed_demo import (
    DEMO_OFFERS,
    DRAMA_PHONE,
    EMAIL,
    PHONE_LIKE,
    REAL_DOMAIN,
    URL,
    run_seed,
    strings_in,
)

SCHEMA_1_DIR = Path(__file__).resolve().parent / "data" / "schema1"
DEMO_FILES = sorted(demo.DEMO_DIR.glob("*.json"))
OFFER_FILES = [demo.DEMO_DIR / f"{slug}.json" for slug in DEMO_OFFERS]
CSRF_VALUE = re.compile(r'csrfmiddlewaretoken" value="[^"]*"')
REPLACE = "[Replace:"


def items_with_keys(document: dict):
    """Every section and entry of a document."""
    for section in document["sections"]:
        yield section
        for entry_type in ENTRY_TYPES:
            yield from section[entry_type.key]


def entries(document: dict, key: str) -> list[dict]:
    return [entry for section in document["sections"] for entry in section[key]]


# --- The files ----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_each_demo_offer_file_is_a_valid_document_of_its_council(slug):
    document = demo.offer_document(slug)
    assert document_validate(document) == document
    council = next(data for data in demo.COUNCILS if data["slug"] == slug)
    assert document["council"]["gss_code"] == council["gss_code"]
    assert document["council"]["name"] == council["name"]


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda path: path.name)
def test_each_file_is_written_as_an_export_would_write_it(path):
    text = path.read_text(encoding="utf-8")
    assert text == document_to_json(json.loads(text))


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_earlier_rates_name_allowances_of_the_offer_and_are_2025_26_rates(slug):
    earlier = json.loads((demo.DEMO_DIR / "earlier_rates.json").read_text())[slug]
    april_2026 = {a["key"]: a for a in entries(demo.offer_document(slug), "allowances")}
    assert earlier and set(earlier) <= set(april_2026)
    for allowance_key, rate in earlier.items():
        assert set(rate) == {"amount", "applies_from"}
        assert rate["applies_from"].startswith("2025-04")
        assert april_2026[allowance_key]["applies_from"].startswith("2026-04")
        assert Decimal(rate["amount"]) < Decimal(april_2026[allowance_key]["amount"])
    document_validate(demo.offer_document_2025(slug))


def test_demo_files_and_data_hold_only_fictional_contact_details():
    texts = []
    for path in DEMO_FILES:
        if path == demo.NATIONAL_SCHEMES_PATH:
            continue  # real national schemes and their public sources: the next test
        texts.extend(strings_in(json.loads(path.read_text(encoding="utf-8"))))
    texts.extend(strings_in([demo.COUNCILS, demo.USERS, demo.HELPLINES]))
    phones = [match.group() for text in texts for match in PHONE_LIKE.finditer(text)]
    assert len(phones) > 20  # the check below must have something to look at
    assert [phone for phone in phones if not DRAMA_PHONE.match(phone)] == []
    hosts = [urlparse(m.group()).hostname for t in texts for m in URL.finditer(t)]
    domains = [m.group(1) for t in texts for m in EMAIL.finditer(t)]
    assert len(hosts) > 5 and len(domains) > 10
    assert [host for host in hosts + domains if not host.endswith(".example")] == []
    assert [m.group() for t in texts for m in REAL_DOMAIN.finditer(t)] == []


# The public pages the demo's real national schemes were checked against (never a contact).
NATIONAL_SCHEME_SOURCES = {
    "www.theyworkforyou.com",
    "compass.kinship.org.uk",
    "kinship.org.uk",
    "www.bacp.co.uk",
    "www.lincolnshire.gov.uk",
    "www.thepotatogroup.org.uk",
}


def test_demo_national_schemes_name_public_sources_and_no_phone_number():
    texts = list(strings_in(json.loads(demo.NATIONAL_SCHEMES_PATH.read_text(encoding="utf-8"))))
    assert [match.group() for text in texts for match in PHONE_LIKE.finditer(text)] == []
    assert [m.group() for t in texts for m in EMAIL.finditer(t)] == []
    hosts = {urlparse(m.group()).hostname for t in texts for m in URL.finditer(t)}
    assert hosts == NATIONAL_SCHEME_SOURCES


def test_no_two_files_share_a_key():
    keys = [
        item["key"]
        for path in [*OFFER_FILES, demo.STARTER_PATH]
        for item in items_with_keys(json.loads(path.read_text(encoding="utf-8")))
    ]
    assert len(keys) == len(set(keys))


# --- The starter --------------------------------------------------------------------------


def test_the_starter_is_a_valid_template_with_no_council():
    starter = demo.starter_document()
    assert starter["council"] is None
    assert document_validate(starter, require_council=False) == starter
    with pytest.raises(DocumentError, match="starter template"):
        document_validate(starter)
    assert all(uuid.UUID(item["key"]).version == 4 for item in items_with_keys(starter))


def test_the_starter_covers_every_area_an_offer_must_set_out():
    starter = demo.starter_document()
    kinds = [section["kind"] for section in starter["sections"]]
    assert sorted(kinds) == sorted(SectionKind.values)  # each once, so anchors stay plain
    social_work = {entry["kind"] for entry in entries(starter, "social_work_services")}
    assert social_work >= {
        SocialWorkKind.FORM_K,
        SocialWorkKind.SUPPORT_PLAN,
        SocialWorkKind.COURT_REPORT,
    }
    paid_for = {code for a in entries(starter, "allowances") for code in a["arrangement_types"]}
    assert paid_for >= set(ArrangementType.values) - {ArrangementType.PRIVATE_FOSTERING}
    assert entries(starter, "contacts") and entries(starter, "peer_groups")


def test_the_starter_asks_for_the_councils_own_facts_wherever_they_go():
    starter = demo.starter_document()
    assert sum(REPLACE in text for text in strings_in(starter)) > 30
    assert REPLACE in starter["offer"]["manager_name"]
    for allowance in entries(starter, "allowances"):
        assert allowance["amount"] == "0.00"
        assert allowance["applies_from"] == "2026-04-06"
        assert REPLACE in allowance["name"] + allowance["notes"]
    for contact in entries(starter, "contacts"):
        assert contact["phone"] == contact["email"] == ""
        assert REPLACE in contact["notes"]
    texts = list(strings_in(starter))
    assert [m.group() for text in texts for m in PHONE_LIKE.finditer(text)] == []
    assert [m.group() for text in texts for m in EMAIL.finditer(text)] == []


@pytest.mark.parametrize("which", ["a", "b"])
def test_the_starter_imports_into_any_councils_offer(request, which):
    offer = request.getfixturevalue(f"offer_{which}")
    officer = request.getfixturevalue(f"officer_{which}")
    starter = demo.starter_document()
    offer_import(offer=offer, document=starter, by=officer)
    working_copy = document_for(offer.pk)
    assert working_copy["council"]["name"] == offer.council.name
    assert working_copy["offer"] == starter["offer"]
    assert working_copy["sections"] == starter["sections"]


def test_an_imported_starter_can_be_published(offer_a, officer_a, approver_a, client):
    offer_import(offer=offer_a, document=demo.starter_document(), by=officer_a)
    revision = publish(offer_a, approver_a, "Our first offer")
    assert revision.content["council"]["name"] == offer_a.council.name
    html = client.get(offer_a.council.get_absolute_url()).content.decode()
    assert "[Replace: the full name of the senior manager responsible]" in html


# --- Schema 1 documents the old code published: same pages after the upgrade ---------------


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_upgraded_schema_1_demo_document_is_the_demo_file(slug):
    # The files keep the keys migration 0003 gave the offers the old seed published, so a
    # demo site seeded before the change and migrated has the same keys (and links).
    old = json.loads((SCHEMA_1_DIR / f"{slug}.json").read_text(encoding="utf-8"))
    assert old["schema"] == 1
    upgraded = upgrade(old)
    assert document_validate(upgraded) == upgraded
    assert upgraded == demo.offer_document(slug)


def page_html(response) -> str:
    return CSRF_VALUE.sub('csrfmiddlewaretoken" value=""', response.content.decode())


def public_pages(client, slug: str, document: dict) -> dict[str, tuple[int, str]]:
    """Every public page made from the live document: overview, a situation, each section
    page and the print booklet (status and HTML, CSRF tokens aside)."""
    cache.clear()  # pages may be cached by revision id, and the revision id is the same
    base = f"/offers/{slug}/"
    paths = [base, f"{base}?for=sgo", f"{base}print/"]
    paths += [f"{base}{section['anchor']}/" for section in document["sections"]]
    pages = {}
    for path in paths:
        response = client.get(path)
        pages[path] = (response.status_code, page_html(response))
    return pages


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_upgraded_schema_1_document_renders_the_same_pages_as_the_seeded_offer(
    db, settings, client, slug
):
    settings.DEBUG = True
    run_seed()
    revision = Offer.objects.get(council__slug=slug).published_revision
    from_json_file = public_pages(client, slug, revision.content)
    assert from_json_file[f"/offers/{slug}/"][0] == 200

    # The live version holds the old document upgraded, as migration 0003 leaves a stored
    # schema 1 revision: same revision row, so only the document differs.
    upgraded = upgrade(json.loads((SCHEMA_1_DIR / f"{slug}.json").read_text(encoding="utf-8")))
    OfferRevision.objects.filter(pk=revision.pk).update(content=upgraded)
    from_schema_1 = public_pages(client, slug, upgraded)

    assert from_schema_1 == from_json_file


# --- The migration that made schema 2 -----------------------------------------------------

BEFORE_KEYS = [("offers", "0002_national_helpline")]


def schema_1_document(*, council, offer, section, allowance) -> dict:
    """What the old code published for this one-section offer (schema 1: row ids)."""
    empty = {entry_type.key: [] for entry_type in ENTRY_TYPES}
    return {
        "schema": 1,
        "council": {
            name: getattr(council, name)
            for name in ("name", "slug", "gss_code", "region", "website", "email", "phone")
        },
        "offer": {
            "title": offer.title,
            "introduction": offer.introduction,
            "manager_name": offer.manager_name,
            "manager_job_title": offer.manager_job_title,
            "last_reviewed": "2026-04-01",
            "next_review_due": "2027-04-01",
        },
        "sections": [
            {
                "id": section.pk,
                "anchor": "financial",
                "kind": "financial",
                "heading": section.heading,
                "summary": section.summary,
                "body": section.body,
                "arrangement_types": [],
                **empty,
                "allowances": [
                    {
                        "id": allowance.pk,
                        "arrangement_types": ["sgo"],
                        "name": allowance.name,
                        "amount": "201.00",
                        "frequency": "weekly",
                        "means_tested": True,
                        "applies_from": "2026-04-06",
                        "age_band": "",
                        "how_to_apply": "",
                        "notes": "",
                    }
                ],
            }
        ],
    }


@pytest.mark.django_db(transaction=True)
def test_migrating_to_keys_upgrades_revisions_to_match_the_rows():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("offers")
    try:
        executor.migrate(BEFORE_KEYS)
        old = executor.loader.project_state(BEFORE_KEYS).apps
        council = old.get_model("offers", "Council").objects.create(
            name="Migrateshire Council",
            slug="migrateshire",
            gss_code="E06900999",
            region="north_west",
            website="https://migrateshire.example",
            email="kinship@migrateshire.example",
            phone="0161 496 0999",
        )
        offer = old.get_model("offers", "Offer").objects.create(
            council=council,
            title="Kinship support",
            introduction="We help.",
            manager_name="Sam Example",
            manager_job_title="Head of Kinship",
            last_reviewed="2026-04-01",
            next_review_due="2027-04-01",
        )
        section = old.get_model("offers", "Section").objects.create(
            offer=offer,
            order=1,
            kind="financial",
            heading="Money",
            summary="What we pay.",
            body="",
            arrangement_types=[],
        )
        allowance = old.get_model("offers", "Allowance").objects.create(
            section=section,
            order=1,
            name="Special guardianship allowance",
            amount="201.00",
            frequency="weekly",
            means_tested=True,
            applies_from="2026-04-06",
            arrangement_types=["sgo"],
        )
        content = schema_1_document(
            council=council, offer=offer, section=section, allowance=allowance
        )
        old.get_model("offers", "OfferRevision").objects.create(
            offer=offer, version=1, content=content, summary="First published offer"
        )

        executor.loader.build_graph()
        executor.migrate(latest)

        revision = OfferRevision.objects.get(offer_id=offer.pk)
        section_key = str(Section.objects.get(pk=section.pk).key)
        allowance_key = str(Allowance.objects.get(pk=allowance.pk).key)
        assert revision.content["schema"] == 2
        [upgraded_section] = revision.content["sections"]
        assert upgraded_section["key"] == section_key == legacy_key("section", section.pk)
        assert upgraded_section["allowances"][0]["key"] == allowance_key
        assert document_for(offer.pk) == revision.content
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

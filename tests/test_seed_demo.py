"""`manage.py seed_demo`: the fictional demo councils, offers and logins."""

import datetime
import re
import uuid
from decimal import Decimal
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from offers import demo
from offers.access import can_publish
from offers.documents import document_for
from offers.entry_types import ENTRY_TYPES
from offers.models import (
    AuditAction,
    AuditEvent,
    Council,
    Membership,
    NationalHelpline,
    NationalScheme,
    NationalSchemesVersion,
    Offer,
    OfferRevision,
    Region,
    Role,
    Section,
    SectionKind,
    SocialWorkKind,
)

DEMO_OFFERS = ["ashdown", "brackenford", "coldmere"]
DRAMA_PHONE = re.compile(r"^0161 496 0\d{3}$")
# Anything that looks like a UK phone number: 0 then 9 or 10 more digits, maybe spaced.
PHONE_LIKE = re.compile(r"(?<![\d£.,])(?:\+44|0)\s?\d(?:\s?\d){8,9}(?!\d)")
URL = re.compile(r"https?://[^\s)\]>\"']+")
EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
REAL_DOMAIN = re.compile(r"\b[\w-]+\.(?:gov\.uk|org\.uk|co\.uk|nhs\.uk|com|org|net)\b")


def run_seed(**kwargs) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **kwargs)
    return out.getvalue()


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    return run_seed()


def live_document(slug: str) -> dict:
    return Offer.objects.get(council__slug=slug).published_revision.content


def strings_in(value):
    """Every string inside a document, however deep, except keys (UUIDs, not content)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            if name != "key":
                yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def all_demo_text() -> list[str]:
    texts = []
    for revision in OfferRevision.objects.all():
        texts.extend(strings_in(revision.content))
    for council in Council.objects.all():
        texts.extend([council.website, council.email, council.phone])
    texts.extend(get_user_model().objects.values_list("email", flat=True))
    for helpline in NationalHelpline.objects.all():
        texts.extend([helpline.phone, helpline.website, helpline.description])
    return [text for text in texts if text]


def entries(document: dict, key: str) -> list[dict]:
    return [entry for section in document["sections"] for entry in section[key]]


def row_counts() -> dict:
    models = [Council, get_user_model(), Membership, Offer, Section, OfferRevision, AuditEvent]
    models += [NationalHelpline, NationalScheme, NationalSchemesVersion]
    models += [entry_type.model for entry_type in ENTRY_TYPES]
    return {model.__name__: model.objects.count() for model in models}


# --- Councils and offers ------------------------------------------------------------------


def test_creates_four_active_councils_and_three_published_offers(seeded):
    councils = Council.objects.active()
    assert sorted(councils.values_list("slug", flat=True)) == [
        "ashdown",
        "brackenford",
        "coldmere",
        "fernholt",
    ]
    assert set(Offer.objects.live().values_list("council__slug", flat=True)) == set(DEMO_OFFERS)
    assert Council.objects.get(slug="fernholt").website == "https://fernholt.example"


def test_home_page_links_demo_offers_and_says_fernholt_is_not_published(seeded, client):
    html = client.get("/").content.decode()
    for slug in DEMO_OFFERS:
        assert f'href="/offers/{slug}/"' in html
    assert "Fernholt Metropolitan Borough Council – not published yet" in html
    assert 'href="/offers/fernholt/"' not in html


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_every_section_kind_is_in_each_demo_offer(seeded, slug):
    kinds = {section["kind"] for section in live_document(slug)["sections"]}
    assert kinds == set(SectionKind.values)


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_each_demo_offer_has_enough_allowances_courses_groups_and_social_work(seeded, slug):
    document = live_document(slug)
    assert len(entries(document, "allowances")) >= 3
    assert len(entries(document, "training_courses")) >= 2
    assert len(entries(document, "peer_groups")) >= 2
    assert len(entries(document, "contacts")) >= 2
    social_work = {entry["kind"] for entry in entries(document, "social_work_services")}
    assert social_work >= set(SocialWorkKind.values) - {SocialWorkKind.OTHER}


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_allowances_use_realistic_rates_for_the_right_arrangement_types(seeded, slug):
    allowances = entries(live_document(slug), "allowances")
    fostering = [a for a in allowances if a["name"] == "Fostering allowance"]
    assert len(fostering) >= 4  # one per age band
    for allowance in fostering:
        assert allowance["arrangement_types"] == ["kinship_foster"]
        assert allowance["frequency"] == "weekly"
        # National minimum fostering allowances run from about £170 to £299 a week.
        assert Decimal("165") <= Decimal(allowance["amount"]) <= Decimal("310")
    sgo = [a for a in allowances if a["name"] == "Special guardianship allowance"]
    assert sgo and all(a["arrangement_types"] == ["sgo"] and a["means_tested"] for a in sgo)
    assert all(a["applies_from"] for a in allowances)
    groups = entries(live_document(slug), "peer_groups")
    assert all(group["arrangement_types"] == [] for group in groups)


def test_each_council_writes_its_own_text(seeded):
    seen: dict[str, str] = {}
    for slug in DEMO_OFFERS:
        document = live_document(slug)
        texts = [document["offer"]["introduction"]]
        for section in document["sections"]:
            texts += [section["body"], section["summary"]]
            texts += [e["what_happens"] for e in section["social_work_services"]]
            texts += [e["description"] for e in section["peer_groups"]]
        for text in filter(None, texts):
            assert seen.setdefault(text, slug) == slug, f"{slug} repeats {seen[text]}: {text}"


# --- Publishing history -------------------------------------------------------------------


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_each_demo_offer_is_published_twice_and_the_latest_is_live(seeded, slug):
    offer = Offer.objects.get(council__slug=slug)
    revisions = list(offer.revisions.order_by("version"))
    assert [r.version for r in revisions] == [1, 2]
    assert offer.published_revision == revisions[-1]
    assert revisions[0].summary == demo.FIRST_SUMMARY
    assert revisions[1].summary == demo.RATES_SUMMARY
    assert all(can_publish(r.published_by, offer.council) for r in revisions)


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_each_offer_is_imported_from_its_json_file_then_published(seeded, slug):
    offer = Offer.objects.get(council__slug=slug)
    imports = AuditEvent.objects.filter(offer=offer, action=AuditAction.IMPORT)
    assert imports.count() == 2
    assert {event.actor.username for event in imports} == {demo.OFFER_PUBLISHERS[slug]}
    assert offer.revisions.get(version=1).content == demo.offer_document_2025(slug)
    assert offer.revisions.get(version=2).content == demo.offer_document(slug)


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_the_working_copy_is_the_live_version(seeded, slug):
    offer = Offer.objects.get(council__slug=slug)
    assert document_for(offer.pk) == offer.published_revision.content


@pytest.mark.parametrize("slug", DEMO_OFFERS)
def test_version_two_has_april_2026_allowance_rates(seeded, slug):
    offer = Offer.objects.get(council__slug=slug)
    first = {a["key"]: a for a in entries(offer.revisions.get(version=1).content, "allowances")}
    second = {a["key"]: a for a in entries(offer.revisions.get(version=2).content, "allowances")}
    raised = [i for i in second if Decimal(second[i]["amount"]) > Decimal(first[i]["amount"])]
    assert raised
    for allowance_id in raised:
        assert first[allowance_id]["applies_from"].startswith("2025-04")
        assert second[allowance_id]["applies_from"].startswith("2026-04")


# --- Logins -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "username",
    ["admin", "ashdown-editor", "ashdown-approver", "brackenford-editor", "fernholt-editor"],
)
def test_demo_users_log_in_with_the_demo_password(seeded, client, username):
    assert client.login(username=username, password="kinship-demo")
    assert not client.login(username=username, password="wrong-password")
    assert get_user_model().objects.get(username=username).is_staff


def test_demo_users_have_the_right_roles(seeded):
    roles = {
        (m.user.username, m.council.slug, m.role)
        for m in Membership.objects.select_related("user", "council")
    }
    assert roles == {
        ("ashdown-editor", "ashdown", Role.EDITOR),
        ("ashdown-approver", "ashdown", Role.APPROVER),
        ("brackenford-editor", "brackenford", Role.EDITOR),
        ("fernholt-editor", "fernholt", Role.EDITOR),
    }
    users = get_user_model().objects.in_bulk(field_name="username")
    assert users["admin"].is_superuser
    assert not any(users[name].is_superuser for name in users if name != "admin")
    ashdown = Council.objects.get(slug="ashdown")
    assert can_publish(users["ashdown-approver"], ashdown)
    assert not can_publish(users["ashdown-editor"], ashdown)


def test_ashdown_editor_signing_in_on_the_admin_is_sent_to_ashdowns_task_list(seeded, client):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "ashdown-editor", "password": "kinship-demo", "next": "/admin/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/workspace/ashdown/"
    assert "Ashdown Borough Council" in response.content.decode()
    assert client.get("/workspace/brackenford/").status_code == 404


def test_ashdown_editor_signs_in_to_the_workspace_and_lands_on_the_task_list(seeded, client):
    response = client.post(
        "/workspace/sign-in/", {"username": "ashdown-editor", "password": "kinship-demo"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0] == "/workspace/ashdown/"
    html = page.content.decode()
    assert "Write your offer" in html
    # A published demo offer's tasks were completed before it went out: none is "In
    # progress", and the checklist's demo gaps show as problems to look at.
    statuses = re.findall(r'<strong class="govuk-tag[^"]*">([^<]+)</strong>', html)
    assert "In progress" not in statuses and "Not started" not in statuses
    assert "Completed" in html  # plain text, as GOV.UK's task list shows a finished task


def test_fernholt_editor_can_start_from_the_example_offer(seeded, client):
    client.login(username="fernholt-editor", password="kinship-demo")
    page = client.get("/workspace/fernholt/", follow=True)
    assert "Start from the example offer" in page.content.decode()
    client.post("/workspace/fernholt/start/", {"start": "example"})
    html = client.get("/workspace/fernholt/").content.decode()
    assert "Replace the example text" in html


# --- Running again, and refusing to run ---------------------------------------------------


def test_a_fictional_national_helpline_shows_on_every_demo_offer(seeded, client):
    helpline = NationalHelpline.objects.get()
    assert "replace before going live" in helpline.description
    for slug in ["ashdown", "brackenford", "coldmere"]:
        html = client.get(f"/offers/{slug}/").content.decode()
        assert f"<strong>{helpline.name}</strong>" in html


def test_running_twice_changes_nothing_and_says_so(seeded):
    before = row_counts()
    output = run_seed()
    assert row_counts() == before
    assert "Ashdown Borough Council's offer already has 2 published versions" in output
    assert "Created" not in output


def test_running_again_keeps_officers_edits(seeded):
    section = Section.objects.get(offer__council__slug="coldmere", kind=SectionKind.HOUSING)
    section.heading = "Housing help from your district council"
    section.save()
    run_seed()
    section.refresh_from_db()
    assert section.heading == "Housing help from your district council"


def test_refuses_to_run_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs when DEBUG is on"):
        run_seed()
    assert not Council.objects.exists()
    assert not get_user_model().objects.exists()


# --- Only fictional contact details -------------------------------------------------------


def test_every_phone_number_is_from_the_drama_range(seeded):
    phones = [match.group() for text in all_demo_text() for match in PHONE_LIKE.finditer(text)]
    assert len(phones) > 20  # the check below must have something to look at
    assert [phone for phone in phones if not DRAMA_PHONE.match(phone)] == []


def test_every_web_and_email_address_is_a_dot_example_one(seeded):
    texts = all_demo_text()
    hosts = [urlparse(m.group()).hostname for t in texts for m in URL.finditer(t)]
    domains = [m.group(1) for t in texts for m in EMAIL.finditer(t)]
    assert len(hosts) > 5 and len(domains) > 10
    assert [host for host in hosts + domains if not host.endswith(".example")] == []
    assert [m.group() for t in texts for m in REAL_DOMAIN.finditer(t)] == []


# --- Generated councils at scale (--councils N) ------------------------------------------------

GENERATED = 12
GENERATED_GSS = re.compile(r"^E(06|08|09|10)95\d{4}$")
GENERATED_NAME = re.compile(r"^[A-Z][a-z]+ (Borough|County|City) Council$")


@pytest.fixture
def generated(db, settings):
    settings.DEBUG = True
    return run_seed(councils=GENERATED)


def generated_councils():
    return [c for c in Council.objects.select_related("offer") if GENERATED_GSS.match(c.gss_code)]


def test_councils_option_adds_that_many_councils_each_with_one_live_version(generated):
    councils = generated_councils()
    assert len(councils) == GENERATED
    assert Offer.objects.live().count() == len(DEMO_OFFERS) + GENERATED
    for council in councils:
        assert council.offer.published_revision.version == 1
        assert council.offer.revisions.count() == 1
    assert f"Added {GENERATED} generated councils with published offers" in generated


def test_generated_councils_have_plainly_fictional_unique_details(generated):
    councils = generated_councils()
    for council in councils:
        assert GENERATED_NAME.match(council.name), council.name
        council.full_clean()  # GSS code, phone and brand colour pass the models' own checks
        assert DRAMA_PHONE.match(council.phone)
        assert council.website == f"https://{council.slug}.example"
        assert council.email.endswith(f"@{council.slug}.example")
        assert (council.region == "london") == council.gss_code.startswith("E09")
    assert len({c.name for c in councils}) == len({c.slug for c in councils}) == GENERATED
    assert len({c.gss_code for c in councils}) == GENERATED
    assert {c.region for c in councils} == set(Region.values)  # spread over all 9 regions


def test_generated_offers_name_their_own_council_and_only_fictional_contacts(generated):
    for council in generated_councils():
        document = council.offer.published_revision.content
        assert document["council"]["name"] == council.name
        text = " ".join(strings_in(document))
        for template in ("Ashdown", "Brackenford", "Coldmere", "ashdown", "brackenford"):
            assert template not in text
        assert council.name.split()[0] in text
    phones = [m.group() for text in all_demo_text() for m in PHONE_LIKE.finditer(text)]
    assert [phone for phone in phones if not DRAMA_PHONE.match(phone)] == []
    texts = all_demo_text()
    hosts = [urlparse(m.group()).hostname for t in texts for m in URL.finditer(t)]
    domains = [m.group(1) for t in texts for m in EMAIL.finditer(t)]
    assert [host for host in hosts + domains if not host.endswith(".example")] == []


def test_generated_offers_have_their_own_keys(generated):
    seen: dict[str, int] = {}
    for offer in Offer.objects.live().select_related("published_revision"):
        for section in offer.published_revision.content["sections"]:
            keys = [section["key"]] + [
                entry["key"] for entry_type in ENTRY_TYPES for entry in section[entry_type.key]
            ]
            for key in keys:
                assert seen.setdefault(key, offer.pk) == offer.pk, f"key {key} shared"


def test_generated_amounts_vary_within_twelve_percent_of_the_demo_rates(generated):
    from offers.management.commands.seed_demo import KEY_NAMESPACE, TEMPLATES

    factors = set()
    for council in generated_councils():
        index = int(council.gss_code[-4:])
        slug = list(TEMPLATES)[index % len(TEMPLATES)]
        template = {
            str(uuid.uuid5(KEY_NAMESPACE, f"{council.slug}:{a['key']}")): Decimal(a["amount"])
            for a in entries(demo.offer_document(slug), "allowances")
        }
        ratios = {
            (Decimal(a["amount"]) / template[a["key"]]).quantize(Decimal("0.01"))
            for a in entries(council.offer.published_revision.content, "allowances")
        }
        assert len(ratios) == 1  # one factor for the whole offer
        ratio = ratios.pop()
        assert Decimal("0.88") <= ratio <= Decimal("1.12")
        factors.add(ratio)
    assert len(factors) > GENERATED // 2  # councils differ from each other


def test_some_generated_offers_leave_parts_out_so_the_comparison_differs(generated):
    by_gss = {c.gss_code[-4:]: c for c in generated_councils()}
    fifth = by_gss["0005"].offer.published_revision.content
    assert not [a for a in entries(fifth, "allowances") if a["arrangement_types"] == ["cao"]]
    seventh = by_gss["0007"].offer.published_revision.content
    legal = [s for s in seventh["sections"] if s["kind"] == SectionKind.LEGAL]
    assert legal and not legal[0]["support_services"]
    ninth = by_gss["0009"].offer.published_revision.content
    assert entries(ninth, "peer_groups") == []
    first = by_gss["0001"].offer.published_revision.content
    assert entries(first, "peer_groups") and entries(first, "allowances")


def test_generated_working_copies_are_their_live_versions_and_searchable(generated):
    from offers.models import SearchEntry

    for council in generated_councils():
        offer = council.offer
        assert document_for(offer.pk) == offer.published_revision.content
        assert SearchEntry.objects.filter(revision=offer.published_revision).exists()


def test_the_same_number_gives_the_same_councils_and_more_adds_only_new_ones(generated):
    before = row_counts()
    names = sorted(c.name for c in generated_councils())
    again = run_seed(councils=GENERATED)
    assert row_counts() == before
    assert f"({GENERATED} were there already)" in again
    run_seed(councils=GENERATED + 3)
    after = sorted(c.name for c in generated_councils())
    assert len(after) == GENERATED + 3 and set(names) <= set(after)


@pytest.mark.parametrize("count", [-1, 301])
def test_councils_option_refuses_numbers_out_of_range(db, settings, count):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="--councils must be between 0 and 300"):
        run_seed(councils=count)
    assert not Council.objects.exists()


# --- Real national schemes, with their sources ---------------------------------------------


def test_the_demo_publishes_real_national_schemes_each_with_its_source_and_check_date(seeded):
    version = NationalSchemesVersion.objects.get()
    names = [scheme["name"] for scheme in version.document["schemes"]]
    assert names == [
        "Adoption and Special Guardianship Support Fund",
        "Pupil Premium Plus",
        "Help with education from the virtual school",
        "Child Benefit",
        "Guardian's Allowance",
        "Kinship allowance pilot (Kinship Zones)",
    ]
    for scheme in NationalScheme.objects.all():
        assert scheme.check_before_live, scheme.name  # an administrator checks them first
        assert scheme.source_url.startswith("https://"), scheme.name
        assert scheme.checked_on == datetime.date(2026, 12, 5), scheme.name
        assert scheme.next_check_due > scheme.checked_on
        words = " ".join([scheme.summary, scheme.how_to_apply, scheme.admin_note])
        assert not PHONE_LIKE.search(words), scheme.name  # never an invented number
    pilot = NationalScheme.objects.get(name__startswith="Kinship allowance pilot")
    assert len(pilot.council_gss_codes) == 7


def test_demo_money_pages_show_the_national_schemes_for_the_family(seeded, client):
    sgo = client.get("/offers/ashdown/financial/?for=sgo").content.decode()
    assert "From national schemes" in sgo
    assert "Adoption and Special Guardianship Support Fund" in sgo
    assert "Up to £3,000 a year" in sgo
    # The pilot's councils are real ones; no fictional demo council is among them.
    assert "Kinship Zones" not in sgo
    informal = client.get("/offers/ashdown/financial/?for=informal").content.decode()
    assert "Child Benefit" in informal and "£27.05 a week" in informal
    assert "Adoption and Special Guardianship Support Fund" not in informal

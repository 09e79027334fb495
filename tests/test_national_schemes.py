"""National schemes: help from the government or a national body, kept once by site
administrators, published as immutable versions, and shown on every offer's money page and
in "At a glance", apart from the council's own help. Cast: a site administrator, council
A's officer, anonymous families."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from offers import national_schemes
from offers.models import NationalScheme, NationalSchemesVersion
from offers.national_schemes import NothingToPublish, national_schemes_publish, schemes_changes

from .conftest import publish
from .factories import NationalSchemeFactory

MONEY_A = "/offers/ashdown-test/financial/"
MONEY_B = "/offers/brackenford-test/financial/"
OVERVIEW_A = "/offers/ashdown-test/"
HEADING = "From national schemes"


@pytest.fixture
def live_offers(offer_a, offer_b, approver_a, site_admin):
    publish(offer_a, approver_a)
    publish(offer_b, site_admin)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Shown for the arrangements and councils each names -------------------------------------


def test_a_scheme_shows_on_the_money_page_only_for_the_arrangements_it_names(
    client, live_offers, site_admin
):
    NationalSchemeFactory(name="Special guardians' fund", arrangement_types=["sgo", "adoption"])
    national_schemes_publish(by=site_admin, summary="First list")

    everything = page(client, MONEY_A)
    assert HEADING in everything and "Special guardians&#x27; fund" in everything
    assert "Special guardianship order (SGO) and Adoption by a relative" in everything
    assert "This help does not come from Ashdown Test Council" in everything
    assert "Special guardians&#x27; fund" in page(client, MONEY_A + "?for=sgo")
    informal = page(client, MONEY_A + "?for=informal")
    assert "Special guardians&#x27; fund" not in informal and HEADING not in informal


def test_a_scheme_for_everyone_shows_for_every_situation_with_its_amount(
    client, live_offers, site_admin
):
    NationalSchemeFactory(name="Family payment", amount=Decimal("27.05"), frequency="weekly")
    NationalSchemeFactory(
        name="Therapy fund", amount=Decimal("3000"), frequency="annual", amount_is_most=True
    )
    national_schemes_publish(by=site_admin, summary="First list")
    html = page(client, MONEY_A + "?for=informal")
    assert "<strong>£27.05 a week</strong>" in html
    assert "<strong>Up to £3,000 a year</strong>" in html
    assert "Every kinship family" in html
    assert 'href="https://www.gov.example/scheme"' in html and "checked on 1 December 2026" in html


def test_a_pilot_shows_only_on_the_named_councils_offers(client, live_offers, site_admin):
    NationalSchemeFactory(name="Kinship allowance pilot", council_gss_codes=["E06900001"])
    national_schemes_publish(by=site_admin, summary="The pilot")
    on_a = page(client, MONEY_A)
    assert "Kinship allowance pilot" in on_a and "in some council areas only (a pilot)" in on_a
    on_b = page(client, MONEY_B)
    assert "Kinship allowance pilot" not in on_b and HEADING not in on_b


def test_at_a_glance_lists_national_schemes_apart_from_the_councils_money(
    client, live_offers, site_admin
):
    NationalSchemeFactory(name="Guardian payment", arrangement_types=["sgo"])
    national_schemes_publish(by=site_admin, summary="First list")
    html = page(client, OVERVIEW_A + "?for=sgo")
    glance = html[html.index('id="answer-heading"') :]
    assert glance.index("Money you could get") < glance.index(HEADING)
    assert glance.index(HEADING) < glance.index("Guardian payment")
    assert '<h3 class="govuk-heading-m" id="national-help-heading">' in glance
    assert "<li><strong>Guardian payment</strong>: £22.95 a week</li>" in glance
    # In full, with how to get it, on the money page.
    assert 'href="/offers/ashdown-test/financial/?for=sgo#national-help-heading"' in glance
    assert "Guardian payment" not in page(client, OVERVIEW_A + "?for=informal")


def test_no_published_list_shows_no_national_section(client, live_offers):
    NationalSchemeFactory(name="Never published")
    html = page(client, MONEY_A)
    assert HEADING not in html and "Never published" not in html


# --- Published versions -------------------------------------------------------------------------


def test_editing_a_scheme_changes_no_public_page_until_the_list_is_published(
    client, live_offers, site_admin
):
    scheme = NationalSchemeFactory(name="Family payment", amount=Decimal("26.05"))
    national_schemes_publish(by=site_admin, summary="First list")
    assert "£26.05 a week" in page(client, MONEY_A)

    client.force_login(site_admin)
    form = client.get(f"/admin/offers/nationalscheme/{scheme.pk}/change/")
    assert form.status_code == 200
    scheme.amount = Decimal("27.05")
    scheme.save()
    client.logout()
    html = page(client, MONEY_A)
    assert "£26.05 a week" in html and "£27.05" not in html

    national_schemes_publish(by=site_admin, summary="New rate")
    html = page(client, MONEY_A)
    assert "£27.05 a week" in html and "£26.05" not in html


def test_a_published_version_never_changes(site_admin):
    scheme = NationalSchemeFactory(name="Family payment", amount=Decimal("26.05"))
    first = national_schemes_publish(by=site_admin, summary="First list")
    scheme.amount = Decimal("27.05")
    scheme.save()
    second = national_schemes_publish(by=site_admin, summary="New rate")

    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.document["schemes"][0]["amount"] == "26.05"
    assert second.document["schemes"][0]["amount"] == "27.05"
    first.summary = "Rewritten"
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        first.delete()
    assert NationalSchemesVersion.objects.get(number=1).summary == "First list"


def test_publishing_the_same_list_again_is_refused(site_admin):
    NationalSchemeFactory()
    national_schemes_publish(by=site_admin, summary="First list")
    with pytest.raises(NothingToPublish):
        national_schemes_publish(by=site_admin, summary="Again")
    assert NationalSchemesVersion.objects.count() == 1


def test_only_a_site_administrator_may_publish_the_list(officer_a, approver_a, site_admin):
    NationalSchemeFactory()
    for someone in (officer_a, approver_a, None):
        with pytest.raises(PermissionDenied):
            national_schemes_publish(by=someone, summary="Not theirs")
    assert not NationalSchemesVersion.objects.exists()
    assert national_schemes_publish(by=site_admin, summary="Theirs").number == 1


def test_publishing_needs_a_summary(site_admin):
    NationalSchemeFactory()
    with pytest.raises(ValidationError):
        national_schemes_publish(by=site_admin, summary="   ")
    with pytest.raises(ValidationError):
        national_schemes_publish(by=site_admin, summary="x" * 301)
    assert national_schemes_publish(by=site_admin, summary="x" * 300).number == 1


# --- The admin -----------------------------------------------------------------------------------


def test_site_admin_publishes_the_list_from_the_admin_and_sees_what_changed(
    client_admin, site_admin
):
    NationalSchemeFactory(name="Family payment", arrangement_types=["sgo"])
    listing = client_admin.get("/admin/offers/nationalscheme/").content.decode()
    assert "Nothing is published yet" in listing and "1 change not published yet" in listing
    assert "Special guardianship order (SGO)" in listing and "£22.95 a week" in listing

    check = client_admin.get("/admin/offers/nationalscheme/publish/").content.decode()
    assert "Added Family payment." in check
    response = client_admin.post("/admin/offers/nationalscheme/publish/", {"summary": "First"})
    assert response.status_code == 302
    assert NationalSchemesVersion.objects.get().summary == "First"

    versions = client_admin.get("/admin/offers/nationalscheme/versions/").content.decode()
    assert "Version 1 (what families see)" in versions and "Added Family payment." in versions
    one = client_admin.get("/admin/offers/nationalscheme/versions/1/").content.decode()
    assert "Family payment" in one and "£22.95 a week" in one
    assert client_admin.get("/admin/offers/nationalscheme/versions/2/").status_code == 404


def test_the_publish_page_says_when_the_summary_is_missing(client_admin):
    NationalSchemeFactory()
    response = client_admin.post("/admin/offers/nationalscheme/publish/", {"summary": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in html
    assert 'href="#id_summary"' in html
    assert not NationalSchemesVersion.objects.exists()


def test_the_publish_page_lists_schemes_marked_check_before_going_live(client_admin):
    NationalSchemeFactory(name="Unchecked fund", check_before_live=True)
    NationalSchemeFactory(name="Checked fund", check_before_live=False)
    html = client_admin.get("/admin/offers/nationalscheme/publish/").content.decode()
    listed = html[html.index("Marked “check before going live”") :]
    assert "Unchecked fund" in listed and "Checked fund" not in listed


def test_officers_cannot_open_or_publish_national_schemes(client_a):
    NationalSchemeFactory()
    assert client_a.get("/admin/offers/nationalscheme/")["Location"] == "/workspace/"
    assert client_a.get("/admin/offers/nationalscheme/publish/")["Location"] == "/workspace/"
    response = client_a.post("/admin/offers/nationalscheme/publish/", {"summary": "Mine"})
    assert response["Location"] == "/workspace/"
    assert not NationalSchemesVersion.objects.exists()


def test_site_admin_adds_a_pilot_with_gss_codes_typed_one_a_line(client_admin):
    response = client_admin.post(
        "/admin/offers/nationalscheme/add/",
        {
            "name": "Kinship allowance pilot",
            "arrangement_types": ["sgo", "cao"],
            "summary": "A weekly allowance in pilot areas.",
            "how_to_apply": "Ask your council's kinship team.",
            "amount": "",
            "frequency": "",
            "council_gss_codes": "e06000035\nE06000034, E06000035",
            "source_url": "kinship.example/pilot",
            "checked_on_day": "5",
            "checked_on_month": "12",
            "checked_on_year": "2026",
            "next_check_due_day": "1",
            "next_check_due_month": "4",
            "next_check_due_year": "2027",
            "check_before_live": "on",
            "order": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    scheme = NationalScheme.objects.get()
    assert scheme.council_gss_codes == ["E06000035", "E06000034"]
    assert scheme.source_url == "https://kinship.example/pilot"


def test_a_scheme_refuses_a_made_up_gss_code_and_an_amount_without_how_often(db):
    scheme = NationalSchemeFactory.build(council_gss_codes=["Medway"], frequency="")
    with pytest.raises(ValidationError) as refused:
        scheme.full_clean()
    assert "“Medway” is not a GSS code" in str(refused.value)
    assert "Choose how often the amount is paid" in str(refused.value)
    scheme.council_gss_codes, scheme.frequency = ["E06000035"], "weekly"
    scheme.full_clean()


def test_the_next_check_comes_after_the_last_one(db):
    scheme = NationalSchemeFactory.build(
        checked_on=datetime.date(2026, 12, 5), next_check_due=datetime.date(2026, 12, 5)
    )
    with pytest.raises(ValidationError, match="The next check must be after the date checked"):
        scheme.full_clean()


# --- What changed --------------------------------------------------------------------------------


def test_changes_between_versions_are_said_in_words():
    old = {
        "schemes": [
            {"key": "a", "name": "Family payment", "amount": "26.05", "frequency": "weekly"},
            {"key": "b", "name": "Old fund"},
        ]
    }
    new = {
        "schemes": [
            {"key": "a", "name": "Family payment", "amount": "27.05", "frequency": "weekly"},
            {"key": "c", "name": "New pilot", "council_gss_codes": ["E06000035"]},
        ]
    }
    texts = [change.text for change in schemes_changes(old, new)]
    assert texts == [
        "Family payment: amount changed from “£26.05” to “£27.05”.",
        "Added New pilot.",
        "Removed Old fund.",
    ]


def test_the_selector_keeps_limited_schemes_to_their_councils():
    schemes = [
        {"name": "Everyone", "arrangement_types": [], "council_gss_codes": []},
        {"name": "SGO only", "arrangement_types": ["sgo"], "council_gss_codes": []},
        {"name": "Pilot", "arrangement_types": ["sgo"], "council_gss_codes": ["E06000035"]},
    ]

    def names(gss_code, arrangement):
        found = national_schemes.schemes_for(schemes, gss_code=gss_code, arrangement=arrangement)
        return [s["name"] for s in found]

    assert names("E06000035", None) == ["Everyone", "SGO only", "Pilot"]
    assert names("E06000035", "informal") == ["Everyone"]
    assert names("E06000001", "sgo") == ["Everyone", "SGO only"]


# --- Open data: the API and the CSV --------------------------------------------------------------


def test_the_api_gives_the_published_schemes_as_declared(client, site_admin):
    from .test_api import assert_as_declared

    assert 'href="/api/v1/national-schemes/"' in client.get("/api/").content.decode()
    empty = client.get("/api/v1/national-schemes/")
    assert empty.json() == {"version": None, "published_at": None, "summary": None, "schemes": []}
    assert_as_declared(empty, "/national-schemes/")

    scheme = NationalSchemeFactory(
        name="Kinship allowance pilot",
        arrangement_types=["sgo", "cao"],
        council_gss_codes=["E06000035"],
        amount=None,
        frequency="",
    )
    NationalSchemeFactory(name="Guardian payment", amount=Decimal("22.95"))
    national_schemes_publish(by=site_admin, summary="First list")
    scheme.name = "Not published yet"
    scheme.save()

    response = client.get("/api/v1/national-schemes/")
    assert_as_declared(response, "/national-schemes/")
    body = response.json()
    assert body["version"] == 1 and body["summary"] == "First list"
    by_name = {item["name"]: item for item in body["schemes"]}
    assert set(by_name) == {"Kinship allowance pilot", "Guardian payment"}
    assert by_name["Kinship allowance pilot"]["council_gss_codes"] == ["E06000035"]
    assert by_name["Kinship allowance pilot"]["amount"] is None
    assert by_name["Guardian payment"]["amount"] == "22.95"
    assert by_name["Guardian payment"]["frequency"] == "weekly"
    assert by_name["Guardian payment"]["checked_on"] == "2026-12-01"
    assert by_name["Guardian payment"]["key"] == str(
        NationalScheme.objects.get(name="Guardian payment").key
    )


def test_the_csv_holds_the_published_schemes(client, site_admin):
    NationalSchemeFactory(
        name="Kinship allowance pilot", council_gss_codes=["E06000035", "E06000034"]
    )
    NationalSchemeFactory(name="=Guardian payment", amount=Decimal("22.95"))
    national_schemes_publish(by=site_admin, summary="First list")
    NationalSchemeFactory(name="Added after the publish")

    response = client.get("/national-schemes.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="kinship-national-schemes.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Version,Name,Who it is for,Limited to councils")
    assert "1,Kinship allowance pilot,every kinship family,E06000035 E06000034," in text
    assert "1,'=Guardian payment,every kinship family,Every council," in text
    assert "22.95,a week,no," in text and "https://www.gov.example/scheme,2026-12-01" in text
    assert "Added after the publish" not in text


# --- Reminders to check a scheme ----------------------------------------------------------------


def test_site_administrators_are_reminded_once_when_a_check_is_due(site_admin, officer_a):
    import time_machine
    from django.core import mail

    from offers.reminders import scheme_check_reminders_send

    due = datetime.date(2027, 4, 6)
    scheme = NationalSchemeFactory(name="Guardian payment", next_check_due=due)
    day_before = datetime.datetime(2027, 4, 5, 8, tzinfo=datetime.UTC)
    with time_machine.travel(day_before, tick=False):
        assert scheme_check_reminders_send() == []
    assert mail.outbox == []

    with time_machine.travel(day_before + datetime.timedelta(days=1), tick=False):
        sent = scheme_check_reminders_send()
        assert scheme_check_reminders_send() == []  # the same day again: nothing new
    assert [reminder.scheme for reminder in sent] == [scheme]
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [site_admin.email]  # not officer_a: councils do not keep these
    assert email.subject == "Check the national scheme “Guardian payment”"
    assert "was due for a check today" in email.body
    assert "https://www.gov.example/scheme" in email.body
    assert f"/admin/offers/nationalscheme/{scheme.pk}/change/" in email.body

    later = day_before + datetime.timedelta(days=20)
    with time_machine.travel(later, tick=False):
        assert scheme_check_reminders_send() == []  # still overdue, already told
        scheme.checked_on, scheme.next_check_due = later.date(), datetime.date(2027, 4, 20)
        scheme.save()
        assert [r.scheme for r in scheme_check_reminders_send()] == [scheme]  # a new date


def test_the_reminder_command_sends_scheme_checks_once(site_admin):
    from io import StringIO

    from django.core import mail
    from django.core.management import call_command

    NationalSchemeFactory(name="Guardian payment", next_check_due=datetime.date(2020, 1, 1))
    out = StringIO()
    call_command("send_review_reminders", stdout=out)
    assert "Sent “Check the national scheme “Guardian payment”” to 1 site administrator" in (
        out.getvalue()
    )
    call_command("send_review_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_the_leaflet_lists_the_councils_national_schemes_a_line_each(
    client, live_offers, site_admin
):
    NationalSchemeFactory(name="Guardian payment", amount=Decimal("22.95"))
    NationalSchemeFactory(name="Pilot elsewhere", council_gss_codes=["E06000035"])
    national_schemes_publish(by=site_admin, summary="First list")
    html = page(client, "/offers/ashdown-test/leaflet/")
    assert "From national schemes, not from Ashdown Test Council:" in html
    assert "<strong>Guardian payment</strong> (£22.95 a week)" in html
    assert "Pilot elsewhere" not in html


def test_publishing_the_list_changes_the_content_version_and_an_edit_does_not(site_admin):
    from offers.page_cache import content_version

    scheme = NationalSchemeFactory()
    before = content_version()
    scheme.name = "Edited, not published"
    scheme.save()
    assert content_version() == before  # kept pages stay: families see the same list
    national_schemes_publish(by=site_admin, summary="First list")
    assert content_version() != before  # every kept page is made afresh

"""Hardening: security headers, control characters refused with a 400, production settings
that refuse to guess, HEAD wherever GET works, the right CSRF page for each audience, and
hidden direction-changing characters kept out of names, headings and web addresses."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from offers.entry_types import ENTRY_TYPES
from offers.markdown import markdown_to_html
from offers.models import Allowance, Feedback, Section, TrainingCourse
from offers.services import preview_link_create, preview_link_token
from offers.validators import BIDI_CONTROLS, ZERO_WIDTH, validate_no_hidden_characters

from .admin_helpers import resubmit
from .conftest import publish
from .factories import TrainingCourseFactory

REQUIRED_CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


@pytest.fixture
def live_offer(offer_a, approver_a):
    revision = publish(offer_a, approver_a)
    return revision


@pytest.fixture
def anchor(live_offer):
    return live_offer.content["sections"][0]["anchor"]


# --- Content-Security-Policy and Permissions-Policy ------------------------------------------


def assert_security_headers(response, url):
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.strip() for part in policy.split(";")}
    assert REQUIRED_CSP <= directives, (url, policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in permissions, (url, permissions)


def test_public_pages_send_a_strict_csp_and_a_permissions_policy(client, live_offer, anchor):
    for url in [
        "/",
        "/accessibility/",
        "/offers/ashdown-test/",
        f"/offers/ashdown-test/{anchor}/",
        "/offers/ashdown-test/print/",
        "/robots.txt",
        "/healthz",
        "/no-such-page/",
        "/search/?q=%00",  # the 400 page
    ]:
        response = client.get(url)
        assert response.status_code in {200, 400, 404}, url
        assert_security_headers(response, url)


def test_admin_pages_send_the_same_strict_csp(client, client_admin, offer_a):
    section = offer_a.sections.get()
    for url in [
        "/admin/",
        "/admin/offers/section/",
        f"/admin/offers/section/{section.pk}/change/",
        "/admin/offers/council/add/",
    ]:
        response = client_admin.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response, url)
    client_admin.logout()
    assert_security_headers(client.get("/admin/login/"), "/admin/login/")


def test_no_policy_in_settings_allows_inline_script_or_style():
    for name, sources in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items():
        assert "'unsafe-inline'" not in sources, name
    assert "CONTENT_SECURITY_POLICY_REPORT_ONLY" not in dir(settings)


def test_no_template_has_inline_script_style_or_event_handlers():
    # What the strict policy would block in a browser (checked in chromium for the admin too:
    # its scripts take their data from data- attributes, so it needs no exception).
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        html = path.read_text()
        assert not re.search(r"<style\b|\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, (path, tag)


# --- Control characters: a 400, never a 500 ---------------------------------------------------


def test_a_nul_in_the_public_search_is_a_400_page(client, live_offer):
    assert client.get("/search/?q=kinship").status_code == 200

    response = client.get("/search/?q=kin%00ship")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Sorry, we could not understand that request" in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(
    "character", ["%00", "%01", "%08", "%09", "%0A", "%0D", "%1B", "%1F", "%7F"]
)
def test_any_control_character_in_a_query_string_is_a_400(client, db, character):
    assert client.get(f"/search/?q=a{character}b").status_code == 400
    assert client.get(f"/search/?q{character}=ab").status_code == 400


def test_a_nul_in_the_path_is_a_400(client, live_offer):
    assert client.get("/offers/ashdown-test/").status_code == 200
    assert client.get("/offers/ashdown%00test/").status_code == 400


def test_a_nul_in_an_admin_changelist_filter_is_a_400(client_a, offer_a):
    assert client_a.get("/admin/offers/section/?kind=financial").status_code == 200
    assert client_a.get("/admin/offers/section/?kind=%00").status_code == 400
    assert client_a.get("/admin/offers/section/?q=%00").status_code == 400


def test_a_nul_in_an_admin_autocomplete_term_is_a_400(client_admin, council_a):
    url = "/admin/autocomplete/?app_label=offers&model_name=membership&field_name=council&term="
    ok = client_admin.get(url + "Ashdown")
    assert ok.status_code == 200
    assert "Ashdown Test Council" in ok.content.decode()

    assert client_admin.get(url + "Ash%00down").status_code == 400


def test_a_nul_in_a_posted_form_field_is_a_400_and_nothing_is_saved(client, live_offer, anchor):
    url = "/offers/ashdown-test/feedback/"
    refused = client.post(url, {"page": anchor, "useful": "no", "comment": "Too\x00long"})
    assert refused.status_code == 400
    assert not Feedback.objects.exists()

    # Tab, line feed and carriage return are ordinary text in a form.
    accepted = client.post(
        url, {"page": anchor, "useful": "no", "comment": "First line\r\nSecond\tline"}
    )
    assert accepted.status_code == 302
    assert Feedback.objects.get().comment == "First line\nSecond\tline"


def test_a_control_character_in_an_admin_form_is_a_400_and_nothing_is_saved(client_a, offer_a):
    section = offer_a.sections.get()
    url = f"/admin/offers/section/{section.pk}/change/"
    assert resubmit(client_a, url, {"heading": "Money \x1b for carers"}).status_code == 400
    section.refresh_from_db()
    assert section.heading == "Money for carers A"

    assert resubmit(client_a, url, {"heading": "Money for kinship carers"}).status_code == 302
    section.refresh_from_db()
    assert section.heading == "Money for kinship carers"


# --- HEAD answers wherever GET does ------------------------------------------------------------


def public_patterns(patterns=None, namespace=""):
    """(name, argument names) for every named URL outside the admin, from the URLconf."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from public_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"give {pattern.pattern} a name"
            yield f"{namespace}{pattern.name}", list(pattern.pattern.regex.groupindex)


@pytest.fixture
def example_arguments(live_offer, anchor, offer_a, officer_a, approver_a):
    from offers.api.open_referral import service_id

    link = preview_link_create(offer=offer_a, by=officer_a)
    course = TrainingCourseFactory(section=offer_a.sections.get(), title="Caring for teenagers")
    republished = publish(offer_a, approver_a, summary="A course")
    course_key = republished.content["sections"][0]["training_courses"][0]["key"]
    assert course_key == str(course.key)
    return {
        "slug": "ashdown-test",
        "anchor": anchor,
        "page": anchor,
        "token": preview_link_token(link=link),
        "colour": "1d70b8",
        "version": live_offer.version,
        "service_id": service_id(offer_a.council.gss_code, course_key),
        "rest": "no-such-thing/",
    }


def test_head_gets_the_same_status_as_get_on_every_public_address(client, example_arguments):
    checked = 0
    for name, arguments in public_patterns():
        missing = [argument for argument in arguments if argument not in example_arguments]
        assert not missing, f"add an example for {missing} (URL {name}) to example_arguments"
        url = reverse(name, kwargs={key: example_arguments[key] for key in arguments})
        if name in {"offer_feedback", "offer_feedback_thanks"}:
            url += f"?page={example_arguments['page']}"
        got = client.get(url)
        head = client.head(url)
        assert got.status_code != 405, url
        assert head.status_code == got.status_code, (url, got.status_code, head.status_code)
        assert head.content == b"", url
        checked += 1
    assert checked >= 15


@pytest.mark.parametrize("url", ["/accessibility/", "/privacy/", "/robots.txt", "/healthz"])
def test_head_works_on_the_pages_that_refused_it(client, db, url):
    assert client.head(url).status_code == 200


def test_no_view_accepts_get_without_head():
    views_dir = settings.BASE_DIR / "offers" / "views"
    for path in views_dir.glob("*.py"):
        source = path.read_text()
        assert "require_GET" not in source, path.name
        for methods in re.findall(r"require_http_methods\((\[[^\]]*\])\)", source):
            assert "GET" not in methods or "HEAD" in methods, (path.name, methods)


# --- A CSRF failure says the right thing to each audience -------------------------------------


def test_a_csrf_failure_on_the_officers_sign_in_says_the_session_timed_out(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Your session timed out. Go back, reload the page and sign in again." in html
    assert 'id="site-name"' in html  # the admin's look
    assert "could not send your answer" not in html


def test_a_csrf_failure_on_the_feedback_form_keeps_the_families_wording(live_offer, anchor):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/offers/ashdown-test/feedback/", {"page": anchor, "useful": "yes", "comment": ""}
    )

    assert response.status_code == 403
    html = response.content.decode()
    assert "Sorry, we could not send your answer" in html
    assert "sign in again" not in html
    assert not Feedback.objects.exists()


# --- Hidden direction controls and zero-width characters --------------------------------------


@pytest.mark.parametrize("character", list(BIDI_CONTROLS + ZERO_WIDTH))
def test_the_validator_refuses_each_hidden_character(character):
    with pytest.raises(ValidationError) as error:
        validate_no_hidden_characters(f"Kinship{character} allowance")
    assert error.value.code == "hidden_characters"


@pytest.mark.parametrize(
    "text",
    ["Cyngor Sir Ynys Môn", "Café – “support” £201", "https://www.council.example/kinship?a=1",
     "دعم الأقارب", ""],
)
def test_the_validator_accepts_ordinary_text_in_any_language(text):
    validate_no_hidden_characters(text)


def named_fields():
    """The fields that name or head something, plus every web and email address."""
    offers = apps.get_app_config("offers")
    fields = [
        offers.get_model("Council")._meta.get_field("name"),
        offers.get_model("NationalHelpline")._meta.get_field("name"),
        offers.get_model("Offer")._meta.get_field("title"),
        offers.get_model("Offer")._meta.get_field("manager_name"),
        offers.get_model("Section")._meta.get_field("heading"),
    ]
    for entry_type in ENTRY_TYPES:
        field = entry_type.model._meta.get_field(entry_type.name_field)
        if not field.choices:
            fields.append(field)
    for model in offers.get_models():
        fields += [
            field
            for field in model._meta.get_fields()
            if isinstance(field, models.URLField | models.EmailField)
        ]
    return fields


def test_every_name_heading_and_address_field_refuses_hidden_characters():
    fields = named_fields()
    assert len(fields) >= 14
    for field in fields:
        assert validate_no_hidden_characters in field.validators, field


def test_the_admin_refuses_a_right_to_left_override_in_a_section_heading(client_a, offer_a):
    section = offer_a.sections.get()
    url = f"/admin/offers/section/{section.pk}/change/"
    response = resubmit(client_a, url, {"heading": "Money for \u202ecarers"})

    assert response.status_code == 200
    assert "Remove the hidden characters" in response.content.decode()
    section.refresh_from_db()
    assert section.heading == "Money for carers A"
    assert resubmit(client_a, url, {"heading": "Money for carers"}).status_code == 302


def test_the_admin_refuses_hidden_characters_in_an_entry_name_and_a_web_address(client_a, offer_a):
    section = offer_a.sections.get()
    course = TrainingCourseFactory(section=section, booking_url="")
    url = f"/admin/offers/section/{section.pk}/change/"

    response = resubmit(
        client_a,
        url,
        {
            "allowances-0-name": "Weekly\u200b allowance",
            "training_courses-0-booking_url": "https://council.example/\u202ekoob",
        },
    )

    assert response.status_code == 200
    assert response.content.decode().count("Remove the hidden characters") == 2
    assert Allowance.objects.get(section=section).name == "Allowance A"
    assert TrainingCourse.objects.get(pk=course.pk).booking_url == ""


def test_officer_text_is_shown_without_direction_controls(db):
    html = markdown_to_html("Call \u202eus\u202c today, or \u2066visit\u2069 [us](https://a.example)")
    assert not any(character in html for character in BIDI_CONTROLS)
    assert "Call us today" in html


def test_a_published_heading_cannot_carry_an_override(offer_a):
    section = Section.objects.get(offer=offer_a)
    section.heading = "Money \u202efor carers"
    with pytest.raises(ValidationError, match="hidden characters"):
        section.full_clean()

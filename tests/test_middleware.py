"""offers/middleware.py: a strict Content-Security-Policy and Permissions-Policy on every
response, and control characters in an address, a query or a form refused with a 400, never a
500."""

import re

import pytest
from django.conf import settings

from offers.models import Feedback

from .admin_helpers import form_data, resubmit

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


# --- Content-Security-Policy and Permissions-Policy ------------------------------------------


def assert_security_headers(response, url):
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.strip() for part in policy.split(";")}
    assert REQUIRED_CSP <= directives, (url, policy)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in permissions, (url, permissions)


def test_public_pages_send_a_strict_csp_and_a_permissions_policy(client, live_a, anchor):
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


def test_admin_pages_send_the_same_strict_csp(client, client_admin, council_a):
    for url in [
        "/admin/",
        "/admin/offers/council/",
        f"/admin/offers/council/{council_a.pk}/change/",
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


def test_a_nul_in_the_public_search_is_a_400_page(client, live_a):
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


def test_a_nul_in_the_path_is_a_400(client, live_a):
    assert client.get("/offers/ashdown-test/").status_code == 200
    assert client.get("/offers/ashdown%00test/").status_code == 400


def test_a_nul_in_an_admin_changelist_filter_is_a_400(client_admin, offer_a):
    assert client_admin.get("/admin/offers/auditevent/?action=edit").status_code == 200
    assert client_admin.get("/admin/offers/auditevent/?action=%00").status_code == 400
    assert client_admin.get("/admin/offers/council/?q=%00").status_code == 400


def test_a_nul_in_an_admin_autocomplete_term_is_a_400(client_admin, council_a):
    url = "/admin/autocomplete/?app_label=offers&model_name=membership&field_name=council&term="
    ok = client_admin.get(url + "Ashdown")
    assert ok.status_code == 200
    assert "Ashdown Test Council" in ok.content.decode()

    assert client_admin.get(url + "Ash%00down").status_code == 400


def test_a_nul_in_a_posted_form_field_is_a_400_and_nothing_is_saved(client, live_a, anchor):
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


def test_a_control_character_in_an_admin_form_is_a_400_and_nothing_is_saved(
    client_admin, council_a
):
    url = f"/admin/offers/council/{council_a.pk}/change/"
    assert resubmit(client_admin, url, {"name": "Ashdown \x1b Council"}).status_code == 400
    council_a.refresh_from_db()
    assert council_a.name == "Ashdown Test Council"

    assert resubmit(client_admin, url, {"name": "Ashdown Borough Council"}).status_code == 302
    council_a.refresh_from_db()
    assert council_a.name == "Ashdown Borough Council"


def test_a_control_character_in_a_workspace_form_is_a_400_and_nothing_is_saved(client_a, offer_a):
    section = offer_a.sections.get()
    url = f"/workspace/{offer_a.council.slug}/sections/{section.key}/details/"
    data = form_data(client_a.get(url))
    assert client_a.post(url, {**data, "heading": ["Money \x1b for carers"]}).status_code == 400
    section.refresh_from_db()
    assert section.heading == "Money for carers A"

    assert client_a.post(url, {**data, "heading": ["Money for kinship carers"]}).status_code == 302
    section.refresh_from_db()
    assert section.heading == "Money for kinship carers"

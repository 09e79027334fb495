"""Signing in lands the officer on a page that exists: the one they asked for when it is on
this site, otherwise their usual landing page (settings.LOGIN_REDIRECT_URL), never a page on
another site and never Django's /accounts/profile/, which this site does not have."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

LOGIN = "/workspace/sign-in/"


def sign_in(client, next_url: str):
    return client.post(
        LOGIN, {"username": "officer-a", "password": "test-password", "next": next_url}
    )


@pytest.mark.parametrize(
    "unsafe",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver.evil.example/admin/",
        "",
    ],
)
def test_a_sign_in_with_an_unsafe_next_lands_on_the_officers_usual_page(
    client, officer_a, offer_a, unsafe
):
    response = sign_in(client, unsafe)

    assert response.status_code == 302
    landing = response["Location"]
    assert landing == resolve_url(settings.LOGIN_REDIRECT_URL) == "/workspace/"
    page = client.get(landing, follow=True)
    assert page.redirect_chain == [("/workspace/ashdown-test/", 302)]  # their one council
    assert "Ashdown Test Council" in page.content.decode()  # signed in, on their own page


def test_a_sign_in_with_a_next_on_this_site_goes_there(client, officer_a, offer_a):
    response = sign_in(client, "/workspace/ashdown-test/")

    assert response.status_code == 302
    assert response["Location"] == "/workspace/ashdown-test/"
    assert "Ashdown Test Council" in client.get(response["Location"]).content.decode()


def test_a_wrong_password_gets_an_error_summary_and_keeps_the_username(client, officer_a):
    response = client.post(LOGIN, {"username": "officer-a", "password": "wrong"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in" in page
    assert '<a href="#id_username">Enter a correct username and password.' in page
    assert 'id="id_username"' in page and 'value="officer-a"' in page


def test_signing_out_takes_a_post_and_ends_the_session(client, officer_a, offer_a):
    client.force_login(officer_a)

    assert client.get("/workspace/sign-out/").status_code == 405  # a link cannot sign you out
    client.post("/workspace/sign-out/")
    after = client.get("/workspace/ashdown-test/")
    assert after.status_code == 302 and after["Location"].startswith(LOGIN)

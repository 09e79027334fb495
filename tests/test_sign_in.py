"""Signing in lands the officer on a page that exists: the one they asked for when it is on
this site, otherwise their usual landing page (settings.LOGIN_REDIRECT_URL), never a page on
another site and never Django's /accounts/profile/, which this site does not have."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

LOGIN = "/admin/login/"


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
    assert landing == resolve_url(settings.LOGIN_REDIRECT_URL) == "/admin/"
    page = client.get(landing)
    assert page.status_code == 200
    assert "Ashdown Test Council" in page.content.decode()  # signed in, on their own page


def test_a_sign_in_with_a_next_on_this_site_goes_there(client, officer_a, offer_a):
    response = sign_in(client, f"/admin/offers/offer/{offer_a.pk}/change/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/offers/offer/{offer_a.pk}/change/"
    assert "Ashdown test offer" in client.get(response["Location"]).content.decode()

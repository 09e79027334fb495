"""National helplines: independent help a site administrator keeps true, on every offer page."""

import pytest
from django.core.exceptions import ValidationError

from offers.models import NationalHelpline

from .conftest import publish

ADD_URL = "/admin/offers/nationalhelpline/add/"


@pytest.fixture
def helpline(db):
    return NationalHelpline.objects.create(name="Advice line", phone="0161 496 0990")


def test_site_admin_adds_a_helpline_and_it_shows_on_every_offer_page(
    client, client_admin, offer_a, offer_b, approver_a, site_admin
):
    response = client_admin.post(
        ADD_URL,
        {
            "name": "Kinship advice (charity)",
            "phone": "0161 496 0991",
            "website": "",
            "description": "Free advice.",
            "opening_hours": "",
            "order": "0",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    publish(offer_a, approver_a, "First")
    publish(offer_b, site_admin, "First")
    client.logout()
    for slug in ["ashdown-test", "brackenford-test"]:
        html = client.get(f"/offers/{slug}/").content.decode()
        assert "<strong>Kinship advice (charity)</strong>" in html
        assert 'href="tel:01614960991"' in html


def test_a_helpline_needs_a_phone_or_a_website(client_admin):
    response = client_admin.post(
        ADD_URL, {"name": "Nowhere", "phone": "", "website": "", "order": "0"}
    )
    assert "Enter a phone number or a website, so families can reach it" in (
        response.content.decode()
    )
    assert not NationalHelpline.objects.exists()
    with pytest.raises(ValidationError):
        NationalHelpline(name="Bad phone", phone="12345").full_clean()


def test_officers_cannot_see_or_change_helplines(client_a, helpline):
    assert client_a.get("/admin/offers/nationalhelpline/")["Location"] == "/workspace/"
    change = f"/admin/offers/nationalhelpline/{helpline.pk}/change/"
    client_a.post(change, {"name": "Hijacked", "phone": "0161 496 0000", "order": "0"})
    helpline.refresh_from_db()
    assert helpline.name == "Advice line"


def test_anonymous_carer_is_sent_to_the_login_page(client, helpline):
    response = client.get("/admin/offers/nationalhelpline/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

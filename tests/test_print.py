"""The printable booklet at /offers/<slug>/print/: the whole offer, a cover, no forms."""

import pytest
from django.test import override_settings

from .conftest import publish
from .factories import AllowanceFactory, SectionFactory

URL = "/offers/ashdown-test/print/"


@pytest.fixture
def live(offer_a, approver_a):
    SectionFactory(offer=offer_a, kind="legal", heading="Legal help", arrangement_types=["sgo"])
    AllowanceFactory(
        section=offer_a.sections.first(), name="Informal grant", arrangement_types=["informal"]
    )
    publish(offer_a, approver_a)
    offer_a.sections.filter(kind="legal").update(summary="Free advice before you go to court.")
    publish(offer_a, approver_a, "Second version")
    return offer_a


@override_settings(SITE_URL="https://kinship.example")
def test_booklet_has_a_cover_with_council_version_and_published_date(client, live):
    html = client.get(URL).content.decode()
    revision = live.published_revision
    cover = html.split('class="kp-booklet__cover"')[1].split("kp-page-break")[0]
    assert "Ashdown Test Council" in cover
    assert "Ashdown test offer</h1>" in cover
    assert "Version 2" in cover
    assert f"{revision.published_at.day} {revision.published_at:%B %Y}" in cover
    assert "Sam Example, Head of Kinship Services" in cover
    assert "https://kinship.example/offers/ashdown-test/" in cover


def test_booklet_has_every_section_in_full_whatever_the_filter(client, live):
    html = client.get(URL + "?for=sgo").content.decode()
    assert "Money for carers A" in html and "Legal help" in html
    assert "Informal grant" in html and "Allowance A" in html
    assert "We pay <strong>allowances</strong> to some carers." in html


def test_booklet_has_no_forms_and_no_site_navigation(client, live):
    html = client.get(URL).content.decode()
    assert "<form" not in html
    assert "Was this section clear?" not in html
    assert "govuk-service-navigation" not in html
    assert "kp-footer" not in html
    assert 'href="/offers/ashdown-test/">Back to the offer</a>' in html
    assert html.count("<h1") == 1
    title = "Ashdown test offer (booklet) – Ashdown Test Council – Kinship support"
    assert f"<title>{title}</title>" in html


def test_booklet_is_not_found_until_something_is_published(client, offer_a):
    response = client.get(URL)
    assert response.status_code == 404
    assert "has not published its offer here yet" in response.content.decode()


def test_offer_page_links_to_the_booklet(client, live):
    assert f'href="{URL}">Print this offer' in client.get("/offers/ashdown-test/").content.decode()


def test_booklet_prints_how_to_apply_open_not_folded_away(client, approver_a, offer_a):
    allowance = offer_a.sections.get().allowances.get()
    allowance.how_to_apply = "Phone the kinship team."
    allowance.save()
    publish(offer_a, approver_a, "First version")
    booklet = client.get("/offers/ashdown-test/print/").content.decode()
    page = client.get("/offers/ashdown-test/financial/").content.decode()
    assert '<details class="govuk-details kp-entry" open>' in booklet
    assert '<details class="govuk-details kp-entry">' in page
    assert "Phone the kinship team." in booklet

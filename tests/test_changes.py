"""'What changed': every published version, newest first, and an Atom feed of them."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings

from offers.models import Allowance, Offer

from .conftest import publish
from .factories import AllowanceFactory

URL = "/offers/ashdown-test/changes/"
FEED = "/offers/ashdown-test/changes.atom"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def three_versions(offer_a, approver_a):
    publish(offer_a, approver_a, "First version of our offer")
    Allowance.objects.filter(section__offer=offer_a).update(amount="201.00")
    publish(offer_a, approver_a, "New allowance rates from April")
    Offer.objects.filter(pk=offer_a.pk).update(title="Our kinship offer")
    publish(offer_a, approver_a, "Clearer title")
    return offer_a


def test_versions_are_listed_newest_first_with_summaries_and_dates(client, three_versions):
    html = client.get(URL).content.decode()
    assert (
        html.index("Version 3 (the current version)")
        < html.index("Version 2")
        < html.index("Version 1")
    )
    assert "Clearer title" in html
    assert "New allowance rates from April" in html
    assert "First version of our offer" in html
    published = three_versions.published_revision.published_at
    assert f"Published {published.day} {published:%B %Y}" in html
    assert "<title>What changed – Ashdown Test Council – Kinship support</title>" in html


def test_a_changed_allowance_amount_is_said_in_words(client, three_versions):
    """Needs offers.diff.document_changes (helper h3) to describe amount changes."""
    html = client.get(URL).content.decode()
    version_2 = html.split('id="version-2"')[1].split("</section>")[0]
    assert "£190" in version_2
    assert "£201" in version_2


@override_settings(SITE_URL="https://kinship.example")
def test_atom_feed_is_valid_atom_with_absolute_links(client, three_versions):
    response = client.get(FEED)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id").text.startswith("https://kinship.example/")
    assert feed.find(f"{ATOM}updated").text
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Version 3: Clearer title",
        "Version 2: New allowance rates from April",
        "Version 1: First version of our offer",
    ]
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("https://kinship.example/offers/ashdown-test/changes/#version-")
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text
    self_link = [k for k in feed.findall(f"{ATOM}link") if k.get("rel") == "self"][0]
    assert self_link.get("href") == "https://kinship.example/offers/ashdown-test/changes.atom"


def test_the_feed_is_advertised_on_the_offer_and_changes_pages(client, three_versions):
    for url in ("/offers/ashdown-test/", URL):
        html = client.get(url).content.decode()
        assert 'type="application/atom+xml" title="Changes to Ashdown Test Council' in html
        assert f'href="{FEED}"' in html


def test_changes_and_feed_are_not_found_before_anything_is_published(client, offer_a):
    assert client.get(URL).status_code == 404
    assert client.get(FEED).status_code == 404


def test_changes_page_needs_few_queries(client, three_versions, django_assert_max_num_queries):
    # The page cache's content version, the council with its live version, the helplines
    # and the versions; served from the page cache after that.
    with django_assert_max_num_queries(4):
        client.get(URL)


def test_each_changed_age_band_is_named_and_linked_to_its_entry(client, offer_a, approver_a):
    """Issue 20: five bands of one allowance going up read as five different sentences."""
    section = offer_a.sections.get()
    Allowance.objects.filter(section=section).delete()
    bands = ["Age 0 to 4", "Age 5 to 10", "Age 11 to 15", "Age 16 to 17"]
    for band in bands:
        AllowanceFactory(section=section, name="Fostering allowance", age_band=band)
    publish(offer_a, approver_a, "First version")
    Allowance.objects.filter(section=section).update(amount="201.00")
    revision = publish(offer_a, approver_a, "New rates")
    version_2 = client.get(URL).content.decode().split('id="version-2"')[1].split("</section>")[0]
    anchor = revision.content["sections"][0]["anchor"]
    for entry in revision.content["sections"][0]["allowances"]:
        sentence = (
            f"Money for carers A: Fostering allowance ({entry['age_band']}): "
            "went up from £190 to £201 a week."
        )
        assert sentence in version_2
        link = f'href="/offers/ashdown-test/{anchor}/#allowances-{entry["key"][:8]}"'
        assert version_2.split(sentence)[1].lstrip().startswith(f'<a class="govuk-link" {link}')
    assert version_2.count("went up from £190 to £201 a week") == len(bands)


def test_a_change_to_an_entry_removed_later_links_to_its_section(client, offer_a, approver_a):
    section = offer_a.sections.get()
    publish(offer_a, approver_a, "First version")
    Allowance.objects.filter(section=section).update(amount="201.00")
    publish(offer_a, approver_a, "New rates")
    Allowance.objects.filter(section=section).delete()
    revision = publish(offer_a, approver_a, "No allowance now")
    version_2 = client.get(URL).content.decode().split('id="version-2"')[1].split("</section>")[0]
    anchor = revision.content["sections"][0]["anchor"]
    assert "went up from £190 to £201 a week." in version_2
    assert f'href="/offers/ashdown-test/{anchor}/">Read this part' in version_2
    assert "#allowances-" not in version_2

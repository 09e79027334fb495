"""The public offer page: what a family sees at /offers/<slug>/."""

import datetime
import re

import pytest
from django.test import RequestFactory

from offers.documents import document_for
from offers.models import NationalHelpline, Offer, OfferRevision, Section
from offers.rendering import render_guide_page, render_offer

from .conftest import publish
from .factories import (
    AllowanceFactory,
    ContactFactory,
    CouncilFactory,
    PeerGroupFactory,
    SectionFactory,
    SocialWorkServiceFactory,
    SupportServiceFactory,
    TrainingCourseFactory,
)
from .public_offer_helpers import page_without_csrf

URL = "/offers/ashdown-test/"


@pytest.fixture
def full_offer(offer_a):
    """Council A's offer with one of every kind of entry."""
    money = offer_a.sections.get()
    AllowanceFactory(
        section=money,
        name="Kinship allowance",
        amount="201.00",
        frequency="weekly",
        means_tested=False,
        applies_from=datetime.date(2026, 4, 6),
        arrangement_types=[],
        age_band="Age 0 to 4",
        how_to_apply="Ask your **social worker**.",
    )
    social = SectionFactory(offer=offer_a, kind="social_work", heading="Social work support")
    SocialWorkServiceFactory(
        section=social,
        kind="court_report",
        what_happens="We write a report for the court.",
        who_can_ask="Carers applying for an SGO",
        timescale="Within 8 weeks",
        how_to_ask="Call the kinship team",
    )
    practical = SectionFactory(offer=offer_a, kind="practical", heading="Practical help")
    SupportServiceFactory(
        section=practical, title="Help with school uniform", provider="Ashdown Kinship Trust"
    )
    training = SectionFactory(offer=offer_a, kind="carer_training", heading="Training for you")
    TrainingCourseFactory(
        section=training, title="Understanding trauma", booking_url="https://training.example/book"
    )
    peers = SectionFactory(offer=offer_a, kind="peer_support", heading="Meet other carers")
    PeerGroupFactory(
        section=peers, name="Grandparents' coffee morning", venue="Ashdown Library", online=True
    )
    contacts = SectionFactory(offer=offer_a, kind="contacts", heading="Contact us")
    ContactFactory(
        section=contacts,
        name="Kinship support team",
        phone="0161 496 0123",
        email="kinship@ashdown.example",
        opening_hours="Monday to Friday, 9am to 5pm",
    )
    return offer_a


@pytest.fixture
def live(full_offer, approver_a):
    publish(full_offer, approver_a, "First version")
    return full_offer


def test_page_shows_the_published_offer_with_manager_dates_and_version(client, live):
    html = client.get(URL).content.decode()
    revision = live.published_revision
    published = f"{revision.published_at.day} {revision.published_at:%B %Y}"
    assert '<h1 class="govuk-heading-xl">Ashdown test offer</h1>' in html
    assert '<p class="govuk-body">We help families who raise a relative\'s child.</p>' in html
    assert f"Published {published} (version 1)" in html
    assert "Sam Example, Head of Kinship Services" in html
    assert "1 April 2026" in html  # last reviewed
    assert "1 April 2027" in html  # next review due


def test_contents_list_links_to_a_page_for_every_section_and_each_page_is_that_section(
    client, live
):
    html = client.get(URL).content.decode()
    for section in live.published_revision.content["sections"]:
        page = f"{URL}{section['anchor']}/"
        assert f'href="{page}">{section["heading"]}</a>' in html
        section_html = client.get(page).content.decode()
        assert f'id="{section["anchor"]}-heading">{section["heading"]}</h1>' in section_html
        # The contents list is on every page, with this page marked as the current one.
        assert f'<span aria-current="page">{section["heading"]}</span>' in section_html


def _band_rows(html: str, name: str) -> list[str]:
    """The text of each body row of one allowance's table of age bands, tags removed."""
    table = html[html.index(f"{name}: how much for each age") :]
    table = table[: table.index("</table>")]
    body = table[table.index("<tbody") :]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def test_allowances_are_tables_of_age_bands_with_who_for_means_test_and_date(client, live):
    """Issue 20: one small table an allowance, a row a band (was one row an allowance)."""
    AllowanceFactory(
        section=live.sections.get(kind="financial"),
        name="Kinship allowance",
        amount="230.00",
        applies_from=datetime.date(2026, 4, 6),
        means_tested=False,
        arrangement_types=[],
        age_band="Age 5 to 17",
        how_to_apply="Ask your **social worker**.",
    )
    live.sections.get(kind="financial").allowances.filter(name="Allowance A").update(order=9)
    publish(live, None, "Older children")
    html = client.get(URL + "financial/").content.decode()
    assert "Kinship allowance</h2>" in html
    assert _band_rows(html, "Kinship allowance") == [
        "Age 0 to 4 £201 a week",
        "Age 5 to 17 £230 a week",
    ]
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    facts = text[text.index("Kinship allowance: how much") :]
    assert "For: Every kinship family. Means-tested: no. From 6 April 2026." in facts
    assert "Allowance A</h2>" in html
    assert "For: Special guardianship order (SGO). Means-tested: yes." in text
    assert "Means-tested means the amount depends on your income and savings." in html
    # How to apply sits in a details element that opens without JavaScript, once for the
    # allowance when its bands say the same.
    assert html.count("Kinship allowance: how to apply") == 1
    assert "Ask your <strong>social worker</strong>." in html


def test_social_work_and_other_entries_are_laid_out_as_summary_lists(client, live):
    html = "".join(
        client.get(f"{URL}{section['anchor']}/").content.decode()
        for section in live.published_revision.content["sections"]
    )
    # On a section's own page the section heading is the <h1>, so entries are <h2>.
    assert "Court report for an SGO or CAO</h2>" in html
    assert "We write a report for the court." in html
    assert "Within 8 weeks" in html and "Call the kinship team" in html
    assert "Help with school uniform</h2>" in html and "Ashdown Kinship Trust" in html
    assert "Understanding trauma</h2>" in html
    assert 'href="https://training.example/book">Book a place' in html
    assert "Ashdown Library, or online" in html
    assert '<a class="govuk-link" href="tel:01614960123">0161 496 0123</a>' in html
    assert 'href="mailto:kinship@ashdown.example"' in html
    assert "Monday to Friday, 9am to 5pm" in html


def test_contact_box_shows_who_to_call_and_the_councils_email_and_website(client, live):
    """Issue 20: one contact box, from the document (was the council row's phone in "Get
    help now"): the offer's main contact, then the council's email and website."""
    html = client.get(URL).content.decode()
    assert "Get help now" in html
    box = html[html.index('id="contact-heading"') : html.index("</aside>")]
    assert "Kinship support team:" in box
    assert 'href="tel:01614960123">0161 496 0123</a>' in box
    assert "Monday to Friday, 9am to 5pm" in box
    assert 'href="mailto:kinship@ashdown-test.example"' in box
    assert (
        'href="https://ashdown-test.example">Ashdown Test Council website'
        '<span class="govuk-visually-hidden"> (opens council website)</span>'
    ) in box


def test_national_helplines_show_the_parts_that_are_set_and_say_they_are_not_the_council(
    client, live
):
    NationalHelpline.objects.create(
        name="Kinship Advice Example",
        phone="0161 496 0999",
        website="https://advice.example",
        description="Free advice for every kinship carer.",
    )
    NationalHelpline.objects.create(name="Hidden helpline", phone="0161 496 0998", is_active=False)
    html = client.get(URL).content.decode()
    assert "Free help that is not the council" in html
    assert "<strong>Kinship Advice Example</strong><br>Free advice for every kinship carer." in html
    assert 'href="tel:01614960999">0161 496 0999</a></li>' in html  # no empty hours "()"
    assert 'href="https://advice.example">Kinship Advice Example website' in html
    assert "Hidden helpline" not in html


def test_national_help_is_left_out_when_there_is_none(client, live):
    html = client.get(URL).content.decode()
    assert "Free help that is not the council" not in html


def test_page_title_meta_description_and_og_title_name_the_council(client, live):
    html = client.get(URL).content.decode()
    title = "Ashdown test offer – Ashdown Test Council – Kinship support"
    assert f"<title>{title}</title>" in html
    assert f'<meta property="og:title" content="{title}">' in html
    assert '<meta name="description" content="Ashdown Test Council\'s kinship local offer' in html
    assert html.count("<h1") == 1


def test_officer_markdown_is_shown_as_safe_html(client, offer_a, approver_a):
    Section.objects.filter(offer=offer_a).update(
        body="## Grants\n\n<script>alert('x')</script>[bad](javascript:alert(1)) "
        "[Charity](https://charity.example)"
    )
    publish(offer_a, approver_a)
    html = client.get(URL + "financial/").content.decode()
    # Under the page's <h1> (the section heading), an officer's "##" is an <h3>.
    assert '<h3 class="govuk-heading-m">Grants</h3>' in html
    booklet = client.get(URL + "print/").content.decode()
    assert '<h4 class="govuk-heading-s">Grants</h4>' in booklet  # under the section's <h2>
    # Officers write Markdown, not HTML: a script tag is shown as the words typed, never run.
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert 'Charity<span class="govuk-visually-hidden"> (opens another website)</span>' in html


def test_live_page_does_not_change_when_the_working_copy_is_edited(client, live):
    before = page_without_csrf(client.get(URL))
    Offer.objects.filter(pk=live.pk).update(title="A new title nobody approved")
    Section.objects.filter(offer=live).update(heading="Edited heading")
    AllowanceFactory(section=live.sections.first(), name="Draft-only allowance")
    after = page_without_csrf(client.get(URL))
    assert after == before
    assert "Draft-only allowance" not in after


def test_live_page_changes_after_the_next_publish(client, live, approver_a):
    Offer.objects.filter(pk=live.pk).update(title="Our updated offer")
    publish(live, approver_a, "New title")
    html = client.get(URL).content.decode()
    assert '<h1 class="govuk-heading-xl">Our updated offer</h1>' in html
    assert "(version 2)" in html


def test_page_needs_at_most_four_queries(client, live, django_assert_max_num_queries):
    # The page cache's content version, the council with its live version, the helplines,
    # and the published national schemes ("At a glance" lists them).
    with django_assert_max_num_queries(4):
        response = client.get(URL + "?for=sgo")
    assert "Kinship allowance" in response.content.decode()
    with django_assert_max_num_queries(1):  # then kept whole: only the content version
        assert client.get(URL + "?for=sgo").content == response.content


def test_every_page_of_the_live_offer_asks_if_it_was_useful_without_a_form(client, live):
    pages = [URL, URL + "situations/"] + [
        f"{URL}{section['anchor']}/" for section in live.published_revision.content["sections"]
    ]
    for page in pages:
        response = client.get(page)
        html = response.content.decode()
        assert "Is this page useful?" in html, page
        assert "<form" not in html or 'method="post"' not in html, page
        assert "csrfmiddlewaretoken" not in html, page
        assert not response.cookies, page  # nothing per visitor: the page can be cached whole


def test_preview_uses_the_same_pages_without_feedback(rf_get, offer_a):
    document = document_for(offer_a.pk)
    response = render_guide_page(
        rf_get(),
        page="financial",
        council=offer_a.council,
        document=document,
        preview_banner="Preview – not published",
        base_url="/preview/token/",
    )
    html = response.content.decode()
    assert "Preview – not published" in html
    assert "Money for carers A" in html and "£190 a week" in html
    assert "Is this page useful?" not in html
    assert 'href="/preview/token/"' in html  # links stay inside the preview
    assert "/offers/ashdown-test/" not in html.split("<main")[1]


@pytest.fixture
def rf_get(db):
    def make(query=""):
        request = RequestFactory().get(f"/preview/token/{query}")
        return request

    return make


def test_preview_filters_by_arrangement_too(rf_get, offer_a):
    AllowanceFactory(
        section=offer_a.sections.get(), name="Informal grant", arrangement_types=["informal"]
    )
    response = render_offer(
        rf_get("?for=informal"),
        council=offer_a.council,
        document=document_for(offer_a.pk),
        preview_banner="Preview",
    )
    html = response.content.decode()
    assert "Informal grant" in html and "Allowance A" not in html


def test_unknown_council_gets_a_not_found_page_in_the_site_layout(client, db):
    response = client.get("/offers/nowhere/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'href="/#councils"' in html
    assert "Skip to main content" in html


def test_council_with_nothing_published_says_so_and_links_to_its_website(client, offer_a):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Ashdown Test Council has not published its offer here yet" in html
    assert 'href="https://ashdown-test.example">Ashdown Test Council website' in html
    assert "Money for carers A" not in html  # the working copy is never shown


def test_council_without_any_offer_row_is_not_an_error(client, db):
    CouncilFactory(name="Empty Council", slug="empty")
    response = client.get("/offers/empty/")
    assert response.status_code == 404
    assert "Empty Council has not published its offer here yet" in response.content.decode()


def test_inactive_council_is_not_found_even_if_it_published(client, live):
    live.council.is_active = False
    live.council.save()
    response = client.get(URL)
    assert response.status_code == 404
    assert "Ashdown test offer" not in response.content.decode()


def test_page_shows_the_latest_version_not_an_older_one(client, live, approver_a):
    first = live.published_revision
    Offer.objects.filter(pk=live.pk).update(title="Second title")
    publish(live, approver_a, "Second")
    assert OfferRevision.objects.filter(offer=live).count() == 2
    html = client.get(URL).content.decode()
    assert "Second title" in html and first.content["offer"]["title"] not in html.split("<main")[1]

"""Two officers editing the same offer or section: the second save is refused, nothing lost."""

import pytest
from django.urls import reverse

from offers.forms import OfferAdminForm, StaleEditError
from offers.models import Offer, Section

from .factories import MembershipFactory, UserFactory
from .publishing_helpers import form_data, offer_url

pytestmark = pytest.mark.django_db

STALE = "Someone else saved changes to"


@pytest.fixture
def second_officer(council_a):
    return MembershipFactory(council=council_a, user=UserFactory(username="officer-a2")).user


def _section_url(section):
    return reverse("admin:offers_section_change", args=[section.pk])


def test_the_second_of_two_offer_saves_is_refused_and_keeps_the_officers_text(
    client, officer_a, second_officer, offer_a
):
    url = offer_url("change", offer_a)
    client.force_login(officer_a)
    first = form_data(client, url, "offer_form")
    client.force_login(second_officer)
    second = form_data(client, url, "offer_form")

    client.force_login(officer_a)
    assert client.post(url, {**first, "title": "First officer's title"}).status_code == 302
    client.force_login(second_officer)
    response = client.post(url, {**second, "introduction": "Second officer's careful words"})

    html = response.content.decode()
    assert response.status_code == 200
    assert STALE in html
    assert "this offer while you were editing it" in html
    assert "your changes have not been saved" in html
    assert f'href="{url}"' in html  # the link to open the latest version
    assert "Second officer&#x27;s careful words" in html  # their text is still in the form
    offer_a.refresh_from_db()
    assert offer_a.title == "First officer's title"
    assert "Second officer" not in offer_a.introduction


def test_a_save_from_a_fresh_form_works_and_bumps_the_version(client_a, offer_a):
    url = offer_url("change", offer_a)
    before = Offer.objects.get(pk=offer_a.pk).lock_version

    client_a.post(url, {**form_data(client_a, url, "offer_form"), "title": "One"})
    client_a.post(url, {**form_data(client_a, url, "offer_form"), "title": "Two"})

    offer_a.refresh_from_db()
    assert offer_a.title == "Two"
    assert offer_a.lock_version == before + 2


def test_the_second_of_two_section_saves_is_refused(client, officer_a, second_officer, offer_a):
    section = offer_a.sections.get()
    url = _section_url(section)
    client.force_login(officer_a)
    first = form_data(client, url, "section_form")
    client.force_login(second_officer)
    second = form_data(client, url, "section_form")

    client.force_login(officer_a)
    assert client.post(url, {**first, "heading": "Money you can get"}).status_code == 302
    client.force_login(second_officer)
    response = client.post(url, {**second, "summary": "My new summary for the section"})

    html = response.content.decode()
    assert STALE in html
    assert "the section “Money you can get”" in html
    assert "My new summary for the section" in html
    section.refresh_from_db()
    assert section.heading == "Money you can get"
    assert section.summary != "My new summary for the section"


def test_a_section_changed_on_its_own_page_refuses_a_stale_edit_on_the_offer_page(
    client, officer_a, second_officer, offer_a
):
    section = offer_a.sections.get()
    offer_page = offer_url("change", offer_a)
    client.force_login(second_officer)
    on_offer_page = form_data(client, offer_page, "offer_form")
    client.force_login(officer_a)
    section_form = form_data(client, _section_url(section), "section_form")
    client.post(_section_url(section), {**section_form, "heading": "Changed elsewhere"})

    client.force_login(second_officer)
    response = client.post(offer_page, {**on_offer_page, "sections-0-heading": "Stale heading"})

    assert STALE in response.content.decode()
    section.refresh_from_db()
    assert section.heading == "Changed elsewhere"


def test_an_untouched_section_row_does_not_block_saving_the_offer(
    client, officer_a, second_officer, offer_a
):
    section = offer_a.sections.get()
    offer_page = offer_url("change", offer_a)
    client.force_login(second_officer)
    on_offer_page = form_data(client, offer_page, "offer_form")
    # Someone saves the section's body (not shown on the offer page) meanwhile.
    Section.objects.filter(pk=section.pk).update(lock_version=99, body="Changed elsewhere")

    response = client.post(offer_page, {**on_offer_page, "title": "Only the title"})

    assert response.status_code == 302
    offer_a.refresh_from_db()
    section.refresh_from_db()
    assert (offer_a.title, section.body) == ("Only the title", "Changed elsewhere")


def test_a_refused_inline_row_does_not_count_as_a_save(client_a, offer_a):
    """An invalid form changes nothing, so sending it again once fixed still works."""
    url = offer_url("change", offer_a)
    data = form_data(client_a, url, "offer_form")
    response = client_a.post(url, {**data, "title": "New", "sections-0-heading": ""})
    assert response.status_code == 200  # the empty heading is an error

    response = client_a.post(url, {**data, "title": "New"})

    assert response.status_code == 302
    offer_a.refresh_from_db()
    assert offer_a.title == "New"


def test_the_save_itself_is_conditional_on_the_version_read(offer_a):
    """Between the check and the save someone else saves: the UPDATE matches no row."""
    form = OfferAdminForm(
        data={
            "council": offer_a.council_id,
            "title": "Mine",
            "introduction": offer_a.introduction,
            "manager_name": offer_a.manager_name,
            "manager_job_title": offer_a.manager_job_title,
            "last_reviewed": "2026-04-01",
            "next_review_due": "2027-04-01",
            "lock_version": offer_a.lock_version,
        },
        instance=Offer.objects.get(pk=offer_a.pk),
    )
    assert form.is_valid(), form.errors
    Offer.objects.filter(pk=offer_a.pk).update(lock_version=offer_a.lock_version + 1)

    with pytest.raises(StaleEditError):
        form.save()

    offer_a.refresh_from_db()
    assert offer_a.title == "Ashdown test offer"


def test_changing_only_a_section_row_on_a_stale_offer_page_is_refused_not_an_error(
    client, officer_a, second_officer, offer_a
):
    """The admin saves the offer's own fields too, so they must not overwrite newer ones."""
    url = offer_url("change", offer_a)
    client.force_login(second_officer)
    stale = form_data(client, url, "offer_form")
    client.force_login(officer_a)
    client.post(url, {**form_data(client, url, "offer_form"), "title": "Newer title"})

    client.force_login(second_officer)
    response = client.post(url, {**stale, "sections-0-summary": "Only my section summary"})

    assert response.status_code == 200
    assert STALE in response.content.decode()
    offer_a.refresh_from_db()
    assert offer_a.title == "Newer title"


def test_a_hand_made_post_without_the_version_is_refused(client_a, offer_a):
    url = offer_url("change", offer_a)
    data = form_data(client_a, url, "offer_form")
    del data["lock_version"]

    response = client_a.post(url, {**data, "title": "No version"})

    assert "missing a detail we need to save it safely" in response.content.decode()
    offer_a.refresh_from_db()
    assert offer_a.title == "Ashdown test offer"

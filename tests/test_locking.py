"""Two officers editing the same offer or section in the workspace: the second save is
refused, and nothing either of them typed is lost. Cast: two editors of council A."""

import pytest
from django.urls import reverse

from offers.forms import StaleEditError
from offers.models import Offer, Section
from offers.workspace.writing.forms import OfferIntroductionForm

from .admin_helpers import form_data
from .factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

STALE = "Someone else saved changes to"


@pytest.fixture
def second_officer(council_a):
    return MembershipFactory(council=council_a, user=UserFactory(username="officer-a2")).user


def _intro_url(offer):
    return reverse("workspace:about", args=[offer.council.slug, "introduction"])


def _details_url(section):
    return reverse("workspace:section_details", args=[section.offer.council.slug, section.key])


def test_the_second_of_two_offer_saves_is_refused_and_keeps_the_officers_text(
    client, officer_a, second_officer, offer_a
):
    url = _intro_url(offer_a)
    client.force_login(officer_a)
    first = form_data(client.get(url))
    client.force_login(second_officer)
    second = form_data(client.get(url))

    client.force_login(officer_a)
    first.update({"title": ["First officer's title"], "completed": ["yes"]})
    assert client.post(url, first).status_code == 302
    client.force_login(second_officer)
    second.update({"introduction": ["Second officer's careful words"], "completed": ["yes"]})
    response = client.post(url, second)

    html = response.content.decode()
    assert response.status_code == 200
    assert STALE in html
    assert "your changes have not been saved" in html
    assert "Second officer&#x27;s careful words" in html  # their text is still in the form
    offer_a.refresh_from_db()
    assert offer_a.title == "First officer's title"
    assert "Second officer" not in offer_a.introduction


def test_a_save_from_a_fresh_form_works_and_bumps_the_version(client_a, offer_a):
    url = _intro_url(offer_a)
    before = Offer.objects.get(pk=offer_a.pk).lock_version
    for title in ("One", "Two"):
        data = form_data(client_a.get(url))
        data.update({"title": [title], "completed": ["yes"]})
        assert client_a.post(url, data).status_code == 302

    offer_a.refresh_from_db()
    assert offer_a.title == "Two"
    assert offer_a.lock_version == before + 2


def test_the_second_of_two_section_saves_is_refused(client, officer_a, second_officer, offer_a):
    section = offer_a.sections.get()
    url = _details_url(section)
    client.force_login(officer_a)
    first = form_data(client.get(url))
    client.force_login(second_officer)
    second = form_data(client.get(url))

    client.force_login(officer_a)
    first["heading"] = ["First heading"]
    assert client.post(url, first).status_code == 302
    client.force_login(second_officer)
    second["body"] = ["Second officer's body text"]
    response = client.post(url, second)

    html = response.content.decode()
    assert STALE in html
    assert "Second officer&#x27;s body text" in html
    section.refresh_from_db()
    assert section.heading == "First heading"
    assert "Second officer" not in section.body


def test_the_save_itself_is_conditional_on_the_version_read(offer_a):
    """Between the check and the save someone else saves: the UPDATE matches no row."""
    form = OfferIntroductionForm(
        data={
            "title": "Mine",
            "introduction": offer_a.introduction,
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


def test_a_hand_made_post_without_the_version_is_refused(client_a, offer_a):
    url = _intro_url(offer_a)
    data = form_data(client_a.get(url))
    del data["lock_version"]
    data.update({"title": ["No version"], "completed": ["yes"]})

    response = client_a.post(url, data)

    assert "missing a detail we need to save it safely" in response.content.decode()
    offer_a.refresh_from_db()
    assert offer_a.title == "Ashdown test offer"


def test_a_section_saved_meanwhile_refuses_a_stale_section_form(client_a, offer_a):
    section = offer_a.sections.get()
    url = _details_url(section)
    data = form_data(client_a.get(url))
    Section.objects.filter(pk=section.pk).update(lock_version=section.lock_version + 1)
    data["summary"] = ["My summary"]

    response = client_a.post(url, data)

    assert STALE in response.content.decode()
    section.refresh_from_db()
    assert section.summary != "My summary"

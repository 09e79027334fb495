"""Starting a council's first offer, and import and export of the working copy, in the
workspace. Cast: an editor of council A, an editor of council B, anonymous."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from offers import limits
from offers.demo import starter_document
from offers.documents import document_for, document_to_json
from offers.models import Offer
from offers.tasks import prompt_places

from .workspace_helpers import assert_error_summary_points_at_fields, tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_b(client, officer_b):
    client.force_login(officer_b)
    return client


def start_url(council):
    return reverse("workspace:start", args=[council.slug])


def test_a_council_with_no_offer_chooses_how_to_start(client_b, council_b):
    html = client_b.get(start_url(council_b)).content.decode()
    assert "Start from the example offer" in html and "Start with an empty offer" in html


def test_starting_from_the_example_lists_its_prompts_as_tasks(client_b, council_b):
    response = client_b.post(start_url(council_b), {"start": "example"})
    assert response["Location"] == reverse("workspace:tasks", args=[council_b.slug])
    offer = Offer.objects.get(council=council_b)
    assert offer.sections.count() == len(starter_document()["sections"])
    html = client_b.get(response["Location"]).content.decode()
    assert "Replace the example text" in html
    prompts = prompt_places(document_for(offer.pk))
    assert prompts
    assert html.count("Replace the example text:") == len(prompts)


def test_starting_empty_makes_an_offer_with_nothing_started(client_b, council_b):
    client_b.post(start_url(council_b), {"start": "empty"})
    offer = Offer.objects.get(council=council_b)
    assert offer.sections.count() == 0 and offer.introduction == ""
    html = client_b.get(reverse("workspace:tasks", args=[council_b.slug])).content.decode()
    assert "Not started" in html


def test_choosing_nothing_is_an_error_linked_to_the_first_choice(client_b, council_b):
    response = client_b.post(start_url(council_b), {})
    assert assert_error_summary_points_at_fields(response) == [
        ("start-example", "Select how you want to start your offer")
    ]
    assert not Offer.objects.filter(council=council_b).exists()


def test_another_councils_editor_cannot_start_its_offer(client_b, council_a):
    assert client_b.post(start_url(council_a), {"start": "example"}).status_code == 404
    assert not Offer.objects.filter(council=council_a).exists()


def test_a_council_with_an_offer_goes_to_its_task_list(client_a, offer_a):
    response = client_a.get(start_url(offer_a.council))
    assert response["Location"] == reverse("workspace:tasks", args=[offer_a.council.slug])


# --- Export and import ---------------------------------------------------------------------------


def test_export_downloads_the_working_copy(client_a, offer_a):
    response = client_a.get(reverse("workspace:export", args=[offer_a.council.slug]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content) == json.loads(document_to_json(document_for(offer_a.pk)))


def test_import_shows_what_the_file_holds_then_replaces_the_working_copy(client_a, offer_a):
    document = document_for(offer_a.pk)
    document["sections"][0]["heading"] = "Heading from the file"
    upload = SimpleUploadedFile("offer.json", document_to_json(document).encode())
    page = reverse("workspace:import", args=[offer_a.council.slug])
    check = client_a.post(page, {"file": upload})
    html = check.content.decode()
    assert "Check the file before it replaces your working copy" in html
    assert "Heading from the file" in html
    assert offer_a.sections.get().heading != "Heading from the file"  # nothing changed yet
    from .admin_helpers import form_data

    done = client_a.post(page, {**form_data(check), "confirm": "1"})
    assert done["Location"] == reverse("workspace:tasks", args=[offer_a.council.slug])
    assert offer_a.sections.get().heading == "Heading from the file"


def test_a_file_over_the_limit_is_refused_with_a_gov_uk_error(client_a, offer_a):
    big = SimpleUploadedFile("offer.json", b" " * (limits.MAX_DOCUMENT_BYTES + 1))
    page = reverse("workspace:import", args=[offer_a.council.slug])
    response = client_a.post(page, {"file": big})
    links = assert_error_summary_points_at_fields(response)
    assert links[0][0] == "id_file"


def test_another_councils_offer_file_is_refused(client_a, offer_a, offer_b):
    upload = SimpleUploadedFile("offer.json", document_to_json(document_for(offer_b.pk)).encode())
    page = reverse("workspace:import", args=[offer_a.council.slug])
    response = client_a.post(page, {"file": upload})
    assert "Brackenford" in assert_error_summary_points_at_fields(response)[0][1]


def test_every_finding_of_the_check_page_links_to_its_field_on_its_page(client_b, council_b):
    """Started from the example offer, every checklist gap and piece of advice links to a
    page of the workspace that has an element with the link's id."""
    client_b.post(start_url(council_b), {"start": "example"})
    offer = Offer.objects.get(council=council_b)
    section = offer.sections.first()
    section.body = "Read more at http://kinship.example/help."
    section.save()
    check = client_b.get(reverse("workspace:check", args=[council_b.slug]))
    links = [
        link.get("href")
        for link in tree(check).iter("a")
        if link.get("href", "").startswith(f"/workspace/{council_b.slug}/")
        and "#" in link.get("href", "")
    ]
    assert len(links) > 5
    pages = {}
    for link in links:
        address, fragment = link.split("#")
        if address not in pages:
            response = client_b.get(address)
            assert response.status_code == 200, link
            pages[address] = {e.get("id") for e in tree(response).iter() if e.get("id")}
        assert fragment in pages[address], f"{link}: no element with that id on the page"

"""Download an offer as JSON and import a JSON file into the working copy, in the workspace.

Downloads are the document itself (the working copy's, or a version's as stored). An import
is checked on upload, shows what would change, and changes the working copy only when the
officer confirms; the live version never changes. Another council's officer finds nothing.
Cast: an editor and an approver of council A, an editor of council B, a site administrator.
"""

import copy

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.urls import reverse

from offers import services
from offers.choices import AuditAction
from offers.documents import document_for, document_to_json
from offers.models import AuditEvent, Offer
from offers.schema import MAX_FILE_BYTES

from .admin_helpers import form_data
from .conftest import publish

pytestmark = pytest.mark.django_db

STALE = (
    "Someone changed the offer while you were checking the file. Upload it again to see the "
    "latest changes."
)


def offer_url(view: str, offer, *args) -> str:
    """The workspace's address of a page of the offer: "import", "export", "version_download"."""
    return reverse(f"workspace:{view}", args=[offer.council.slug, *args])


def upload(content, name="ashdown.json"):
    data = content if isinstance(content, bytes) else document_to_json(content).encode()
    return SimpleUploadedFile(name, data, content_type="application/json")


def is_private(response) -> bool:
    """Cached by nobody but the officer's own browser, and never kept: as the other pages."""
    parts = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= parts and response["X-Robots-Tag"] == "noindex, nofollow"


def renamed(offer, title="Imported title"):
    """The offer's own document with a new title and allowance amount: a change to import."""
    document = copy.deepcopy(document_for(offer.pk))
    document["offer"]["title"] = title
    document["sections"][0]["allowances"][0]["amount"] = "250.00"
    return document


def check(client, offer, content):
    """Step 1: upload the file. Returns the page (the change list, or the form with errors)."""
    return client.post(offer_url("import", offer), {"file": upload(content)})


def confirm(client, offer, checked_page, **changes):
    """Step 2: post the confirm form back as the page has it, with any fields changed."""
    data = form_data(checked_page)
    data["confirm"] = ["1"]
    data.update({name: [value] for name, value in changes.items()})
    return client.post(offer_url("import", offer), data, follow=True)


def unchanged(offer, before: dict, lock_version: int) -> bool:
    offer.refresh_from_db()
    return (
        document_for(offer.pk) == before
        and offer.lock_version == lock_version
        and not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()
    )


@pytest.fixture
def published_a(offer_a, approver_a):
    publish(offer_a, approver_a, "First version")
    offer_a.refresh_from_db()
    return offer_a


# --- Download ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["client_a", "client_approver_a", "client_admin"])
def test_any_officer_of_the_council_downloads_the_working_copy(request, offer_a, who):
    client = request.getfixturevalue(who)

    response = client.get(offer_url("export", offer_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="ashdown-test-working-copy'
    )
    assert is_private(response)
    assert response.content == document_to_json(document_for(offer_a.pk)).encode("utf-8")


def test_each_version_downloads_exactly_as_it_was_stored(client_a, published_a, approver_a):
    published_a.title = "Second title"
    published_a.save()
    second = publish(published_a, approver_a, "New title")

    first_file = client_a.get(offer_url("version_download", published_a, 1))
    second_file = client_a.get(offer_url("version_download", published_a, 2))

    first = published_a.revisions.get(version=1)
    assert first_file.content == document_to_json(first.content).encode("utf-8")
    assert second_file.content == document_to_json(second.content).encode("utf-8")
    assert b"Second title" not in first_file.content
    assert first_file["Content-Disposition"] == 'attachment; filename="ashdown-test-version-1.json"'
    assert is_private(first_file)
    assert client_a.get(offer_url("version_download", published_a, 3)).status_code == 404


# --- Another council's officer ----------------------------------------------------------------


def test_another_councils_officer_finds_no_download_or_import_page(client, officer_b, published_a):
    client.force_login(officer_b)
    for url in (
        offer_url("export", published_a),
        offer_url("version_download", published_a, 1),
        offer_url("import", published_a),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Ashdown" not in response.content


def test_another_councils_officer_cannot_import_by_a_direct_post(
    client, officer_a, officer_b, published_a
):
    before, lock = document_for(published_a.pk), published_a.lock_version
    client.force_login(officer_a)
    checked = check(client, published_a, renamed(published_a))  # the page A's officer gets
    client.force_login(officer_b)

    assert check(client, published_a, renamed(published_a)).status_code == 404
    assert confirm(client, published_a, checked).status_code == 404
    assert unchanged(published_a, before, lock)

    # Control: the same confirm, posted by council A's own editor, imports the file.
    client.force_login(officer_a)
    response = confirm(client, published_a, checked)
    assert response.status_code == 200
    assert "The file is now your working copy." in response.content.decode()
    assert Offer.objects.get(pk=published_a.pk).title == "Imported title"


def test_a_refusal_from_the_service_is_a_403_not_a_500(client_a, published_a, monkeypatch):
    checked = check(client_a, published_a, renamed(published_a))
    before, lock = document_for(published_a.pk), published_a.lock_version

    # The service refuses (as it would if the editor lost their membership between the
    # admin's check and the service's); the admin page itself still lets them in.
    def refuse(user, offer):
        raise PermissionDenied("You cannot change this council's offer")

    monkeypatch.setattr(services, "_require_editor", refuse)

    assert confirm(client_a, published_a, checked).status_code == 403
    assert unchanged(published_a, before, lock)


# --- Files that cannot be imported -------------------------------------------------------------


def _negative_amount(offer):
    document = document_for(offer.pk)
    document["sections"][0]["allowances"][0]["amount"] = "-5.00"
    return document


@pytest.mark.parametrize(
    "make_file, message",
    [
        (lambda a, b: b"{ this is not json", "The file is not valid JSON"),
        (lambda a, b: b"", "The file is empty"),
        (lambda a, b: "\u00a3190".encode("latin-1"), "The file is not text"),
        (
            lambda a, b: document_for(b.pk),
            "council: this file is the offer of Brackenford Test Council. You can only "
            "import Ashdown Test Council&#x27;s own offer here",
        ),
        (
            lambda a, b: _negative_amount(a),
            "sections[0].allowances[0].amount: “-5.00” is not an amount",
        ),
    ],
    ids=["not-json", "empty", "not-utf8", "another-council", "negative-amount"],
)
def test_a_file_that_cannot_be_imported_is_explained_and_changes_nothing(
    client_a, offer_a, offer_b, make_file, message
):
    before, lock = document_for(offer_a.pk), offer_a.lock_version

    response = check(client_a, offer_a, make_file(offer_a, offer_b))

    html = response.content.decode()
    assert response.status_code == 200
    assert is_private(response)
    assert "There is a problem" in html  # the error summary
    assert 'href="#id_file"' in html
    assert "govuk-error-message" in html  # and the error by the field
    assert html.count(message) == 2, html
    assert "<title>Error: " in html
    assert unchanged(offer_a, before, lock)


@pytest.mark.parametrize("view", ["tasks", "import", "check", "about"])
def test_every_workspace_page_is_private(client_a, offer_a, view):
    """The working copy is on these pages: no shared cache keeps them, no search engine."""
    args = ["introduction"] if view == "about" else []
    assert is_private(client_a.get(offer_url(view, offer_a, *args)))


def test_no_file_chosen_is_an_error(client_a, offer_a):
    html = client_a.post(offer_url("import", offer_a), {}).content.decode()
    assert "Choose the offer file to import" in html


def test_a_file_of_exactly_2_mb_is_checked_and_one_byte_more_is_refused(client_a, offer_a):
    text = document_to_json(renamed(offer_a)).encode()
    padded = text + b" " * (MAX_FILE_BYTES - len(text))  # JSON allows trailing spaces
    assert len(padded) == MAX_FILE_BYTES

    accepted = check(client_a, offer_a, padded).content.decode()
    refused = check(client_a, offer_a, padded + b" ").content.decode()

    assert "Check the file before it replaces your working copy" in accepted
    assert "It must be 2 MB or smaller" in refused
    assert "Check the file before" not in refused


# --- A file that can be imported ----------------------------------------------------------------


def test_a_valid_file_shows_what_it_holds_and_changes_nothing_yet(client_a, published_a):
    before, lock = document_for(published_a.pk), published_a.lock_version

    response = check(client_a, published_a, renamed(published_a))

    html = response.content.decode()
    assert is_private(response)
    assert "Check the file before it replaces your working copy" in html
    assert "Imported title" in html
    assert unchanged(published_a, before, lock)


def test_confirming_imports_into_the_working_copy_and_the_live_version_stays(client_a, published_a):
    live_before = published_a.published_revision
    checked = check(client_a, published_a, renamed(published_a))

    response = confirm(client_a, published_a, checked)

    assert response.redirect_chain[-1][0] == offer_url("tasks", published_a)
    assert "The file is now your working copy." in response.content.decode()
    published_a.refresh_from_db()
    working = document_for(published_a.pk)
    assert working["offer"]["title"] == "Imported title"
    assert working["sections"][0]["allowances"][0]["amount"] == "250.00"
    assert published_a.published_revision == live_before
    assert published_a.revisions.count() == 1
    assert live_before.content["offer"]["title"] == "Ashdown test offer"
    assert AuditEvent.objects.filter(offer=published_a, action=AuditAction.IMPORT).count() == 1


def test_downloading_then_importing_the_same_file_changes_nothing(client_a, published_a):
    before = document_for(published_a.pk)
    file = client_a.get(offer_url("export", published_a)).content

    response = confirm(client_a, published_a, check(client_a, published_a, file))

    assert response.status_code == 200
    assert document_for(published_a.pk) == before


def test_a_starter_template_imports_and_the_council_details_stay(client_a, offer_a):
    template = renamed(offer_a, title="Starter offer")
    template["council"] = None

    checked = check(client_a, offer_a, template)
    confirm(client_a, offer_a, checked)

    working = document_for(offer_a.pk)
    assert working["offer"]["title"] == "Starter offer"
    assert working["council"]["name"] == "Ashdown Test Council"


# --- Someone changed the offer, or the page, in between ------------------------------------------


def test_an_offer_saved_after_the_check_is_refused_and_nothing_changes(client_a, published_a):
    checked = check(client_a, published_a, renamed(published_a))
    Offer.objects.filter(pk=published_a.pk).update(lock_version=F("lock_version") + 1)
    before, lock = document_for(published_a.pk), published_a.lock_version + 1

    response = confirm(client_a, published_a, checked)

    html = response.content.decode()
    assert html.count(STALE) == 2  # the summary and the field
    assert 'type="file"' in html  # to upload it again
    assert unchanged(published_a, before, lock)


def test_a_section_edited_after_the_check_is_refused_too(client_a, published_a):
    checked = check(client_a, published_a, renamed(published_a))
    section = published_a.sections.get()  # a section save does not bump the offer's version
    section.heading = "Edited meanwhile"
    section.save()
    before, lock = document_for(published_a.pk), published_a.lock_version

    html = confirm(client_a, published_a, checked).content.decode()

    assert STALE in html
    assert unchanged(published_a, before, lock)


def test_a_document_tampered_with_on_the_confirm_page_is_checked_again(
    client_a, published_a, offer_b
):
    checked = check(client_a, published_a, renamed(published_a))
    before, lock = document_for(published_a.pk), published_a.lock_version
    foreign = document_to_json(document_for(offer_b.pk))

    html = confirm(client_a, published_a, checked, document=foreign).content.decode()

    assert "<title>Error:" in html and 'type="file"' in html  # upload it again
    assert unchanged(published_a, before, lock)


def test_a_confirm_page_missing_its_details_is_refused(client_a, published_a):
    checked = check(client_a, published_a, renamed(published_a))
    before, lock = document_for(published_a.pk), published_a.lock_version

    html = confirm(client_a, published_a, checked, lock_version="", working_copy="").content
    assert "Upload the file again." in html.decode()
    assert unchanged(published_a, before, lock)


def test_a_file_breaking_a_models_rule_is_refused_on_confirm_and_changes_nothing(
    client_a, published_a
):
    document = renamed(published_a)
    document["offer"]["next_review_due"] = document["offer"]["last_reviewed"]
    checked = check(client_a, published_a, document)
    before, lock = document_for(published_a.pk), published_a.lock_version

    html = confirm(client_a, published_a, checked).content.decode()

    assert "offer.next_review_due: The next review date must be after" in html
    assert "There is a problem" in html
    assert unchanged(published_a, before, lock)

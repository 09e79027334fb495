"""Import refuses what the forms refuse, and JSON no offer file holds; nothing half-imports.
And text stored before those rules (a control character in an old published version) no
longer breaks the Atom feed, the pages, the API or the CSV.

Refusals are checked against the working copy (unchanged); each kind of file is also shown
importing once it is fixed, so a refusal cannot pass by erroring.
"""

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from offers import services
from offers.document_upgrades import StoredDocumentDecoder
from offers.documents import document_for, document_to_json
from offers.feeds import offer_changes_feed
from offers.models import AuditEvent, Council, OfferRevision, Section
from offers.schema import DocumentError, document_from_file, json_depth
from offers.validators import validate_showable_text, without_unshowable_characters

from .admin_helpers import form_data

pytestmark = pytest.mark.django_db
User = get_user_model()

# A raw control character (other than tab, line feed and carriage return) in bytes.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _state(offer) -> tuple:
    offer.refresh_from_db()
    return document_for(offer.pk), offer.lock_version, AuditEvent.objects.count()


# --- The text rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "character", ["\x00", "\x07", "\x1b", "\x7f", "\x0c", "\ud800", "\udfff", "\ufffe", "\uffff"]
)
def test_the_text_rule_refuses_each_kind_of_unshowable_character(character):
    with pytest.raises(ValidationError, match=r"cannot be shown \(U\+"):
        validate_showable_text(f"Money {character}for carers")


@pytest.mark.parametrize(
    "text", ["Line one\nline two\r\n\tindented", "Grandparents 👵 raising 👦", "Ça va, Zoë", "\x85"]
)
def test_the_text_rule_accepts_new_lines_tabs_and_any_language(text):
    validate_showable_text(text)


def test_stored_text_is_made_showable_without_joining_words():
    assert without_unshowable_characters("page\x0cbreak, bell\x07 and \ud800") == (
        "page break, bell and \ufffd"
    )


def test_a_form_refuses_a_non_character_the_address_check_lets_through(client_a, offer_a):
    section = offer_a.sections.get()
    url = reverse("workspace:section_details", args=[offer_a.council.slug, section.key])
    data = form_data(client_a.get(url))

    response = client_a.post(url, {**data, "heading": ["Money \uffff for carers"]})

    assert response.status_code == 200
    assert "The text has a character that cannot be shown (U+FFFF)" in response.content.decode()
    section.refresh_from_db()
    assert section.heading == "Money for carers A"


# --- import_offer: each refusal names the problem and changes nothing ---------------------------


def _exported(offer) -> str:
    return document_to_json(document_for(offer.pk))


def _deep(text: str) -> str:
    return text.replace('"title": "Ashdown test offer"', '"title": ' + "[" * 10_000 + "]" * 10_000)


REFUSALS = {
    "control-in-heading": (
        lambda t: t.replace("Money for carers A", "Money \\u0007for carers"),
        r"sections\[0\]\.heading: The text has a character that cannot be shown \(U\+0007\)",
    ),
    "nul-in-body": (
        lambda t: t.replace("We pay", "We\\u0000 pay"),
        r"sections\[0\]\.body: The text has a character that cannot be shown \(U\+0000\)",
    ),
    "lone-surrogate-in-an-entry": (
        lambda t: t.replace('"name": "Allowance A"', '"name": "Allowance \\ud800"'),
        r"sections\[0\]\.allowances\[0\]\.name: .* cannot be shown \(U\+D800\)",
    ),
    "control-in-a-name": (
        lambda t: t.replace('"heading":', '"head\\u001bing":'),
        r"sections\[0\]\.head\\u001bing: The text has a character that cannot be shown",
    ),
    "hidden-character-the-form-refuses": (
        lambda t: t.replace("Money for carers A", "Money \\u202efor carers"),
        r"sections\[0\]\.heading: Remove the hidden characters",
    ),
    "duplicate-name": (
        lambda t: t.rstrip().removesuffix("}") + ', "sections": []}',
        "The file has “sections” twice in the same place",
    ),
    "deep-nesting": (_deep, "The file nests lists and objects more than 16 deep"),
    "huge-number": (
        lambda t: t.replace('"schema": 2', '"schema": 2' + "0" * 4_999),
        "The file has a number 5,000 characters long",
    ),
    "nan": (lambda t: t.replace('"schema": 2', '"schema": NaN'), "“NaN”, which is not a number"),
    "infinity": (
        lambda t: t.replace('"schema": 2', '"schema": -Infinity'),
        "“-Infinity”, which is not a number",
    ),
    "out-of-range": (
        lambda t: t.replace('"schema": 2', '"schema": 1e400'),
        "The file has a number too big to use: 1e400",
    ),
    "not-utf-8": (lambda t: t.replace("Money", "M\udcffoney"), "The file is not text"),
}


def _file(tmp_path, text: str):
    path = tmp_path / "offer.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return path


@pytest.mark.parametrize(("change", "message"), REFUSALS.values(), ids=REFUSALS.keys())
def test_import_offer_refuses_with_a_message_and_changes_nothing(
    tmp_path, offer_a, officer_a, change, message
):
    before = _state(offer_a)
    path = _file(tmp_path, change(_exported(offer_a)))

    with pytest.raises(CommandError, match=message) as refused:
        call_command(
            "import_offer", "ashdown-test", str(path), "--by", "officer-a", stdout=StringIO()
        )

    assert str(refused.value).startswith("Nothing was imported: ")
    assert not CONTROL_BYTES.search(str(refused.value).encode())
    assert _state(offer_a) == before


def test_the_file_the_refusals_start_from_imports(tmp_path, offer_a, officer_a):
    text = _exported(offer_a).replace("Money for carers A", "Money for kinship carers")
    call_command(
        "import_offer",
        "ashdown-test",
        str(_file(tmp_path, text)),
        "--by",
        "officer-a",
        stdout=StringIO(),
    )
    assert document_for(offer_a.pk)["sections"][0]["heading"] == "Money for kinship carers"


def test_the_service_refuses_a_control_character_with_its_place(offer_a, officer_a):
    document = document_for(offer_a.pk)
    document["sections"][0]["allowances"][0]["notes"] = "Ask us\x07"
    before = _state(offer_a)

    with pytest.raises(DocumentError) as refused:
        services.offer_import(offer=offer_a, document=document, by=officer_a)

    assert refused.value.path == "sections[0].allowances[0].notes"
    assert _state(offer_a) == before


def test_depth_is_counted_to_just_past_the_limit_and_refused_there():
    assert json_depth({"a": [[{"b": "[[[[[[["}]]}) == 4
    assert json_depth("text") == 0
    assert json_depth(json.loads("[" * 500 + "]" * 500)) == 17  # stops counting past 16
    with pytest.raises(DocumentError, match="more than 16 deep"):
        document_from_file(("[" * 17 + "]" * 17).encode())
    assert document_from_file(("[" * 16 + "]" * 16).encode()) == [[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]


# --- The admin's import page -----------------------------------------------------------------


def _import_url(offer) -> str:
    return reverse("workspace:import", args=[offer.council.slug])


@pytest.mark.parametrize("name", ["control-in-heading", "duplicate-name", "deep-nesting"])
def test_the_import_page_explains_a_refused_file_and_changes_nothing(client_a, offer_a, name):
    change, message = REFUSALS[name]
    before = _state(offer_a)
    upload = SimpleUploadedFile("offer.json", change(_exported(offer_a)).encode("utf-8"))

    response = client_a.post(_import_url(offer_a), {"file": upload})

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert re.search(message.replace("“", "&ldquo;|“").replace("”", "&rdquo;|”"), html) or (
        re.search(message, html)
    ), html
    assert not CONTROL_BYTES.search(response.content)
    assert _state(offer_a) == before


def test_a_confirm_page_sent_back_nested_ten_thousand_deep_is_refused_not_a_500(client_a, offer_a):
    upload = SimpleUploadedFile("offer.json", _exported(offer_a).encode())
    checked = client_a.post(_import_url(offer_a), {"file": upload})
    data = form_data(checked)
    data["document"] = ["[" * 10_000 + "]" * 10_000]
    data["confirm"] = ["1"]
    before = _state(offer_a)

    response = client_a.post(_import_url(offer_a), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html and "There is a problem" in html
    assert _state(offer_a) == before


# --- Restoring a backup ------------------------------------------------------------------------


def _rewrite(backup, name: str, change) -> None:
    path = backup / name
    path.write_text(change(path.read_text()))
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"][name] = hashlib.sha256(path.read_bytes()).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "offers/ashdown-test/versions/1.json",
            lambda t: t.replace("Money for carers A", "Money\\u0007 for carers"),
            r"versions/1.json: sections\[0\]\.heading: The text has a character that cannot",
        ),
        (
            "councils.json",
            lambda t: t.replace('"name":', '"name": "Twice", "name":', 1),
            "councils.json: The file has “name” twice in the same place",
        ),
    ],
    ids=["control-in-a-version", "duplicate-name"],
)
def test_import_all_refuses_a_backup_with_text_or_json_no_offer_holds(
    tmp_path, offer_a, approver_a, name, change, message
):
    services.offer_publish(offer=offer_a, by=approver_a, summary="First", accept_gaps=True)
    backup = tmp_path / "backup"
    call_command("export_all", str(backup), stdout=StringIO())
    Council.objects.all().delete()
    User.objects.all().delete()
    _rewrite(backup, name, change)

    with pytest.raises(CommandError, match=message):
        call_command("import_all", str(backup), stdout=StringIO())
    assert not Council.objects.exists()
    assert not User.objects.exists()


# --- Output: an old version holding a control character ----------------------------------------


def _unshowable_for_this_database() -> list[str]:
    """Characters a stored version may hold here: PostgreSQL's jsonb refuses NUL and lone
    surrogates outright, so only SQLite can hold those."""
    found = ["\x07", "\x1b", "\x0c"]
    if connection.vendor == "sqlite":
        found += ["\x00", "\ud800"]
    return found


@pytest.fixture
def old_version_with_control_characters(offer_a, approver_a):
    """Version 1's stored text holds control characters (written past every check, as rows
    stored before the checks were); version 2 changed the heading, so the feed and the
    changes page quote version 1's."""
    first = services.offer_publish(offer=offer_a, by=approver_a, summary="First", accept_gaps=True)
    characters = "".join(_unshowable_for_this_database())
    controls = characters.replace("\ud800", "")  # a text column cannot hold one; JSON can
    content = document_for(offer_a.pk)
    content["sections"][0]["heading"] = f"Money{controls} for carers"
    content["sections"][0]["allowances"][0]["name"] = f"Allowance{characters} A"
    content["offer"]["title"] = f"Ashdown{controls} test offer"
    OfferRevision.objects.filter(pk=first.pk).update(
        content=content, summary=f"First{controls} version"
    )
    Section.objects.filter(offer=offer_a).update(heading="Money for kinship carers")
    services.offer_publish(
        offer=offer_a, by=approver_a, summary="Clearer heading", accept_gaps=True
    )
    return offer_a


def test_the_stored_version_really_holds_the_characters(old_version_with_control_characters):
    """The fixture's premise: the raw stored JSON has them (the decoder hides them)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM offers_offerrevision WHERE version = 1")
        (raw,) = cursor.fetchone()
    assert "\\u0007" in (raw if isinstance(raw, str) else json.dumps(raw))


def test_the_feed_still_works_and_is_xml_without_control_characters(
    client, old_version_with_control_characters
):
    response = client.get(reverse("offer_changes_atom", args=["ashdown-test"]))

    assert response.status_code == 200
    assert not CONTROL_BYTES.search(response.content)
    feed = ET.fromstring(response.content)
    text = " ".join("".join(feed.itertext()).split())  # a form feed became a space
    assert "Version 1: First version" in text
    assert "Money for carers" in text  # version 1's heading, quoted in what changed


def test_pages_api_and_csv_still_work_without_control_characters(
    client, old_version_with_control_characters
):
    slug = "ashdown-test"
    urls = [
        reverse("offer_changes", args=[slug]),
        reverse("offer_detail", args=[slug]),
        reverse("offer_print", args=[slug]),
        reverse("offer_allowances_csv", args=[slug]),
        reverse("allowances_csv_all"),
        reverse("api_offer", args=[slug]),
        reverse("api_offer_version", args=[slug, 1]),
        reverse("api_allowances"),
        reverse("compare"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not CONTROL_BYTES.search(response.content), url
    version_1 = client.get(reverse("api_offer_version", args=[slug, 1])).json()
    assert version_1["document"]["offer"]["title"] == "Ashdown  test offer"  # \x0c: a space
    assert "\\u00" not in client.get(reverse("api_offer_version", args=[slug, 1])).content.decode()


def test_officer_text_columns_are_read_back_showable(old_version_with_control_characters):
    """The summary is a column, not the document: written past every check, it still
    reads back without the characters, here and on the changes page above."""
    OfferRevision.objects.filter(version=2).update(summary="Clearer\x07 heading")
    assert OfferRevision.objects.get(version=2).summary == "Clearer heading"


def test_the_feed_makes_every_text_showable_whatever_it_is_given(
    old_version_with_control_characters,
):
    """The feed's own strip, for text that reaches it some other way."""
    council = old_version_with_control_characters.council
    council.name = "Ashdown\x07 Council"
    revision = OfferRevision.objects.get(version=2)
    revision.summary = "Clearer\x00 heading"
    change = SimpleNamespace(text="Changed the heading to \x1bMoney")

    feed = offer_changes_feed(council=council, history=[(revision, [change])])
    written = feed.writeString("utf-8").encode()

    assert not CONTROL_BYTES.search(written)
    text = "".join(ET.fromstring(written).itertext())
    assert "Version 2: Clearer heading" in text and "Ashdown Council" in text


def test_stored_documents_are_read_back_showable():
    stored = json.dumps({"heading": "Money\x07\x0cfor\ud800", "lists": [["\x1b"]]})
    assert json.loads(stored, cls=StoredDocumentDecoder) == {
        "heading": "Money for\ufffd",
        "lists": [[""]],
    }
    assert json.loads('{"a": "plain"}', cls=StoredDocumentDecoder) == {"a": "plain"}


BEFORE = [("offers", "0010_public_content_version")]


@pytest.mark.slow  # migrates the test database back and forward
@pytest.mark.django_db(transaction=True)
def test_the_migration_cleans_stored_versions_and_working_copies():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("offers")
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        council = old.get_model("offers", "Council").objects.create(
            name="Migrateshire Council",
            slug="migrateshire",
            gss_code="E06900999",
            region="north_west",
        )
        offer = old.get_model("offers", "Offer").objects.create(
            council=council,
            title="Kinship\x07 support",
            introduction="We help.",
            manager_name="Sam Example",
            manager_job_title="Head of Kinship",
            last_reviewed="2026-04-01",
            next_review_due="2027-04-01",
        )
        section = old.get_model("offers", "Section").objects.create(
            offer=offer,
            order=1,
            kind="financial",
            heading="Money\x07",
            summary="What we pay.",
            body="Page\x0cbreak",
            arrangement_types=[],
        )
        old.get_model("offers", "OfferRevision").objects.create(
            offer=offer,
            version=1,
            summary="First\x1b version",
            content={
                "schema": 2,
                "offer": {"title": "Kinship\x07 support"},
                "sections": [{"heading": "Money\x07", "body": "Page\x0cbreak"}],
            },
        )

        executor.loader.build_graph()
        executor.migrate(latest)

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT content, summary FROM offers_offerrevision WHERE offer_id = %s",
                [offer.pk],
            )
            raw, summary = cursor.fetchone()
        stored = json.loads(raw) if isinstance(raw, str) else raw
        assert stored["offer"]["title"] == "Kinship support"
        assert stored["sections"] == [{"heading": "Money", "body": "Page break"}]
        assert summary == "First version"
        cleaned = Section.objects.get(pk=section.pk)
        assert (cleaned.heading, cleaned.body) == ("Money", "Page break")
        assert cleaned.offer.title == "Kinship support"
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

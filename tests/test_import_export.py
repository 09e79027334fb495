"""export_offer writes an offer's document; import_offer makes a document the working copy.

Every refusal names the problem (and where in the file) and changes nothing; a valid file
does change the working copy, so a refusal cannot pass by erroring.
"""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from offers import services
from offers.access import can_publish
from offers.document_upgrades import legacy_key
from offers.documents import document_for, document_to_json
from offers.entry_types import ENTRY_TYPES
from offers.models import (
    AuditAction,
    AuditEvent,
    Offer,
    OfferRevision,
    Section,
)
from offers.schema import MAX_FILE_BYTES, DocumentError

from .conftest import publish
from .factories import (
    AllowanceFactory,
    ContactFactory,
    CouncilFactory,
    MembershipFactory,
    SectionFactory,
    UserFactory,
)
from .test_document_contract import offer_with_every_entry_type

pytestmark = pytest.mark.django_db


def _export(tmp_path, slug: str, *options: str, name: str = "export.json") -> bytes:
    path = tmp_path / name
    call_command("export_offer", slug, *options, "-o", str(path), stdout=StringIO())
    return path.read_bytes()


def _import(slug: str, path, by: str, *options: str) -> str:
    out = StringIO()
    call_command("import_offer", slug, str(path), "--by", by, *options, stdout=out)
    return out.getvalue()


def _write(tmp_path, data: bytes | dict, name: str = "import.json"):
    path = tmp_path / name
    path.write_bytes(document_to_json(data).encode() if isinstance(data, dict) else data)
    return path


def _state(offer: Offer) -> tuple:
    """Everything a refused import must leave exactly as it was."""
    offer.refresh_from_db()
    return (
        document_for(offer.pk),
        offer.lock_version,
        AuditEvent.objects.count(),
        OfferRevision.objects.count(),
    )


@pytest.fixture
def offer_with_contacts(offer_a):
    """offer_a (a money section with one allowance) and a contacts section with one contact."""
    Section.objects.filter(offer=offer_a).update(order=1)  # factory orders are a sequence
    contacts = SectionFactory(offer=offer_a, kind="contacts", heading="Contact us", order=2)
    ContactFactory(section=contacts, name="Kinship team")
    return offer_a


@pytest.fixture
def exported_a(tmp_path, offer_with_contacts) -> bytes:
    return _export(tmp_path, "ashdown-test", "--working-copy", name="ashdown.json")


# --- Export ---------------------------------------------------------------------------------


def test_export_writes_the_live_version_as_sorted_pretty_json_to_stdout(offer_a, approver_a):
    revision = publish(offer_a, approver_a, "First version")
    Section.objects.filter(offer=offer_a).update(heading="Not published yet")
    out = StringIO()

    call_command("export_offer", "ashdown-test", stdout=out)

    assert out.getvalue() == document_to_json(revision.content)
    assert json.loads(out.getvalue())["sections"][0]["heading"] == "Money for carers A"
    assert out.getvalue().startswith('{\n  "council": {')


def test_export_of_an_older_version_and_of_the_working_copy(tmp_path, offer_a, approver_a):
    first = publish(offer_a, approver_a, "First version")
    Section.objects.filter(offer=offer_a).update(heading="Second heading")
    publish(offer_a, approver_a, "Second version")
    Section.objects.filter(offer=offer_a).update(heading="Draft heading")

    old = _export(tmp_path, "ashdown-test", "--version", "1", name="v1.json")
    draft = _export(tmp_path, "ashdown-test", "--working-copy", name="draft.json")

    assert old == document_to_json(first.content).encode("utf-8")
    assert json.loads(draft)["sections"][0]["heading"] == "Draft heading"


@pytest.mark.parametrize(
    ("slug", "options", "message"),
    [
        ("no-such-council", (), "No council has the web address name “no-such-council”"),
        ("ashdown-test", (), "Ashdown Test Council has not published its offer yet"),
        ("ashdown-test", ("--version", "1"), "has not published its offer yet"),
        ("ashdown-test", ("--version", "1", "--working-copy"), "not both"),
    ],
    ids=["unknown-council", "nothing-published", "version-of-unpublished", "both-options"],
)
def test_export_refuses_clearly(offer_a, slug, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_offer", slug, *options, stdout=StringIO())


def test_export_refuses_a_version_that_does_not_exist(offer_a, approver_a):
    publish(offer_a, approver_a, "First version")

    with pytest.raises(CommandError, match="has no version 7. Its versions are 1 to 1"):
        call_command("export_offer", "ashdown-test", "--version", "7", stdout=StringIO())


def test_export_refuses_a_council_with_no_offer(council_b):
    with pytest.raises(CommandError, match="Brackenford Test Council has no offer yet"):
        call_command("export_offer", "brackenford-test", stdout=StringIO())


# --- Round trips ----------------------------------------------------------------------------


def test_working_copy_export_import_export_is_byte_identical(tmp_path, offer_a, officer_a):
    offer_with_every_entry_type(offer_a)
    first = _export(tmp_path, "ashdown-test", "--working-copy", name="first.json")

    _import("ashdown-test", tmp_path / "first.json", "officer-a")
    second = _export(tmp_path, "ashdown-test", "--working-copy", name="second.json")

    assert second == first
    assert "£" in first.decode("utf-8")  # UTF-8 text, not \u escapes


def test_live_export_imported_becomes_the_working_copy_byte_for_byte(
    tmp_path, offer_a, officer_a, approver_a
):
    offer_with_every_entry_type(offer_a)
    publish(offer_a, approver_a, "First version")
    Section.objects.filter(offer=offer_a).update(heading="Edits we want to throw away")
    live = _export(tmp_path, "ashdown-test", name="live.json")

    _import("ashdown-test", tmp_path / "live.json", "officer-a")

    assert _export(tmp_path, "ashdown-test", "--working-copy", name="wc.json") == live
    assert _export(tmp_path, "ashdown-test", name="live-again.json") == live


# --- What a valid import does ---------------------------------------------------------------


def test_import_changes_the_working_copy_and_not_the_live_version(
    tmp_path, offer_with_contacts, officer_a, approver_a, exported_a
):
    live = publish(offer_with_contacts, approver_a, "First")
    document = json.loads(exported_a)
    document["offer"]["title"] = "Our new kinship offer"

    out = _import("ashdown-test", _write(tmp_path, document), "officer-a")

    assert document_for(offer_with_contacts.pk)["offer"]["title"] == "Our new kinship offer"
    offer_with_contacts.refresh_from_db()
    assert offer_with_contacts.published_revision == live
    assert out.startswith("Replaced the working copy of Ashdown Test Council's offer with 2 ")


def test_import_keeps_the_files_order_and_keys_bumps_the_lock_and_is_audited(
    tmp_path, offer_a, officer_a
):
    Section.objects.filter(offer=offer_a).update(order=1)
    for order, heading in ((2, "Second"), (3, "Third")):
        section = SectionFactory(offer=offer_a, heading=heading, order=order)
        AllowanceFactory(section=section, name=f"{heading} allowance one")
        AllowanceFactory(section=section, name=f"{heading} allowance two")
    offer_a.refresh_from_db()
    lock_before = offer_a.lock_version
    document = document_for(offer_a.pk)
    document["sections"].reverse()
    document["sections"][0]["allowances"].reverse()
    entries = sum(len(s[t.key]) for s in document["sections"] for t in ENTRY_TYPES)

    services.offer_import(offer=offer_a, document=document, by=officer_a)

    imported = document_for(offer_a.pk)
    assert [s["key"] for s in imported["sections"]] == [s["key"] for s in document["sections"]]
    assert [s["heading"] for s in imported["sections"]] == ["Third", "Second", "Money for carers A"]
    assert [a["name"] for a in imported["sections"][0]["allowances"]] == [
        "Third allowance two",
        "Third allowance one",
    ]
    # Everything but the anchors, which are made from each section's kind and place.
    for doc in (imported, document):
        for section in doc["sections"]:
            del section["anchor"]
    assert imported == document
    offer_a.refresh_from_db()
    assert offer_a.lock_version == lock_before + 1
    event = AuditEvent.objects.get(offer=offer_a)
    assert (event.action, event.actor) == (AuditAction.IMPORT, officer_a)
    assert event.detail == f"3 sections and {entries} entries"


def test_a_schema_1_file_imports_and_is_upgraded(tmp_path, offer_a, officer_a):
    council = document_for(offer_a.pk)["council"]
    schema_1 = {
        "schema": 1,
        "council": council,
        "offer": {
            "title": "An offer from last year",
            "introduction": "We help kinship carers.",
            "manager_name": "Pat Example",
            "manager_job_title": "Head of Service",
            "last_reviewed": "2025-04-01",
            "next_review_due": "2026-04-01",
        },
        "sections": [
            {
                "id": 7,
                "anchor": "financial",
                "kind": "financial",
                "heading": "Money",
                "summary": "What we pay.",
                "body": "",
                "arrangement_types": [],
                "allowances": [
                    {
                        "id": 3,
                        "arrangement_types": ["sgo"],
                        "name": "Old allowance",
                        "amount": "180.00",
                        "frequency": "weekly",
                        "means_tested": True,
                        "applies_from": "2025-04-01",
                        "age_band": "",
                        "how_to_apply": "",
                        "notes": "",
                    }
                ],
                **{key: [] for key in (t.key for t in ENTRY_TYPES) if key != "allowances"},
            }
        ],
    }

    _import("ashdown-test", _write(tmp_path, schema_1), "officer-a")

    imported = document_for(offer_a.pk)
    assert imported["schema"] == 2
    assert imported["offer"]["title"] == "An offer from last year"
    (section,) = imported["sections"]
    assert section["key"] == legacy_key("section", 7)
    (allowance,) = section["allowances"]
    assert allowance["key"] == legacy_key("allowances", 3)
    assert (allowance["name"], allowance["amount"], allowance["arrangement_types"]) == (
        "Old allowance",
        "180.00",
        ["sgo"],
    )


def test_a_file_of_exactly_2_mb_imports(tmp_path, offer_with_contacts, officer_a, exported_a):
    document = json.loads(exported_a)
    document["offer"]["title"] = "Padded to the limit"
    data = document_to_json(document).encode("utf-8")
    data += b" " * (MAX_FILE_BYTES - len(data))
    assert len(data) == MAX_FILE_BYTES

    _import("ashdown-test", _write(tmp_path, data), "officer-a")

    assert document_for(offer_with_contacts.pk)["offer"]["title"] == "Padded to the limit"


def test_a_starter_template_starts_the_offer_of_a_council_that_has_none(tmp_path, exported_a):
    council = CouncilFactory(name="Coldwater Test Council", slug="coldwater-test")
    MembershipFactory(council=council, user=UserFactory(username="officer-c"))
    template = json.loads(exported_a)
    template["council"] = None

    out = _import("coldwater-test", _write(tmp_path, template), "officer-c")

    offer = Offer.objects.get(council=council)
    document = document_for(offer.pk)
    assert document["offer"] == template["offer"]
    assert document["sections"] == template["sections"]
    assert document["council"]["name"] == "Coldwater Test Council"
    assert out.startswith("Started the working copy of Coldwater Test Council's offer")
    assert AuditEvent.objects.get(offer=offer).action == AuditAction.IMPORT


def test_another_councils_file_does_not_start_an_offer_for_a_council_that_has_none(
    tmp_path, exported_a
):
    council = CouncilFactory(name="Coldwater Test Council", slug="coldwater-test")
    MembershipFactory(council=council, user=UserFactory(username="officer-c"))

    with pytest.raises(CommandError, match="council: this file is the offer of Ashdown"):
        _import("coldwater-test", _write(tmp_path, exported_a), "officer-c")

    assert not Offer.objects.filter(council=council).exists()


# --- Refusals change nothing ----------------------------------------------------------------


def _with(change):
    """A transformer of exported bytes that edits the document and writes it back."""

    def transform(data: bytes) -> bytes:
        document = json.loads(data)
        change(document)
        return document_to_json(document).encode("utf-8")

    return transform


def _set(path_to_parent, name, value):
    def change(document):
        target = document
        for part in path_to_parent:
            target = target[part]
        target[name] = value

    return change


def _delete_title(document):
    del document["offer"]["title"]


REFUSALS = {
    "not-json": (lambda data: b"Kinship offer, see attached", "The file is not valid JSON"),
    "truncated": (lambda data: data[: len(data) // 2], "It may be cut short"),
    "over-2-mb": (
        lambda data: data + b" " * (MAX_FILE_BYTES + 1 - len(data)),
        "It must be 2 MB or smaller",
    ),
    "unknown-schema-version": (
        _with(_set([], "schema", 99)),
        "schema: the file uses document format version 99",
    ),
    "missing-title": (_with(_delete_title), "offer.title: this is missing"),
    "unknown-entry-type": (
        _with(_set(["sections", 0], "grants", [])),
        r"sections\[0\]\.grants: this is not a known entry type",
    ),
    "negative-amount": (
        _with(_set(["sections", 0, "allowances", 0], "amount", "-5.00")),
        r"sections\[0\]\.allowances\[0\]\.amount: “-5.00” is not an amount",
    ),
    "phone-the-schema-cannot-check": (
        _with(_set(["sections", 1, "contacts", 0], "phone", "12345")),
        r"sections\[1\]\.contacts\[0\]\.phone: ",
    ),
}


@pytest.mark.parametrize(("transform", "message"), REFUSALS.values(), ids=REFUSALS.keys())
def test_import_refuses_a_bad_file_with_a_clear_message_and_changes_nothing(
    tmp_path, offer_with_contacts, officer_a, exported_a, transform, message
):
    before = _state(offer_with_contacts)

    with pytest.raises(CommandError, match=message) as refused:
        _import("ashdown-test", _write(tmp_path, transform(exported_a)), "officer-a")

    assert str(refused.value).startswith("Nothing was imported: ")
    assert _state(offer_with_contacts) == before


def test_the_same_file_unbroken_does_import(tmp_path, offer_with_contacts, officer_a, exported_a):
    """The positive control for the refusals above: the file they start from is valid."""
    before = _state(offer_with_contacts)
    fixed = _with(_set(["sections", 1, "contacts", 0], "phone", "0161 496 0999"))(exported_a)

    _import("ashdown-test", _write(tmp_path, fixed), "officer-a")

    after = _state(offer_with_contacts)
    assert after != before
    assert after[0]["sections"][1]["contacts"][0]["phone"] == "0161 496 0999"
    assert after[1] == before[1] + 1  # lock version
    assert after[2] == before[2] + 1  # one audit event


def test_a_model_rule_the_schema_cannot_see_is_refused_by_the_service_with_its_path(
    offer_with_contacts, officer_a
):
    document = document_for(offer_with_contacts.pk)
    document["sections"][1]["contacts"][0]["phone"] = "12345"
    before = _state(offer_with_contacts)

    with pytest.raises(DocumentError) as refused:
        services.offer_import(offer=offer_with_contacts, document=document, by=officer_a)

    assert refused.value.path == "sections[1].contacts[0].phone"
    assert _state(offer_with_contacts) == before


def test_another_councils_document_is_refused(tmp_path, offer_a, offer_b, officer_a):
    exported_b = _export(tmp_path, "brackenford-test", "--working-copy", name="b.json")
    before = _state(offer_a)

    with pytest.raises(
        CommandError,
        match="council: this file is the offer of Brackenford Test Council. You can only "
        "import Ashdown Test Council's own offer here, or a starter template",
    ):
        _import("ashdown-test", tmp_path / "b.json", "officer-a")

    assert _state(offer_a) == before
    assert json.loads(exported_b)["council"]["gss_code"] == "E06900002"


def test_an_editor_of_another_council_cannot_import(
    tmp_path, offer_with_contacts, officer_b, exported_a
):
    before = _state(offer_with_contacts)

    with pytest.raises(PermissionDenied, match="Only an officer of this council"):
        services.offer_import(
            offer=offer_with_contacts, document=json.loads(exported_a), by=officer_b
        )
    with pytest.raises(CommandError, match="Nothing was imported: Only an officer of this"):
        _import("ashdown-test", tmp_path / "ashdown.json", "officer-b")

    assert _state(offer_with_contacts) == before


@pytest.mark.parametrize(
    ("slug", "by", "options", "message"),
    [
        ("ashdown-test", "nobody", (), "No user is called “nobody”"),
        ("nowhere", "officer-a", (), "No council has the web address name “nowhere”"),
        ("ashdown-test", "officer-a", ("--summary", "Rates"), "only used with --publish"),
    ],
    ids=["unknown-user", "unknown-council", "summary-without-publish"],
)
def test_import_refuses_unclear_instructions(
    offer_with_contacts, officer_a, exported_a, tmp_path, slug, by, options, message
):
    before = _state(offer_with_contacts)

    with pytest.raises(CommandError, match=message):
        _import(slug, tmp_path / "ashdown.json", by, *options)

    assert _state(offer_with_contacts) == before


# --- Import and publish ---------------------------------------------------------------------


def test_an_editor_can_import_but_not_import_and_publish(
    tmp_path, offer_with_contacts, officer_a, exported_a
):
    document = json.loads(exported_a)
    document["offer"]["title"] = "Imported and published"
    path = _write(tmp_path, document)
    before = _state(offer_with_contacts)
    assert not can_publish(officer_a, offer_with_contacts.council)

    with pytest.raises(
        CommandError, match="Nothing was imported: Only an approver for this council"
    ):
        _import("ashdown-test", path, "officer-a", "--publish", "--summary", "New offer")

    assert _state(offer_with_contacts) == before  # the import was undone with the publish
    _import("ashdown-test", path, "officer-a")
    assert document_for(offer_with_contacts.pk)["offer"]["title"] == "Imported and published"


def test_an_approver_imports_and_publishes_in_one_step(
    tmp_path, offer_with_contacts, approver_a, exported_a
):
    document = json.loads(exported_a)
    document["offer"]["title"] = "Imported and published"

    out = _import(
        "ashdown-test",
        _write(tmp_path, document),
        "approver-a",
        "--publish",
        "--summary",
        "New",
        "--accept-gaps",  # a small test offer: the checklist has gaps
    )

    offer_with_contacts.refresh_from_db()
    live = offer_with_contacts.published_revision
    assert (live.version, live.summary, live.published_by) == (1, "New", approver_a)
    assert live.content["offer"]["title"] == "Imported and published"
    assert out.endswith(", and published it as version 1\n")
    assert list(
        AuditEvent.objects.filter(offer=offer_with_contacts).values_list("action", flat=True)
    ) == [AuditAction.PUBLISH, AuditAction.IMPORT]


def test_import_and_publish_of_the_live_document_is_refused_as_nothing_changed(
    tmp_path, offer_with_contacts, approver_a
):
    publish(offer_with_contacts, approver_a, "First")
    live = _export(tmp_path, "ashdown-test", name="live.json")
    Section.objects.filter(offer=offer_with_contacts).update(heading="A draft edit")
    before = _state(offer_with_contacts)

    with pytest.raises(CommandError, match="Nothing has changed since version 1"):
        _import(
            "ashdown-test",
            _write(tmp_path, live),
            "approver-a",
            "--publish",
            "--summary",
            "Same again",
        )

    assert _state(offer_with_contacts) == before


def test_a_site_administrator_may_import_into_any_council(
    tmp_path, offer_with_contacts, site_admin, exported_a
):
    document = json.loads(exported_a)
    document["offer"]["manager_name"] = "Alex Admin-Set"

    _import("ashdown-test", _write(tmp_path, document), "site-admin")

    assert document_for(offer_with_contacts.pk)["offer"]["manager_name"] == "Alex Admin-Set"

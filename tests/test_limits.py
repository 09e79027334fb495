"""How big an offer may be (offers.limits): sections, entries in a section, characters in a
field and bytes in a document, each tested at its limit and one over, in the forms, in
import and in the JSON Schema; and uploads over the limit refused before they are kept.

Every refusal changes nothing; the same request at the limit is accepted, so a refusal
cannot pass by erroring.
"""

import copy
import json
import uuid

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.urls import reverse

from offers import limits, services
from offers.documents import document_for, document_to_json
from offers.entry_types import ENTRY_TYPES
from offers.models import Allowance, AuditEvent, OfficerTextMixin, Section
from offers.schema import DocumentError, build_schema, document_validate
from offers.validators import UNSHOWABLE_PATTERN

from .admin_helpers import form_data
from .factories import AllowanceFactory
from .test_html_wellformed import problems_in

pytestmark = pytest.mark.django_db


def _state(offer) -> tuple:
    """What a refused import or edit must leave exactly as it was."""
    offer.refresh_from_db()
    return document_for(offer.pk), offer.lock_version, AuditEvent.objects.count()


def _new_keys(item: dict) -> dict:
    """A copy of a section (or entry) with fresh keys, so a document may hold it twice."""
    item = copy.deepcopy(item)
    item["key"] = str(uuid.uuid4())
    for entry_type in ENTRY_TYPES:
        item[entry_type.key] = [
            {**entry, "key": str(uuid.uuid4())} for entry in item.get(entry_type.key, [])
        ]
    return item


def _import(offer, document, by):
    return services.offer_import(offer=offer, document=document, by=by)


# --- The one place, read by the schema ---------------------------------------------------------


def _text_fields():
    """Every model field that holds a text of a document: the offer's, sections', entries'
    and the council's, as the registry and offers.documents list them (choices, slugs and
    codes have their own rules)."""
    from offers.documents import COUNCIL_FIELDS, OFFER_FIELDS, SECTION_FIELDS
    from offers.models import Council, Offer

    places = [(Council, COUNCIL_FIELDS), (Offer, OFFER_FIELDS), (Section, SECTION_FIELDS)]
    places += [(t.model, t.fields) for t in ENTRY_TYPES]
    fields = []
    for model, names in places:
        for name in names:
            field = model._meta.get_field(name)
            is_text = field.get_internal_type() in {"CharField", "TextField"}
            if is_text and not field.choices and name not in {"slug", "gss_code"}:
                fields.append(field)
    return fields


def test_every_text_in_a_document_is_an_officer_text_field_with_its_limit_in_the_schema():
    schema = build_schema()
    section = schema["properties"]["sections"]["items"]["properties"]
    places = {
        "Council": schema["properties"]["council"]["properties"],
        "Offer": schema["properties"]["offer"]["properties"],
        "Section": section,
        **{t.model.__name__: section[t.key]["items"]["properties"] for t in ENTRY_TYPES},
    }
    fields = _text_fields()
    assert len(fields) >= 43
    for field in fields:
        assert isinstance(field, OfficerTextMixin), field
        property_schema = places[field.model.__name__][field.name]
        assert property_schema["maxLength"] == field.max_length, field
        assert property_schema["not"] == {"pattern": UNSHOWABLE_PATTERN}, field


def test_the_schema_holds_the_limits_on_sections_and_entries():
    schema = build_schema()
    sections = schema["properties"]["sections"]
    assert sections["maxItems"] == limits.MAX_SECTIONS
    for entry_type in ENTRY_TYPES:
        assert sections["items"]["properties"][entry_type.key]["maxItems"] == (
            limits.MAX_ENTRIES_PER_LIST
        )
    properties = sections["items"]["properties"]
    assert properties["body"]["maxLength"] == limits.LONG_TEXT
    assert schema["properties"]["offer"]["properties"]["introduction"]["maxLength"] == (
        limits.LONG_TEXT
    )


def test_request_size_settings_are_the_limits():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == limits.MAX_FORM_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == limits.MAX_FORM_BYTES
    assert settings.FILE_UPLOAD_HANDLERS[0] == "offers.uploads.DocumentSizeUploadHandler"
    assert limits.MAX_DOCUMENT_BYTES < limits.MAX_FORM_BYTES


@pytest.mark.parametrize(
    ("size", "words"),
    [
        (2 * 1024 * 1024 + 1, "The file is just over 2 MB"),
        (int(2.96 * 1024 * 1024), "The file is 3 MB"),
        (int(9.5 * 1024 * 1024), "The file is 9.5 MB"),
        (200 * 1024 * 1024 + 500, "The file is 200 MB"),
    ],
)
def test_a_size_over_the_limit_is_said_in_megabytes_never_as_the_limit_itself(size, words):
    assert limits.too_big(size) == f"{words}. It must be 2 MB or smaller"


# --- Import: at the limit, and one over --------------------------------------------------------


def _with_sections(offer, count: int) -> dict:
    document = document_for(offer.pk)
    first = document["sections"][0]
    document["sections"] = [first] + [_new_keys(first) for _ in range(count - 1)]
    return document


def test_import_takes_the_most_sections_and_refuses_one_more(offer_a, officer_a):
    before = _state(offer_a)
    with pytest.raises(
        DocumentError,
        match=r"^\['sections: An offer can have 50 sections at most \(this file has 51\)'\]$",
    ):
        _import(offer_a, _with_sections(offer_a, limits.MAX_SECTIONS + 1), officer_a)
    assert _state(offer_a) == before

    _import(offer_a, _with_sections(offer_a, limits.MAX_SECTIONS), officer_a)
    assert offer_a.sections.count() == limits.MAX_SECTIONS


def _with_allowances(offer, count: int) -> dict:
    document = document_for(offer.pk)
    section = document["sections"][0]
    first = section["allowances"][0]
    section["allowances"] = [first] + [
        {**first, "key": str(uuid.uuid4())} for _ in range(count - 1)
    ]
    return document


def test_import_takes_the_most_entries_in_a_section_and_refuses_one_more(offer_a, officer_a):
    before = _state(offer_a)
    with pytest.raises(
        DocumentError,
        match=r"sections\[0\]\.allowances: A section can have 50 allowances at most "
        r"\(this has 51\)",
    ):
        _import(offer_a, _with_allowances(offer_a, limits.MAX_ENTRIES_PER_LIST + 1), officer_a)
    assert _state(offer_a) == before

    _import(offer_a, _with_allowances(offer_a, limits.MAX_ENTRIES_PER_LIST), officer_a)
    assert Allowance.objects.filter(section__offer=offer_a).count() == 50


TEXT_LIMITS = [
    (["sections", 0], "body", limits.LONG_TEXT, "sections[0].body"),
    (["offer"], "introduction", limits.LONG_TEXT, "offer.introduction"),
    (
        ["sections", 0, "allowances", 0],
        "notes",
        limits.ENTRY_TEXT,
        "sections[0].allowances[0].notes",
    ),
    (["sections", 0], "heading", 120, "sections[0].heading"),
]


@pytest.mark.parametrize(
    ("parent", "name", "limit", "path"), TEXT_LIMITS, ids=[t[3] for t in TEXT_LIMITS]
)
def test_import_takes_a_text_at_its_length_limit_and_refuses_one_character_more(
    offer_a, officer_a, parent, name, limit, path
):
    def document_with(length: int) -> dict:
        document = document_for(offer_a.pk)
        target = document
        for part in parent:
            target = target[part]
        target[name] = "é" * length  # two bytes each in UTF-8: characters are counted
        return document

    before = _state(offer_a)
    with pytest.raises(DocumentError) as refused:
        _import(offer_a, document_with(limit + 1), officer_a)
    assert refused.value.messages == [
        f"{path}: The text must be {limit:,} characters or fewer (it has {limit + 1:,})"
    ]
    assert _state(offer_a) == before

    _import(offer_a, document_with(limit), officer_a)
    assert len(json.dumps(document_for(offer_a.pk), ensure_ascii=False)) > limit


def _document_of_size(offer, size: int) -> dict:
    """The offer's document, with long section bodies, exactly `size` bytes as a file."""

    def measure(document) -> int:
        return len(document_to_json(document).encode("utf-8"))

    document = document_for(offer.pk)
    first = {**document["sections"][0], "body": ""}
    for entry_type in ENTRY_TYPES:
        first[entry_type.key] = []
    document["sections"] = [first]
    one = measure(document)
    document["sections"].append(_new_keys(first))
    per_section = measure(document) - one
    count = -(-(size - one) // (limits.LONG_TEXT + per_section)) + 1
    document["sections"] = [first] + [_new_keys(first) for _ in range(count - 1)]
    text = size - one - (count - 1) * per_section
    for section in document["sections"]:
        section["body"] = "x" * min(text, limits.LONG_TEXT)
        text -= len(section["body"])
    assert text == 0 and measure(document) == size
    return document


@pytest.mark.slow  # a 2 MB document
def test_a_document_of_the_most_bytes_is_valid_and_one_byte_more_is_refused(offer_a):
    document = _document_of_size(offer_a, limits.MAX_DOCUMENT_BYTES)
    document_validate(document)

    document["sections"][-1]["body"] += "x"
    with pytest.raises(
        DocumentError,
        match=r"^\['The offer is just over 2 MB as a file. It must be 2 MB or smaller: shorten",
    ):
        document_validate(document)


@pytest.mark.slow  # a 2 MB document
def test_a_working_copy_over_the_limit_is_not_published(offer_a, approver_a):
    body = "x" * limits.LONG_TEXT
    Section.objects.bulk_create(
        Section(
            offer=offer_a,
            kind="practical",
            heading=f"Part {n}",
            summary="Long.",
            body=body,
            order=n + 2,
        )
        for n in range(42)  # 42 bodies of 50,000 characters: just over 2 MB
    )
    with pytest.raises(DocumentError, match="The offer is just over 2 MB as a file"):
        services.offer_publish(offer=offer_a, by=approver_a, summary="Long", accept_gaps=True)
    offer_a.refresh_from_db()
    assert offer_a.published_revision is None


# --- Forms: the same limits, said in GOV.UK style ----------------------------------------------


def _workspace(name: str, offer, *args) -> str:
    return reverse(f"workspace:{name}", args=[offer.council.slug, *args])


def _post_changed(client, url: str, **changes):
    data = {k: v for k, v in form_data(client.get(url)).items() if k != "add_band"}
    data.update({name: [value] for name, value in changes.items()})
    return client.post(url, data)


@pytest.mark.parametrize(
    ("field", "limit"),
    [("body", limits.LONG_TEXT), ("heading", 120), ("notes", limits.ENTRY_TEXT)],
)
def test_a_form_takes_a_text_at_its_limit_and_says_so_one_character_over(
    client_a, offer_a, field, limit
):
    section = offer_a.sections.get()
    if field == "notes":
        allowance = section.allowances.get()
        url = _workspace("entry_change", offer_a, section.key, "allowances", allowance.key)
    else:
        url = _workspace("section_details", offer_a, section.key)
    before = _state(offer_a)

    refused = _post_changed(client_a, url, **{field: "a" * (limit + 1)})

    html = refused.content.decode()
    assert refused.status_code == 200
    assert html.count(f"The text must be {limit:,} characters or fewer") >= 1
    assert _state(offer_a) == before

    assert _post_changed(client_a, url, **{field: "a" * limit}).status_code == 302
    document = document_for(offer_a.pk)
    saved = document["sections"][0]
    if field == "notes":
        saved = saved["allowances"][0]
    assert saved[field] == "a" * limit


def test_form_inputs_have_no_maxlength_that_would_cut_pasted_text(client_a, offer_a):
    section = offer_a.sections.get()
    html = client_a.get(_workspace("section_details", offer_a, section.key)).content.decode()
    assert 'name="heading"' in html
    assert "maxlength" not in html


def _more_sections(offer, count: int) -> None:
    Section.objects.bulk_create(
        Section(offer=offer, kind="practical", heading=f"Part {n}", summary="A part.", order=n + 2)
        for n in range(count)
    )


def test_the_add_section_page_refuses_a_section_past_the_limit(client_a, offer_a):
    url = _workspace("section_add", offer_a)
    data = {"kind": "practical", "heading": "One more", "summary": "Another part."}
    _more_sections(offer_a, limits.MAX_SECTIONS - 2)
    assert client_a.post(url, data).status_code == 302  # the 50th
    assert offer_a.sections.count() == limits.MAX_SECTIONS

    refused = client_a.post(url, {**data, "heading": "The 51st"})

    assert refused.status_code == 200
    assert "An offer can have 50 sections at most" in refused.content.decode()
    assert not offer_a.sections.filter(heading="The 51st").exists()


def test_a_section_page_adds_the_last_allowance_and_refuses_one_more(client_a, offer_a):
    section = offer_a.sections.get()
    url = _workspace("entry_add", offer_a, section.key, "allowances")
    AllowanceFactory.create_batch(limits.MAX_ENTRIES_PER_LIST - 2, section=section)
    data = {
        "name": "One more",
        "frequency": "weekly",
        "applies_from_day": "1",
        "applies_from_month": "4",
        "applies_from_year": "2026",
        "bands-TOTAL_FORMS": "1",
        "bands-INITIAL_FORMS": "0",
        "bands-0-age_band": "",
        "bands-0-amount": "10.00",
    }

    assert client_a.post(url, data).status_code == 302
    assert section.allowances.count() == limits.MAX_ENTRIES_PER_LIST

    before = _state(offer_a)
    refused = client_a.post(url, data, follow=True)

    assert "A section can have 50 allowances at most" in refused.content.decode()
    assert _state(offer_a) == before


# --- Uploads over the limit are never kept -----------------------------------------------------


@pytest.fixture
def stored_bytes(monkeypatch):
    """How many bytes of uploaded files reached the handlers that keep them (memory, disk)."""
    counted = {"bytes": 0}
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def counting(self, raw_data, start, original=original):
            counted["bytes"] += len(raw_data)
            return original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    return counted


def _upload(client, offer, data: bytes):
    file = SimpleUploadedFile("offer.json", data, content_type="application/json")
    return client.post(_workspace("import", offer), {"file": file})


def test_an_upload_over_the_limit_is_refused_on_the_import_page_without_keeping_it(
    client_a, offer_a, stored_bytes
):
    before = _state(offer_a)
    too_big = b" " * (3 * 1024 * 1024)

    response = _upload(client_a, offer_a, too_big)

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and 'href="#id_file"' in html
    assert html.count("The file is 3 MB. It must be 2 MB or smaller") == 2  # summary, field
    assert stored_bytes["bytes"] == 0  # refused from its Content-Length: not a byte kept
    assert _state(offer_a) == before


def test_a_file_just_over_the_limit_is_counted_as_it_arrives_and_refused(
    client_a, offer_a, stored_bytes
):
    text = document_to_json(document_for(offer_a.pk)).encode()
    just_over = text + b" " * (limits.MAX_DOCUMENT_BYTES + 1 - len(text))

    html = _upload(client_a, offer_a, just_over).content.decode()

    assert "The file is just over 2 MB. It must be 2 MB or smaller" in html
    assert 0 < stored_bytes["bytes"] <= limits.MAX_DOCUMENT_BYTES


@pytest.mark.slow  # a 2 MB document
def test_a_full_size_offer_goes_through_both_steps_of_the_import(client_a, offer_a):
    """The confirm page posts the whole document back as a form field: the request size
    limit (DATA_UPLOAD_MAX_MEMORY_SIZE) must take the biggest document there is."""
    document = _document_of_size(offer_a, limits.MAX_DOCUMENT_BYTES)
    checked = _upload(client_a, offer_a, document_to_json(document).encode())
    assert "Check the file before it replaces your working copy" in checked.content.decode()
    data = form_data(checked)
    assert len(data["document"][0].encode()) > limits.MAX_DOCUMENT_BYTES * 0.9

    done = client_a.post(_workspace("import", offer_a), {**data, "confirm": ["1"]})

    assert done.status_code == 302
    assert offer_a.sections.count() == len(document["sections"])


def test_a_form_too_big_to_read_is_a_413_page_and_nothing_is_saved(client_a, offer_a):
    """Not a file: a form of text bigger than DATA_UPLOAD_MAX_MEMORY_SIZE, refused from its
    Content-Length before it is read, with a page that says so (not the 400 page, which
    talks about control characters)."""
    section = offer_a.sections.get()
    url = _workspace("section_details", offer_a, section.key)
    data = form_data(client_a.get(url))
    before = _state(offer_a)

    refused = client_a.post(url, {**data, "body": ["a" * limits.MAX_FORM_BYTES]})

    assert refused.status_code == 413
    html = refused.content.decode()
    assert "Sorry, what you sent was too big" in html
    assert problems_in(html) == []
    assert _state(offer_a) == before

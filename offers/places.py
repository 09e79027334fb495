"""Where a piece of an offer document is, so a check's finding can link to the exact field.

A Place names a field of the offer, of a section, of one entry in a section, or of the
council's details, by document keys (never database ids), so it means the same in the
working copy, a published version and an import file. The checks (offers.checklist,
offers.plain_english, offers.advice) give one with every finding; the officers' workspace
turns it into a link to the field.

document_texts walks every text families read, in the order a section's page shows it;
document_web_addresses every web address officers type. Which fields those are comes from
the entry-type registry (offers.entry_types) for entries, and from the two small tables
below for the offer's and each section's own fields.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from .entry_types import BY_KEY, ENTRY_TYPES
from .models import Council, Offer, Section

# The offer's and sections' own words families read; True: running text (scored for its
# reading age), False: a heading or name (checked for jargon only).
OFFER_TEXT_FIELDS = (("title", False), ("introduction", True), ("manager_job_title", False))
SECTION_TEXT_FIELDS = (("heading", False), ("summary", True), ("body", True))
COUNCIL_WEB_ADDRESSES = ("website",)


@dataclass(frozen=True)
class Place:
    """A field in an offer document.

    section_key: the section's key, or None for a field of the offer (or of the council);
    entry_key: the key of an entry in that section, or None for the section's own field;
    field: the field's name ("body", "how_to_apply"), or "" for a whole section or entry;
    entry_type: the entry's type as the document names its list ("allowances"), with
    entry_key; council: True for the council's details, which site administrators keep.
    """

    section_key: str | None
    entry_key: str | None
    field: str
    entry_type: str | None = None
    council: bool = False

    @classmethod
    def of_offer(cls, field: str) -> "Place":
        return cls(None, None, field)

    @classmethod
    def of_council(cls, field: str) -> "Place":
        return cls(None, None, field, council=True)

    @classmethod
    def of_section(cls, section_key: str, field: str = "") -> "Place":
        return cls(section_key, None, field)

    @classmethod
    def of_entry(
        cls, section_key: str, entry_type: str, entry_key: str, field: str = ""
    ) -> "Place":
        return cls(section_key, entry_key, field, entry_type)

    @property
    def model(self) -> type:
        """The model whose field this is (Offer, Council, Section or an entry's model)."""
        if self.council:
            return Council
        if self.entry_type:
            return BY_KEY[self.entry_type].model
        return Section if self.section_key else Offer

    @property
    def label(self) -> str:
        """The field's name as officers read it on its form: "How to apply"."""
        if not self.field:
            return ""
        try:
            return capfirst(self.model._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:  # not a model field, like the offer's list of "sections"
            return capfirst(self.field.replace("_", " "))


@dataclass(frozen=True)
class DocumentText:
    """One field of a document that families read, with where it is in words."""

    place: Place
    text: str
    running: bool  # running text (a reading age can be scored) or a heading or name
    where: str  # "Section “Money”, allowance “Special guardianship allowance”: How to apply"


def _words(where: str, place: Place) -> str:
    return f"{where}: {place.label}" if place.label else where


def section_where(section: dict) -> str:
    return f"Section “{section.get('heading') or 'Untitled'}”"


def entry_where(section: dict, entry_type_key: str, entry: dict) -> str:
    entry_type = BY_KEY[entry_type_key]
    return f"{section_where(section)}, {entry_type.noun} “{entry_type.name_of(entry)}”"


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def offer_texts(document: dict) -> list[DocumentText]:
    """The offer's own words families read (title, introduction, manager's job title)."""
    offer = document.get("offer") or {}
    texts = []
    for name, running in OFFER_TEXT_FIELDS:
        place = Place.of_offer(name)
        texts.append(
            DocumentText(place, _text(offer.get(name)), running, _words("The offer", place))
        )
    return texts


def section_texts(section: dict) -> list[DocumentText]:
    """One section's words families read, in page order: its heading, summary and body,
    then each entry's text fields, entry types in registry order (as the page shows them)."""
    key = section.get("key") or ""
    texts = []
    for name, running in SECTION_TEXT_FIELDS:
        place = Place.of_section(key, name)
        texts.append(
            DocumentText(
                place, _text(section.get(name)), running, _words(section_where(section), place)
            )
        )
    for entry_type in ENTRY_TYPES:
        for entry in section.get(entry_type.key) or []:
            where = entry_where(section, entry_type.key, entry)
            for name in entry_type.text_fields:
                place = Place.of_entry(key, entry_type.key, entry.get("key") or "", name)
                texts.append(
                    DocumentText(
                        place,
                        _text(entry.get(name)),
                        not entry_type.is_short_text(name),
                        _words(where, place),
                    )
                )
    return texts


def document_texts(document: dict) -> Iterator[DocumentText]:
    """Every field of a document that families read: the offer's, then each section's."""
    yield from offer_texts(document)
    for section in document.get("sections") or []:
        yield from section_texts(section)


def document_web_addresses(document: dict) -> Iterator[DocumentText]:
    """Every web address field of a document: the council's website, then each entry's
    links (offers.entry_types url_fields), in page order."""
    council = document.get("council") or {}
    for name in COUNCIL_WEB_ADDRESSES:
        place = Place.of_council(name)
        yield DocumentText(
            place, _text(council.get(name)), False, _words("The council's details", place)
        )
    for section in document.get("sections") or []:
        key = section.get("key") or ""
        for entry_type in ENTRY_TYPES:
            for entry in section.get(entry_type.key) or []:
                where = entry_where(section, entry_type.key, entry)
                for name in entry_type.url_fields:
                    place = Place.of_entry(key, entry_type.key, entry.get("key") or "", name)
                    yield DocumentText(place, _text(entry.get(name)), False, _words(where, place))

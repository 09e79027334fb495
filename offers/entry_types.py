"""The registry of structured entry types: the one list of what a section can hold.

The document builder, its JSON Schema, the diff, the "what applies to you" filter, the
admin inlines, the public templates, import and the demo data all read ENTRY_TYPES. A new
entry type is its model, its template, a migration and one line here (a test checks that
every subclass of models.Entry is listed and has a template).

Which fields families read as words (for the plain-English check, offers.plain_english):
every Markdown field of the model (offers.fields.MarkdownField), read as running text, and
the entry's name plus its short_text_fields, short lines checked for jargon only. Contact
details (phone, email, address, venue), amounts, dates, codes and links are not words to
judge; links are checked apart (offers.advice).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import CharField, TextField, URLField

from . import models
from .choices import SectionKind, SocialWorkKind, label
from .fields import MarkdownField

ALL_KINDS = frozenset(SectionKind.values)


@dataclass(frozen=True)
class EntryType:
    key: str  # the list's key in a section of the document: "allowances"
    model: type[models.Entry]
    fields: tuple[str, ...]  # the entry's own fields, in document and form order
    noun: str  # one entry, as officers and families read it: "allowance"
    noun_plural: str
    name_field: str  # the field that names one entry
    template: str  # public markup for one entry ("entry" in its context)
    section_kinds: frozenset[str]  # the kinds of section it belongs in
    list_template: str = "includes/entries/list.html"  # all of a section's entries of this type
    # One-line words families read besides the name ("when it meets", "cost"): checked for
    # jargon only. Markdown fields are found from the model; contact details stay out.
    short_text_fields: tuple[str, ...] = ()
    # Entries of this type are money a family is paid (an amount, how often, means-tested,
    # an age band): "At a glance" lists them as "Money you could get", whichever section
    # they sit in. Nothing else is ever called money (a counselling service is not).
    money: bool = False

    def name_of(self, entry: dict) -> str:
        """What to call one entry of a document: its name, title or kind of service."""
        value = entry.get(self.name_field) or ""
        if self.model is models.SocialWorkService:
            return label(SocialWorkKind, value)
        return value or self.noun.capitalize()

    @property
    def document_fields(self) -> tuple[str, ...]:
        """Every field an entry of this type has in the document, in order."""
        return ("key", *self.fields, "arrangement_types")

    def _field(self, name: str):
        return self.model._meta.get_field(name)

    @cached_property
    def markdown_fields(self) -> tuple[str, ...]:
        """The fields written in Markdown (families read them as running text), in order."""
        return tuple(name for name in self.fields if isinstance(self._field(name), MarkdownField))

    @cached_property
    def text_fields(self) -> tuple[str, ...]:
        """Every field whose words families read, in form order: the name (when officers
        write it, not a choice), the short text fields and the Markdown fields."""
        name_field = self._field(self.name_field)
        wanted = {*self.short_text_fields, *self.markdown_fields}
        if isinstance(name_field, (CharField, TextField)) and not name_field.choices:
            wanted.add(self.name_field)
        return tuple(name for name in self.fields if name in wanted)

    def is_short_text(self, name: str) -> bool:
        """A name or other one-line text: too short for a reading age, checked for jargon."""
        return name in self.text_fields and name not in self.markdown_fields

    @cached_property
    def url_fields(self) -> tuple[str, ...]:
        """The web addresses officers type (booking links), in order."""
        return tuple(name for name in self.fields if isinstance(self._field(name), URLField))


ENTRY_TYPES: tuple[EntryType, ...] = (
    EntryType(
        key="allowances",
        model=models.Allowance,
        fields=(
            "name",
            "amount",
            "frequency",
            "means_tested",
            "applies_from",
            "age_band",
            "how_to_apply",
            "notes",
        ),
        noun="allowance",
        noun_plural="allowances",
        name_field="name",
        template="includes/entries/allowance.html",
        list_template="includes/entries/allowance_table.html",
        short_text_fields=("age_band",),
        money=True,
        section_kinds=frozenset(
            {SectionKind.FINANCIAL, SectionKind.LEGAL, SectionKind.SHORT_BREAKS, SectionKind.AGE_18}
        ),
    ),
    EntryType(
        key="social_work_services",
        model=models.SocialWorkService,
        fields=("kind", "what_happens", "who_can_ask", "timescale", "how_to_ask"),
        noun="social work service",
        noun_plural="social work services",
        name_field="kind",
        template="includes/entries/social_work_service.html",
        short_text_fields=("timescale",),
        section_kinds=frozenset({SectionKind.SOCIAL_WORK}),
    ),
    EntryType(
        key="support_services",
        model=models.SupportService,
        fields=("title", "description", "provider", "cost", "how_to_get"),
        noun="support service",
        noun_plural="support services",
        name_field="title",
        template="includes/entries/support_service.html",
        short_text_fields=("provider", "cost"),
        section_kinds=ALL_KINDS - {SectionKind.COMPLAINTS, SectionKind.CONTACTS},
    ),
    EntryType(
        key="training_courses",
        model=models.TrainingCourse,
        fields=(
            "title",
            "description",
            "format",
            "when",
            "provider",
            "how_to_book",
            "booking_url",
            "cost",
        ),
        noun="training course",
        noun_plural="training courses",
        name_field="title",
        template="includes/entries/training_course.html",
        short_text_fields=("when", "provider", "cost"),
        section_kinds=frozenset({SectionKind.CARER_TRAINING, SectionKind.EDUCATION}),
    ),
    EntryType(
        key="peer_groups",
        model=models.PeerGroup,
        fields=("name", "description", "meets", "venue", "online", "run_by", "contact"),
        noun="peer support group",
        noun_plural="peer support groups",
        name_field="name",
        template="includes/entries/peer_group.html",
        short_text_fields=("meets", "run_by"),
        section_kinds=frozenset({SectionKind.PEER_SUPPORT}),
    ),
    EntryType(
        key="contacts",
        model=models.Contact,
        fields=("name", "phone", "email", "opening_hours", "address", "notes"),
        noun="contact",
        noun_plural="contacts",
        name_field="name",
        template="includes/entries/contact.html",
        short_text_fields=("opening_hours",),
        section_kinds=ALL_KINDS,
    ),
)

BY_KEY: dict[str, EntryType] = {entry_type.key: entry_type for entry_type in ENTRY_TYPES}
BY_MODEL: dict[type, EntryType] = {entry_type.model: entry_type for entry_type in ENTRY_TYPES}
ENTRY_KEYS: tuple[str, ...] = tuple(BY_KEY)


def entry_types_for_kind(kind: str) -> list[EntryType]:
    """The entry types a section of this kind may hold, in registry order."""
    return [entry_type for entry_type in ENTRY_TYPES if kind in entry_type.section_kinds]

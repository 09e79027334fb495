"""The nouns of a kinship local offer.

Officers edit a working copy (Offer, Section and the entry rows). Families only ever see
published, immutable OfferRevision documents made from it by offers.documents.
"""

import datetime
import uuid

from django import forms
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from . import limits
from .choices import (  # noqa: F401 - re-exported: models.SectionKind etc. are the same lists
    ArrangementType,
    AuditAction,
    ConsultationSource,
    CourseFormat,
    Frequency,
    OfferStatus,
    Region,
    ReminderKind,
    Respondent,
    Role,
    ScheduleStatus,
    SectionKind,
    SocialWorkKind,
    ThemeAnswerKind,
)
from .document_upgrades import StoredDocumentDecoder
from .fields import MarkdownField, WebAddressField
from .formatting import uk_date, uk_date_time
from .validators import (
    TEXT_VALIDATORS,
    validate_applies_from,
    validate_arrangement_types,
    validate_brand_colour,
    validate_gss_code,
    validate_last_reviewed,
    validate_next_review_due,
    validate_no_hidden_characters,
    validate_uk_phone,
    without_unshowable_characters,
)


class ArrangementTypesField(models.JSONField):
    """A list of ArrangementType codes; empty means "everyone". Edited as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault(
            "help_text", "Leave all boxes empty if this is for every kind of kinship family."
        )
        kwargs.setdefault("verbose_name", "who this is for")
        super().__init__(*args, **kwargs)
        if validate_arrangement_types not in self.validators:
            self.validators.append(validate_arrangement_types)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("default", "blank", "help_text", "verbose_name"):
            kwargs.pop(key, None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=ArrangementType.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


class OfficerTextMixin:
    """Text written into an offer: its length limit and the house text rules on the field,
    and read back without characters no page can show.

    On the model field, so everything that fills one runs the same checks: model forms (the
    admin now, any officers' form later), and import and restore (the models' full_clean).
    Every such field has a max_length (offers.limits for the long texts), which the
    document's JSON Schema gives as maxLength. Forms say "The text must be 50,000
    characters or fewer" at the limit, and their inputs have no maxlength attribute: a
    browser cuts pasted text at it without saying so.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.max_length:
            raise TypeError(f"{type(self).__name__} needs a max_length (see offers.limits)")
        if not any(isinstance(v, MaxLengthValidator) for v in self.validators):
            self.validators.append(MaxLengthValidator(self.max_length))  # a TextField has none
        self.validators.extend(TEXT_VALIDATORS)
        # Not _error_messages: the message is not part of the field's migration state.
        self.error_messages = {
            **self.error_messages,
            "max_length": limits.too_long(self.max_length),
        }

    def from_db_value(self, value, expression, connection):
        # Read back showable, even if stored before control characters were refused (or
        # written past the checks): no page, feed or file made from it can carry one.
        return value if value is None else without_unshowable_characters(value)

    def deconstruct(self):
        # Django's own field class to migrations, as offers.fields does: the column is the
        # same, and these rules are Python's business, so historical models stay plain.
        name, _path, args, kwargs = super().deconstruct()
        base = next(c for c in type(self).__mro__ if c.__module__ == models.CharField.__module__)
        return name, f"django.db.models.{base.__name__}", args, kwargs

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        field.error_messages["max_length"] = limits.too_long(self.max_length)
        field.widget.attrs.pop("maxlength", None)
        return field


class OfficerCharField(OfficerTextMixin, models.CharField):
    """A one-line text in an offer (a name, a heading, a summary)."""


class OfficerTextField(OfficerTextMixin, models.TextField):
    """A longer text in an offer that is not Markdown (an address)."""


class OfficerMarkdownField(OfficerTextMixin, MarkdownField):
    """A longer text in an offer, in Markdown (offers.fields.MarkdownField)."""


class OfficerURLField(OfficerTextMixin, WebAddressField):
    """A web address in an offer (offers.fields.WebAddressField)."""


class OfficerEmailField(OfficerTextMixin, models.EmailField):
    """An email address in an offer."""


# --- Councils and the officers who work for them -------------------------------------------


class CouncilQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


# Words of a council's legal name that say what kind of council it is, not where: a web
# address name without them is short and still unique ("ashdown", not
# "ashdown-borough-council"). "of" and "the" go only where they join these to the place.
COUNCIL_TYPE_WORDS = frozenset(
    {
        "borough",
        "city",
        "council",
        "county",
        "district",
        "metropolitan",
        "royal",
        "corporation",
        "unitary",
        "authority",
    }
)
_LEADING_WORDS = (("london", "borough"), ("the",), ("of",))


def suggest_council_slug(name: str, *, max_length: int = 60) -> str:
    """A short web address name for a council: its place name in lower case with hyphens.

    "Ashdown Borough Council" -> "ashdown", "London Borough of Barnet" -> "barnet",
    "Royal Borough of Kensington and Chelsea" -> "kensington-and-chelsea", "Council of the
    Isles of Scilly" -> "isles-of-scilly", "Isle of Wight Council" -> "isle-of-wight".
    A name that is nothing but such words keeps them all ("" only for a name with no letters
    or digits). Cut at a word to fit max_length.
    """
    words = slugify(name).split("-") if slugify(name) else []
    place = list(words)
    changed = True
    while changed and place:
        changed = False
        if place[0] in COUNCIL_TYPE_WORDS:
            place, changed = place[1:], True
        for phrase in _LEADING_WORDS:
            if tuple(place[: len(phrase)]) == phrase and len(place) > len(phrase):
                place, changed = place[len(phrase) :], True
    while place and (place[-1] in COUNCIL_TYPE_WORDS or place[-1] in {"of", "the"}):
        place = place[:-1]  # "Herefordshire, County of"
    chosen = place or words
    slug = ""
    for word in chosen:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > max_length:
            break
        slug = longer
    return slug or "-".join(chosen)[:max_length]


class Council(models.Model):
    name = OfficerCharField(max_length=120, unique=True, validators=[validate_no_hidden_characters])
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Used in the web address, like /offers/ashdown/. Lower case letters, "
        "numbers and hyphens only.",
        error_messages={"unique": "Another council already uses this web address name"},
    )
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        unique=True,
        validators=[validate_gss_code],
        help_text="The council's ONS code, like E06000001.",
        error_messages={"unique": "Another council already has this GSS code"},
    )
    region = models.CharField(max_length=20, choices=Region.choices)
    website = OfficerURLField(blank=True, validators=[validate_no_hidden_characters])
    email = OfficerEmailField(
        "public email", blank=True, validators=[validate_no_hidden_characters]
    )
    phone = OfficerCharField(
        "public phone", max_length=30, blank=True, validators=[validate_uk_phone]
    )
    brand_colour = models.CharField(
        max_length=7,
        default="#1d70b8",
        validators=[validate_brand_colour],
        help_text="Hex code, like #1d70b8. White text must be readable on it.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Untick to hide this council from the public site."
    )

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Changing the web address name keeps the old address working: a redirect for good.

        The one place a CouncilSlugRedirect is written, so the admin, imports and restores
        all leave one behind.
        """
        with transaction.atomic():
            old = None
            if self.pk is not None:
                old = Council.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            super().save(*args, **kwargs)
            if old and old != self.slug:
                # Back to a name it had before: that address is the council's own again.
                CouncilSlugRedirect.objects.filter(old_slug=self.slug, council=self).delete()
                CouncilSlugRedirect.objects.update_or_create(
                    old_slug=old, defaults={"council": self}
                )

    def get_absolute_url(self):
        from .addresses import offer_page  # the URL configuration imports the models

        return offer_page(self.slug)

    def clean(self):
        """A council's old web address name keeps redirecting to it, so no other council
        may take it."""
        taken = (
            CouncilSlugRedirect.objects.filter(old_slug=self.slug)
            .exclude(council_id=self.pk)
            .select_related("council")
            .first()
        )
        if self.slug and taken is not None:
            raise ValidationError(
                {
                    "slug": f"This was {taken.council.name}'s web address name, and it still "
                    "takes families to their offer. Choose another"
                }
            )


class Membership(models.Model):
    """An officer's role at one council. A user may work for more than one council."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "council"], name="one_role_per_council")
        ]
        ordering = ["council__name", "user__username"]

    def __str__(self):
        return f"{self.user} – {self.council} ({self.get_role_display().split(' (')[0]})"

    def save(self, *args, **kwargs):
        """Belonging to a council is what makes someone an officer, so they can use the admin."""
        super().save(*args, **kwargs)
        if not self.user.is_staff:
            type(self.user).objects.filter(pk=self.user_id).update(is_staff=True)
            self.user.is_staff = True


class NationalHelplineQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_active=True).order_by("order", "name")


class NationalHelpline(models.Model):
    """Independent national help (a charity's advice line), shown on every offer page.

    Some families distrust the council, so every offer names help that is not the council.
    A site administrator keeps these details true; councils cannot change them.
    """

    name = models.CharField(
        max_length=120,
        help_text='Who runs it, like "Kinship (charity)".',
        validators=[validate_no_hidden_characters],
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="One plain sentence: who it helps and what with.",
    )
    phone = models.CharField(max_length=30, blank=True, validators=[validate_uk_phone])
    website = WebAddressField(blank=True, validators=[validate_no_hidden_characters])
    opening_hours = models.CharField(max_length=160, blank=True)
    order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField("shown on offer pages", default=True)

    objects = NationalHelplineQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.phone or self.website):
            raise ValidationError("Enter a phone number or a website, so families can reach it")


class NationalScheme(models.Model):
    """Help from the government or a national body, the same wherever a family lives (or in
    the pilot areas it names): kept once by site administrators, shown on every offer's
    money page apart from the council's own help.

    These rows are the editable list. Families only ever see a published, immutable
    NationalSchemesVersion made from them (offers.national_schemes), so an edit changes
    no public page until the list is published.
    """

    # Names the scheme in every published version, the API and the diff (never the row id).
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(
        max_length=120,
        help_text='What families call it, like "Guardian\u2019s Allowance".',
        validators=[validate_no_hidden_characters, *TEXT_VALIDATORS],
    )
    arrangement_types = ArrangementTypesField()
    summary = models.CharField(
        "what it gives",
        max_length=300,
        help_text="One or two plain sentences: what it is and what it pays for.",
        validators=list(TEXT_VALIDATORS),
    )
    amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="In pounds, like 22.95. Leave empty if it gives no fixed amount.",
    )
    frequency = models.CharField("how often", max_length=12, choices=Frequency.choices, blank=True)
    amount_is_most = models.BooleanField(
        "the amount is the most anyone can get",
        default=False,
        help_text='Shown as "Up to £3,000 a year".',
    )
    how_to_apply = models.TextField(
        max_length=1000,
        help_text="Who to ask and how, in plain words. Never type a phone number you have "
        "not checked on the source page.",
        validators=list(TEXT_VALIDATORS),
    )
    source_url = WebAddressField(
        "source address",
        help_text="The public page these facts were checked against.",
        validators=[validate_no_hidden_characters],
    )
    checked_on = models.DateField("date checked")
    next_check_due = models.DateField("next check due")
    council_gss_codes = models.JSONField(
        "limited to these councils",
        default=list,
        blank=True,
        help_text="For a pilot: the GSS codes of the councils it runs in, like E06000035. "
        "Leave empty if it is for every council.",
    )
    check_before_live = models.BooleanField(
        "check before going live",
        default=True,
        help_text="Ticked for facts nobody has yet checked against the source for this site. "
        "Never shown to families.",
    )
    admin_note = models.TextField(
        "note for administrators",
        max_length=1000,
        blank=True,
        help_text="What to check next time. Never shown to families.",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "national scheme"

    def __str__(self):
        return self.name

    def clean(self):
        """An amount says how often; a limited scheme names real GSS codes; the next check
        comes after the last one."""
        errors = {}
        if self.amount is not None and not self.frequency:
            errors["frequency"] = "Choose how often the amount is paid"
        if self.amount is None and self.amount_is_most:
            errors["amount_is_most"] = "Enter the amount, or untick this box"
        codes = self.council_gss_codes
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            errors["council_gss_codes"] = 'Enter a list of GSS codes, like ["E06000035"]'
        else:
            for code in codes:
                try:
                    validate_gss_code(code)
                except ValidationError:
                    errors["council_gss_codes"] = (
                        f"“{code}” is not a GSS code. Enter codes like E06000035"
                    )
                    break
        if self.checked_on and self.next_check_due and self.next_check_due <= self.checked_on:
            errors["next_check_due"] = "The next check must be after the date checked"
        if errors:
            raise ValidationError(errors)


class WrittenOnce(models.Model):
    """A published record: saved once, never changed or deleted, as what families were
    shown is never rewritten (offer versions, national schemes versions, consultation
    results). `written_once_noun` names it in the refusal."""

    written_once_noun = "published version"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(f"A {self.written_once_noun} cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(f"A {self.written_once_noun} cannot be deleted")


class NationalSchemesVersion(WrittenOnce):
    """A published list of national schemes: an immutable, dated document
    (offers.national_schemes.schemes_document). Public pages, the API and the CSV read the
    newest one, never the editable rows."""

    number = models.PositiveIntegerField(unique=True)
    document = models.JSONField()
    summary = models.CharField("what changed", max_length=300)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        verbose_name = "published national schemes version"

    def __str__(self):
        return f"National schemes version {self.number}"


class NationalSchemeReminderSent(models.Model):
    """A "check this scheme" email sent to site administrators, one per scheme and check date
    (a new next check due date starts afresh), so send_review_reminders sends each once."""

    scheme = models.ForeignKey(NationalScheme, on_delete=models.CASCADE, related_name="+")
    next_check_due = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "next_check_due"], name="one_reminder_per_scheme_check"
            )
        ]

    def __str__(self):
        return f"Check of {self.scheme} due {uk_date(self.next_check_due)}"


# --- The working copy ---------------------------------------------------------------------


class OfferQuerySet(models.QuerySet):
    def live(self):
        """Offers families can see: published, for an active council."""
        return self.filter(published_revision__isnull=False, council__is_active=True)


class Offer(models.Model):
    """A council's kinship local offer, as officers are editing it now (the working copy)."""

    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="offer")
    title = OfficerCharField(
        max_length=200,
        default="Our kinship local offer",
        validators=[validate_no_hidden_characters],
    )
    introduction = OfficerMarkdownField(
        "our general approach",
        max_length=limits.LONG_TEXT,
        help_text="How the council supports kinship families, in plain words. Markdown.",
    )
    manager_name = OfficerCharField(
        "responsible senior manager",
        max_length=120,
        help_text="Full name.",
        validators=[validate_no_hidden_characters],
    )
    manager_job_title = OfficerCharField("manager's job title", max_length=160)
    last_reviewed = models.DateField("last reviewed")
    next_review_due = models.DateField("next review due")
    status = models.CharField(
        max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT, editable=False
    )
    rejection_reason = models.TextField(blank=True, editable=False)
    published_revision = models.ForeignKey(
        "OfferRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Optimistic locking: a save must carry the version it was read at.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["council__name"]

    def __str__(self):
        return f"{self.council.name}: {self.title}"

    def check_room_for_a_section(self) -> None:
        """An offer holds at most offers.limits.MAX_SECTIONS sections; refuse one more."""
        if self.pk is not None and self.sections.count() >= limits.MAX_SECTIONS:
            raise ValidationError(limits.too_many_sections(), code="too_many_sections")

    def clean(self):
        """Review dates an offer could have (offers.validators): last reviewed today or
        earlier, and the next review after it and at most 3 years ahead."""
        errors = {}
        last, due = self.last_reviewed, self.next_review_due
        for name, value, rule in (
            ("last_reviewed", last, validate_last_reviewed),
            ("next_review_due", due, validate_next_review_due),
        ):
            try:
                if value:
                    rule(value)
            except ValidationError as error:
                errors[name] = error.messages
        if last and due and due <= last:
            errors["next_review_due"] = [
                "The next review date must be after the last reviewed date"
            ]
        if errors:
            raise ValidationError(errors)


class Section(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="sections")
    # The section's name in documents: kept through export and import, so versions of one
    # offer can be compared section by section whatever rows they were made from.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    heading = OfficerCharField(max_length=120, validators=[validate_no_hidden_characters])
    summary = OfficerCharField(
        max_length=300, help_text="One or two sentences, shown in the contents list."
    )
    body = OfficerMarkdownField(
        blank=True,
        max_length=limits.LONG_TEXT,
        help_text="Markdown: headings, lists, links, bold.",
    )
    order = models.PositiveIntegerField(default=0)
    arrangement_types = ArrangementTypesField()
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["offer", "key"], name="one_section_per_key")]

    def __str__(self):
        return self.heading


# --- Structured entries inside a section --------------------------------------------------


class Entry(models.Model):
    """Shared shape of the structured rows in a section; each says who it is for.

    Every subclass must be listed in offers.entry_types.ENTRY_TYPES (a test checks).
    """

    key = models.UUIDField(default=uuid.uuid4, editable=False)
    order = models.PositiveIntegerField(default=0)
    arrangement_types = ArrangementTypesField()

    class Meta:
        abstract = True
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "key"], name="%(app_label)s_%(class)s_one_per_key"
            )
        ]


class Allowance(Entry):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="allowances")
    name = OfficerCharField(max_length=160, validators=[validate_no_hidden_characters])
    amount = models.DecimalField(
        "amount (£)",
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0, message="The amount must be £0 or more")],
    )
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    means_tested = models.BooleanField(default=False)
    applies_from = models.DateField(help_text="The date this amount applies from.")
    age_band = OfficerCharField(max_length=60, blank=True, help_text='Optional, like "Age 0 to 4".')
    how_to_apply = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)
    notes = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)

    class Meta(Entry.Meta):
        pass

    def __str__(self):
        return self.name

    def clean(self):
        """A rate applies from a date a council could mean: 2000 to 2 years ahead."""
        if self.applies_from:
            try:
                validate_applies_from(self.applies_from)
            except ValidationError as error:
                raise ValidationError({"applies_from": error.messages}) from error


class TrainingCourse(Entry):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="training_courses")
    title = OfficerCharField(max_length=160, validators=[validate_no_hidden_characters])
    description = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)
    format = models.CharField(max_length=10, choices=CourseFormat.choices)
    when = OfficerCharField(max_length=160, blank=True, help_text='Like "Tuesdays 10am, termly".')
    provider = OfficerCharField(max_length=160, blank=True)
    how_to_book = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)
    booking_url = OfficerURLField(
        "booking link", blank=True, validators=[validate_no_hidden_characters]
    )
    cost = OfficerCharField(max_length=80, blank=True, default="Free")

    class Meta(Entry.Meta):
        pass

    def __str__(self):
        return self.title


class PeerGroup(Entry):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="peer_groups")
    name = OfficerCharField(max_length=160, validators=[validate_no_hidden_characters])
    description = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)
    meets = OfficerCharField("when it meets", max_length=160, blank=True)
    venue = OfficerCharField("where it meets", max_length=200, blank=True)
    online = models.BooleanField("meets online", default=False)
    run_by = OfficerCharField(max_length=160, blank=True)
    contact = OfficerCharField(max_length=200, blank=True)

    class Meta(Entry.Meta):
        pass

    def __str__(self):
        return self.name


class SocialWorkService(Entry):
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="social_work_services"
    )
    kind = models.CharField(max_length=20, choices=SocialWorkKind.choices)
    what_happens = OfficerMarkdownField(max_length=limits.ENTRY_TEXT)
    who_can_ask = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)
    timescale = OfficerCharField("typical timescale", max_length=160, blank=True)
    how_to_ask = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)

    class Meta(Entry.Meta):
        pass

    def __str__(self):
        return self.get_kind_display()


class SupportService(Entry):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="support_services")
    title = OfficerCharField(max_length=160, validators=[validate_no_hidden_characters])
    description = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)
    provider = OfficerCharField(
        max_length=160, blank=True, help_text="The council or a named charity or partner."
    )
    cost = OfficerCharField(max_length=80, blank=True, default="Free")
    how_to_get = OfficerMarkdownField("how to get it", blank=True, max_length=limits.ENTRY_TEXT)

    class Meta(Entry.Meta):
        pass

    def __str__(self):
        return self.title


class Contact(Entry):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="contacts")
    name = OfficerCharField(
        "team or person", max_length=160, validators=[validate_no_hidden_characters]
    )
    phone = OfficerCharField(max_length=30, blank=True, validators=[validate_uk_phone])
    email = OfficerEmailField(blank=True, validators=[validate_no_hidden_characters])
    opening_hours = OfficerCharField(max_length=200, blank=True)
    address = OfficerTextField(blank=True, max_length=limits.ENTRY_TEXT)
    notes = OfficerMarkdownField(blank=True, max_length=limits.ENTRY_TEXT)

    class Meta(Entry.Meta):
        pass

    def __str__(self):
        return self.name


# --- The workspace's own notes on the working copy ------------------------------------------


class TaskAnswer(models.Model):
    """An officer's answer to "Have you completed this section?" for one task of the
    workspace's task list (offers.tasks): a section, by its key, or a part of the offer's
    details ("about:introduction").

    Keyed by the section's document key, not its row, so an import that rebuilds the rows
    keeps the answers of the sections it keeps.
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="task_answers")
    task = models.CharField(max_length=80)
    completed = models.BooleanField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["offer", "task"], name="one_answer_a_task")]

    def __str__(self):
        return f"{self.task}: {'completed' if self.completed else 'not completed'}"


class RemovedItem(models.Model):
    """An entry an officer removed from the working copy, kept as its document item so
    "Undo" can put it back, until the next publish (offers.services clears them)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="removed_items")
    section_key = models.UUIDField()
    entry_type = models.CharField(max_length=40)  # offers.entry_types key: "allowances"
    name = models.CharField(max_length=200)
    content = models.JSONField()  # the entry as the document holds it, key included
    order = models.PositiveIntegerField(default=0)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-removed_at", "-id"]

    def __str__(self):
        return self.name


# --- Published versions and the workflow around them -------------------------------------


class OfferRevision(WrittenOnce):
    """A published version of an offer: an immutable document (see offers.documents)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    # Read back without control characters, even ones written before they were refused.
    content = models.JSONField(decoder=StoredDocumentDecoder)
    summary = OfficerCharField(
        "what changed", max_length=300, help_text="Written for families, in plain words."
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["offer", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "version"], name="one_number_per_version")
        ]
        get_latest_by = "version"

    def __str__(self):
        return f"{self.offer.council.name} version {self.version}"


class ScheduledPublish(models.Model):
    """An approver's decision to publish a document (taken when scheduled) at a later time."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="scheduled_publishes")
    content = models.JSONField(decoder=StoredDocumentDecoder)
    summary = OfficerCharField("what changed", max_length=300)
    publish_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=ScheduleStatus.choices, default=ScheduleStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revision = models.ForeignKey(
        OfferRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The live version the approver scheduled against (None: nothing was live). If another
    # version goes live first, this document is older than what families see: it is
    # cancelled, never published over the newer one (offers.services).
    based_on = models.ForeignKey(
        OfferRevision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["publish_at"]

    def __str__(self):
        return f"{self.offer.council.name} at {uk_date_time(self.publish_at)}"


class PreviewLink(models.Model):
    """A read-only link to the working copy for people without a login (7 days, revocable)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link for {self.offer.council.name}, made {uk_date(self.created_at)}"

    def is_usable(self, now=None) -> bool:
        """Usable until it expires or an officer revokes it."""
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at


class AuditEvent(models.Model):
    """Who did what to an offer, and when. Written through offers.services._audit only
    (by the services, the admin's edit recording and the feedback inbox)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    detail = models.TextField(blank=True)
    revision = models.ForeignKey(
        OfferRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit trail entry"
        verbose_name_plural = "audit trail entries"

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor} at {uk_date_time(self.at)}"


class Feedback(models.Model):
    """A family's answer to "Was this section clear?". No personal data is asked for."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="feedback")
    revision = models.ForeignKey(
        OfferRevision, null=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    section_anchor = models.CharField(max_length=80)
    section_heading = models.CharField(max_length=200)
    was_clear = models.BooleanField()
    comment = models.TextField("what was unclear", max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Only the handled state ever changes (offers.feedback_inbox); what families said never does.
    handled_at = models.DateTimeField("handled", null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        answer = "clear" if self.was_clear else "not clear"
        return f"{self.section_heading}: {answer}"


class FactCheck(models.Model):
    """A draft (one section, or the whole working copy) sent by email to someone outside the
    workspace to check the facts: a colleague in health, a charity (offers.fact_check).

    The link in the email carries a random token; only its SHA-256 hash is stored, so the
    table cannot be read back into working links. The sections are kept as they were sent,
    so the comments always sit beside the words they are about.
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="fact_checks")
    name = OfficerCharField(
        "their name", max_length=100, validators=[validate_no_hidden_characters]
    )
    email = models.EmailField(
        "their email address", max_length=254, validators=[validate_no_hidden_characters]
    )
    section_key = models.CharField(max_length=36, blank=True)  # "" for the whole draft
    # What was sent, in words: "the whole draft", "the section “Money”".
    sent = models.CharField("what was sent", max_length=250)
    content = models.JSONField(decoder=StoredDocumentDecoder)  # the document as sent
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Fact check by {self.name} for {self.offer.council.name}"

    def sections(self) -> list[dict]:
        """The sections sent: one, or the whole draft's."""
        sections = self.content.get("sections") or []
        if not self.section_key:
            return sections
        return [s for s in sections if s.get("key") == self.section_key]


class FactCheckComment(models.Model):
    """What the person asked to check said about one section of what they were sent."""

    fact_check = models.ForeignKey(FactCheck, on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(max_length=36)
    section_heading = models.CharField(max_length=200)
    comment = models.TextField(max_length=2000, validators=list(TEXT_VALIDATORS))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["fact_check", "id"]

    def __str__(self):
        return f"{self.section_heading}: {self.comment[:40]}"


# --- Search rows, made from published documents -------------------------------------------


class SearchEntry(models.Model):
    """One searchable piece of a live offer: a section, or one entry in it.

    Made from the published document by offers.search.search_index_revision, in the same
    transaction as the publish, and deleted when a newer version replaces it, so search
    only ever finds what families can see. Never edited by hand.
    """

    # A section's own row (heading, summary, body) or an entry's (name, details).
    SECTION_TEXT, ENTRY_TEXT = "B", "C"

    revision = models.ForeignKey(
        OfferRevision, on_delete=models.CASCADE, related_name="search_entries"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    section_anchor = models.CharField(max_length=80)
    section_heading = models.CharField(max_length=200)
    fragment = models.CharField(max_length=80, blank=True, help_text="The entry's id on the page.")
    heading = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    # " sgo cao " (codes with a space each side), or "" for every kinship family: a plain
    # string, so "for SGO carers" is one LIKE on SQLite and on PostgreSQL alike.
    arrangement_types = models.CharField(max_length=200, blank=True)
    weight = models.CharField(
        max_length=1, default=SECTION_TEXT, help_text="Full-text weight of the text (A to D)."
    )
    order = models.PositiveIntegerField(default=0)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["revision", "order"]
        indexes = [GinIndex(fields=["search_vector"], name="offers_search_vector_gin")]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.heading} ({self.section_heading})"


# --- Reminders to officers -----------------------------------------------------------------


class ReminderSent(models.Model):
    """A reminder email send_review_reminders has sent, so each one goes out once.

    A review reminder is keyed by the review date it was about (a new date starts afresh);
    the allowance-rates reminder by the financial year (2026 for 1 April 2026 to 31 March 2027).
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="reminders_sent")
    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    due_date = models.DateField(null=True, blank=True)
    financial_year = models.PositiveSmallIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "kind", "due_date"],
                condition=models.Q(due_date__isnull=False),
                name="one_reminder_per_review_date",
            ),
            models.UniqueConstraint(
                fields=["offer", "kind", "financial_year"],
                condition=models.Q(financial_year__isnull=False),
                name="one_reminder_per_financial_year",
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=False, financial_year__isnull=True)
                | models.Q(due_date__isnull=True, financial_year__isnull=False),
                name="reminder_has_a_date_or_a_year",
            ),
        ]

    def __str__(self):
        about = self.due_date or self.financial_year
        return f"{self.get_kind_display()} ({about}) sent {uk_date(self.sent_at)}"


# --- Plain English ---------------------------------------------------------------------------


class JargonTerm(models.Model):
    """A word or phrase families may not know, and what to say instead.

    Site administrators keep the list; offers.plain_english flags a term used before it is
    explained (its plain alternative earlier in the text, or an explanation in brackets).
    """

    term = models.CharField(
        max_length=80,
        unique=True,
        help_text='As officers write it, like "SGO" or "connected person". A term in capitals '
        "is matched in capitals only; any other term in any case.",
        error_messages={"unique": "This term is on the list already"},
    )
    plain_alternative = models.CharField(
        max_length=200,
        help_text='What to say instead, like "special guardianship order". If these words '
        "come first in a text, the term counts as explained.",
    )
    note = models.TextField(blank=True, help_text="Optional: why it confuses families.")

    class Meta:
        ordering = ["term"]
        verbose_name = "jargon term"

    def __str__(self):
        return self.term


class CouncilSlugRedirect(models.Model):
    """A web address name a council used before: /offers/<old_slug>/… redirects (301) to the
    same page under the council's name now, for good. Written by Council.save only."""

    old_slug = models.SlugField(max_length=60, unique=True)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = "old web address name"

    def __str__(self):
        return f"{self.old_slug} → {self.council.slug}"


class PublicContentVersion(models.Model):
    """The version of everything public pages show: one row, whose token is replaced in the
    same transaction as each change to it (offers.page_cache.public_pages_changed). A kept
    page is served only while it was made under the token the database holds now, so a
    cache that missed a change (it was down, frozen or cut off when the change committed)
    can never serve a page made before it."""

    ROW = 1  # the only row's id

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "public content version"

    def __str__(self):
        return self.token


# --- Email alerts for families -------------------------------------------------------------


class AlertSubscription(models.Model):
    """A family's email address to tell when a council's offer changes (offers.alerts).

    Only the address, the council and the dates are kept, as the privacy notice says. A
    subscription starts when the family follows the link in the confirmation email; one
    never confirmed is deleted once its link has expired, and unsubscribing deletes it.
    """

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="alert_subscriptions"
    )
    email = models.EmailField(max_length=254, validators=[validate_no_hidden_characters])
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["council", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "email"], name="one_alert_subscription_per_address"
            )
        ]

    def __str__(self):
        state = "confirmed" if self.confirmed_at else "not confirmed"
        return f"Alerts for {self.council.name} ({state})"


class AlertSent(models.Model):
    """One version's alert to one subscriber, written (claimed) before the email is sent, so
    each version goes to each subscriber once however many send_change_alerts run at once."""

    subscription = models.ForeignKey(
        AlertSubscription, on_delete=models.CASCADE, related_name="alerts_sent"
    )
    revision = models.ForeignKey(OfferRevision, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "revision"], name="one_alert_per_version"
            )
        ]

    def __str__(self):
        return f"Alert sent {uk_date_time(self.sent_at)}"


# --- Consulting families on the offer (rules in offers.consultations) ----------------------


class Consultation(models.Model):
    """A council asks families about its offer: a snapshot of the offer's document, shown
    at a public link until the closing date, with a few questions.

    Nothing about the people who answer is kept but what they chose to say (see
    ConsultationResponse). The link's address is signed (offers.consultations), so it
    cannot be guessed and nothing secret is stored.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="consultations")
    source = models.CharField(max_length=12, choices=ConsultationSource.choices)
    # The document families read, as it was when the consultation opened: it never changes,
    # so every family answers about the same text.
    document = models.JSONField(decoder=StoredDocumentDecoder)
    questions = models.JSONField(default=list, blank=True)  # the open questions, in order
    ask_about_sections = models.BooleanField(default=True)
    closes_on = models.DateField("closing date")
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)  # closed early
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self):
        return f"Consultation on {self.council.name}'s offer, opened {uk_date(self.opened_at)}"

    def closing_time(self):
        """The end of the closing date (midnight after it, in the site's time zone), unless
        an officer closed it before then."""
        if self.closed_at is not None:
            return self.closed_at
        end = datetime.datetime.combine(
            self.closes_on + datetime.timedelta(days=1), datetime.time.min
        )
        return timezone.make_aware(end)

    def is_open(self, now=None) -> bool:
        """Families may answer until the closing time."""
        return (now or timezone.now()) < self.closing_time()

    def closed_on(self) -> datetime.date:
        """The last day families could answer."""
        if self.closed_at is not None:
            return timezone.localdate(self.closed_at)
        return self.closes_on


class ConsultationTheme(models.Model):
    """What several families said, in the officers' words, and the council's answer."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    title = OfficerCharField("theme", max_length=160, validators=[validate_no_hidden_characters])
    answer_kind = models.CharField(max_length=10, choices=ThemeAnswerKind.choices, blank=True)
    answer = OfficerTextField("our answer", max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title


class ConsultationResponse(models.Model):
    """One family's answers. No name, email or address is asked for or kept, and only the
    day it came (not the time), so nothing here can be matched to a person."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    respondent = models.CharField(
        "who you are", max_length=12, choices=Respondent.choices, default=Respondent.NOT_SAID
    )
    # [{"question": "What is missing?", "answer": "..."}] for each open question answered.
    answers = models.JSONField(default=list, blank=True)
    # [{"anchor", "heading", "useful": "yes"/"no"/"not_sure", "why"}] for each section answered.
    sections = models.JSONField(default=list, blank=True)
    received_on = models.DateField(default=timezone.localdate)
    themes = models.ManyToManyField(ConsultationTheme, blank=True, related_name="responses")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Response {self.pk} to {self.consultation}"

    def texts(self) -> list[str]:
        """Everything the family wrote, in order: the only words a quote may come from."""
        written = [item["answer"] for item in self.answers if item.get("answer")]
        return written + [item["why"] for item in self.sections if item.get("why")]


class ConsultationQuote(models.Model):
    """Words from one response an officer chose to show with a theme when the result is
    published. Only these words of what families wrote are ever shown in public."""

    theme = models.ForeignKey(ConsultationTheme, on_delete=models.CASCADE, related_name="quotes")
    response = models.ForeignKey(
        ConsultationResponse, on_delete=models.CASCADE, related_name="quotes"
    )
    text = OfficerCharField("words to quote", max_length=300)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.text


class ConsultationResultQuerySet(models.QuerySet):
    def latest_for(self, council):
        """The newest published "What families told us" of a council, or None."""
        return self.filter(council=council).order_by("-version").first()


class ConsultationResult(WrittenOnce):
    """A published "What families told us": an immutable, numbered version made from a
    consultation's themes, answers and chosen quotes (offers.consultations.result_content).
    Families see the newest; older versions stay as they were published."""

    written_once_noun = "published result"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="consultation_results"
    )
    # The consultation it was made from; None once that is gone, or for a result restored
    # from a backup (which keeps what was published, not families' answers).
    consultation = models.ForeignKey(
        Consultation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="results",
    )
    version = models.PositiveIntegerField()
    content = models.JSONField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    objects = ConsultationResultQuerySet.as_manager()

    class Meta:
        ordering = ["council", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "version"], name="one_number_per_consultation_result"
            )
        ]

    def __str__(self):
        return f"What families told {self.council.name}, version {self.version}"

"""Officer forms: the optimistic lock the workspace's edit forms use, the publishing and import
forms, and the site administrators' council and national scheme forms.

Optimistic locking: every edit form carries, in a hidden field, the lock_version of the row
it was read at. Saving checks and bumps it in one conditional UPDATE
(`... SET lock_version = seen + 1 WHERE id = ... AND lock_version = seen`), so when two
officers edit the same offer or section, the second save is refused instead of silently
overwriting the first. The refused form is shown again with the officer's own text in it.
"""

import datetime
import hashlib
import json

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html

from . import limits
from .dashboard import uk_date_time
from .documents import document_for, document_to_json
from .formatting import join_words, uk_date
from .models import (
    Council,
    CouncilSlugRedirect,
    NationalScheme,
    Offer,
    suggest_council_slug,
)
from .schema import DocumentError, document_from_file, parse_document_json
from .services import offer_import_check
from .validators import validate_next_review_due, validate_publish_at
from .widgets import DateField, DateInput, DateTimeField, DateTimeInput

LOCK_FIELD = "lock_version"


class StaleEditError(ValidationError):
    """Someone else saved the row between our check and our save (a very short race)."""


class OptimisticLockMixin:
    """Adds the hidden lock field to a ModelForm, refuses stale saves, bumps on save."""

    # For the message: "this offer", "the section “Money”".
    def describe(self) -> str:
        return "this page"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[LOCK_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0
        )
        if self.instance.pk is not None:
            self.fields[LOCK_FIELD].initial = self.instance.lock_version

    @property
    def changed_data(self):
        # The lock field is bookkeeping: a row whose only "change" is that someone else
        # saved it meanwhile has not been changed by this officer (and will not be saved).
        return [
            name
            for name, bound in self._bound_items()
            if name != LOCK_FIELD and bound._has_changed()
        ]

    def _seen_version(self):
        return self.cleaned_data.get(LOCK_FIELD) if hasattr(self, "cleaned_data") else None

    def _reload_url(self) -> str:
        """The page that edits this row afresh ("" for none): each form says its own."""
        return ""

    def stale_message(self):
        url = self._reload_url()
        text = (
            f"Someone else saved changes to {self.describe()} while you were editing it, so "
            "your changes have not been saved. Your text is still in the form below. "
        )
        if not url:
            return text + "Copy it, reload the page and make your changes again."
        return format_html(
            "{}Copy your changes, then "
            '<a href="{}" target="_blank" rel="noopener">open the latest version '
            "(opens in a new tab)</a>, paste them in and save again.",
            text,
            url,
        )

    def clean(self):
        cleaned = super().clean()
        self._check_lock()
        return cleaned

    def _check_lock(self):
        if self.instance.pk is None:
            return  # a new row has nothing to collide with
        if self.prefix and not self.has_changed():
            # An inline row (a formset form has a prefix) is saved only if this officer
            # changed it. The page's main form is always saved, so it is always checked.
            return
        if self._seen_version() is None:
            # Without the version it was read at, a save could overwrite someone's work.
            raise ValidationError(
                "This form is missing a detail we need to save it safely. Copy your changes, "
                "reload the page and make them again.",
                code="no_version",
            )
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            # The admin saves in a transaction: holding the row until it commits means a
            # second save waits here, then sees the new version and is refused.
            rows = rows.select_for_update()
        current = rows.values_list(LOCK_FIELD, flat=True).first()
        if current is not None and current != self._seen_version():
            raise ValidationError(self.stale_message(), code="stale")

    def save(self, commit=True):
        instance = super().save(commit=False)
        if commit:
            self._save_locked(instance)
            self._save_m2m()
        else:
            # The admin saves the object itself later (ModelAdmin.save_model calls
            # obj.save()); make that the locked save, so nothing is bumped unless the whole
            # form, inlines included, was valid and is really saved.
            instance.save = lambda *args, **kwargs: self._save_locked(instance, *args, **kwargs)
        return instance

    def _save_locked(self, instance, *args, **kwargs):
        instance.__dict__.pop("save", None)
        model = type(instance)
        with transaction.atomic():
            if instance.pk is not None and not instance._state.adding:
                rows = model._default_manager.filter(pk=instance.pk)
                seen = self._seen_version()
                if seen is not None and rows.filter(lock_version=seen).update(
                    lock_version=seen + 1
                ):
                    instance.lock_version = seen + 1
                else:
                    raise StaleEditError(self.stale_message(), code="stale")
            model.save(instance, *args, **kwargs)
        return instance


class CouncilAdminForm(forms.ModelForm):
    """A council's details, for site administrators.

    A new council's web address name may be left empty: it is then made short from the
    council's name (models.suggest_council_slug), "ashdown" for "Ashdown Borough Council",
    on the server, so it works with JavaScript off and never becomes the whole name.
    """

    class Meta:
        model = Council
        # Every field a site administrator edits (as the admin's default form had).
        fields = [f.name for f in Council._meta.concrete_fields if f.editable and not f.primary_key]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None and self.instance.pk is None:
            slug.required = False
            slug.help_text = (
                "Used in the web address, like /offers/ashdown/. Lower case letters, numbers "
                "and hyphens only. Leave it empty to use the place’s name from the council’s "
                "name: “ashdown” for Ashdown Borough Council."
            )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        if slug or self.instance.pk is not None:
            return slug
        suggestion = suggest_council_slug(self.cleaned_data.get("name") or "")
        if not suggestion:
            raise ValidationError("Enter a web address name, like “ashdown”")
        taken = Council.objects.filter(slug=suggestion).exists() or (
            CouncilSlugRedirect.objects.filter(old_slug=suggestion).exists()
        )
        if taken:
            raise ValidationError(
                f"“{suggestion}”, made from the council’s name, is another council’s web "
                "address name. Enter a different one"
            )
        return suggestion


# --- Publishing forms (rendered with crispy-forms, GOV.UK template pack) --------------------

SUMMARY_HELP = (
    "Families read this on the “what changed” page. Use plain words, like “We have raised "
    "the weekly allowance for special guardians”. 300 characters or fewer."
)


def _summary_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        label="What changed, in words families will understand",
        help_text=SUMMARY_HELP,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter a short summary of what changed, for families to read",
            "max_length": "The summary must be 300 characters or fewer",
        },
        **kwargs,
    )


class SubmitForm(forms.Form):
    note = forms.CharField(
        label="Anything the approver should know (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why are you sending this back?",
        help_text="The editors see this on the offer's page. Say what needs to change.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you are sending this back, for the editor"},
    )


class AcceptGapsMixin:
    """Asks the approver to tick "Publish with these gaps", only when the checklist has gaps.

    The form only asks: offers.services refuses a document with gaps that were not accepted.
    """

    def ask_to_accept_gaps(self, gaps: int) -> None:
        if not gaps:
            return
        noun = "requirement" if gaps == 1 else "requirements"
        self.fields["accept_gaps"] = forms.BooleanField(
            label="Publish with these gaps",
            help_text=(
                f"The checklist shows {gaps} {noun} this offer does not meet yet. Families "
                "will see it as it is. The history records that you published it with them."
            ),
            required=False,
        )

    @property
    def accepts_gaps(self) -> bool:
        return bool(self.cleaned_data.get("accept_gaps"))


REVIEW_KEEP, REVIEW_TODAY = "keep", "today"


class PublishForm(AcceptGapsMixin, forms.Form):
    """Publish now: a summary, the review dates, and what publishing now would undo.

    The "last reviewed" date families see is changed only when the approver chooses to: the
    page shows it and asks "keep it, or change it to today". A pending scheduled publish is
    cancelled by any publish (offers.services), so the page says so and asks for a tick.
    """

    summary = _summary_field()
    review = forms.ChoiceField(
        label="Which “last reviewed” date should families see?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether to keep the last reviewed date or change it to today",
            "invalid_choice": "Choose whether to keep the last reviewed date or change it to today",
        },
    )
    next_review_due = DateField(
        label="Next review due",
        subject="next review date",
        help_text="After the last reviewed date, and within 3 years. For example, 1 4 2027.",
        widget=DateInput(fieldset=False),
        validators=[validate_next_review_due],
        error_messages={"required": "Enter when this offer is next due for review"},
    )

    def __init__(self, *args, offer: Offer, schedules=(), **kwargs):
        today = timezone.localdate()
        next_due = offer.next_review_due
        if not next_due or next_due <= today:
            next_due = today + datetime.timedelta(days=365)
        kwargs.setdefault("initial", {"next_review_due": next_due})
        super().__init__(*args, **kwargs)
        self.offer, self.today = offer, today
        shown, today_words = uk_date(offer.last_reviewed), uk_date(today)
        review = self.fields["review"]
        review.help_text = (
            f"The offer says it was last reviewed on {shown}. Change it only if you have "
            "reviewed the whole offer."
        )
        review.choices = [
            (REVIEW_KEEP, f"Keep {shown}"),
            (REVIEW_TODAY, f"Change it to today, {today_words}"),
        ]
        self.schedules = list(schedules)
        if self.schedules:
            when = join_words([uk_date_time(s.publish_at) for s in self.schedules])
            noun = "publish" if len(self.schedules) == 1 else "publishes"
            self.fields["cancel_schedule"] = forms.BooleanField(
                label=f"Cancel the scheduled {noun} and publish now",
                help_text=(
                    f"Publishing now cancels the scheduled {noun} of {when}: it was made "
                    "from an older working copy, so it would put older text back."
                ),
                error_messages={
                    "required": f"Tick the box to confirm that publishing now cancels the "
                    f"scheduled {noun} of {when}"
                },
            )

    @property
    def reviewed_on(self) -> datetime.date | None:
        """Today if the approver chose to change the date, None to keep it as it is."""
        return self.today if self.cleaned_data.get("review") == REVIEW_TODAY else None

    def clean(self):
        cleaned = super().clean()
        choice, due = cleaned.get("review"), cleaned.get("next_review_due")
        reviewed = self.today if choice == REVIEW_TODAY else self.offer.last_reviewed
        if due and reviewed and due <= reviewed:
            self.add_error("next_review_due", "The next review date must be after the review date")
        return cleaned

    def with_review_dates(self, document: dict) -> dict:
        """The document with the next review date this form will set, so the checklist
        judges what will be published (publishing is often when a review date is moved on).
        """
        field = self.fields["next_review_due"]
        try:
            due = field.date_from(self["next_review_due"].value())
        except ValidationError:
            return document
        if not due:
            return document
        return {**document, "offer": {**document["offer"], "next_review_due": due.isoformat()}}


class ScheduleForm(AcceptGapsMixin, forms.Form):
    summary = _summary_field()
    publish_at = DateTimeField(
        label="Date and time to publish",
        subject="publishing date",
        help_text="UK time, up to a year ahead. For example, 1 4 2027 and 9am.",
        widget=DateTimeInput(fieldset=False),
        validators=[validate_publish_at],
        error_messages={"required": "Enter the date and time to publish"},
    )


# --- Import from a JSON file ------------------------------------------------------------------

IMPORT_STALE = (
    "Someone changed the offer while you were checking the file. Upload it again to see the "
    "latest changes."
)
_IMPORT_MISSING = "This page is missing a detail we need. Upload the file again."


class ImportFileForm(forms.Form):
    """Step 1 of an import: choose a file. Valid means it passed the import's own checks."""

    file = forms.FileField(
        label="Offer file (.json)",
        help_text=(
            "A file exported from an offer or a starter template, "
            f"{limits.megabytes(limits.MAX_DOCUMENT_BYTES)} at most. It replaces the working "
            "copy, not the live page: families see the change only after an approver "
            "publishes it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
        error_messages={
            "required": "Choose the offer file to import",
            "empty": "The file is empty",
            "invalid": "Choose the offer file to import",
        },
    )

    def __init__(self, *args, offer: Offer, refused_size: int | None = None, **kwargs):
        """refused_size: the size of a file the upload left unread because it was over the
        limit (offers.uploads), to say so instead of "Choose the offer file"."""
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.refused_size = refused_size
        if refused_size:
            self.fields["file"].required = False

    @classmethod
    def refused(cls, *, offer: Offer, error: ValidationError) -> "ImportFileForm":
        """The form again, showing why a checked file was not imported (step 2 went wrong)."""
        form = cls(data={}, files={}, offer=offer)
        form.fields["file"].required = False  # the file was chosen already, on step 1
        form.is_valid()
        form.add_error("file", ValidationError(error.messages))
        return form

    def clean_file(self) -> dict | None:
        """The file's document, checked and upgraded by the import service's own checks."""
        upload = self.cleaned_data["file"]
        if self.refused_size:
            raise ValidationError(limits.too_big(self.refused_size))
        if not upload:
            return None
        if upload.size > limits.MAX_DOCUMENT_BYTES:  # never read into memory
            raise ValidationError(limits.too_big(upload.size))
        document = document_from_file(upload.read())
        return offer_import_check(offer=self.offer, document=document)


class ImportConfirmForm(forms.Form):
    """Step 2 of an import: the checked document and what the working copy was when checked.

    The document comes back from the officer's browser, so it is checked again; the lock
    version and the working copy's fingerprint say whether anyone changed the offer since
    the officer saw what would change.
    """

    document = forms.CharField(
        widget=forms.HiddenInput, strip=False, error_messages={"required": _IMPORT_MISSING}
    )
    lock_version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _IMPORT_MISSING,
            "invalid": _IMPORT_MISSING,
            "min_value": _IMPORT_MISSING,
        },
    )
    working_copy = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": _IMPORT_MISSING, "max_length": _IMPORT_MISSING},
    )

    def __init__(self, *args, offer: Offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer

    @staticmethod
    def document_text(document: dict) -> str:
        # Compact, so a 2 MB file still fits in the confirm request's size limit.
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))

    def clean_document(self) -> dict:
        try:
            # As strict as reading the file: the text came back from the browser.
            document = parse_document_json(self.cleaned_data["document"])
        except DocumentError as error:
            raise ValidationError(_IMPORT_MISSING) from error
        return offer_import_check(offer=self.offer, document=document)

    def clean(self):
        cleaned = super().clean()
        seen_version, seen_copy = cleaned.get("lock_version"), cleaned.get("working_copy")
        if self.errors or seen_version is None or not seen_copy:
            return cleaned
        rows = Offer.objects.filter(pk=self.offer.pk)
        if transaction.get_connection().in_atomic_block:
            # As the edit forms do: hold the row until the import commits, so a save made
            # meanwhile waits, and one made before is seen here.
            rows = rows.select_for_update()
        current = rows.values_list(LOCK_FIELD, flat=True).first()
        working_copy = working_copy_fingerprint(document_for(self.offer.pk))
        if current != seen_version or working_copy != seen_copy:
            raise ValidationError(IMPORT_STALE, code="stale")
        return cleaned


def working_copy_fingerprint(document: dict) -> str:
    """A digest of the working copy's document. Section and entry saves change it (they do
    not bump the offer's lock version), so an import checked before them is refused too."""
    return hashlib.sha256(document_to_json(document).encode()).hexdigest()


class CompareForm(forms.Form):
    """Pick two versions (or the working copy) to compare. Sent by GET."""

    old = forms.ChoiceField(label="Compare")
    new = forms.ChoiceField(label="With")

    def __init__(self, *args, versions: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(v), f"Version {v}") for v in versions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = [("working", "Working copy (not published)"), *choices]


# --- National schemes (site administrators) -----------------------------------------------


class GssCodesField(forms.CharField):
    """GSS codes typed one per line or separated by commas or spaces, as a list; the model's
    clean() checks each is a real code."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        if isinstance(value, str) and value.startswith("["):
            try:
                return "\n".join(json.loads(value))
            except (ValueError, TypeError):
                return value
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        codes = [code.strip().upper() for code in text.replace(",", " ").split()]
        return list(dict.fromkeys(code for code in codes if code))


class NationalSchemeAdminForm(forms.ModelForm):
    council_gss_codes = GssCodesField(
        label="Limited to these councils (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a pilot: the GSS codes of the councils it runs in, one on each line, "
        "like E06000035. Leave empty if it is for every council.",
    )

    class Meta:
        model = NationalScheme
        fields = [
            "name",
            "arrangement_types",
            "summary",
            "how_to_apply",
            "amount",
            "frequency",
            "amount_is_most",
            "council_gss_codes",
            "source_url",
            "checked_on",
            "next_check_due",
            "check_before_live",
            "admin_note",
            "order",
        ]


class NationalSchemesPublishForm(forms.Form):
    summary = _summary_field()

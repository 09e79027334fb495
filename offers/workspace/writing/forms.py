"""The workspace's writing forms. They parse and check what an officer typed; the model's
own rules (lengths, text rules, review dates) run through the ModelForms, and saving goes
through offers.writing. Messages say what to do, as GOV.UK's do: "Enter the amount, like
184.00", "Select yes if you have completed this section".

Optimistic locking (offers.forms.OptimisticLockMixin) is kept: the offer's and a section's
forms carry the row's lock_version; an entry's form carries its section's, so two officers
changing the same section's entries are told instead of overwriting each other.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import capfirst

from ... import limits
from ...choices import SectionKind
from ...entry_types import EntryType
from ...forms import LOCK_FIELD, OptimisticLockMixin, StaleEditError
from ...models import Allowance, Offer, Section
from ...widgets import DateField, DateInput

YES, NO = "yes", "no"
STALE_ENTRY = (
    "Someone else changed this section while you were editing it, so your changes have not "
    "been saved. Your text is still in the form below. Copy it, open the section again and "
    "make your changes there."
)
# Examples for the messages of number fields, by field name.
EXAMPLES = {"amount": "184.00"}


class WorkspaceFormMixin:
    """GOV.UK messages for every field: "Enter …" for text, "Select …" for choices."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name == LOCK_FIELD or isinstance(field.widget, forms.HiddenInput):
                continue
            words = str(field.label or name.replace("_", " ")).lower()
            example = EXAMPLES.get(name)
            like = f", like {example}" if example else ""
            if isinstance(field, forms.ChoiceField) or isinstance(
                field.widget, (forms.RadioSelect, forms.Select)
            ):
                field.error_messages["required"] = f"Select {words}"
                field.error_messages["invalid_choice"] = f"Select {words}"
            elif not isinstance(field, DateField):
                field.error_messages["required"] = f"Enter the {words}{like}"
            if isinstance(field, forms.DecimalField):
                field.error_messages["invalid"] = f"Enter the {words} as a number{like}"
                field.error_messages["max_digits"] = f"Enter a smaller {words}{like}"
                field.error_messages["max_decimal_places"] = (
                    f"Enter the {words} in pounds and pence{like}"
                )
                field.error_messages["max_whole_digits"] = f"Enter a smaller {words}{like}"
                field.widget = forms.TextInput(
                    attrs={"inputmode": "decimal", "spellcheck": "false"}
                )
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = (
                    "Enter an email address in the correct format, like name@example.com"
                )
            if isinstance(field, forms.URLField):
                field.error_messages["invalid"] = (
                    f"Enter the {words} in the correct format, like https://www.council.example"
                )


def _date_field(model, name: str, hint: str) -> DateField:
    model_field = model._meta.get_field(name)
    return DateField(
        label=capfirst(model_field.verbose_name),
        subject=str(model_field.verbose_name),
        help_text=hint,
        required=not model_field.blank,
        widget=DateInput(fieldset=False),
        validators=list(model_field.validators),
    )


class CompletedForm(forms.Form):
    """ "Have you completed this section?", at the end of each task's page."""

    completed = forms.ChoiceField(
        label="Have you completed this section?",
        choices=[(YES, "Yes, I’ve completed this section"), (NO, "No, I’ll come back to it later")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you have completed this section",
            "invalid_choice": "Select yes if you have completed this section",
        },
    )

    def __init__(self, *args, answer: bool | None = None, **kwargs):
        if answer is not None:
            kwargs.setdefault("initial", {"completed": YES if answer else NO})
        super().__init__(*args, **kwargs)

    @property
    def answer(self) -> bool:
        return self.cleaned_data["completed"] == YES


class OfferIntroductionForm(WorkspaceFormMixin, OptimisticLockMixin, forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["title", "introduction"]
        labels = {"introduction": "Our general approach"}
        help_texts = {
            "title": "Families see it at the top of your offer.",
            "introduction": "How you support kinship families, in plain words. You can use "
            "Markdown: a line starting with - is a bullet point.",
        }
        widgets = {"introduction": forms.Textarea(attrs={"rows": 10})}

    def describe(self) -> str:
        return "your offer's details"


class OfferManagerForm(WorkspaceFormMixin, OptimisticLockMixin, forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["manager_name", "manager_job_title", "last_reviewed", "next_review_due"]
        labels = {"manager_name": "Responsible senior manager"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_reviewed"] = _date_field(
            Offer, "last_reviewed", "Today or earlier. For example, 27 3 2026"
        )
        self.fields["next_review_due"] = _date_field(
            Offer, "next_review_due", "Within 3 years. For example, 31 3 2027"
        )

    def describe(self) -> str:
        return "your offer's details"


class SectionDetailsForm(WorkspaceFormMixin, OptimisticLockMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["heading", "summary", "body", "arrangement_types"]
        labels = {"body": "What the section says"}
        help_texts = {
            "body": "Plain words. You can use Markdown: a line starting with - is a bullet point.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }

    def describe(self) -> str:
        return f"the section “{self.instance.heading}”"


class SectionAddForm(WorkspaceFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What is the section about?",
        choices=SectionKind.choices,
        widget=forms.RadioSelect,
        help_text="This decides what you can add to it, like allowances or groups.",
    )
    heading = forms.CharField(
        label="Heading", max_length=Section._meta.get_field("heading").max_length
    )
    summary = forms.CharField(
        label="Summary",
        help_text="One or two sentences, shown in the contents list.",
        max_length=Section._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    # The section's text and who it is for, asked here too, so writing a new section is one
    # page, not two (both optional, as on "Change the section's text").
    body = Section._meta.get_field("body").formfield(
        label=SectionDetailsForm.Meta.labels["body"],
        help_text=SectionDetailsForm.Meta.help_texts["body"],
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    arrangement_types = Section._meta.get_field("arrangement_types").formfield()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = "Select what the section is about"
        for name in ("heading", "summary", "body"):
            self.fields[name].error_messages["max_length"] = limits.too_long(
                self.fields[name].max_length
            )
            self.fields[name].widget.attrs.pop("maxlength", None)


class ConfirmForm(forms.Form):
    """Yes or no before removing something."""

    confirm = forms.ChoiceField(
        label="Are you sure?",
        choices=[(YES, "Yes, remove it"), (NO, "No, keep it")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you want to remove it",
            "invalid_choice": "Select yes if you want to remove it",
        },
    )

    @property
    def confirmed(self) -> bool:
        return self.cleaned_data["confirm"] == YES


# --- Entries -------------------------------------------------------------------------------


class EntryForm(WorkspaceFormMixin, forms.ModelForm):
    """One entry of a section. Carries the section's lock version (see the module docstring)."""

    entry_type: EntryType  # set by entry_form_class
    formsets = ()  # rows inside the form (an allowance's age bands)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0
        )
        self.fields["section_version"].initial = self.instance.section.lock_version
        for name, field in list(self.fields.items()):
            model_field = (
                self._meta.model._meta.get_field(name) if name in self._meta.fields else None
            )
            if model_field is not None and model_field.get_internal_type() == "DateField":
                self.fields[name] = _date_field(
                    self._meta.model, name, model_field.help_text or "For example, 1 4 2026"
                )
                if model_field.help_text:
                    self.fields[name].help_text = f"{model_field.help_text} For example, 1 4 2026"
            elif isinstance(field.widget, forms.RadioSelect) and hasattr(field, "choices"):
                field.choices = [(v, text) for v, text in field.choices if v != ""]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            seen = cleaned.get("section_version")
            current = (
                Section.objects.filter(pk=self.instance.section_id)
                .values_list("lock_version", flat=True)
                .first()
            )
            if seen is None or current != seen:
                raise ValidationError(STALE_ENTRY, code="stale")
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        with transaction.atomic():
            rows = Section.objects.filter(pk=instance.section_id)
            seen = self.cleaned_data.get("section_version")
            # A change to an entry is checked against the section's version; adding one
            # collides with nobody, so it leaves the version as it is.
            if instance.pk is not None and (
                seen is None or not rows.filter(lock_version=seen).update(lock_version=seen + 1)
            ):
                raise StaleEditError(STALE_ENTRY, code="stale")
            instance.save()
        return instance


class AgeBandForm(WorkspaceFormMixin, forms.Form):
    """One row of an allowance's age bands: the band and the amount for it."""

    age_band = forms.CharField(
        label="Age band",
        required=False,
        max_length=Allowance._meta.get_field("age_band").max_length,
        help_text="Optional, like “Age 0 to 4”.",
    )
    amount = forms.DecimalField(
        label="Amount",
        help_text="In pounds, like 184.00.",
        required=False,
        max_digits=9,
        decimal_places=2,
        min_value=0,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].error_messages["min_value"] = "The amount must be £0 or more"
        self.fields["age_band"].error_messages["max_length"] = limits.too_long(60)
        self.fields["age_band"].widget.attrs.pop("maxlength", None)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("age_band") and cleaned.get("amount") is None and not self.errors:
            self.add_error("amount", "Enter the amount for this age band, like 184.00")
        return cleaned


class BaseAgeBands(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data.get("amount") is not None]
        if not rows:
            raise ValidationError("Enter the amount, like 184.00", code="no_amount")


AgeBands = forms.formset_factory(
    AgeBandForm, formset=BaseAgeBands, extra=0, max_num=limits.MAX_ENTRIES_PER_LIST
)


class AllowanceForm(EntryForm):
    """An allowance, with its age bands as rows: each row is saved as an allowance of its
    own with the same name and details (families read them in one table), so "Add another
    age band" adds a row, and works with JavaScript off (the page comes back with one more
    empty row, everything typed kept)."""

    BANDS_PREFIX = "bands"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else None
        initial = None
        if not self.is_bound:
            initial = [{"age_band": self.instance.age_band, "amount": self.instance.amount}]
        self.bands = AgeBands(data, prefix=self.BANDS_PREFIX, initial=initial)
        self.formsets = (self.bands,)

    @classmethod
    def with_another_band(cls, data, **kwargs):
        """The form again with one more empty age band row (nothing validated)."""
        data = data.copy()
        key = f"{cls.BANDS_PREFIX}-TOTAL_FORMS"
        try:
            total = int(data.get(key) or 1)
        except ValueError:
            total = 1
        data[key] = str(min(total + 1, limits.MAX_ENTRIES_PER_LIST))
        form = cls(data, **kwargs)
        form.adding_band = True
        return form

    def is_valid(self):
        own = super().is_valid()
        return self.bands.is_valid() and own

    def clean(self):
        cleaned = super().clean()
        if self.bands.is_valid():
            # Each age band row past the first is a new allowance (the first is this one).
            new_rows = len(self.band_rows()) - (0 if self.instance.pk is None else 1)
            count = Allowance.objects.filter(section=self.instance.section).count()
            if new_rows > 0 and count + new_rows > limits.MAX_ENTRIES_PER_LIST:
                raise ValidationError(limits.too_many_entries("allowances"))
        return cleaned

    def band_rows(self) -> list[dict]:
        return [
            f.cleaned_data for f in self.bands.forms if f.cleaned_data.get("amount") is not None
        ]

    def save(self, commit=True):
        rows = self.band_rows()
        first, rest = rows[0], rows[1:]
        self.instance.age_band = first.get("age_band") or ""
        self.instance.amount = first["amount"]
        with transaction.atomic():
            instance = super().save()
            order = instance.order
            for row in rest:
                order += 1
                extra = Allowance(
                    section=instance.section,
                    order=order,
                    **{
                        name: getattr(instance, name)
                        for name in (*self.entry_type.fields, "arrangement_types")
                        if name not in ("age_band", "amount")
                    },
                    age_band=row.get("age_band") or "",
                    amount=row["amount"],
                )
                extra.full_clean(exclude=["section"])
                extra.save()
        return instance


def entry_form_class(entry_type: EntryType) -> type[EntryForm]:
    """The form of one entry type, from the registry: its fields in order, and who it is for."""
    base = AllowanceForm if entry_type.model is Allowance else EntryForm
    fields = [*entry_type.fields, "arrangement_types"]
    if base is AllowanceForm:
        fields = [name for name in fields if name not in ("age_band", "amount")]
    widgets = {}
    for name in fields:
        model_field = entry_type.model._meta.get_field(name)
        if model_field.get_internal_type() == "TextField":
            widgets[name] = forms.Textarea(attrs={"rows": 5})
        if model_field.choices and name != "arrangement_types":
            widgets[name] = forms.RadioSelect
    form = forms.modelform_factory(entry_type.model, form=base, fields=fields, widgets=widgets)
    form.entry_type = entry_type
    return form

"""The officers' forms for consultations. They parse; offers.consultations decides."""

from django import forms

from ...choices import ConsultationSource, ThemeAnswerKind
from ...consultations import DEFAULT_QUESTIONS, MAX_QUESTIONS
from ...widgets import DateField, DateInput


class WorkspaceForm(forms.Form):
    """Ids as the templates write them (the field's name), for the error summary's links."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, message) for templates/workspace/includes/error_summary.html."""
        found = []
        for name, errors in self.errors.items():
            field = self.fields.get(name)
            if isinstance(field, DateField):
                found.append((f"{name}_{field.widget.first_error_part}", errors[0]))
            elif isinstance(getattr(field, "widget", None), forms.RadioSelect):
                found.append((f"{name}-1", errors[0]))
            else:
                found.append((name if name != "__all__" else "main-content", errors[0]))
        return found


class ConsultationOpenForm(WorkspaceForm):
    source = forms.ChoiceField(
        choices=ConsultationSource.choices,
        widget=forms.RadioSelect,
        initial=ConsultationSource.WORKING_COPY,
        error_messages={"required": "Select what families will read"},
    )
    closes_on = DateField(subject="closing date", widget=DateInput(fieldset=False))
    ask_about_sections = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index in range(MAX_QUESTIONS):
            initial = DEFAULT_QUESTIONS[index] if index < len(DEFAULT_QUESTIONS) else ""
            self.fields[f"question_{index + 1}"] = forms.CharField(
                required=False, initial=initial, label=f"Question {index + 1}"
            )

    def questions(self) -> list[str]:
        return [self.cleaned_data[f"question_{n + 1}"] for n in range(MAX_QUESTIONS)]

    def question_fields(self):
        return [self[f"question_{n + 1}"] for n in range(MAX_QUESTIONS)]


class ThemeForm(WorkspaceForm):
    title = forms.CharField(
        error_messages={"required": "Enter the theme, in a few words"}, strip=True
    )
    answer_kind = forms.ChoiceField(
        choices=ThemeAnswerKind.choices, widget=forms.RadioSelect, required=False
    )
    answer = forms.CharField(required=False, widget=forms.Textarea)


class ResponseThemesForm(WorkspaceForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = consultation.themes.all()


class QuoteForm(WorkspaceForm):
    theme = forms.ModelChoiceField(
        queryset=None,
        error_messages={"required": "Select the theme to show the quote with"},
        empty_label=None,
    )
    text = forms.CharField(error_messages={"required": "Enter the words to quote"})

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = consultation.themes.all()

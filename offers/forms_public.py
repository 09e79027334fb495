"""Forms families fill in on the public site. Templates write the GOV.UK markup out by hand."""

from django import forms

from .choices import Respondent, Usefulness
from .consultations import clean_answer
from .validators import validate_no_hidden_characters

COMMENT_MAX_LENGTH = 1000


class FeedbackForm(forms.Form):
    """'Is this page useful?' about one page of the live guide (templates/public/feedback.html).

    `page` only says which page; the view looks it up in the live document and refuses one
    that is not there, so the stored page name never comes from the form.
    """

    page = forms.CharField(max_length=80, widget=forms.HiddenInput)
    useful = forms.ChoiceField(
        label="Was this page useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if this page was useful, or no if it was not",
            "invalid_choice": "Select yes if this page was useful, or no if it was not",
        },
    )
    comment = forms.CharField(label="What was unclear? (optional)", required=False)

    def clean_comment(self) -> str:
        # Browsers send a new line as two characters; count it as one, like the character
        # count the family sees does.
        comment = self.cleaned_data["comment"].replace("\r\n", "\n")
        if len(comment) > COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                "What was unclear must be 1,000 characters or fewer", code="max_length"
            )
        return comment


EMAIL_MAX_LENGTH = 254  # the longest address mail servers accept (RFC 5321 with RFC 3696)


class AlertForm(forms.Form):
    """The address to send email alerts to (templates/public/alerts.html)."""

    email = forms.EmailField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        validators=[validate_no_hidden_characters],
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )


class ConsultationAnswerForm(forms.Form):
    """A family's answers to a consultation (templates/public/consultation.html): who they
    are (optional), each open question, and "Was this useful?" with why for each section.

    The questions and sections come from the consultation, never from the form; every text
    goes through offers.consultations.clean_answer (length, hidden and unshowable
    characters). At least one answer is needed.
    """

    NOTHING_ANSWERED = "Answer at least one question before you send your answers"

    def __init__(self, *args, questions: list[str], sections: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions, self.sections = questions, sections
        self.fields["respondent"] = forms.ChoiceField(
            choices=Respondent.choices, required=False, widget=forms.RadioSelect
        )
        self.text_labels = {}
        for index in range(len(questions)):
            name = f"answer-{index}"
            self.fields[name] = forms.CharField(required=False, strip=False)
            self.text_labels[name] = "Your answer"
        for section in sections:
            self.fields[f"useful-{section['anchor']}"] = forms.ChoiceField(
                choices=Usefulness.choices,
                required=False,
                error_messages={"invalid_choice": "Select yes, no or not sure"},
            )
            name = f"why-{section['anchor']}"
            self.fields[name] = forms.CharField(required=False, strip=False)
            self.text_labels[name] = "Why"

    def clean(self):
        cleaned = super().clean()
        for name, label in self.text_labels.items():
            if name in cleaned:
                try:
                    cleaned[name] = clean_answer(cleaned[name], label=label)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        answered = any(cleaned.get(name) for name in self.fields if name != "respondent")
        if not self.errors and not answered:
            first = next(iter(self.text_labels), None) or "respondent"
            self.add_error(first, self.NOTHING_ANSWERED)
        return cleaned

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer-{i}"] for i in range(len(self.questions))]

    def section_answers(self) -> dict[str, tuple[str, str]]:
        return {
            s["anchor"]: (
                self.cleaned_data[f"useful-{s['anchor']}"],
                self.cleaned_data[f"why-{s['anchor']}"],
            )
            for s in self.sections
        }

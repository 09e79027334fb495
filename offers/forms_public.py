"""Forms families fill in on the public site. Templates write the GOV.UK markup out by hand."""

from django import forms

from .choices import Respondent, Usefulness
from .consultations import clean_answer
from .fact_check import COMMENT_MAX_LENGTH as FACT_CHECK_MAX_LENGTH
from .validators import TEXT_VALIDATORS, validate_no_hidden_characters

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


class FactCheckCommentsForm(forms.Form):
    """The fact-check page (offers.views.fact_check): one comment box per section sent; at
    least one must say something. For someone an officer asked, not a family, but as public:
    no sign-in, so the same text rules as every form."""

    def __init__(self, *args, sections: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        for number, section in enumerate(sections, start=1):
            heading = section["heading"]
            self.fields[f"comment_{number}"] = forms.CharField(
                label=f"Your comments on “{heading}” (optional)",
                required=False,
                strip=True,
                validators=list(TEXT_VALIDATORS),
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def clean(self):
        cleaned = super().clean()
        for number, section in enumerate(self.sections, start=1):
            name = f"comment_{number}"
            text = (cleaned.get(name) or "").replace("\r\n", "\n")
            cleaned[name] = text
            if len(text) > FACT_CHECK_MAX_LENGTH:
                self.add_error(
                    name,
                    f"Your comments on “{section['heading']}” must be "
                    f"{FACT_CHECK_MAX_LENGTH:,} characters or fewer",
                )
        if not self.errors and not any(cleaned.get(name) for name in self.fields):
            self.add_error(next(iter(self.fields), None), "Enter a comment on at least one section")
        return cleaned

    def comments(self) -> dict[str, str]:
        """{section key: comment} as the service takes them."""
        return {
            section["key"]: self.cleaned_data.get(f"comment_{number}", "")
            for number, section in enumerate(self.sections, start=1)
        }


class CouncilsChoice:
    """?councils= on /compare/: the councils to put side by side.

    From a link it is one value, "ashdown,coldmere"; from the page's form it is one value
    from each of its SELECTS selects (empty if unused). Either way it must name 2 to 4
    different councils with a live offer (`known`: web address name -> council name).
    Errors are (the id of the select to fix, the message), for the GOV.UK error summary.
    """

    SELECTS = 4

    def __init__(self, values: list[str], *, known: dict[str, str], least: int, most: int):
        self.known, self.least, self.most = known, least, most
        given = [slug.strip() for value in values for slug in value.split(",")]
        self.given = list(dict.fromkeys(slug for slug in given if slug))  # each once, in order
        self.errors: list[tuple[str, str]] = []
        self.chosen: list[str] = []

    @staticmethod
    def select_id(position: int) -> str:
        return f"compare-council-{position}"

    def is_valid(self) -> bool:
        unknown = [(i, slug) for i, slug in enumerate(self.given) if slug not in self.known]
        for index, slug in unknown:
            self.errors.append(
                (
                    self.select_id(min(index, self.SELECTS - 1) + 1),
                    f"We cannot find a council called “{slug[:60]}” with an offer here. "
                    "Select a council from the list",
                )
            )
        if len(self.given) < self.least:
            self.errors.append(
                (
                    self.select_id(len(self.given) + 1),
                    f"Select at least {self.least} councils to compare",
                )
            )
        elif len(self.given) > self.most:
            self.errors.append(
                (self.select_id(1), f"Select no more than {self.most} councils to compare")
            )
        if not self.errors:
            self.chosen = sorted(self.given)
        return not self.errors

    def selected(self) -> list[str]:
        """What each select shows as chosen: the councils given, in order, then nothing."""
        known = [slug for slug in self.given if slug in self.known][: self.SELECTS]
        return known + [""] * (self.SELECTS - len(known))

    def fields(self) -> list[dict]:
        """Each select: its number, id, the council it shows as chosen and its error."""
        errors = dict(reversed(self.errors))  # the first error for a select is the one shown
        return [
            {
                "number": n,
                "id": self.select_id(n),
                "selected": selected,
                "error": errors.get(self.select_id(n), ""),
            }
            for n, selected in enumerate(self.selected(), start=1)
        ]


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

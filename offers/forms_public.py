"""Forms families fill in on the public site. Templates write the GOV.UK markup out by hand."""

from django import forms

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

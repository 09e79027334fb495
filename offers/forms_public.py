"""Forms families fill in on the public site. Templates write the GOV.UK markup out by hand."""

from django import forms

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

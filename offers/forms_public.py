"""Forms families fill in on the public site. Templates write the GOV.UK markup out by hand
(the feedback form appears once per section, so its ids are prefixed with the section)."""

from django import forms

COMMENT_MAX_LENGTH = 1000


class CouncilSearchForm(forms.Form):
    q = forms.CharField(
        label="Council name",
        required=True,
        error_messages={"required": "Enter the name of your council"},
    )


class FeedbackForm(forms.Form):
    section = forms.CharField(max_length=80, widget=forms.HiddenInput)
    was_clear = forms.ChoiceField(
        label="Was this section clear?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if this section was clear, or no if it was not",
            "invalid_choice": "Select yes if this section was clear, or no if it was not",
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

"""Forms of the review pages. The publishing forms are offers.forms' own (the admin's); only
the words officers read in the workspace differ, and the forms that are new here."""

from django import forms

from ...forms import RejectForm, SubmitForm
from ...validators import TEXT_VALIDATORS, validate_no_hidden_characters

WHOLE_DRAFT = "whole"


class SendForm(SubmitForm):
    """ "Send for approval": an optional note for the approver."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.fields["note"]
        note.label = "Note for the approver (optional)"
        note.help_text = "For example, what you changed and why. 1,000 characters or fewer."
        note.validators += list(TEXT_VALIDATORS)
        note.error_messages["max_length"] = "The note must be 1,000 characters or fewer"


class SendBackForm(RejectForm):
    """ "Send back with a comment": the comment is required and shown on the task list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label = "Comment for the editors"
        reason.help_text = "They see it on their task list. Say what needs to change."
        reason.validators += list(TEXT_VALIDATORS)
        reason.error_messages["max_length"] = "The comment must be 2,000 characters or fewer"


class FactCheckForm(forms.Form):
    """Who checks the facts, their email address, and what to send them."""

    name = forms.CharField(
        label="Their name",
        max_length=100,
        validators=[*TEXT_VALIDATORS, validate_no_hidden_characters],
        error_messages={
            "required": "Enter the name of the person who will check the facts",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    email = forms.EmailField(
        label="Their email address",
        max_length=254,
        validators=[validate_no_hidden_characters],
        help_text="We send them a link to read it and comment. They do not need an account.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "The email address must be 254 characters or fewer",
        },
    )
    section = forms.ChoiceField(
        label="What should they check?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the whole draft or one section",
            "invalid_choice": "Choose the whole draft or one section",
        },
    )

    def __init__(self, *args, sections: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            (WHOLE_DRAFT, "The whole draft"),
            *((s["key"], s["heading"]) for s in sections),
        ]

    @property
    def section_key(self) -> str:
        chosen = self.cleaned_data["section"]
        return "" if chosen == WHOLE_DRAFT else chosen

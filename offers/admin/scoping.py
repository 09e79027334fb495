"""How the site administrators' admin reads and who may open it.

Every page here is for site administrators (active superusers, offers.access decides),
checked on the superuser flag rather than model permissions, so a user given a stray
permission through a group still cannot open councils or users. Officers never reach the
admin at all: offers.middleware.OfficersToWorkspaceMiddleware sends them to the workspace.
"""

from django import forms
from django.db import models
from django.utils.html import format_html

from .. import access, widgets

# --- How admin forms read -------------------------------------------------------


class CheckboxGroup(forms.CheckboxSelectMultiple):
    """Checkboxes whose group has a name a screen reader announces.

    The admin prints the field's label as a <label> with no "for" (there is no single input
    to point at), so the group itself is otherwise nameless.
    """

    def __init__(self, *args, group_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.group_label = group_label

    def render(self, name, value, attrs=None, renderer=None):
        boxes = super().render(name, value, attrs, renderer)
        return format_html('<div role="group" aria-label="{}">{}</div>', self.group_label, boxes)


def accessible_widgets(formfield) -> None:
    """Give checkbox groups a name (see CheckboxGroup), in place."""
    widget = formfield.widget
    if type(widget) is forms.CheckboxSelectMultiple:
        formfield.widget = CheckboxGroup(
            attrs=widget.attrs, choices=widget.choices, group_label=str(formfield.label or "")
        )


def officer_formfield_kwargs(db_field, kwargs: dict) -> dict:
    """How officers type into a model field: a date as the GOV.UK date input (day, month and
    year boxes), and a web address typed without "https://" gets it (not "http://")."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", widgets.DateField)
        kwargs.setdefault("widget", widgets.DateInput)
    return kwargs


def plain_error_messages(db_field, formfield) -> None:
    """Swap Django's generic form errors for specific GOV.UK-style ones, in place.

    Model validators (amount, phone, colour, GSS code) already carry their own messages;
    these cover the checks the form field makes before the model sees the value.
    """
    label = str(db_field.verbose_name)
    messages = {}
    if isinstance(db_field, models.URLField):
        messages["invalid"] = (
            f"Enter the {label} in the correct format, like https://www.council.example/kinship"
        )
    elif isinstance(db_field, models.EmailField):
        messages["invalid"] = f"Enter the {label} in the correct format, like name@council.example"
    elif isinstance(db_field, models.SlugField):
        messages["invalid"] = (
            f"Enter the {label} using only lower case letters, numbers and hyphens, "
            "like ashdown-council"
        )
    elif isinstance(db_field, models.DecimalField):
        messages["invalid"] = "Enter the amount as a number in pounds, like 190.00"
        messages["max_decimal_places"] = "Enter the amount in pounds and pence, like 190.50"
    elif isinstance(db_field, models.ForeignKey):
        article = "an" if label[:1].lower() in "aeiou" else "a"
        messages["invalid_choice"] = f"Choose {article} {label} from the list"
    elif db_field.name == "arrangement_types":
        messages["invalid_choice"] = "Choose who this is for from the list"
    formfield.error_messages.update(messages)


# --- Admin classes ----------------------------------------------------------------------------


class SiteAdminOnlyMixin:
    """Pages only site administrators use: every page of this admin."""

    def has_module_permission(self, request):
        return access.is_site_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return access.is_site_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return access.is_site_admin(request.user)

    def has_add_permission(self, request, *args):
        return access.is_site_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return access.is_site_admin(request.user)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        kwargs = officer_formfield_kwargs(db_field, kwargs)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            plain_error_messages(db_field, field)
            accessible_widgets(field)
        return field


class ReadOnlyMixin:
    """A list to read: nobody adds, changes or deletes its rows here. Put before
    SiteAdminOnlyMixin, which still decides who may view."""

    actions = None

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

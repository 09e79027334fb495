"""Council scoping for the officers' admin.

An officer sees and changes only the councils they are a member of: every changelist,
change form, inline, foreign-key choice, autocomplete, search and bulk action goes through
`get_queryset` here, and a URL for another council's object is a 404 (which leaks
nothing), not a redirect or a 403. Site administrators (superusers) see everything.

Permissions come from Membership rows, not Django's per-model permissions, so making a
user an officer is one thing: give them a membership. The reverse also holds: model
permissions handed out by mistake (say through a group) never open site-administrator
pages such as councils and users to an officer.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import models
from django.http import Http404
from django.utils.html import format_html

from .. import access, widgets

# --- Who the user is (offers.access decides) -------------------------------------------------


def council_of(obj, lookup: str):
    """Follow a lookup path like "section__offer__council" from an object to its council."""
    for part in lookup.split("__"):
        obj = getattr(obj, part)
    return obj


# --- What officers see on admin forms -------------------------------------------------------


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


class CouncilScopedMixin:
    """Shared rules for ModelAdmins and inlines whose rows belong to one council."""

    # The path from this model to its Council, e.g. "offer__council".
    council_lookup = "council"
    # Foreign keys an officer picks from, and the path from that model to Council
    # ("" when the foreign key points at Council itself).
    scoped_foreign_keys: dict[str, str] = {}
    # Officers may add / delete rows of this model (site administrators always may).
    officers_may_delete = True
    officers_may_add = True

    def scope_queryset(self, request, queryset):
        if access.is_site_admin(request.user):
            return queryset
        return queryset.filter(**{f"{self.council_lookup}__in": access.council_ids(request.user)})

    def _may(self, request, obj) -> bool:
        if not access.is_officer(request.user):
            return False
        if obj is None:
            return True
        return access.can_edit(request.user, council_of(obj, self._obj_council_lookup()))

    def _obj_council_lookup(self):
        return self.council_lookup

    def has_module_permission(self, request):
        return access.is_officer(request.user)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request, *args):
        obj = args[0] if args else None
        if not access.is_site_admin(request.user) and not self.officers_may_add:
            return False
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not access.is_site_admin(request.user) and not self.officers_may_delete:
            return False
        return self._may(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        kwargs = officer_formfield_kwargs(db_field, kwargs)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            plain_error_messages(db_field, field)
            accessible_widgets(field)
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        lookup = self.scoped_foreign_keys.get(db_field.name)
        if lookup is not None and field is not None and not access.is_site_admin(request.user):
            # The same queryset validates the POST, so a tampered id is a form error.
            path = f"{lookup}__in" if lookup else "pk__in"
            field.queryset = field.queryset.filter(**{path: access.council_ids(request.user)})
        return field


class CouncilScopedAdmin(CouncilScopedMixin, admin.ModelAdmin):
    """A ModelAdmin whose rows belong to a council, scoped to the officer's councils."""

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        """The object, fetched once per request however many checks ask for it."""
        fetched = request.__dict__.setdefault("_kp_admin_objects", {})
        key = (self.model, object_id, from_field)
        if key not in fetched:
            fetched[key] = super().get_object(request, object_id, from_field)
        return fetched[key]

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index with "doesn't exist"; for another council's object
        # that still tells the officer something is there. A plain 404 says nothing.
        raise Http404("No such object")

    def _404_unless_in_scope(self, request, object_id) -> None:
        # Checked before permissions: otherwise a page officers may never use (deleting an
        # offer, changing feedback) would answer 403 for real ids and 404 for made-up ones.
        if object_id is not None and self.get_object(request, unquote(object_id)) is None:
            raise Http404("No such object")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        self._404_unless_in_scope(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._404_unless_in_scope(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._404_unless_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)


class CouncilScopedInline(CouncilScopedMixin):
    """Inline rows: the parent object (passed as obj) decides which council is in play."""

    # Path from the *parent* object to its council.
    parent_council_lookup = "council"

    def _obj_council_lookup(self):
        return self.parent_council_lookup

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))


class SiteAdminOnlyMixin:
    """Pages only site administrators use (councils, memberships, users, groups).

    Checked on the superuser flag rather than model permissions, so an officer given a
    stray permission still cannot see every council or make themselves an administrator.
    """

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

"""The audit trail: every officer action on an offer, in one read-only admin list.

Publishing, import, schedules, preview links and feedback handling write their AuditEvent in
offers.services and offers.feedback_inbox. Edits made in the admin forms are recorded here:
EditAuditMixin writes one event per save of an offer or a section page, naming the section
and each entry added, changed or deleted (entry nouns from offers.entry_types).
"""

from django.contrib import admin

from ..audit_trail import DateRangeForm, between
from ..choices import AuditAction
from ..entry_types import BY_MODEL
from ..formatting import uk_date, uk_time
from ..models import AuditEvent, Offer, Section
from ..services import _audit
from .scoping import CouncilScopedAdmin

# --- Recording edits -------------------------------------------------------------------------


def _name(obj) -> str:
    """How officers know a row: “Money for carers” for a section, the offer's own title."""
    if isinstance(obj, Offer):
        return "the offer's details"
    if isinstance(obj, Section):
        return f"section “{obj.heading}”"
    entry_type = BY_MODEL.get(type(obj))
    noun = entry_type.noun if entry_type else obj._meta.verbose_name
    return f"{noun} “{obj}”"


def _labels(form, names) -> str:
    labels = []
    for name in names:
        field = form.fields.get(name)
        label = field.label if field is not None and field.label else name.replace("_", " ")
        labels.append(str(label).lower())
    return ", ".join(labels)


def describe_save(*, form, formsets, change: bool) -> str:
    """One line for everything a save of an admin page did; "" if it changed nothing.

    For example: "Changed section “Money” (summary); added allowance “SGO allowance”;
    deleted contact “Old team”".
    """
    parts = []
    if not change:
        added = form.instance
        parts.append("Created the offer" if isinstance(added, Offer) else f"Added {_name(added)}")
    elif form.changed_data:
        parts.append(f"Changed {_name(form.instance)} ({_labels(form, form.changed_data)})")
    for formset in formsets:
        changed_forms = {id(f.instance): f for f in formset.forms}
        for obj in getattr(formset, "new_objects", []):
            parts.append(f"added {_name(obj)}")
        for obj, names in getattr(formset, "changed_objects", []):
            entry_form = changed_forms.get(id(obj))
            fields = _labels(entry_form, names) if entry_form else ", ".join(names)
            parts.append(f"changed {_name(obj)} ({fields})")
        for obj in getattr(formset, "deleted_objects", []):
            parts.append(f"deleted {_name(obj)}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


class EditAuditMixin:
    """Writes an EDIT audit event for each save of the page, and a DELETE for a deletion.

    One event per save: the page's own form and all its inlines are described together in
    save_related, which the admin calls after both are saved, in the same transaction.
    """

    @staticmethod
    def _offer_of(obj) -> Offer:
        return obj if isinstance(obj, Offer) else obj.offer

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        detail = describe_save(form=form, formsets=formsets, change=change)
        if detail:
            _audit(
                offer=self._offer_of(form.instance),
                by=request.user,
                action=AuditAction.EDIT,
                detail=detail,
            )

    def delete_model(self, request, obj):
        # An offer's events go with it, so only its parts' deletions are worth recording.
        if not isinstance(obj, Offer):
            _audit(
                offer=self._offer_of(obj),
                by=request.user,
                action=AuditAction.DELETE,
                detail=f"Deleted {_name(obj)}",
            )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        if queryset.model is not Offer:
            by_offer: dict[int, list] = {}
            for obj in queryset:
                by_offer.setdefault(self._offer_of(obj).pk, []).append(obj)
            for objs in by_offer.values():
                _audit(
                    offer=self._offer_of(objs[0]),
                    by=request.user,
                    action=AuditAction.DELETE,
                    detail="Deleted " + ", ".join(_name(obj) for obj in objs),
                )
        super().delete_queryset(request, queryset)


# --- The audit trail page --------------------------------------------------------------------


class DateRangeFilter(admin.ListFilter):
    """From and to dates (inclusive, UK time) typed into a small GET form in the sidebar."""

    title = "date"
    template = "admin/offers/auditevent/date_range_filter.html"
    parameters = ("start", "end")
    field_path = "at"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        data = {}
        for name in self.parameters:
            if name in params:
                data[name] = params.pop(name)[-1]
                self.used_parameters[name] = data[name]
        self.form = DateRangeForm(data or None, auto_id="kp-date-%s")
        self.valid = bool(data) and self.form.is_valid()

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def queryset(self, request, queryset):
        if not self.valid:
            return queryset
        data = self.form.cleaned_data
        return between(queryset, start=data["start"], end=data["end"], field=self.field_path)

    def choices(self, changelist):
        # The other filters and the sort order ride along as hidden fields; the page does not.
        keep = [
            (name, value)
            for name, values in changelist.params.items()
            if name not in (*self.parameters, "p")
            for value in (values if isinstance(values, list) else [values])
        ]
        yield {"form": self.form, "hidden": keep, "changelist": changelist}


class PersonFilter(admin.RelatedOnlyFieldListFilter):
    """Who did it: only people in the events this officer may see (the admin's queryset)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = "person"
        self.empty_value_display = "The scheduler (no person)"


@admin.register(AuditEvent)
class AuditEventAdmin(CouncilScopedAdmin):
    """Read-only: an audit trail nobody can add to, change or delete from in the admin."""

    council_lookup = "offer__council"
    officers_may_add = False
    officers_may_delete = False
    list_display = ["at_display", "council_display", "actor_display", "action", "details"]
    list_display_links = ["at_display"]
    list_filter = [
        ("offer__council", admin.RelatedOnlyFieldListFilter),
        ("actor", PersonFilter),
        "action",
        DateRangeFilter,
    ]
    list_select_related = ["offer__council", "actor", "revision"]
    search_fields = ["detail"]
    date_hierarchy = "at"
    list_per_page = 50
    actions = None
    fields = ["at_display", "council_display", "actor_display", "action", "details"]
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Audit trail: who did what, and when", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="when", ordering="at")
    def at_display(self, event):
        return f"{uk_date(event.at)}, {uk_time(event.at)}"

    @admin.display(description="council", ordering="offer__council__name")
    def council_display(self, event):
        return event.offer.council.name

    @admin.display(description="who", ordering="actor__username")
    def actor_display(self, event):
        # Text, not a link: the user pages are for site administrators only.
        actor = event.actor
        if actor is None:
            return "The scheduler (no person)"
        name = actor.get_full_name()
        return f"{name} ({actor.get_username()})" if name else actor.get_username()

    @admin.display(description="details")
    def details(self, event):
        version = f"Version {event.revision.version}. " if event.revision else ""
        return f"{version}{event.detail}" or "-"

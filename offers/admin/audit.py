"""The audit trail for site administrators: every officer action on every council's offer,
in one read-only list. Officers read their council's trail in the workspace
(offers.workspace.review); the events are written by offers.services, offers.writing and
offers.feedback_inbox.
"""

from django.contrib import admin

from ..formatting import uk_date, uk_time
from ..models import AuditEvent
from .scoping import ReadOnlyMixin, SiteAdminOnlyMixin


class PersonFilter(admin.RelatedOnlyFieldListFilter):
    """Who did it: only people who appear in the trail."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = "person"
        self.empty_value_display = "The scheduler (no person)"


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, SiteAdminOnlyMixin, admin.ModelAdmin):
    """Read-only: an audit trail nobody can add to, change or delete from."""

    list_display = ["at_display", "council_display", "actor_display", "action", "details"]
    list_display_links = ["at_display"]
    list_filter = [
        ("offer__council", admin.RelatedOnlyFieldListFilter),
        ("actor", PersonFilter),
        "action",
    ]
    list_select_related = ["offer__council", "actor", "revision"]
    search_fields = ["detail"]
    date_hierarchy = "at"
    list_per_page = 50
    fields = ["at_display", "council_display", "actor_display", "action", "details"]
    readonly_fields = fields

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
        actor = event.actor
        if actor is None:
            return "The scheduler (no person)"
        name = actor.get_full_name()
        return f"{name} ({actor.get_username()})" if name else actor.get_username()

    @admin.display(description="details")
    def details(self, event):
        version = f"Version {event.revision.version}. " if event.revision else ""
        return f"{version}{event.detail}" or "-"

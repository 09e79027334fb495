"""The feedback inbox in the admin: filter by page and by handled or not, mark answers as
handled, download them as CSV. What families said stays read-only (see FeedbackAdmin)."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from ..feedback_inbox import (
    STATES,
    feedback_csv,
    feedback_in_state,
    feedback_mark_handled,
    feedback_pages,
)
from ..formatting import uk_date


class FeedbackStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return STATES

    def queryset(self, request, queryset):
        return feedback_in_state(queryset, self.value())


class FeedbackPageFilter(admin.SimpleListFilter):
    """The pages of the guide families answered about, named as they last saw them."""

    title = "page"
    parameter_name = "page"

    def lookups(self, request, model_admin):
        return feedback_pages(model_admin.get_queryset(request))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(section_anchor=self.value())
        return queryset


class FeedbackInboxMixin:
    """Adds "Mark as handled", the handled column and the CSV download to FeedbackAdmin."""

    actions = ["mark_handled"]
    readonly_fields = ["handled"]

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        export = path("export/", self.admin_site.admin_view(self.export_view), name=name)
        return [export, *super().get_urls()]

    @admin.action(description="Mark as handled", permissions=["view"])
    def mark_handled(self, request, queryset):
        marked = feedback_mark_handled(feedback=queryset, by=request.user)
        if marked:
            noun = "answer" if marked == 1 else "answers"
            messages.success(request, f"Marked {marked} {noun} as handled.")
        else:
            messages.info(request, "Those answers were already handled.")

    @admin.display(description="handled")
    def handled(self, feedback):
        if feedback.handled_at is None:
            return "Not yet"
        # The name as text, not a link: user pages are for site administrators only.
        who = feedback.handled_by.get_username() if feedback.handled_by else "someone"
        return f"{uk_date(feedback.handled_at)} by {who}"

    def export_view(self, request):
        """The list as it is filtered now, as a CSV file: only the officer's councils."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:offers_feedback_changelist"))
        rows = changelist.get_queryset(request).select_related("council", "revision", "handled_by")
        response = HttpResponse(feedback_csv(rows), content_type="text/csv; charset=utf-8")
        filename = f"feedback-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=filename
        )
        response["Cache-Control"] = "private, no-store"
        return response

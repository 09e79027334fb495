"""National schemes in the admin: site administrators keep the list, publish it as a new
version, and read every published version and what changed in it (offers.national_schemes).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .. import national_schemes
from ..diff import change_rows
from ..formatting import who_for
from ..forms import NationalSchemeAdminForm, NationalSchemesPublishForm
from ..models import NationalScheme, NationalSchemesVersion
from .scoping import SiteAdminOnlyMixin


def _private(response):
    # Pages for signed-in administrators: not for shared caches or search engines.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@admin.register(NationalScheme)
class NationalSchemeAdmin(SiteAdminOnlyMixin, admin.ModelAdmin):
    """The editable list. Families see only what is published from it."""

    form = NationalSchemeAdminForm
    list_display = ["name", "for_whom", "amount_in_words", "next_check_due", "check_before_live"]
    list_filter = ["check_before_live"]
    search_fields = ["name", "summary"]
    fieldsets = [
        (None, {"fields": ["name", "arrangement_types", "summary", "how_to_apply"]}),
        ("Amount", {"fields": ["amount", "frequency", "amount_is_most"]}),
        ("Where it applies", {"fields": ["council_gss_codes"]}),
        (
            "Checking",
            {
                "fields": [
                    "source_url",
                    "checked_on",
                    "next_check_due",
                    "check_before_live",
                    "admin_note",
                ]
            },
        ),
        ("Order on the page", {"fields": ["order"]}),
    ]

    @admin.display(description="who it is for")
    def for_whom(self, scheme):
        words = who_for(scheme.arrangement_types)
        return words[:1].upper() + words[1:]

    @admin.display(description="amount")
    def amount_in_words(self, scheme):
        return national_schemes.amount_words(national_schemes.scheme_item(scheme)) or "None"

    # --- Publishing and history ------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        custom = [
            path("publish/", wrap(self.publish_view), name=f"{name}_publish"),
            path("versions/", wrap(self.versions_view), name=f"{name}_versions"),
            path("versions/<int:version>/", wrap(self.version_view), name=f"{name}_version"),
        ]
        return custom + super().get_urls()

    def _allowed(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied("Only site administrators keep national schemes")

    def _page(self, request, template: str, title: str, **context):
        base = {**self.admin_site.each_context(request), "opts": self.opts, "title": title}
        response = TemplateResponse(
            request, f"admin/offers/nationalscheme/{template}", {**base, **context}
        )
        return _private(response)

    def changelist_view(self, request, extra_context=None):
        latest = national_schemes.latest_version()
        unpublished = national_schemes.schemes_changes(
            latest.document if latest else None, national_schemes.schemes_document()
        )
        extra_context = {
            **(extra_context or {}),
            "latest_version": latest,
            "unpublished_count": len(unpublished),
        }
        return super().changelist_view(request, extra_context)

    def publish_view(self, request):
        """Publish the list as it is now, after seeing what will change."""
        self._allowed(request)
        latest = national_schemes.latest_version()
        document = national_schemes.schemes_document()
        changes = national_schemes.schemes_changes(latest.document if latest else None, document)
        form = NationalSchemesPublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = national_schemes.national_schemes_publish(
                    by=request.user, summary=form.cleaned_data["summary"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"You published version {version.number} of the national schemes. "
                    "Every offer's money page shows it now.",
                )
                return HttpResponseRedirect(reverse("admin:offers_nationalscheme_versions"))
        to_check = NationalScheme.objects.filter(check_before_live=True).order_by("name")
        return self._page(
            request,
            "publish.html",
            "Publish the national schemes",
            form=form,
            changes=change_rows(changes),
            latest_version=latest,
            to_check=list(to_check),
        )

    def versions_view(self, request):
        """Every published version, newest first, with what changed in each."""
        self._allowed(request)
        history = [
            (version, change_rows(changes))
            for version, changes in national_schemes.history_with_changes()
        ]
        return self._page(
            request, "versions.html", "Published versions of the national schemes", history=history
        )

    def version_view(self, request, version: int):
        """One published version as families saw it, and what changed in it."""
        self._allowed(request)
        shown = NationalSchemesVersion.objects.filter(number=version).first()
        if shown is None:
            raise Http404("No such version")
        older = NationalSchemesVersion.objects.filter(number__lt=version).order_by("-number")
        before = older.first()
        changes = national_schemes.schemes_changes(
            before.document if before else None, shown.document
        )
        return self._page(
            request,
            "version.html",
            f"National schemes version {shown.number}",
            version=shown,
            schemes=shown.document.get("schemes", []),
            changes=change_rows(changes),
        )

"""What site administrators keep in the admin: councils and who works on them, people,
national helplines and the jargon list, and read-only lists of every council's offer and
families' feedback. Officers write and publish in the workspace (offers.workspace)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ..dashboard import offers_status_in_words
from ..forms import CouncilAdminForm
from ..models import Council, Feedback, JargonTerm, Membership, NationalHelpline, Offer
from . import audit  # noqa: F401 - registers the audit trail
from .scoping import ReadOnlyMixin, SiteAdminOnlyMixin

admin.site.site_header = "Kinship support: site administration"
admin.site.site_title = "Kinship support site administration"
admin.site.index_title = "Councils, people and site-wide lists"


# --- Site administrators: councils, users and who works where -----------------------------
# Inlines are stacked, not tabular: tabular rows have inputs without labels (axe "label").


class MembershipInline(SiteAdminOnlyMixin, admin.StackedInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    verbose_name = "officer"
    verbose_name_plural = "officers who work on this council's offer"


class UserMembershipInline(SiteAdminOnlyMixin, admin.StackedInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["council"]
    verbose_name = "council"
    verbose_name_plural = "councils this person works for"


@admin.register(Council)
class CouncilAdmin(SiteAdminOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "gss_code", "region", "is_active"]
    list_filter = ["region", "is_active"]
    search_fields = ["name", "slug", "gss_code"]
    # No prepopulated_fields: Django's script would fill in the whole name
    # ("ashdown-borough-council"). Left empty, the form makes a short one on the server.
    form = CouncilAdminForm
    inlines = [MembershipInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "slug" in form.base_fields:
            form.base_fields["slug"].help_text = (
                f"Changing this changes the public address of {obj.name}’s offer, now "
                f"/offers/{obj.slug}/. The old address will keep working: it sends people to "
                "the new one."
            )
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            old = form.initial.get("slug")
            messages.warning(
                request,
                f"The public address of {obj.name}’s offer is now {obj.get_absolute_url()}. "
                f"The old address, /offers/{old}/, sends people there.",
            )


@admin.register(NationalHelpline)
class NationalHelplineAdmin(SiteAdminOnlyMixin, admin.ModelAdmin):
    """Independent help shown on every offer page; only site administrators keep it true."""

    list_display = ["name", "phone", "website", "is_active", "order"]
    list_editable = ["order"]


@admin.register(JargonTerm)
class JargonTermAdmin(SiteAdminOnlyMixin, admin.ModelAdmin):
    """The jargon list of the plain-English check (offers.plain_english), for every council."""

    list_display = ["term", "plain_alternative"]
    search_fields = ["term", "plain_alternative", "note"]


User = get_user_model()
for model in (User, Group):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class SiteUserAdmin(SiteAdminOnlyMixin, UserAdmin):
    inlines = [UserMembershipInline]


@admin.register(Group)
class SiteGroupAdmin(SiteAdminOnlyMixin, GroupAdmin):
    pass


# --- Read-only lists: officers (and site administrators acting for them) use the workspace --


@admin.register(Offer)
class OfferAdmin(ReadOnlyMixin, SiteAdminOnlyMixin, admin.ModelAdmin):
    """Every council's offer at a glance, each linked to its task list in the workspace, where
    it is written, checked and published."""

    list_display = ["council", "title", "status_in_words", "published_version", "workspace"]
    list_display_links = None
    search_fields = ["council__name", "title"]
    ordering = ["council__name"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("council", "published_revision")

    @admin.display(description="live version")
    def published_version(self, offer):
        return offer.published_revision.version if offer.published_revision else "Not published"

    @admin.display(description="status")
    def status_in_words(self, offer):
        # Worded by offers.dashboard for the whole page at once (get_changelist_instance).
        return format_html_join("", "{}<br>", ((words,) for words in offer.status_words))

    @admin.display(description="workspace")
    def workspace(self, offer):
        url = reverse("workspace:tasks", kwargs={"council": offer.council.slug})
        return format_html('<a href="{}">Open {} in the workspace</a>', url, offer.council.name)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        words = offers_status_in_words(offer.pk for offer in changelist.result_list)
        for offer in changelist.result_list:
            offer.status_words = words.get(offer.pk, [])
        return changelist


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyMixin, SiteAdminOnlyMixin, admin.ModelAdmin):
    """What families told every council, kept as they said it. Each council's officers
    read, mark and download theirs in the workspace."""

    list_display = [
        "section_heading",
        "was_clear",
        "comment",
        "created_at",
        "handled_at",
        "council",
    ]
    list_filter = ["was_clear", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["section_heading", "comment"]
    list_select_related = ["council"]

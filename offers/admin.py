"""The officers' workspace: councils' offers, sections and entries, scoped by council."""

from django.contrib import admin

from .admin_publishing import OfferPublishingAdminMixin
from .admin_scoping import CouncilScopedAdmin, CouncilScopedInline
from .forms import OfferAdminForm, SectionAdminForm
from .models import (
    Allowance,
    Contact,
    Council,
    Feedback,
    Membership,
    Offer,
    PeerGroup,
    Section,
    SocialWorkService,
    SupportService,
    TrainingCourse,
)

admin.site.site_header = "Kinship support: officers"
admin.site.site_title = "Kinship support officers"
admin.site.index_title = "Your council's kinship local offer"


# --- Site administrators: councils and who works for them ---------------------------------


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "gss_code", "region", "is_active"]
    list_filter = ["region", "is_active"]
    search_fields = ["name", "slug", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

    # Only site administrators (superusers) manage councils; Django's default permission
    # checks already say so because officers hold no model permissions.


# --- Officers: the offer, its sections and entries ----------------------------------------


class SectionInline(CouncilScopedInline, admin.StackedInline):
    model = Section
    council_lookup = "offer__council"
    parent_council_lookup = "council"
    fields = ["order", "kind", "heading", "summary", "arrangement_types"]
    extra = 0
    show_change_link = True


@admin.register(Offer)
class OfferAdmin(OfferPublishingAdminMixin, CouncilScopedAdmin):
    form = OfferAdminForm
    council_lookup = "council"
    scoped_foreign_keys = {"council": ""}
    officers_may_delete = False
    list_display = ["council", "title", "status", "published_version", "next_review_due"]
    search_fields = ["council__name", "title"]
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["council", "title", "introduction"]}),
        ("Who is responsible", {"fields": ["manager_name", "manager_job_title"]}),
        ("Reviews", {"fields": ["last_reviewed", "next_review_due"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("council", "published_revision")

    @admin.display(description="live version")
    def published_version(self, offer):
        return offer.published_revision.version if offer.published_revision else "Not published"

    def get_readonly_fields(self, request, obj=None):
        # An offer belongs to its council for good; moving it would hand it to another team.
        return ["council"] if obj else []


class EntryInline(CouncilScopedInline, admin.StackedInline):
    council_lookup = "section__offer__council"
    parent_council_lookup = "offer__council"
    extra = 0


class AllowanceInline(EntryInline):
    model = Allowance


class SocialWorkServiceInline(EntryInline):
    model = SocialWorkService


class SupportServiceInline(EntryInline):
    model = SupportService


class TrainingCourseInline(EntryInline):
    model = TrainingCourse


class PeerGroupInline(EntryInline):
    model = PeerGroup


class ContactInline(EntryInline):
    model = Contact


@admin.register(Section)
class SectionAdmin(CouncilScopedAdmin):
    form = SectionAdminForm
    council_lookup = "offer__council"
    scoped_foreign_keys = {"offer": "council"}
    list_display = ["heading", "kind", "offer", "order"]
    list_filter = ["kind"]
    search_fields = ["heading", "summary", "body"]
    list_select_related = ["offer__council"]
    fields = ["offer", "kind", "heading", "summary", "body", "order", "arrangement_types"]
    inlines = [
        AllowanceInline,
        SocialWorkServiceInline,
        SupportServiceInline,
        TrainingCourseInline,
        PeerGroupInline,
        ContactInline,
    ]


@admin.register(Feedback)
class FeedbackAdmin(CouncilScopedAdmin):
    council_lookup = "council"
    officers_may_add = False
    list_display = ["section_heading", "was_clear", "comment", "created_at", "council"]
    list_filter = ["was_clear"]
    search_fields = ["section_heading", "comment"]
    list_select_related = ["council"]

    def has_change_permission(self, request, obj=None):
        return False  # what families told us is kept as they said it

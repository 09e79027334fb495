"""The officers' workspace: councils' offers, sections and entries, scoped by council."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from .. import plain_english
from ..documents import document_for
from ..entry_types import BY_MODEL, ENTRY_TYPES
from ..forms import OfferAdminForm, SectionAdminForm
from ..models import (
    Council,
    Feedback,
    JargonTerm,
    Membership,
    NationalHelpline,
    Offer,
    Section,
)
from .publishing import OfferPublishingAdminMixin
from .scoping import (
    CouncilScopedAdmin,
    CouncilScopedInline,
    SiteAdminOnlyMixin,
    is_site_admin,
    user_council_ids,
)

admin.site.site_header = "Kinship support: officers"
admin.site.site_title = "Kinship support officers"
admin.site.index_title = "Your council's kinship local offer"


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
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(NationalHelpline)
class NationalHelplineAdmin(SiteAdminOnlyMixin, admin.ModelAdmin):
    """Independent help shown on every offer page; only site administrators keep it true."""

    list_display = ["name", "phone", "website", "is_active", "order"]
    list_editable = ["order"]


User = get_user_model()
for model in (User, Group):
@admin.register(JargonTerm)
class JargonTermAdmin(SiteAdminOnlyMixin, admin.ModelAdmin):
    """The jargon list of the plain-English check (offers.plain_english), for every council."""

    list_display = ["term", "plain_alternative"]
    search_fields = ["term", "plain_alternative", "note"]


    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class SiteUserAdmin(SiteAdminOnlyMixin, UserAdmin):
    inlines = [UserMembershipInline]


@admin.register(Group)
class SiteGroupAdmin(SiteAdminOnlyMixin, GroupAdmin):
    pass


# --- Officers: the offer, its sections and entries ----------------------------------------


class SectionInline(CouncilScopedInline, admin.StackedInline):
    model = Section
    form = SectionAdminForm
    council_lookup = "offer__council"
    parent_council_lookup = "council"
    fields = ["order", "kind", "heading", "summary", "arrangement_types"]
    ordering = ["order", "id"]
    extra = 0
    show_change_link = True


@admin.register(Offer)
class OfferAdmin(OfferPublishingAdminMixin, CouncilScopedAdmin):
    form = OfferAdminForm
    council_lookup = "council"
    scoped_foreign_keys = {"council": ""}
    # Deleting an offer takes its whole history with it: site administrators only.
    officers_may_delete = False
    list_display = ["council", "title", "status", "published_version", "next_review_due"]
    search_fields = ["council__name", "title"]
    ordering = ["council__name"]
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

    def has_add_permission(self, request, *args):
        # A council has one offer, so "Add" only helps while one of theirs has none yet.
        if not super().has_add_permission(request, *args):
            return False
        return is_site_admin(request) or _councils_without_offer(request).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "council" and field is not None:
            field.queryset = field.queryset.filter(offer__isnull=True)
        return field


def _councils_without_offer(request):
    return Council.objects.filter(pk__in=user_council_ids(request), offer__isnull=True)


class EntryInline(CouncilScopedInline, admin.StackedInline):
    council_lookup = "section__offer__council"
    parent_council_lookup = "offer__council"
    ordering = ["order", "id"]
    extra = 0

    def get_fields(self, request, obj=None):
        # The entry's own fields in document order, then who it is for; "order" first so
        # officers can see and change the order rows appear in.
        return ["order", *BY_MODEL[self.model].fields, "arrangement_types"]


# One inline per entry type, in registry order: a new entry type appears here by itself.
ENTRY_INLINES = [
    type(f"{entry_type.model.__name__}Inline", (EntryInline,), {"model": entry_type.model})
    for entry_type in ENTRY_TYPES
]


@admin.register(Section)
class SectionAdmin(CouncilScopedAdmin):
    form = SectionAdminForm
    council_lookup = "offer__council"
    scoped_foreign_keys = {"offer": "council"}
    list_display = ["heading", "kind", "offer", "order"]
    # RelatedOnly: the filter lists only offers in the officer's (scoped) sections.
    list_filter = ["kind", ("offer", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["heading", "summary", "body"]
    list_select_related = ["offer__council"]
    ordering = ["offer__council__name", "order", "id"]
    fields = ["offer", "kind", "heading", "summary", "body", "order", "arrangement_types"]
    inlines = ENTRY_INLINES

    def get_readonly_fields(self, request, obj=None):
        # A section stays in its offer; officers working for two councils could otherwise
        # move one council's text into the other's offer by mistake.
        return ["offer"] if obj else []


@admin.register(Feedback)
    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The plain-English check of the section as last saved, beside its editor. Another
        # council's section is None here, and the page itself answers 404.
        section = self.get_object(request, unquote(object_id))
        if section is not None:
            extra_context = {
                **(extra_context or {}),
                "plain_english": section_plain_english(section),
            }
        return super().change_view(request, object_id, form_url, extra_context)


def section_plain_english(section: Section) -> plain_english.Report:
    """The plain-English report of one saved section: its text and its entries' text."""
    document = document_for(section.offer_id)
    item = next(s for s in document["sections"] if s["key"] == str(section.key))
    return plain_english.check(plain_english.section_text(item), JargonTerm.objects.all())

class FeedbackAdmin(CouncilScopedAdmin):
    council_lookup = "council"
    scoped_foreign_keys = {"council": "", "revision": "offer__council"}
    officers_may_add = False
    list_display = ["section_heading", "was_clear", "comment", "created_at", "council"]
    list_filter = ["was_clear"]
    search_fields = ["section_heading", "comment"]
    list_select_related = ["council"]

    def has_change_permission(self, request, obj=None):
        return False  # what families told us is kept as they said it

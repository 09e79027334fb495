"""The officers' workspace: councils' offers, sections and entries, scoped by council."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import format_html_join

from .. import access, limits, plain_english
from ..dashboard import offers_status_in_words
from ..documents import document_for
from ..entry_types import BY_MODEL, ENTRY_TYPES, entry_types_for_kind
from ..forms import CouncilAdminForm, OfferAdminForm, RowsAsPostedFormSet, SectionAdminForm
from ..models import (
    Council,
    Feedback,
    JargonTerm,
    Membership,
    NationalHelpline,
    Offer,
    OfferStatus,
    Section,
)
from .audit import EditAuditMixin
from .feedback_inbox import FeedbackInboxMixin, FeedbackPageFilter, FeedbackStateFilter
from .publishing import OfferPublishingAdminMixin
from .scoping import CouncilScopedAdmin, CouncilScopedInline, SiteAdminOnlyMixin

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


# --- Officers: the offer, its sections and entries ----------------------------------------


class LimitedRowsMixin:
    """An inline that takes at most max_num rows (offers.limits) and says so in words when
    more are sent; the admin also stops offering "Add another" at the limit."""

    def too_many(self) -> str:
        raise NotImplementedError

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, validate_max=True, **kwargs)
        formset.default_error_messages = {"too_many_forms": self.too_many()}
        return formset


class SectionInline(LimitedRowsMixin, CouncilScopedInline, admin.StackedInline):
    model = Section
    max_num = limits.MAX_SECTIONS
    form = SectionAdminForm
    council_lookup = "offer__council"
    parent_council_lookup = "council"
    fields = ["order", "kind", "heading", "summary", "arrangement_types"]
    ordering = ["order", "id"]
    extra = 0
    # Each section's "Change" link opens its own page, where its entries are edited.
    show_change_link = True
    formset = RowsAsPostedFormSet

    def too_many(self) -> str:
        return limits.too_many_sections()


@admin.register(Offer)
class OfferAdmin(EditAuditMixin, OfferPublishingAdminMixin, CouncilScopedAdmin):
    form = OfferAdminForm
    council_lookup = "council"
    scoped_foreign_keys = {"council": ""}
    # Deleting an offer takes its whole history with it: site administrators only.
    officers_may_delete = False
    list_display = ["council", "title", "status_in_words", "published_version", "next_review_due"]
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

    @admin.display(description="status")
    def status_in_words(self, offer):
        # Worded by offers.dashboard for the whole page at once (get_changelist_instance).
        return format_html_join("", "{}<br>", ((words,) for words in offer.status_words))

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        words = offers_status_in_words(offer.pk for offer in changelist.result_list)
        for offer in changelist.result_list:
            offer.status_words = words.get(offer.pk, [])
        return changelist

    def get_readonly_fields(self, request, obj=None):
        # An offer belongs to its council for good; moving it would hand it to another team.
        return ["council_name"] if obj else []

    def get_fieldsets(self, request, obj=None):
        # Shown as plain text once saved: a read-only foreign key would link to the council's
        # page, which only site administrators may open.
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "council_name" if field == "council" else field
                        for field in options["fields"]
                    ],
                },
            )
            for name, options in fieldsets
        ]

    @admin.display(description="council")
    def council_name(self, offer):
        return offer.council.name

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Links to each section's own page, where its entries are edited.
        offer = self.get_object(request, unquote(object_id))
        if offer is not None:
            extra_context = {
                **(extra_context or {}),
                "section_links": [
                    (
                        section.heading,
                        reverse(
                            "admin:offers_section_change",
                            args=[section.pk],
                            current_app=self.admin_site.name,
                        ),
                    )
                    for section in offer.sections.order_by("order", "id")
                ],
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request, *args):
        # A council has one offer, so "Add" only helps while one of theirs has none yet.
        if not super().has_add_permission(request, *args):
            return False
        return access.is_site_admin(request.user) or _councils_without_offer(request).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "council" and field is not None:
            field.queryset = field.queryset.filter(offer__isnull=True)
        return field


def _councils_without_offer(request):
    return Council.objects.filter(pk__in=access.council_ids(request.user), offer__isnull=True)


class EntryInline(LimitedRowsMixin, CouncilScopedInline, admin.StackedInline):
    council_lookup = "section__offer__council"
    parent_council_lookup = "offer__council"
    ordering = ["order", "id"]
    extra = 0
    max_num = limits.MAX_ENTRIES_PER_LIST
    formset = RowsAsPostedFormSet

    def too_many(self) -> str:
        return limits.too_many_entries(BY_MODEL[self.model].noun_plural)

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
class SectionAdmin(EditAuditMixin, CouncilScopedAdmin):
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

    def get_inline_instances(self, request, obj=None):
        """The entry types this section's kind holds (offers.entry_types), and any other type
        that already has rows here, so nothing saved is hidden. None until the section is
        saved: its kind decides, so the add page asks the officer to save first."""
        if obj is None:
            return []
        wanted = {entry_type.model for entry_type in entry_types_for_kind(obj.kind)}
        wanted |= {
            entry_type.model
            for entry_type in ENTRY_TYPES
            if entry_type.model not in wanted and getattr(obj, entry_type.key).exists()
        }
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if inline.model in wanted
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The plain-English check of the section as last saved, beside its editor, and links
        # to its offer, its page in the preview, and sending the offer for approval. Another
        # council's section is None here, and the page itself answers 404.
        section = self.get_object(request, unquote(object_id))
        if section is not None:
            item = section_document(section)
            part = plain_english.section_report(item, JargonTerm.objects.all())
            extra_context = {
                **(extra_context or {}),
                "plain_english": part.report,
                "plain_english_fields": part.fields,
                "section_tools": self._section_tools(request, section, item["anchor"]),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _section_tools(self, request, section: Section, anchor: str) -> dict:
        offer, site = section.offer, self.admin_site.name
        return {
            "offer": offer,
            "offer_url": reverse("admin:offers_offer_change", args=[offer.pk], current_app=site),
            "preview_url": reverse(
                "admin:offers_offer_preview_page", args=[offer.pk, anchor], current_app=site
            ),
            "submit_url": reverse("admin:offers_offer_submit", args=[offer.pk], current_app=site),
            "publish_url": reverse("admin:offers_offer_publish", args=[offer.pk], current_app=site),
            "can_publish": access.can_publish(request.user, offer.council),
            "submitted": offer.status == OfferStatus.SUBMITTED,
        }


def section_document(section: Section) -> dict:
    """One saved section as its offer's document has it (text, entries, page anchor)."""
    document = document_for(section.offer_id)
    return next(s for s in document["sections"] if s["key"] == str(section.key))


@admin.register(Feedback)
class FeedbackAdmin(FeedbackInboxMixin, CouncilScopedAdmin):
    council_lookup = "council"
    scoped_foreign_keys = {"council": "", "revision": "offer__council"}
    officers_may_add = False
    list_display = ["section_heading", "was_clear", "comment", "created_at", "handled", "council"]
    list_filter = [
        FeedbackStateFilter,
        FeedbackPageFilter,
        "was_clear",
        ("council", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["section_heading", "comment"]
    list_select_related = ["council", "handled_by"]

    def has_change_permission(self, request, obj=None):
        return False  # what families told us is kept as they said it

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "council_name"] if obj else fields

    def get_fields(self, request, obj=None):
        # The council as plain text: a read-only foreign key would link to the council's
        # page, which only site administrators may open (a 403 for officers).
        fields = [f for f in super().get_fields(request, obj) if f != "council_name"]
        return ["council_name" if f == "council" else f for f in fields] if obj else fields

    @admin.display(description="council")
    def council_name(self, feedback):
        return feedback.council.name

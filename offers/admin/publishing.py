"""Publishing tools on the offer's admin page: preview, submit, approve, publish, schedule,
history, compare and roll back, preview links, and download or import the offer as JSON.

Every view here fetches the offer through the admin's council-scoped queryset, so another
council's offer is a 404. Who may do what is decided in offers.services, which every view
and action calls; the views only choose what to show.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode

from .. import access, plain_english, services
from ..advice import web_address_advice
from ..checklist import Fix, coverage
from ..dashboard import offer_status_in_words
from ..diff import change_rows, document_changes
from ..documents import document_for, document_to_json
from ..formatting import uk_date
from ..forms import (
    CompareForm,
    ImportConfirmForm,
    ImportFileForm,
    PublishForm,
    RejectForm,
    RollbackForm,
    ScheduleForm,
    SubmitForm,
    working_copy_fingerprint,
)
from ..models import (
    AuditEvent,
    JargonTerm,
    OfferStatus,
    PreviewLink,
    ScheduledPublish,
    ScheduleStatus,
)
from ..places import Place
from ..rendering import PREVIEW_BANNER, render_guide_page
from ..uploads import UPLOAD_REFUSED


def section_field_fragment(document: dict, place) -> str:
    """ "#id_body", "#id_allowances-2-how_to_apply": the field's box on its section's admin
    page (entries are the page's inline rows, in document order), or "" for the page."""
    if place is None or not place.field:
        return ""
    if not place.entry_key:
        return f"#id_{place.field}"
    section = next(
        (s for s in document.get("sections") or [] if s.get("key") == place.section_key), {}
    )
    keys = [entry.get("key") for entry in section.get(place.entry_type) or []]
    if place.entry_key not in keys:
        return ""
    field = place.model._meta.get_field(place.field)
    box = "_day" if isinstance(field, models.DateField) else ""  # a date's first box
    return f"#id_{place.entry_type}-{keys.index(place.entry_key)}-{place.field}{box}"


def _private(response):
    # Working copies and officer pages must not be cached by shared caches or indexed.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _json_file(document: dict, filename: str):
    """A document as a file to save: the same bytes export_offer writes."""
    response = HttpResponse(
        document_to_json(document).encode("utf-8"),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return _private(response)


class OfferPublishingAdminMixin:
    """Adds preview, submit, publish, history and diff to OfferAdmin."""

    actions = ["submit_for_approval", "publish_offer"]

    # --- URLs ------------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        custom = [
            path("<int:object_id>/preview/", wrap(self.preview_view), name=f"{name}_preview"),
            path(
                "<int:object_id>/preview/<slug:page>/",
                wrap(self.preview_view),
                name=f"{name}_preview_page",
            ),
            path("<int:object_id>/submit/", wrap(self.submit_view), name=f"{name}_submit"),
            path("<int:object_id>/publish/", wrap(self.publish_view), name=f"{name}_publish"),
            path("<int:object_id>/reject/", wrap(self.reject_view), name=f"{name}_reject"),
            path("<int:object_id>/schedule/", wrap(self.schedule_view), name=f"{name}_schedule"),
            path(
                "<int:object_id>/schedule/<int:schedule_id>/cancel/",
                wrap(self.schedule_cancel_view),
                name=f"{name}_schedule_cancel",
            ),
            path(
                "<int:object_id>/history/<int:version>/",
                wrap(self.version_view),
                name=f"{name}_version",
            ),
            path(
                "<int:object_id>/history/<int:version>/download/",
                wrap(self.version_download_view),
                name=f"{name}_version_download",
            ),
            path(
                "<int:object_id>/history/<int:version>/<slug:page>/",
                wrap(self.version_view),
                name=f"{name}_version_page",
            ),
            path("<int:object_id>/download/", wrap(self.download_view), name=f"{name}_download"),
            path("<int:object_id>/import/", wrap(self.import_view), name=f"{name}_import"),
            path("<int:object_id>/compare/", wrap(self.compare_view), name=f"{name}_compare"),
            path(
                "<int:object_id>/rollback/<int:version>/",
                wrap(self.rollback_view),
                name=f"{name}_rollback",
            ),
            path("<int:object_id>/share/", wrap(self.share_view), name=f"{name}_share"),
            path(
                "<int:object_id>/share/<int:link_id>/revoke/",
                wrap(self.share_revoke_view),
                name=f"{name}_share_revoke",
            ),
        ]
        return custom + super().get_urls()

    # --- Shared helpers --------------------------------------------------------------------

    def _offer(self, request, object_id):
        """The offer, only if this officer's councils include it (else 404, which leaks nothing)."""
        offer = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, offer):
            raise Http404("No such offer")
        return offer

    def _approver_offer(self, request, object_id, doing: str):
        """The offer, if this user approves for its council; else 403 (404 for other councils)."""
        offer = self._offer(request, object_id)
        if not access.can_publish(request.user, offer.council):
            raise PermissionDenied(f"Only an approver for this council can {doing}")
        return offer

    def _url(self, view: str, offer, *args) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}",
            args=[offer.pk, *args],
            current_app=self.admin_site.name,
        )

    def _page(self, request, offer, template: str, title: str, **context):
        base = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": offer,
            "offer": offer,
            "title": title,
            "can_publish": access.can_publish(request.user, offer.council),
            "can_edit": access.can_edit(request.user, offer.council),
            **context,
        }
        response = TemplateResponse(request, f"admin/offers/offer/{template}", base)
        return _private(response)

    def _form_page(self, request, offer, *, form, title, action, intro="", button, **context):
        return self._page(
            request,
            offer,
            "publishing_form.html",
            title,
            form=form,
            form_action=action,
            intro=intro,
            button=button,
            **context,
        )

    def _done(self, request, offer, message: str, view: str = "change"):
        messages.success(request, message)
        return HttpResponseRedirect(self._url(view, offer))

    def _live_changes(self, offer, document: dict) -> list[dict]:
        live = services.offer_live_document(offer=offer)
        return change_rows(document_changes(live, document))

    def _place_links(self, offer, document: dict, *, on_change_page: bool = False):
        """A function from a Place (or a checklist Fix) to the admin address where it is
        edited: a section's page (at the field's box), the offer's page (at the field), or
        adding a section of a kind; "" when officers cannot edit it here (the council's
        details)."""
        sections = {str(key): pk for key, pk in offer.sections.values_list("key", "pk")}
        change = "" if on_change_page else self._url("change", offer)
        site = self.admin_site.name

        def link(fix) -> str:
            place = fix if isinstance(fix, Place) else fix.place
            if isinstance(fix, Fix) and fix.add_kind:
                add = reverse("admin:offers_section_add", current_app=site)
                return f"{add}?{urlencode({'offer': offer.pk, 'kind': fix.add_kind})}"
            if place is None or place.council:
                return ""
            if place.section_key in sections:
                pk = sections[place.section_key]
                url = reverse("admin:offers_section_change", args=[pk], current_app=site)
                return url + section_field_fragment(document, place)
            if place.section_key is None and place.field == "sections":
                return f"{change}#sections-group"  # the list of sections on the offer's page
            if place.section_key is None and place.field:
                return f"{change}#id_{place.field}"
            return ""

        return link

    def _checklist(self, offer, document: dict, *, on_change_page: bool = False) -> dict:
        """The coverage checklist of a document, each gap with a link to where to fix it.

        For officers only (the change page, the preview's panel, the publish and schedule
        pages); families never see it.
        """
        checks = coverage(document, today=timezone.localdate())
        link = self._place_links(offer, document, on_change_page=on_change_page)
        rows = [
            {"check": check, "url": "" if check.passed else link(check.fix)} for check in checks
        ]
        gaps = sum(not check.passed for check in checks)
        return {"rows": rows, "total": len(rows), "done": len(rows) - gaps, "gaps": gaps}

    def _web_addresses(self, offer, document: dict, *, on_change_page: bool = False):
        """The document's http:// addresses (offers.advice), each linked to its field."""
        link = self._place_links(offer, document, on_change_page=on_change_page)
        return [{"advice": item, "url": link(item.place)} for item in web_address_advice(document)]

    @staticmethod
    def _status(offer, document: dict) -> str:
        """ "Published, no changes since", "Changes not yet published", with "Waiting for
        approval since …" first when it is; never "Draft" (offers.dashboard words it). The
        pages show a return or a schedule on lines of their own."""
        statements = offer_status_in_words(offer, working=document)
        shown = (
            [statements[0], statements[-1]]
            if offer.status == OfferStatus.SUBMITTED
            else (statements[-1:])
        )
        return ". ".join(shown)

    @staticmethod
    def _pending_schedules(offer) -> list:
        return list(offer.scheduled_publishes.filter(status=ScheduleStatus.PENDING))

    def _plain_english(self, offer, document: dict) -> list[dict]:
        """The plain-English check of each part of a document, linked to its editor."""
        sections = dict(offer.sections.values_list("key", "pk"))
        sections = {str(key): pk for key, pk in sections.items()}
        rows = []
        for part in plain_english.document_report(document, JargonTerm.objects.all()):
            if part.key in sections:
                url = reverse(
                    "admin:offers_section_change",
                    args=[sections[part.key]],
                    current_app=self.admin_site.name,
                )
            else:
                url = f"{self._url('change', offer)}#id_introduction"
            rows.append({"heading": part.heading, "report": part.report, "url": url})
        return rows

    @staticmethod
    def _form_errors(form, error: ValidationError) -> None:
        """Put a service's ValidationError onto the form it came from."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)

    # --- The change form's publishing panel ------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        # get_object answers None for an id that is not a number, as Django's own view does
        # (a 404, not a 500, for addresses like ".../1/change/widgets.css").
        offer = self.get_object(request, unquote(object_id))
        if offer is not None:
            document = document_for(offer.pk)
            extra_context["publishing"] = {
                "status": self._status(offer, document),
                "submitted": offer.status == OfferStatus.SUBMITTED,
                "rejection_reason": offer.rejection_reason,
                "live": offer.published_revision,
                "can_publish": access.can_publish(request.user, offer.council),
                "scheduled": list(offer.scheduled_publishes.filter(status=ScheduleStatus.PENDING)),
            }
            extra_context["checklist"] = self._checklist(offer, document, on_change_page=True)
            extra_context["web_addresses"] = self._web_addresses(
                offer, document, on_change_page=True
            )
            # The score of "our general approach" (and jargon in the title), beside it.
            own = plain_english.offer_report(document, JargonTerm.objects.all())
            extra_context["plain_english"] = own.report
            extra_context["plain_english_fields"] = own.fields
            extra_context["plain_english_of"] = (
                "the offer as last saved: its title, “our general approach” and the "
                "manager’s job title"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # --- Views -----------------------------------------------------------------------------

    def preview_view(self, request, object_id, page: str = ""):
        """The working copy, rendered exactly as the public pages, with a preview banner."""
        offer = self._offer(request, object_id)
        document = document_for(offer.pk)
        panel = render_to_string(
            "admin/offers/includes/officer_panel.html",
            {"checklist": self._checklist(offer, document), "offer": offer},
            request=request,
        )
        response = render_guide_page(
            request,
            page=page,
            council=offer.council,
            document=document,
            preview_banner=PREVIEW_BANNER,
            base_url=self._url("preview", offer),
            officer_panel=panel,
        )
        return _private(response)

    def submit_view(self, request, object_id):
        offer = self._offer(request, object_id)
        form = SubmitForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.offer_submit(offer=offer, by=request.user, note=form.cleaned_data["note"])
            return self._done(request, offer, "Sent to the approvers. They can now publish it.")
        return self._form_page(
            request,
            offer,
            form=form,
            title="Send for approval",
            action=self._url("submit", offer),
            intro="An approver will check the offer and publish it, or send it back to you.",
            button="Send for approval",
        )

    def publish_view(self, request, object_id):
        offer = self._approver_offer(request, object_id, "publish its offer")
        document = document_for(offer.pk)
        # Publishing cancels these (offers.services), so the form asks the approver to agree.
        scheduled = self._pending_schedules(offer)
        form = PublishForm(request.POST or None, offer=offer, schedules=scheduled)
        checklist = self._checklist(offer, form.with_review_dates(document))
        form.ask_to_accept_gaps(checklist["gaps"])
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                revision = services.offer_publish(
                    offer=offer,
                    by=request.user,
                    summary=data["summary"],
                    reviewed_on=form.reviewed_on,
                    next_review_due=data["next_review_due"],
                    accept_gaps=form.accepts_gaps,
                )
            except ValidationError as error:
                self._form_errors(form, error)
            else:
                return self._done(
                    request,
                    offer,
                    f"Published version {revision.version}. Families can see it now.",
                )
        return self._form_page(
            request,
            offer,
            form=form,
            title="Publish this offer",
            action=self._url("publish", offer),
            intro="Families will see the offer as it is now. Check what will change first.",
            button="Publish now",
            changes=self._live_changes(offer, document),
            changes_heading="What will change for families",
            checklist=checklist,
            web_addresses=self._web_addresses(offer, document),
            plain_english=self._plain_english(offer, document),
            scheduled=scheduled,
        )

    def reject_view(self, request, object_id):
        offer = self._approver_offer(request, object_id, "send an offer back")
        form = RejectForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.offer_reject(offer=offer, by=request.user, reason=form.cleaned_data["reason"])
            return self._done(request, offer, "Sent back to the editors with your reason.")
        return self._form_page(
            request,
            offer,
            form=form,
            title="Send back to the editors",
            action=self._url("reject", offer),
            button="Send back",
        )

    def schedule_view(self, request, object_id):
        offer = self._approver_offer(request, object_id, "schedule a publish")
        document = document_for(offer.pk)
        form = ScheduleForm(request.POST or None)
        checklist = self._checklist(offer, document)
        form.ask_to_accept_gaps(checklist["gaps"])
        if request.method == "POST" and form.is_valid():
            try:
                schedule = services.offer_schedule(
                    offer=offer,
                    by=request.user,
                    summary=form.cleaned_data["summary"],
                    publish_at=form.cleaned_data["publish_at"],
                    accept_gaps=form.accepts_gaps,
                )
            except ValidationError as error:
                self._form_errors(form, error)
            else:
                return self._done(
                    request, offer, f"Scheduled to publish: {schedule}.", view="history"
                )
        return self._form_page(
            request,
            offer,
            form=form,
            title="Schedule a publish",
            action=self._url("schedule", offer),
            intro=(
                "The offer will be published as it is now, at the time you choose. Changes "
                "made after you schedule it will wait for the next publish."
            ),
            button="Schedule",
            changes=self._live_changes(offer, document),
            changes_heading="What will change for families",
            checklist=checklist,
            web_addresses=self._web_addresses(offer, document),
            plain_english=self._plain_english(offer, document),
            scheduled=self._pending_schedules(offer),
        )

    def schedule_cancel_view(self, request, object_id, schedule_id):
        offer = self._offer(request, object_id)
        schedule = get_object_or_404(ScheduledPublish, pk=schedule_id, offer=offer)
        if request.method != "POST":
            return HttpResponseRedirect(self._url("history", offer))
        try:
            services.schedule_cancel(schedule=schedule, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self._url("history", offer))
        return self._done(request, offer, "Cancelled the scheduled publish.", view="history")

    def history_view(self, request, object_id, extra_context=None):
        """Versions, scheduled publishes, preview links and the audit trail of one offer."""
        offer = self._offer(request, object_id)
        revisions = list(offer.revisions.select_related("published_by").order_by("-version"))
        return self._page(
            request,
            offer,
            "history.html",
            f"History of {offer.council.name}'s offer",
            status=self._status(offer, document_for(offer.pk)),
            revisions=revisions,
            compare_form=CompareForm(
                versions=[r.version for r in revisions],
                initial={"old": offer.published_revision.version, "new": "working"}
                if offer.published_revision
                else None,
            ),
            schedules=offer.scheduled_publishes.select_related("created_by", "revision"),
            events=AuditEvent.objects.filter(offer=offer).select_related("actor", "revision"),
        )

    def version_view(self, request, object_id, version, page: str = ""):
        """An old or current version, exactly as families saw its pages."""
        offer = self._offer(request, object_id)
        revision = get_object_or_404(offer.revisions, version=version)
        live = offer.published_revision_id == revision.pk
        published = uk_date(revision.published_at)
        banner = f"Version {revision.version}, published {published}" + (
            " — this is the live version" if live else " — not the live version"
        )
        response = render_guide_page(
            request,
            page=page,
            council=offer.council,
            document=revision.content,
            revision=revision,
            preview_banner=banner,
            base_url=self._url("version", offer, revision.version),
        )
        return _private(response)

    def _document(self, offer, choice: str) -> tuple[str, dict]:
        if choice == "working":
            return "the working copy", document_for(offer.pk)
        revision = get_object_or_404(offer.revisions, version=int(choice))
        return f"version {revision.version}", revision.content

    def compare_view(self, request, object_id):
        """Changes between two versions, or between a version and the working copy."""
        offer = self._offer(request, object_id)
        versions = list(offer.revisions.order_by("-version").values_list("version", flat=True))
        if not versions:
            messages.info(
                request, "This offer has not been published yet, so there is nothing to compare."
            )
            return HttpResponseRedirect(self._url("history", offer))
        initial = {"old": str(versions[0]), "new": "working"}
        form = CompareForm(request.GET or initial, versions=versions)
        if not form.is_valid():
            form = CompareForm(initial, versions=versions)
            form.is_valid()
        old_label, old_doc = self._document(offer, form.cleaned_data["old"])
        new_label, new_doc = self._document(offer, form.cleaned_data["new"])
        return self._page(
            request,
            offer,
            "compare.html",
            f"Compare {old_label} with {new_label}",
            form=form,
            changes=change_rows(document_changes(old_doc, new_doc)),
            old_label=old_label,
            new_label=new_label,
        )

    def rollback_view(self, request, object_id, version):
        offer = self._approver_offer(request, object_id, "republish a version")
        revision = get_object_or_404(offer.revisions, version=version)
        published = uk_date(revision.published_at)
        form = RollbackForm(
            request.POST or None,
            initial={
                "summary": f"We have gone back to the version of this offer from {published}."
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                new = services.offer_rollback(
                    offer=offer,
                    by=request.user,
                    revision=revision,
                    summary=form.cleaned_data["summary"],
                )
            except ValidationError as error:
                self._form_errors(form, error)
            else:
                return self._done(
                    request,
                    offer,
                    f"Published version {revision.version} again as version {new.version}. "
                    "The working copy now matches it too.",
                    view="history",
                )
        return self._form_page(
            request,
            offer,
            form=form,
            title=f"Republish version {revision.version}",
            action=self._url("rollback", offer, revision.version),
            intro=(
                f"This publishes version {revision.version} (from {published}) again as a "
                "new version. The history is kept. The working copy will be replaced by "
                f"version {revision.version} too, so any edits that have not been published "
                "will be lost."
            ),
            button=f"Republish version {revision.version}",
            changes=self._live_changes(offer, revision.content),
            changes_heading="What will change for families",
        )

    # --- Download and import as JSON -------------------------------------------------------

    def download_view(self, request, object_id):
        """The working copy as a JSON file: the document a publish would store now."""
        offer = self._offer(request, object_id)
        return _json_file(document_for(offer.pk), f"{offer.council.slug}-working-copy.json")

    def version_download_view(self, request, object_id, version):
        """A published version as a JSON file, exactly as it was stored."""
        offer = self._offer(request, object_id)
        revision = get_object_or_404(offer.revisions, version=version)
        return _json_file(revision.content, f"{offer.council.slug}-version-{revision.version}.json")

    def import_view(self, request, object_id):
        """Import a JSON file into the working copy: choose it, see what changes, confirm."""
        offer = self._offer(request, object_id)
        if request.method == "POST" and "document" in request.POST:
            return self._import_confirm(request, offer)
        if request.method != "POST":
            return self._import_page(request, offer, ImportFileForm(offer=offer))
        form = ImportFileForm(
            request.POST,
            request.FILES,
            offer=offer,
            refused_size=getattr(request, UPLOAD_REFUSED, None),  # over 2 MB: not kept
        )
        if not form.is_valid():
            return self._import_page(request, offer, form)
        checked, working = form.cleaned_data["file"], document_for(offer.pk)
        confirm = ImportConfirmForm(
            offer=offer,
            initial={
                "document": ImportConfirmForm.document_text(checked),
                "lock_version": offer.lock_version,
                "working_copy": working_copy_fingerprint(working),
            },
        )
        # Council details are the council's: an import leaves them as they are.
        changes = document_changes(working, {**checked, "council": working["council"]})
        return self._import_page(
            request,
            offer,
            confirm,
            checking=True,
            changes=change_rows(changes),
            changes_heading="What will change in the working copy",
        )

    def _import_confirm(self, request, offer):
        form = ImportConfirmForm(request.POST, offer=offer)
        try:
            # One transaction: the form's stale check holds the offer row until the import
            # is written, so nobody's save can slip in between.
            with transaction.atomic():
                if not form.is_valid():
                    errors = [e for field_errors in form.errors.values() for e in field_errors]
                    raise ValidationError(list(dict.fromkeys(errors)))
                services.offer_import(
                    offer=offer, document=form.cleaned_data["document"], by=request.user
                )
        except ValidationError as error:
            refused = ImportFileForm.refused(offer=offer, error=error)
            return self._import_page(request, offer, refused)
        live = offer.published_revision
        still = (
            f"Families still see version {live.version} until an approver publishes."
            if live
            else "Families cannot see this offer until an approver publishes it."
        )
        return self._done(request, offer, f"Imported the file into the working copy. {still}")

    def _import_page(self, request, offer, form, *, checking=False, **context):
        return self._page(
            request,
            offer,
            "import.html",
            "Check what will change" if checking else "Import from a JSON file",
            form=form,
            form_action=self._url("import", offer),
            checking=checking,
            **context,
        )

    def share_view(self, request, object_id):
        """Preview links: make one, see the ones that work, revoke them."""
        offer = self._offer(request, object_id)
        if request.method == "POST":
            link = services.preview_link_create(offer=offer, by=request.user)
            messages.success(
                request,
                f"Made a preview link. It works until {uk_date(link.expires_at)}.",
            )
            return HttpResponseRedirect(self._url("share", offer))
        links = list(offer.preview_links.select_related("created_by"))
        for link in links:
            link.url = services.preview_link_url(link=link)
        return self._page(request, offer, "share.html", "Preview links", links=links)

    def share_revoke_view(self, request, object_id, link_id):
        offer = self._offer(request, object_id)
        link = get_object_or_404(PreviewLink, pk=link_id, offer=offer)
        if request.method == "POST":
            services.preview_link_revoke(link=link, by=request.user)
            messages.success(request, "The preview link no longer works.")
        return HttpResponseRedirect(self._url("share", offer))

    # --- Admin actions ---------------------------------------------------------------------

    def has_publish_permission(self, request) -> bool:
        """Shows the publish action only to people who approve for some council."""
        return access.approves_anywhere(request.user)

    @admin.action(description="Send the selected offers for approval")
    def submit_for_approval(self, request, queryset):
        for offer in queryset.select_related("council"):
            services.offer_submit(offer=offer, by=request.user)
        messages.success(request, "Sent to the approvers.")

    @admin.action(description="Publish the selected offer…", permissions=["publish"])
    def publish_offer(self, request, queryset):
        # Publishing needs a summary and a review date, so it always goes through the form.
        offers = list(queryset[:2])
        if len(offers) != 1:
            messages.error(request, "Choose one offer to publish at a time.")
            return None
        offer = offers[0]
        if not access.can_publish(request.user, offer.council):
            raise PermissionDenied("Only an approver for this council can publish its offer")
        return HttpResponseRedirect(self._url("publish", offer))

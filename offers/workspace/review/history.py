"""History: every published version (when, who, what changed), comparing any two, and
restoring one as the working copy, which is then approved like any other change."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_safe

from ... import access, services
from ...diff import change_rows, document_changes
from ...documents import document_for, document_to_json
from ...formatting import uk_date
from ...forms import CompareForm
from ...models import ScheduleStatus
from ...rendering import render_guide_page
from ..base import council_page
from .approvals import offer_of
from .common import private

WORKING = "working"


@require_safe
@council_page
def history(request, council):
    """Every published version, newest first; "No versions yet" before the first offer."""
    offer = getattr(council, "offer", None)
    revisions = (
        list(offer.revisions.select_related("published_by").order_by("-version")) if offer else []
    )
    live = offer.published_revision_id if offer else None
    compare_form = CompareForm(
        versions=[r.version for r in revisions],
        initial={"old": str(revisions[0].version), "new": WORKING} if revisions else None,
    )
    context = {
        "council": council,
        "offer": offer,
        "revisions": revisions,
        "live_id": live,
        "compare_form": compare_form,
        "schedules": list(
            offer.scheduled_publishes.filter(status=ScheduleStatus.PENDING).select_related(
                "created_by"
            )
        )
        if offer
        else [],
        "can_publish": access.can_publish(request.user, council),
    }
    return private(render(request, "workspace/review/history.html", context))


@require_safe
@council_page
def version(request, council, version: int, page: str = ""):
    """A published version's pages exactly as families saw them, with a banner saying which."""
    offer = offer_of(council)
    revision = get_object_or_404(offer.revisions, version=version)
    live = offer.published_revision_id == revision.pk
    banner = f"Version {revision.version}, published {uk_date(revision.published_at)}" + (
        " — this is the live version" if live else " — not the live version"
    )
    response = render_guide_page(
        request,
        page=page,
        council=council,
        document=revision.content,
        revision=revision,
        preview_banner=banner,
        base_url=reverse("workspace:version", args=[council.slug, revision.version]),
    )
    return private(response)


@require_safe
@council_page
def version_download(request, council, version: int):
    """A published version as a JSON file, exactly as it was stored (the export format)."""
    offer = offer_of(council)
    revision = get_object_or_404(offer.revisions, version=version)
    response = HttpResponse(
        document_to_json(revision.content).encode("utf-8"),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{council.slug}-version-{revision.version}.json"
    )
    return private(response)


def _document(offer, choice: str) -> tuple[str, dict]:
    if choice == WORKING:
        return "the working copy", document_for(offer.pk)
    revision = get_object_or_404(offer.revisions, version=int(choice))
    return f"version {revision.version}", revision.content


@require_safe
@council_page
def compare(request, council):
    """The changes between two versions, or a version and the working copy (?old=&new=)."""
    offer = offer_of(council)
    versions = list(offer.revisions.order_by("-version").values_list("version", flat=True))
    if not versions:
        messages.info(request, "Nothing is published yet, so there is nothing to compare.")
        return redirect("workspace:history", council=council.slug)
    initial = {"old": str(versions[0]), "new": WORKING}
    form = CompareForm(request.GET or initial, versions=versions)
    if not form.is_valid():  # a made-up choice compares the usual pair instead
        form = CompareForm(initial, versions=versions)
        form.is_valid()
    old_label, old = _document(offer, form.cleaned_data["old"])
    new_label, new = _document(offer, form.cleaned_data["new"])
    context = {
        "council": council,
        "offer": offer,
        "form": form,
        "old_label": old_label,
        "new_label": new_label,
        "changes": change_rows(document_changes(old, new)),
    }
    return private(render(request, "workspace/review/compare.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
@council_page
def restore(request, council, version: int):
    """Make a version the working copy again (after a check of what it changes there)."""
    offer = offer_of(council)
    revision = get_object_or_404(offer.revisions, version=version)
    if request.method == "POST":
        services.offer_version_restore(offer=offer, by=request.user, revision=revision)
        messages.success(
            request,
            f"Version {revision.version} is your working copy again. Families still see the "
            "live version until an approver publishes it.",
        )
        return redirect("workspace:send", council=council.slug)
    context = {
        "council": council,
        "offer": offer,
        "revision": revision,
        "changes": change_rows(document_changes(document_for(offer.pk), revision.content)),
    }
    return private(render(request, "workspace/review/restore.html", context))

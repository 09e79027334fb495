"""What the review pages share: the error summary's rows, the checklist and the changes as
templates show them, and officer pages that no shared cache may keep."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from ... import services
from ...checklist import coverage
from ...diff import change_rows, document_changes
from ..base import private  # noqa: F401 - the review pages' name for it


def field_id(bound_field) -> str:
    """The id an error summary links to: the field's box, a date's first box marked wrong,
    or a radio group's first radio (as crispy-forms-gds writes them)."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    part = getattr(bound_field.field.widget, "first_error_part", None)
    return f"{bound_field.auto_id}_{part}" if part else f"{bound_field.auto_id}_1"


def error_list(*forms, fallback: str = "main-content") -> list[tuple[str, str]]:
    """[(field id, message)] for templates/workspace/includes/error_summary.html, in the order
    of the page; an error that belongs to no field links to `fallback`."""
    rows = []
    for form in forms:
        if form is None or not form.is_bound:
            continue
        rows += [(fallback, str(error)) for error in form.non_field_errors()]
        for bound in form.visible_fields():
            rows += [(field_id(bound), str(error)) for error in bound.errors]
    return rows


def service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form it came from."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def checklist_rows(document: dict) -> dict:
    """The coverage checklist of a document, for templates/workspace/review/checklist.html."""
    checks = coverage(document, today=timezone.localdate())
    gaps = sum(not check.passed for check in checks)
    return {"rows": checks, "total": len(checks), "done": len(checks) - gaps, "gaps": gaps}


def live_changes(offer, document: dict) -> list[dict]:
    """What would change for families if `document` went live, with inline text diffs.
    Before the first publish that is everything: each field and section shows as added."""
    live = services.offer_live_document(offer=offer) or NOTHING_PUBLISHED
    return change_rows(document_changes(live, document))


# What families see before an offer is first published: nothing.
NOTHING_PUBLISHED = {"offer": {}, "council": {}, "sections": []}

"""The workspace's one form-rendering helper: which GOV.UK component a field is, and the id
its error summary link points at (templates/workspace/includes/field.html)."""

from django import forms, template

from ..widgets import DateInput

register = template.Library()


def field_kind(bound) -> str:
    """ "date", "radios", "checkboxes", "checkbox", "textarea", "select", "hidden" or "input"."""
    widget = bound.field.widget
    if isinstance(widget, DateInput):
        return "date"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    # Django's CheckboxSelectMultiple is a subclass of RadioSelect: ask about it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


def error_anchor(bound) -> str:
    """The element an error summary link moves to: the input, the first radio or checkbox,
    or the first date box that is wrong."""
    kind = field_kind(bound)
    if kind in ("radios", "checkboxes"):
        return f"{bound.auto_id}_0"
    if kind == "date":
        return f"{bound.auto_id}_{bound.field.widget.first_error_part}"
    return bound.auto_id


def error_list(*forms_) -> list[tuple[str, str]]:
    """[(element id, message)] for the error summary, in the order of the page: each field's
    first message, in the same words as beside the field; a form's own errors point at its
    first field."""
    found = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        visible = [b for b in form if field_kind(b) != "hidden"]
        for message in form.non_field_errors():
            found.append((error_anchor(visible[0]) if visible else "main-content", message))
        for bound in visible:
            if bound.errors:
                found.append((error_anchor(bound), bound.errors[0]))
        for formset in getattr(form, "formsets", ()):
            for message in formset.non_form_errors():
                first = formset.forms[0] if formset.forms else None
                anchor = error_anchor(first["amount"]) if first is not None else "main-content"
                found.append((anchor, message))
            for row in formset.forms:
                found.extend(error_list(row))
    return found


register.filter("field_kind", field_kind)
register.filter("error_anchor", error_anchor)


@register.filter
def described_by(bound) -> str:
    """aria-describedby for a field: its hint and its error message."""
    ids = []
    if bound.help_text:
        ids.append(f"{bound.auto_id}-hint")
    if bound.errors:
        ids.append(f"{bound.auto_id}-error")
    return " ".join(ids)

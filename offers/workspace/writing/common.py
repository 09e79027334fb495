"""What the writing pages share: the council's offer, a page with its error summary, the
officers' answers, a section by its key."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ...models import Section, TaskAnswer
from ...templatetags.workspace_forms import error_list


def offer_of(council):
    """The council's offer, read with the council by the decorator's one query."""
    if not has_offer(council):
        raise Http404("This council has no offer yet")
    offer = council.offer
    offer.council = council
    return offer


def has_offer(council) -> bool:
    try:
        council.offer  # noqa: B018 - read in the decorator's one query
    except council._meta.model.offer.RelatedObjectDoesNotExist:
        return False
    return True


def form_page(request, template, context, *forms_):
    """Render a page with its forms' errors in the error summary (error_list)."""
    errors = error_list(*forms_)
    return render(request, template, {**context, "error_list": errors})


def answers_of(offer) -> dict[str, bool]:
    return dict(TaskAnswer.objects.filter(offer=offer).values_list("task", "completed"))


def section_of(offer, section_key) -> Section:
    return get_object_or_404(Section, offer=offer, key=section_key)

"""'Was this section clear?' answers from the live offer page."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..feedback import (
    client_key_for,
    feedback_limit_reached,
    feedback_record,
    live_section_get,
)
from ..forms_public import FeedbackForm


@require_POST
def offer_feedback(request, slug: str):
    """Store an answer about one section of the live offer, then thank the family."""
    council, revision, section = live_section_get(
        slug=slug, anchor=request.POST.get("section", "")
    )
    client_key = client_key_for(request)
    if feedback_limit_reached(client_key=client_key):
        return render(request, "public/feedback_limit.html", {"council": council}, status=429)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        context = {"council": council, "revision": revision, "section": section, "form": form}
        return render(request, "public/feedback.html", context)
    feedback_record(
        council=council,
        revision=revision,
        section=section,
        was_clear=form.cleaned_data["was_clear"] == "yes",
        comment=form.cleaned_data["comment"],
        client_key=client_key,
    )
    thanks = reverse("offer_feedback_thanks", args=[council.slug])
    return redirect(f"{thanks}?section={section['anchor']}")


def offer_feedback_thanks(request, slug: str):
    """Thank-you page with a link back to the section the family answered about."""
    council, _revision, section = live_section_get(
        slug=slug, anchor=request.GET.get("section", "")
    )
    return render(request, "public/feedback_thanks.html", {"council": council, "section": section})

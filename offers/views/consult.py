"""Families' side of a consultation: the public link (/consult/<token>/) and the published
"What families told us".

The link's pages are never kept by the page cache (each carries a form token), are marked
noindex and send no referrer to other sites, so the token does not leak to sites the offer
links to.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from .. import flood
from ..consultations import (
    ConsultationClosed,
    ResponseLimitReached,
    closing_words,
    consultation_resolve,
    consultation_sections,
    latest_result,
    response_record,
)
from ..feedback import client_key_for
from ..forms_public import ConsultationAnswerForm
from ..page_cache import cached_view
from ..selectors import live_offer_for
from .public import old_address_redirect


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Nothing of the address to other sites, but the site's own origin to itself: with
    # no-referrer, browsers send "Origin: null" with the form, and CSRF refuses it.
    response["Referrer-Policy"] = "same-origin"
    return response


def _consultation_or_404(token: str):
    consultation = consultation_resolve(token)
    if consultation is None:
        raise Http404("This consultation link does not work")
    return consultation


def _closed(request, consultation):
    context = {"council": consultation.council, "closed_words": closing_words(consultation)}
    return _private(render(request, "public/consultation_closed.html", context, status=410))


def _error_list(form) -> list[tuple[str, str]]:
    """(field id, message) for the error summary, in the order of the page: each section's
    questions, the open questions, then who you are. Each field's id is its name."""
    sections = [name for name in form.fields if name.startswith(("useful-", "why-"))]
    answers = [name for name in form.fields if name.startswith("answer-")]
    order = [*sections, *answers, "respondent"]
    return [(name, form.errors[name][0]) for name in order if name in form.errors]


@require_http_methods(["GET", "HEAD", "POST"])
def consultation(request, consultation_token: str):
    """The draft as families will see it, with the questions; POST stores the answers."""
    if request.method != "POST":
        flood.render_slot_take(request)  # each page is made afresh: count it like one
    consultation = _consultation_or_404(consultation_token)
    if not consultation.is_open():
        return _closed(request, consultation)
    sections = consultation_sections(consultation)
    form_kwargs = {"questions": consultation.questions, "sections": sections}
    if request.method == "POST":
        form = ConsultationAnswerForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                response_record(
                    consultation=consultation,
                    respondent=form.cleaned_data["respondent"],
                    answers=form.answers(),
                    sections=form.section_answers(),
                    client_key=client_key_for(request),
                )
            except ConsultationClosed:
                return _closed(request, consultation)
            except ResponseLimitReached:
                context = {"council": consultation.council}
                page = render(request, "public/consultation_limit.html", context, status=429)
                return _private(page)
            return redirect("consultation_thanks", consultation_token)
    else:
        form = ConsultationAnswerForm(**form_kwargs)
    context = {
        "council": consultation.council,
        "consultation": consultation,
        "consultation_token": consultation_token,
        "doc": consultation.document,
        "form": form,
        "questions": [
            (f"answer-{i}", question, form[f"answer-{i}"])
            for i, question in enumerate(consultation.questions)
        ],
        "sections": [
            (section, form[f"useful-{section['anchor']}"], form[f"why-{section['anchor']}"])
            for section in sections
        ],
        "closing_words": closing_words(consultation),
        "error_list": _error_list(form) if form.is_bound else [],
    }
    return _private(render(request, "public/consultation.html", context))


@require_safe
def consultation_thanks(request, consultation_token: str):
    consultation = _consultation_or_404(consultation_token)
    context = {"council": consultation.council, "closing_words": closing_words(consultation)}
    return _private(render(request, "public/consultation_thanks.html", context))


@require_safe
@cached_view()
def families_told_us(request, slug: str):
    """The newest published "What families told us" of a council; 404 before there is one."""
    council, _revision = live_offer_for(slug, with_document=False)
    if council is None:
        moved = old_address_redirect(request, slug)
        if moved:
            return moved
        raise Http404("No such council")
    result = latest_result(council)
    if result is None:
        raise Http404("This council has not published what families told it")
    return render(
        request,
        "public/families_told_us.html",
        {"council": council, "result": result, "content": result.content},
    )

"""Consultations in the workspace: open one, read the answers, group them into themes,
answer each theme, choose quotes, close early; approvers publish "What families told us".

Every rule is in offers.consultations; these views read the request, call it and render.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ... import access
from ... import consultations as rules
from ...choices import Respondent
from ...models import Consultation, ConsultationQuote, ConsultationResponse, ConsultationTheme
from ..base import council_page
from .forms import ConsultationOpenForm, QuoteForm, ResponseThemesForm, ThemeForm


def _consultation(council, consultation_id: int) -> Consultation:
    """One of this council's consultations, or 404 (another council's is not found)."""
    return get_object_or_404(
        Consultation.objects.select_related("council"), pk=consultation_id, council=council
    )


def _form_errors(form, error: ValidationError, fields: dict | None = None) -> None:
    """A service's refusal shown by the fields it names (fields maps its names to the form's)."""
    fields = fields or {}
    for name, messages_ in error.message_dict.items():
        form.add_error(fields.get(name, name if name in form.fields else None), messages_)


def _detail(consultation: Consultation):
    return redirect("workspace:consultation", consultation.council.slug, consultation.pk)


@council_page
def consultations(request, council):
    found = council.consultations.annotate(answers=Count("responses")).order_by("-opened_at")
    return render(
        request,
        "workspace/consult/list.html",
        {"council": council, "consultations": found, "latest": rules.latest_result(council)},
    )


@council_page
def consultation_new(request, council):
    form = ConsultationOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = rules.consultation_open(
                council=council,
                by=request.user,
                source=form.cleaned_data["source"],
                closes_on=form.cleaned_data["closes_on"],
                questions=form.questions(),
                ask_about_sections=form.cleaned_data["ask_about_sections"],
            )
        except ValidationError as error:
            _form_errors(form, error, {"questions": "question_1"})
        else:
            messages.success(request, "Consultation opened. Share its link with families.")
            return _detail(consultation)
    context = {"council": council, "form": form, "error_list": form.error_list()}
    return render(request, "workspace/consult/new.html", context)


@council_page
def consultation(request, council, consultation_id: int):
    found = _consultation(council, consultation_id)
    responses = found.responses.prefetch_related("themes")
    counts = dict(responses.values_list("respondent").annotate(n=Count("id")).order_by())
    context = {
        "council": council,
        "consultation": found,
        "link": rules.consultation_url(found),
        "is_open": found.is_open(),
        "closing_words": rules.closing_words(found),
        "responses": responses,
        "by_group": [(label, counts.get(code, 0)) for code, label in Respondent.choices],
        "themes": found.themes.annotate(n=Count("responses")).prefetch_related("quotes"),
        "results": found.results.order_by("-version"),
        "may_publish": access.can_publish(request.user, council),
    }
    return render(request, "workspace/consult/detail.html", context)


@council_page
def consultation_close(request, council, consultation_id: int):
    found = _consultation(council, consultation_id)
    if request.method == "POST":
        was_open = found.is_open()
        rules.consultation_close(consultation=found, by=request.user)
        if was_open:
            messages.success(request, "Consultation closed. The link no longer takes answers.")
        else:
            messages.info(request, "This consultation had closed already.")
        return _detail(found)
    context = {"council": council, "consultation": found, "is_open": found.is_open()}
    return render(request, "workspace/consult/close.html", context)


def _theme_page(request, council, found, theme=None):
    form = ThemeForm(
        request.POST or None,
        initial={"title": theme.title, "answer_kind": theme.answer_kind, "answer": theme.answer}
        if theme
        else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            rules.theme_save(consultation=found, by=request.user, theme=theme, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Theme saved.")
            return _detail(found)
    context = {
        "council": council,
        "consultation": found,
        "theme": theme,
        "form": form,
        "error_list": form.error_list(),
    }
    return render(request, "workspace/consult/theme.html", context)


@council_page
def theme_new(request, council, consultation_id: int):
    return _theme_page(request, council, _consultation(council, consultation_id))


@council_page
def theme_edit(request, council, consultation_id: int, theme_id: int):
    found = _consultation(council, consultation_id)
    theme = get_object_or_404(ConsultationTheme, pk=theme_id, consultation=found)
    return _theme_page(request, council, found, theme)


@require_POST
@council_page
def theme_remove(request, council, consultation_id: int, theme_id: int):
    found = _consultation(council, consultation_id)
    theme = get_object_or_404(ConsultationTheme, pk=theme_id, consultation=found)
    rules.theme_remove(theme=theme, by=request.user)
    messages.success(request, f"Theme “{theme.title}” removed.")
    return _detail(found)


@council_page
def response(request, council, consultation_id: int, response_id: int):
    """One family's answers: put it under themes, or choose words from it to quote."""
    found = _consultation(council, consultation_id)
    answer = get_object_or_404(ConsultationResponse, pk=response_id, consultation=found)
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action") if posted else None
    themes_form = ResponseThemesForm(
        posted if action == "themes" else None,
        consultation=found,
        initial={"themes": list(answer.themes.all())},
    )
    quote_form = QuoteForm(posted if action == "quote" else None, consultation=found)
    if action == "themes" and themes_form.is_valid():
        rules.response_themes_set(
            response=answer, by=request.user, themes=themes_form.cleaned_data["themes"]
        )
        messages.success(request, "Themes saved for this response.")
        return redirect(request.path)
    if action == "quote" and quote_form.is_valid():
        try:
            rules.quote_add(response=answer, by=request.user, **quote_form.cleaned_data)
        except ValidationError as error:
            _form_errors(quote_form, error)
        else:
            messages.success(request, "Quote chosen. It is shown when the result is published.")
            return redirect(request.path)
    context = {
        "council": council,
        "consultation": found,
        "response": answer,
        "themes_form": themes_form,
        "quote_form": quote_form,
        "error_list": themes_form.error_list() + quote_form.error_list(),
    }
    return render(request, "workspace/consult/response.html", context)


@require_POST
@council_page
def quote_remove(request, council, consultation_id: int, quote_id: int):
    found = _consultation(council, consultation_id)
    quote = get_object_or_404(ConsultationQuote, pk=quote_id, theme__consultation=found)
    rules.quote_remove(quote=quote, by=request.user)
    messages.success(request, "Quote removed.")
    return _detail(found)


@council_page(approvers_only=True)
def result_publish(request, council, consultation_id: int):
    found = _consultation(council, consultation_id)
    problems = rules.result_problems(found)
    if request.method == "POST":
        try:
            result = rules.result_publish(consultation=found, by=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request, f"“What families told us” version {result.version} is published."
            )
            return _detail(found)
    context = {
        "council": council,
        "consultation": found,
        "problems": problems,
        "is_open": found.is_open(),
        "closing_words": rules.closing_words(found),
        "preview": rules.result_content(found, closed_on=found.closed_on()),
    }
    return render(request, "workspace/consult/publish.html", context)

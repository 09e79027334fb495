"""Consulting families on the offer, and publishing "What families told us".

The verbs, each checking who may do it (offers.access):
- an editor opens a consultation on the working copy or the live offer: a snapshot of its
  document, a closing date and a few questions; it gets a signed public link;
- anyone with the link answers until the closing date, anonymously (nothing but what they
  chose to write and, if they wish, who they are), within the flood limit;
- editors read the answers, group them into themes, write the council's answer to each and
  choose the words to quote; they may close the consultation early;
- an approver publishes the result: an immutable, numbered "What families told us" made
  only from the themes, the answers and the chosen quotes, with counts; never from the
  responses themselves.
"""

import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from . import access, addresses
from .choices import ConsultationSource, Respondent, ThemeAnswerKind, Usefulness, label
from .documents import document_for
from .feedback import feedback_slot_take
from .formatting import uk_date
from .models import (
    Consultation,
    ConsultationQuote,
    ConsultationResponse,
    ConsultationResult,
    ConsultationTheme,
    Council,
    Offer,
)
from .page_cache import public_pages_changed
from .services import FEEDBACK_KEEP_DAYS
from .validators import validate_showable_text, without_hidden_characters

DEFAULT_QUESTIONS = ("What is missing?", "What is unclear?")
SECTION_QUESTION = "Was this useful?"
MAX_QUESTIONS = 5
QUESTION_MAX_LENGTH = 200
ANSWER_MAX_LENGTH = 1000  # each answer a family writes, like the feedback form's comment
LONGEST_CONSULTATION_DAYS = 366
TOKEN_SALT = "offers.consultation"
RESULT_SCHEMA = 1


class ConsultationClosed(Exception):
    """The consultation's closing time has passed: answers are refused."""


class ResponseLimitReached(Exception):
    """The client has sent as many answers as the flood limit allows this hour."""


def _require_editor(user, council: Council) -> None:
    if not access.can_edit(user, council):
        raise PermissionDenied("Only an officer of this council can do this")


def _require_approver(user, council: Council) -> None:
    if not access.can_publish(user, council):
        raise PermissionDenied("Only an approver for this council can do this")


# --- Opening, the link, closing -------------------------------------------------------------


def validate_closes_on(closes_on: datetime.date, *, today: datetime.date | None = None) -> None:
    """A closing date from tomorrow to a year ahead."""
    today = today or timezone.localdate()
    if closes_on <= today:
        raise ValidationError("The closing date must be in the future", code="past")
    if closes_on > today + datetime.timedelta(days=LONGEST_CONSULTATION_DAYS):
        raise ValidationError("The closing date must be within a year from today", code="too_far")


def clean_questions(questions) -> list[str]:
    """The officer's open questions: blanks dropped, each checked, at most MAX_QUESTIONS."""
    cleaned = [" ".join(str(q).split()) for q in questions]
    cleaned = [q for q in cleaned if q]
    if len(cleaned) > MAX_QUESTIONS:
        raise ValidationError(f"Ask {MAX_QUESTIONS} questions at most", code="too_many")
    for question in cleaned:
        if len(question) > QUESTION_MAX_LENGTH:
            raise ValidationError(
                f"Each question must be {QUESTION_MAX_LENGTH} characters or fewer",
                code="max_length",
            )
        validate_showable_text(question)
    return [without_hidden_characters(q) for q in cleaned]


@transaction.atomic
def consultation_open(
    *,
    council: Council,
    by,
    source: str,
    closes_on: datetime.date,
    questions,
    ask_about_sections: bool = True,
) -> Consultation:
    """Open a consultation on the council's working copy or live offer, as it is now."""
    _require_editor(by, council)
    errors = {}
    try:
        validate_closes_on(closes_on)
    except ValidationError as error:
        errors["closes_on"] = error.messages
    try:
        questions = clean_questions(questions)
    except ValidationError as error:
        errors["questions"] = error.messages
    if not questions and not ask_about_sections and "questions" not in errors:
        errors["questions"] = ["Ask at least one question"]
    offer = Offer.objects.select_related("published_revision").filter(council=council).first()
    document = None
    if source == ConsultationSource.LIVE:
        live = offer.published_revision if offer else None
        if live is None:
            errors["source"] = ["Your offer is not live yet. Ask about the working copy"]
        else:
            document = live.content
    elif source == ConsultationSource.WORKING_COPY:
        if offer is None:
            errors["source"] = ["Your council has no offer to ask about yet"]
        else:
            document = document_for(offer.pk)
    else:
        errors["source"] = ["Select what families will read"]
    if errors:
        raise ValidationError(errors)
    consultation = Consultation(
        council=council,
        source=source,
        document=document,
        questions=questions,
        ask_about_sections=ask_about_sections,
        closes_on=closes_on,
        opened_by=by,
    )
    consultation.full_clean(exclude=["opened_by"])
    consultation.save()
    return consultation


def consultation_token(consultation: Consultation) -> str:
    """The signed token in the consultation's public address: the id and its signature, so
    the same link every time it is shown, and nobody without the site's secret key can make
    one for another consultation. Nothing secret is stored."""
    return signing.Signer(salt=TOKEN_SALT).sign(str(consultation.pk))


def consultation_path(consultation: Consultation) -> str:
    return addresses.consultation_page(consultation_token(consultation))


def consultation_url(consultation: Consultation) -> str:
    """The full address officers share with families."""
    return addresses.absolute(consultation_path(consultation))


def consultation_resolve(token: str) -> Consultation | None:
    """The consultation a public link points at, or None for a token this site did not make."""
    try:
        consultation_id = signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    if not consultation_id.isdigit() or len(consultation_id) > 18:
        return None
    return (
        Consultation.objects.select_related("council")
        .filter(pk=consultation_id, council__is_active=True)
        .first()
    )


@transaction.atomic
def consultation_close(*, consultation: Consultation, by) -> Consultation:
    """Close a consultation before its closing date: the link refuses answers from now."""
    _require_editor(by, consultation.council)
    if consultation.is_open():
        consultation.closed_at = timezone.now()
        Consultation.objects.filter(pk=consultation.pk).update(closed_at=consultation.closed_at)
    return consultation


# --- Families' answers ---------------------------------------------------------------------


def clean_answer(text: str, *, label: str) -> str:
    """A family's text as it is stored: new lines as one character, hidden characters (text
    direction controls, zero-width spaces) taken out, at most ANSWER_MAX_LENGTH characters,
    and nothing no page can show."""
    text = without_hidden_characters((text or "").replace("\r\n", "\n")).strip()
    if len(text) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            f"{label} must be {ANSWER_MAX_LENGTH:,} characters or fewer", code="max_length"
        )
    validate_showable_text(text)
    return text


def consultation_sections(consultation: Consultation) -> list[dict]:
    """The sections families are asked "Was this useful?" about (none if not asked)."""
    if not consultation.ask_about_sections:
        return []
    return consultation.document.get("sections", [])


@transaction.atomic
def response_record(
    *,
    consultation: Consultation,
    respondent: str,
    answers: list[str],
    sections: dict[str, tuple[str, str]],
    client_key: str,
) -> ConsultationResponse:
    """Store one family's answers.

    answers: the text for each open question, in the consultation's order. sections: by
    section anchor, (usefulness code or "", why). Only the snapshot's questions and
    sections are stored, in its words. Raises ConsultationClosed after the closing time and
    ResponseLimitReached past the flood limit (the feedback form's, counted apart from it),
    storing nothing.
    """
    if not consultation.is_open():
        raise ConsultationClosed
    if not feedback_slot_take(client_key=f"consultation:{client_key}"):
        raise ResponseLimitReached
    given = [
        {"question": question, "answer": answer}
        for question, answer in zip(consultation.questions, answers, strict=False)
        if answer
    ]
    about = []
    for section in consultation_sections(consultation):
        useful, why = sections.get(section["anchor"], ("", ""))
        if useful or why:
            about.append(
                {
                    "anchor": section["anchor"],
                    "heading": section["heading"],
                    "useful": useful if useful in Usefulness.values else "",
                    "why": why,
                }
            )
    response = ConsultationResponse(
        consultation=consultation,
        respondent=respondent if respondent in Respondent.values else Respondent.NOT_SAID,
        answers=given,
        sections=about,
    )
    response.full_clean()
    response.save()
    return response


# --- Themes, answers and quotes --------------------------------------------------------------


@transaction.atomic
def theme_save(
    *,
    consultation: Consultation,
    by,
    title: str,
    answer_kind: str = "",
    answer: str = "",
    theme: ConsultationTheme | None = None,
) -> ConsultationTheme:
    """Add a theme to a consultation, or change one, with the council's answer to it."""
    _require_editor(by, consultation.council)
    if theme is None:
        theme = ConsultationTheme(consultation=consultation)
    elif theme.consultation_id != consultation.pk:
        raise PermissionDenied("That theme belongs to another consultation")
    theme.title = (title or "").strip()
    theme.answer_kind = answer_kind or ""
    theme.answer = (answer or "").strip()
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def theme_remove(*, theme: ConsultationTheme, by) -> None:
    """Remove a theme, with the quotes chosen for it (the responses stay). A result published
    already keeps it: published versions never change."""
    _require_editor(by, theme.consultation.council)
    theme.delete()


@transaction.atomic
def response_themes_set(*, response: ConsultationResponse, by, themes) -> ConsultationResponse:
    """Put a response under these themes of its consultation (and no others)."""
    consultation = response.consultation
    _require_editor(by, consultation.council)
    themes = list(themes)
    if any(theme.consultation_id != consultation.pk for theme in themes):
        raise PermissionDenied("A theme belongs to another consultation")
    response.themes.set(themes)
    return response


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def quote_is_from(text: str, response: ConsultationResponse) -> bool:
    """Whether the words are the family's own: found, as written, in one of their answers
    (spaces and capitals aside)."""
    wanted = _words(text)
    return bool(wanted) and any(wanted in _words(written) for written in response.texts())


@transaction.atomic
def quote_add(
    *, response: ConsultationResponse, theme: ConsultationTheme, by, text: str
) -> ConsultationQuote:
    """Choose words from a response to show with a theme in the published result."""
    _require_editor(by, response.consultation.council)
    if theme.consultation_id != response.consultation_id:
        raise PermissionDenied("That theme belongs to another consultation")
    text = " ".join((text or "").split())
    if not quote_is_from(text, response):
        raise ValidationError(
            {"text": "Copy words from this response exactly: a quote must be what they wrote"}
        )
    quote = ConsultationQuote(theme=theme, response=response, text=text)
    quote.full_clean()
    quote.save()
    response.themes.add(theme)  # a quote shown under a theme is part of it
    return quote


@transaction.atomic
def quote_remove(*, quote: ConsultationQuote, by) -> None:
    """Stop showing a quote (the response itself stays)."""
    _require_editor(by, quote.theme.consultation.council)
    quote.delete()


# --- The published result ---------------------------------------------------------------------


def result_problems(consultation: Consultation) -> list[str]:
    """What stops the result being published, in words for the approver."""
    themes = list(consultation.themes.all())
    problems = []
    if not themes:
        problems.append("Add at least one theme, with the council’s answer to it")
    for theme in themes:
        if not (theme.answer_kind and theme.answer):
            problems.append(f"Write the council’s answer to the theme “{theme.title}”")
    return problems


def result_content(consultation: Consultation, *, closed_on: datetime.date) -> dict:
    """What "What families told us" shows: dates, counts by group, and each theme with the
    council's answer and the quotes officers chose. Nothing else of what families wrote."""
    counts = dict(
        consultation.responses.values_list("respondent").annotate(n=Count("id")).order_by()
    )
    themes = consultation.themes.annotate(n=Count("responses", distinct=True)).prefetch_related(
        "quotes"
    )
    return {
        "schema": RESULT_SCHEMA,
        "source": consultation.source,
        "opened_on": timezone.localdate(consultation.opened_at).isoformat(),
        "closed_on": closed_on.isoformat(),
        "took_part": sum(counts.values()),
        "by_group": [
            {"group": code, "label": label, "count": counts.get(code, 0)}
            for code, label in Respondent.choices
        ],
        "themes": [
            {
                "title": theme.title,
                "responses": theme.n,
                "answer_kind": theme.answer_kind,
                "answer_label": label(ThemeAnswerKind, theme.answer_kind),
                "answer": theme.answer,
                "quotes": [quote.text for quote in theme.quotes.all()],
            }
            for theme in themes
        ],
    }


@transaction.atomic
def result_publish(*, consultation: Consultation, by) -> ConsultationResult:
    """Publish "What families told us" from this consultation as the council's next version.

    Only approvers (and site administrators) may. A consultation still open is closed now:
    what is published must count every answer it will ever have. Every public page is made
    afresh once this commits (the offer's contents link to the result).
    """
    council = consultation.council
    _require_approver(by, council)
    Council.objects.select_for_update().get(pk=council.pk)  # one version number at a time
    problems = result_problems(consultation)
    if problems:
        raise ValidationError(problems)
    if consultation.is_open():
        consultation_close(consultation=consultation, by=by)
    content = result_content(consultation, closed_on=consultation.closed_on())
    last = council.consultation_results.aggregate(last=Max("version"))["last"] or 0
    result = ConsultationResult(
        council=council,
        consultation=consultation,
        version=last + 1,
        content=content,
        published_by=by,
    )
    result.full_clean(exclude=["published_by"])
    result.save()
    public_pages_changed()
    return result


def latest_result(council: Council) -> ConsultationResult | None:
    """The newest published "What families told us" of a council, or None."""
    return ConsultationResult.objects.latest_for(council)


def responses_delete_expired(*, today: datetime.date | None = None) -> int:
    """Delete families' answers to consultations older than feedback is kept (2 years, the
    privacy notice's promise); quotes of them go too. A published result keeps its counts
    and the words it showed. Returns how many answers were deleted."""
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=FEEDBACK_KEEP_DAYS)
    deleted = ConsultationResponse.objects.filter(received_on__lt=cutoff)
    count = deleted.count()
    deleted.delete()
    return count


def closing_words(consultation: Consultation) -> str:
    """ "closes at the end of 5 January 2027" or "closed on 5 January 2027"."""
    if consultation.is_open():
        return f"closes at the end of {uk_date(consultation.closes_on)}"
    return f"closed on {uk_date(consultation.closed_on())}"

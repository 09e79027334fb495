"""Consulting families on the offer: an officer opens a consultation, families answer at its
link without signing in, officers theme the answers and write the council's answers, and an
approver publishes "What families told us".

Cast: an editor of council A, an approver of A, an officer of council B, and anonymous
families (a plain client each).
"""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from offers import consultations
from offers.backups import backup_export, backup_import
from offers.choices import ConsultationSource, Respondent
from offers.consultations import ANSWER_MAX_LENGTH, consultation_path
from offers.feedback import FEEDBACK_LIMIT_PER_HOUR
from offers.models import (
    Consultation,
    ConsultationQuote,
    ConsultationResponse,
    ConsultationResult,
    ConsultationTheme,
    Council,
    Feedback,
)

from .hostile_corpus import LONG, PAYLOADS, WORD, by_name
from .test_html_wellformed import problems_in

WORKSPACE = "/workspace/ashdown-test/consultations/"
RESULT_PAGE = "/offers/ashdown-test/what-families-told-us/"
API_RESULT = "/api/v1/offers/ashdown-test/what-families-told-us/"
SECRET_ANSWER = "My neighbour Pat at 12 Elm Road says nothing about respite"
QUOTED = "nothing about respite"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def date_boxes(name: str, day: datetime.date) -> dict:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def editor(officer_a):
    return signed_in(officer_a)


@pytest.fixture
def approver(approver_a):
    return signed_in(approver_a)


@pytest.fixture
def outsider(officer_b):
    return signed_in(officer_b)


@pytest.fixture
def family():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def open_consultation(live_a, officer_a):
    return consultations.consultation_open(
        council=live_a.offer.council,
        by=officer_a,
        source=ConsultationSource.LIVE,
        closes_on=in_days(14),
        questions=consultations.DEFAULT_QUESTIONS,
    )


def csrf_form(client, url) -> dict:
    """GET the page as a browser does and return its CSRF token field."""
    html = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return {"csrfmiddlewaretoken": token}


def answer(client, consultation, anchor, **fields):
    url = consultation_path(consultation)
    data = {**csrf_form(client, url), **fields}
    data.setdefault(f"useful-{anchor}", "no")
    return client.post(url, data)


# --- The whole journey --------------------------------------------------------------------


def test_a_consultation_is_opened_answered_closed_themed_answered_and_published(
    editor, approver, family, live_a, anchor
):
    # An editor opens it on the live offer, with the default questions and a closing date.
    form = editor.get(f"{WORKSPACE}new/").content.decode()
    assert 'value="What is missing?"' in form and 'value="What is unclear?"' in form
    opened = editor.post(
        f"{WORKSPACE}new/",
        {
            "source": "live",
            **date_boxes("closes_on", in_days(21)),
            "question_1": "What is missing?",
            "question_2": "What is unclear?",
            "question_3": "What would help you most?",
            "ask_about_sections": "on",
        },
        follow=True,
    )
    page = opened.content.decode()
    assert "Consultation opened" in page
    consultation = Consultation.objects.get()
    link = re.search(r'href="(http://[^"]*/consult/[^"]+/)"', page).group(1)
    path = (
        link.split("testserver", 1)[-1] if "testserver" in link else link[link.index("/consult/") :]
    )
    assert path == consultation_path(consultation)

    # A family reads the offer as it is, with the questions, and nothing asks who they are.
    response = family.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Money for carers A" in html and "Allowance A" in html
    assert "What would help you most?" in html
    assert "Was the part about “Money for carers A” useful? (optional)" in html
    assert 'type="email"' not in html and 'name="name"' not in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"

    # Hostile text: too long is refused with a GOV.UK error, nothing stored.
    too_long = answer(family, consultation, anchor, **{"answer-0": "x" * (ANSWER_MAX_LENGTH + 1)})
    error_page = too_long.content.decode()
    assert too_long.status_code == 200
    assert "<title>Error:" in error_page
    assert '<a href="#answer-0">Your answer must be 1,000 characters or fewer</a>' in error_page
    assert ConsultationResponse.objects.count() == 0

    script = by_name("script_plain").text
    hidden = by_name("bidi_rlo_filename").text
    sent = answer(
        family,
        consultation,
        anchor,
        respondent="carer",
        **{
            "answer-0": f"{SECRET_ANSWER}. {script}",
            "answer-1": hidden,
            f"why-{anchor}": "The dates are not clear",
        },
        REMOTE_ADDR="198.51.100.77",
        HTTP_USER_AGENT="Family browser 1.0",
    )
    assert sent.status_code == 302 and sent["Location"] == f"{path}thanks/"
    assert "Thank you for your answers" in family.get(sent["Location"]).content.decode()
    answer(family, consultation, anchor, respondent="child", **{"answer-2": "More on school"})
    stored = ConsultationResponse.objects.order_by("id").first()
    assert stored.respondent == Respondent.CARER
    assert stored.answers[1]["answer"] == hidden.replace("\u202e", "")  # hidden controls go
    assert stored.sections == [
        {
            "anchor": anchor,
            "heading": "Money for carers A",
            "useful": "no",
            "why": "The dates are not clear",
        }
    ]
    # Nothing about the family's connection is kept.
    stored_text = json.dumps(list(ConsultationResponse.objects.values()), default=str)
    assert "198.51.100.77" not in stored_text and "Family browser" not in stored_text

    # Officers read the answers; the script is shown as text.
    detail = editor.get(f"{WORKSPACE}{consultation.pk}/").content.decode()
    assert SECRET_ANSWER in detail
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail and "<script>alert(1)" not in detail
    assert "A kinship carer: 1" in detail and "A child or young person: 1" in detail

    # Closed early: the link refuses answers and says when it closed.
    token = csrf_form(family, path)
    editor.post(f"{WORKSPACE}{consultation.pk}/close/")
    closed = family.post(path, {**token, "answer-0": "Too late"})
    assert closed.status_code == 410
    assert (
        f"This consultation closed on {timezone.localdate():%-d %B %Y}" in closed.content.decode()
    )
    assert ConsultationResponse.objects.count() == 2

    # Themes, the council's answers and a quote.
    editor.post(
        f"{WORKSPACE}{consultation.pk}/themes/new/",
        {"title": "Families want to know about short breaks"},
    )
    theme = ConsultationTheme.objects.get()
    editor.post(
        f"{WORKSPACE}{consultation.pk}/responses/{stored.pk}/",
        {"action": "themes", "themes": [theme.pk]},
    )
    assert list(stored.themes.all()) == [theme]
    refused = editor.post(
        f"{WORKSPACE}{consultation.pk}/responses/{stored.pk}/",
        {"action": "quote", "theme": theme.pk, "text": "words nobody wrote"},
    )
    assert "Copy words from this response exactly" in refused.content.decode()
    editor.post(
        f"{WORKSPACE}{consultation.pk}/responses/{stored.pk}/",
        {"action": "quote", "theme": theme.pk, "text": QUOTED},
    )
    assert ConsultationQuote.objects.get().text == QUOTED

    # Publishing needs the council's answer to every theme, and an approver.
    assert (
        approver.get(f"{WORKSPACE}{consultation.pk}/publish/")
        .content.decode()
        .count("Write the council’s answer to the theme")
    )
    editor.post(
        f"{WORKSPACE}{consultation.pk}/themes/{theme.pk}/",
        {
            "title": theme.title,
            "answer_kind": "will",
            "answer": "add a section on short breaks by April.",
        },
    )
    assert editor.post(f"{WORKSPACE}{consultation.pk}/publish/").status_code == 403
    assert family.get(RESULT_PAGE).status_code == 404
    published = approver.post(f"{WORKSPACE}{consultation.pk}/publish/", follow=True)
    assert "“What families told us” version 1 is published." in published.content.decode()

    # The published page: dates, who took part, themes, answers, the chosen words only.
    result = family.get(RESULT_PAGE)
    page = result.content.decode()
    assert result.status_code == 200
    assert "What families told us" in page
    assert "2 people answered." in page
    assert re.search(r"A kinship carer</th><td[^>]*>1<", page)
    assert re.search(r"A professional</th><td[^>]*>0<", page)
    assert "Families want to know about short breaks" in page
    assert "<strong>We will</strong> add a section on short breaks by April." in page
    assert f"“{QUOTED}”" in page
    for private in ("Pat", "Elm Road", "The dates are not clear", "More on school", WORD):
        assert private not in page
    assert "Version 1, published" in page
    assert not result.cookies

    # Listed in the offer's contents, and in the API.
    link = f'<a class="govuk-link" href="{RESULT_PAGE}">What families told us</a>'
    assert link in family.get("/offers/ashdown-test/").content.decode()
    assert link in family.get(f"/offers/ashdown-test/{anchor}/").content.decode()
    api = family.get(API_RESULT).json()
    assert api["version"] == 1 and api["took_part"] == 2
    assert api["themes"][0]["quotes"] == [QUOTED]
    assert api["themes"][0]["answer_kind"] == "will"
    assert "Elm Road" not in json.dumps(api)


# --- The public link ----------------------------------------------------------------------


def test_link_refuses_answers_after_the_closing_date(family, open_consultation, anchor):
    url = consultation_path(open_consultation)
    form = csrf_form(family, url)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Consultation.objects.filter(pk=open_consultation.pk).update(closes_on=yesterday)
    response = family.post(url, {**form, "answer-0": "Late answer"})
    assert response.status_code == 410
    html = response.content.decode()
    assert "This consultation has closed" in html
    assert f"closed on {yesterday:%-d %B %Y}" in html
    assert "<form" not in html.split("<main", 1)[1]
    assert family.get(url).status_code == 410
    assert ConsultationResponse.objects.count() == 0


def test_link_takes_answers_on_its_closing_date(family, open_consultation, anchor):
    Consultation.objects.filter(pk=open_consultation.pk).update(closes_on=timezone.localdate())
    open_consultation.refresh_from_db()
    assert (
        answer(family, open_consultation, anchor, **{"answer-0": "Just in time"}).status_code == 302
    )


def test_unknown_or_tampered_token_is_404(family, open_consultation):
    good = consultation_path(open_consultation)
    assert family.get(good).status_code == 200
    assert family.get("/consult/made-up/").status_code == 404
    assert family.get(good[:-3] + "xx/").status_code == 404
    assert family.post("/consult/made-up/", {"answer-0": "x"}).status_code in (403, 404)


def test_an_answer_with_nothing_in_it_is_refused(family, open_consultation):
    url = consultation_path(open_consultation)
    response = family.post(url, csrf_form(family, url))
    assert "Answer at least one question before you send your answers" in response.content.decode()
    assert ConsultationResponse.objects.count() == 0


def test_the_longest_answer_is_kept_and_one_more_character_is_refused(
    family, open_consultation, anchor
):
    longest = "y" * ANSWER_MAX_LENGTH
    assert answer(family, open_consultation, anchor, **{"answer-0": longest}).status_code == 302
    assert ConsultationResponse.objects.get().answers[0]["answer"] == longest
    refused = answer(family, open_consultation, anchor, **{"answer-0": longest + "y"})
    assert refused.status_code == 200 and ConsultationResponse.objects.count() == 1


def test_a_very_long_word_from_the_hostile_corpus_is_refused_not_cut(
    family, open_consultation, anchor
):
    text = by_name("long_word").text
    assert len(text) > LONG
    response = answer(family, open_consultation, anchor, **{"answer-0": text})
    assert "must be 1,000 characters or fewer" in response.content.decode()
    assert ConsultationResponse.objects.count() == 0


def test_post_without_csrf_token_is_refused(family, open_consultation):
    response = family.post(consultation_path(open_consultation), {"answer-0": "No token"})
    assert response.status_code == 403
    assert ConsultationResponse.objects.count() == 0


def test_flood_limit_stops_answers_and_is_apart_from_feedback(family, open_consultation, anchor):
    for _ in range(FEEDBACK_LIMIT_PER_HOUR):
        assert answer(family, open_consultation, anchor, **{"answer-0": "a"}).status_code == 302
    flood = answer(family, open_consultation, anchor, **{"answer-0": "flood"})
    assert flood.status_code == 429
    assert "You have sent a lot of answers" in flood.content.decode()
    assert ConsultationResponse.objects.count() == FEEDBACK_LIMIT_PER_HOUR
    # The family's page feedback has its own allowance.
    feedback = Client().post("/offers/ashdown-test/feedback/", {"page": anchor, "useful": "yes"})
    assert feedback.status_code == 302 and Feedback.objects.count() == 1


def test_robots_txt_keeps_search_engines_off_consultation_links(client, db):
    assert "Disallow: /consult/" in client.get("/robots.txt").content.decode().splitlines()


def test_the_page_is_never_kept(family, open_consultation):
    url = consultation_path(open_consultation)
    first = family.get(url)
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert "ETag" not in first


# --- Who may do what -----------------------------------------------------------------------


def test_officer_of_another_council_cannot_see_or_touch_the_consultation(
    outsider, editor, open_consultation, anchor, family
):
    answer(family, open_consultation, anchor, **{"answer-0": SECRET_ANSWER})
    response_id = ConsultationResponse.objects.get().pk
    theme = ConsultationTheme.objects.create(consultation=open_consultation, title="Short breaks")
    quote = ConsultationQuote.objects.create(
        theme=theme, response_id=response_id, text="nothing about respite"
    )
    base = f"{WORKSPACE}{open_consultation.pk}/"
    pages = [
        base,
        f"{base}close/",
        f"{base}themes/new/",
        f"{base}themes/{theme.pk}/",
        f"{base}responses/{response_id}/",
        f"{base}publish/",
    ]
    for url in pages:
        got = outsider.get(url)
        assert got.status_code == 404, url
        assert SECRET_ANSWER not in got.content.decode()
        assert outsider.post(url, {"title": "Changed by B", "action": "themes"}).status_code == 404
    assert outsider.post(f"{base}quotes/{quote.pk}/remove/").status_code == 404
    assert outsider.post(f"{base}themes/{theme.pk}/remove/").status_code == 404
    assert outsider.get(WORKSPACE).status_code == 404
    open_consultation.refresh_from_db()
    assert open_consultation.is_open()
    assert ConsultationTheme.objects.get().title == "Short breaks"
    assert ConsultationQuote.objects.count() == 1
    # The same requests by A's editor work, so the 404s are refusals, not breakage.
    assert editor.get(base).status_code == 200
    assert editor.post(f"{base}quotes/{quote.pk}/remove/").status_code == 302
    assert ConsultationQuote.objects.count() == 0
    assert editor.post(f"{base}themes/{theme.pk}/remove/").status_code == 302
    assert not ConsultationTheme.objects.exists()
    assert ConsultationResponse.objects.count() == 1


def test_services_check_who_may_act(officer_b, officer_a, open_consultation, council_a):
    with pytest.raises(PermissionDenied):
        consultations.consultation_open(
            council=council_a,
            by=officer_b,
            source=ConsultationSource.LIVE,
            closes_on=in_days(3),
            questions=["?"],
        )
    with pytest.raises(PermissionDenied):
        consultations.consultation_close(consultation=open_consultation, by=officer_b)
    with pytest.raises(PermissionDenied):
        consultations.theme_save(consultation=open_consultation, by=officer_b, title="B's")
    theme = consultations.theme_save(
        consultation=open_consultation, by=officer_a, title="A's", answer_kind="changed", answer="x"
    )
    with pytest.raises(PermissionDenied):  # an editor may not publish
        consultations.result_publish(consultation=open_consultation, by=officer_a)
    assert theme.pk and not ConsultationResult.objects.exists()


def test_closing_date_must_be_from_tomorrow_to_a_year_ahead(officer_a, live_a):
    council = live_a.offer.council

    def open_on(day):
        return consultations.consultation_open(
            council=council, by=officer_a, source="live", closes_on=day, questions=["?"]
        )

    for day in (timezone.localdate(), in_days(consultations.LONGEST_CONSULTATION_DAYS + 1)):
        with pytest.raises(ValidationError):
            open_on(day)
    assert open_on(in_days(1)).pk and open_on(in_days(consultations.LONGEST_CONSULTATION_DAYS)).pk


def test_opening_form_shows_gov_uk_errors(editor, live_a):
    response = editor.post(f"{WORKSPACE}new/", {"source": "live", "closes_on_day": "3"})
    html = response.content.decode()
    assert "<title>Error:" in html
    assert '<a href="#closes_on_month">Closing date must include a month and year</a>' in html
    assert Consultation.objects.count() == 0


def test_live_offer_cannot_be_consulted_on_before_it_is_published(editor, offer_a):
    response = editor.post(
        f"{WORKSPACE}new/",
        {"source": "live", **date_boxes("closes_on", in_days(7)), "question_1": "Missing?"},
    )
    assert "Your offer is not live yet" in response.content.decode()
    working = editor.post(
        f"{WORKSPACE}new/",
        {"source": "working_copy", **date_boxes("closes_on", in_days(7)), "question_1": "Missing?"},
    )
    assert working.status_code == 302
    assert Consultation.objects.get().document["offer"]["title"] == "Ashdown test offer"


def test_the_snapshot_does_not_change_when_the_working_copy_does(editor, family, offer_a):
    editor.post(
        f"{WORKSPACE}new/",
        {"source": "working_copy", **date_boxes("closes_on", in_days(7)), "question_1": "Missing?"},
    )
    offer_a.sections.update(heading="Renamed after opening")
    html = family.get(consultation_path(Consultation.objects.get())).content.decode()
    assert "Money for carers A" in html and "Renamed after opening" not in html


# --- The published result -------------------------------------------------------------------


def _publishable(consultation, officer):
    consultations.theme_save(
        consultation=consultation,
        by=officer,
        title="Payments",
        answer_kind="changed",
        answer="the page to give payment dates.",
    )


def test_publishing_makes_a_new_immutable_version_and_the_page_shows_the_newest(
    client, open_consultation, officer_a, approver_a, live_a
):
    _publishable(open_consultation, officer_a)
    overview = client.get("/offers/ashdown-test/").content.decode()
    assert "What families told us" not in overview  # kept page, made before the publish
    first = consultations.result_publish(consultation=open_consultation, by=approver_a)
    assert not Consultation.objects.get().is_open()  # publishing closed it
    assert "What families told us" in client.get("/offers/ashdown-test/").content.decode()
    ConsultationTheme.objects.update(answer="the page to give payment dates and times.")
    second = consultations.result_publish(consultation=open_consultation, by=approver_a)
    assert (first.version, second.version) == (1, 2)
    assert "payment dates and times" in client.get(RESULT_PAGE).content.decode()
    consultations.theme_remove(theme=ConsultationTheme.objects.get(), by=officer_a)
    assert "payment dates and times" in client.get(RESULT_PAGE).content.decode()
    first.refresh_from_db()
    assert first.content["themes"][0]["answer"] == "the page to give payment dates."
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        first.delete()


def test_result_page_and_api_are_404_before_anything_is_published(client, live_a):
    assert client.get(RESULT_PAGE).status_code == 404
    assert client.get(API_RESULT).status_code == 404
    assert client.get("/offers/no-such-council/what-families-told-us/").status_code == 404


# --- The hostile corpus --------------------------------------------------------------------


class _Markup(HTMLParser):
    """Every tag and attribute of a page, to find anything a family's text made markup of."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _markup(html: str) -> list[tuple[str, dict]]:
    parser = _Markup()
    parser.feed(html)
    return parser.tags


def _assert_inert(html: str, where: str) -> None:
    tags = _markup(html)
    handlers = [(tag, name) for tag, attrs in tags for name in attrs if name.startswith("on")]
    assert not handlers, (where, handlers)
    scripts = [attrs.get("src") for tag, attrs in tags if tag == "script"]
    assert scripts == ["/static/js/init.js"], (where, scripts)
    for tag in ("iframe", "object", "embed", "base", "svg", "math", "img", "style", "select"):
        assert tag not in {found for found, _ in tags}, (where, tag)
    links = [attrs.get("href", "") for tag, attrs in tags if tag == "a"]
    assert not [href for href in links if href.lower().startswith(("javascript", "data", "vb"))]


@pytest.mark.slow
def test_every_hostile_payload_is_stored_as_text_and_shown_as_text(
    editor, approver, officer_a, approver_a, open_consultation, anchor
):
    url = consultation_path(open_consultation)
    sent = []
    for index, payload in enumerate(PAYLOADS):
        text = payload.text.replace("\r", "").replace("\t", " ")
        if len(text) > ANSWER_MAX_LENGTH:
            continue
        family = Client()
        family.post(
            url,
            {"answer-0": text, f"why-{anchor}": text},
            REMOTE_ADDR=f"192.0.2.{index % 250 + 1}" if index < 250 else "198.51.100.1",
        )
        sent.append(payload)
    responses = list(ConsultationResponse.objects.order_by("id"))
    assert len(responses) == len(sent) > 100
    for response, payload in zip(responses, sent, strict=True):
        assert WORD in response.answers[0]["answer"], payload.name
        assert "\u202e" not in response.answers[0]["answer"], payload.name
    detail = editor.get(f"{WORKSPACE}{open_consultation.pk}/").content.decode()
    _assert_inert(detail, "officers' page")
    assert detail.count(WORD) >= len(sent)

    # Quoted word for word and published: still only text on the public page and the API.
    theme = consultations.theme_save(
        consultation=open_consultation,
        by=officer_a,
        title="Hostile <script>alert(1)</script> title",
        answer_kind="cannot",
        answer='<img src=x onerror="alert(1)"> we cannot.',
    )
    for response in responses:
        consultations.quote_add(
            response=response, theme=theme, by=officer_a, text=response.answers[0]["answer"][:300]
        )
    consultations.result_publish(consultation=open_consultation, by=approver_a)
    page = Client().get(RESULT_PAGE).content.decode()
    _assert_inert(page, "result page")
    assert "Hostile &lt;script&gt;alert(1)&lt;/script&gt; title" in page
    assert page.count(WORD) >= len(sent)


# --- Keeping answers only as long as the privacy notice says ------------------------------


def test_answers_older_than_two_years_are_deleted_with_old_feedback(
    open_consultation, officer_a, capsys
):
    today = timezone.localdate()
    old, recent = (
        ConsultationResponse.objects.create(
            consultation=open_consultation,
            answers=[{"question": "What is missing?", "answer": "old words"}],
            received_on=today - datetime.timedelta(days=days),
        )
        for days in (731, 729)
    )
    theme = ConsultationTheme.objects.create(consultation=open_consultation, title="Old")
    ConsultationQuote.objects.create(theme=theme, response=old, text="old words")
    call_command("delete_old_feedback")
    assert list(ConsultationResponse.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not ConsultationQuote.objects.exists()
    assert "Deleted 1 answers to consultations older than 2 years." in capsys.readouterr().out
    assert "deleted 2 years after" in Client().get("/privacy/").content.decode()


# --- Limits, at their boundaries -------------------------------------------------------------


def test_a_question_may_have_200_characters_and_an_officer_may_ask_five(officer_a, live_a):
    council = live_a.offer.council

    def open_with(questions):
        return consultations.consultation_open(
            council=council, by=officer_a, source="live", closes_on=in_days(3), questions=questions
        )

    longest = "q" * consultations.QUESTION_MAX_LENGTH
    assert open_with([longest] * consultations.MAX_QUESTIONS).questions[0] == longest
    with pytest.raises(ValidationError, match="200 characters or fewer"):
        open_with([longest + "q"])
    with pytest.raises(ValidationError, match="Ask 5 questions at most"):
        consultations.clean_questions(["?"] * (consultations.MAX_QUESTIONS + 1))


def test_a_theme_answer_may_have_2000_characters(open_consultation, officer_a):
    def save(answer):
        return consultations.theme_save(
            consultation=open_consultation,
            by=officer_a,
            title="T",
            answer_kind="will",
            answer=answer,
        )

    assert len(save("a" * 2000).answer) == 2000
    with pytest.raises(ValidationError, match="2,000 characters or fewer"):
        save("a" * 2001)


def test_a_quote_may_have_300_characters(open_consultation, officer_a, family, anchor):
    words = "w" * 200 + " " + "x" * 500
    answer(family, open_consultation, anchor, **{"answer-0": words})
    response = ConsultationResponse.objects.get()
    theme = consultations.theme_save(consultation=open_consultation, by=officer_a, title="T")
    quote = consultations.quote_add(response=response, theme=theme, by=officer_a, text=words[:300])
    assert len(quote.text) == 300
    with pytest.raises(ValidationError, match="300 characters or fewer"):
        consultations.quote_add(response=response, theme=theme, by=officer_a, text=words[:301])


def test_a_theme_title_refuses_hidden_characters(open_consultation, officer_a):
    with pytest.raises(ValidationError, match="hidden characters"):
        consultations.theme_save(
            consultation=open_consultation, by=officer_a, title="Pay\u202edates"
        )


# --- Well-formed pages ------------------------------------------------------------------------


def test_consultation_pages_are_well_formed_and_labelled(
    editor, approver, family, open_consultation, officer_a, approver_a, anchor
):
    url = consultation_path(open_consultation)
    pages = {"link": family.get(url)}
    pages["link with errors"] = answer(
        family, open_consultation, anchor, **{"answer-0": "x" * 1001}
    )
    answer(family, open_consultation, anchor, **{"answer-0": "Dates"})
    pages["thanks"] = family.get(f"{url}thanks/")
    response = ConsultationResponse.objects.get()
    theme = consultations.theme_save(
        consultation=open_consultation, by=officer_a, title="Dates", answer_kind="will", answer="x."
    )
    consultations.quote_add(response=response, theme=theme, by=officer_a, text="Dates")
    base = f"{WORKSPACE}{open_consultation.pk}/"
    for name, path in [
        ("list", WORKSPACE),
        ("new", f"{WORKSPACE}new/"),
        ("detail", base),
        ("close", f"{base}close/"),
        ("theme new", f"{base}themes/new/"),
        ("theme", f"{base}themes/{theme.pk}/"),
        ("response", f"{base}responses/{response.pk}/"),
    ]:
        pages[name] = editor.get(path)
    pages["new with errors"] = editor.post(f"{WORKSPACE}new/", {"closes_on_day": "40"})
    pages["publish"] = approver.get(f"{base}publish/")
    consultations.result_publish(consultation=open_consultation, by=approver_a)
    pages["closed"] = family.get(url)
    pages["result"] = family.get(RESULT_PAGE)
    problems = {
        name: found for name, page in pages.items() if (found := problems_in(page.content.decode()))
    }
    assert not problems, problems


def test_the_error_summary_follows_the_page(family, open_consultation, anchor):
    response = answer(
        family,
        open_consultation,
        anchor,
        **{"answer-1": "x" * 1001, f"why-{anchor}": "y" * 1001, f"useful-{anchor}": "maybe"},
    )
    html = response.content.decode()
    summary = html.split("govuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', summary) == [
        f"useful-{anchor}",
        f"why-{anchor}",
        "answer-1",
    ]
    assert f'id="useful-{anchor}"' in html and 'id="answer-1"' in html


# --- Backups ----------------------------------------------------------------------------------


def test_a_backup_restores_what_families_told_us_as_it_was_published(
    client, open_consultation, officer_a, approver_a, tmp_path
):
    _publishable(open_consultation, officer_a)
    consultations.result_publish(consultation=open_consultation, by=approver_a)
    ConsultationTheme.objects.update(answer="the page to give payment dates and times.")
    consultations.result_publish(consultation=open_consultation, by=approver_a)
    before = client.get(RESULT_PAGE).content
    counts = backup_export(tmp_path / "backup")
    assert counts["families_told_us"] == 2
    Council.objects.all().delete()
    get_user_model().objects.all().delete()
    assert not ConsultationResult.objects.exists()

    assert backup_import(tmp_path / "backup")["families_told_us"] == 2
    restored = ConsultationResult.objects.order_by("version")
    assert [r.version for r in restored] == [1, 2]
    assert restored[0].content["themes"][0]["answer"] == "the page to give payment dates."
    assert restored[1].published_by.username == "approver-a"
    assert restored[1].consultation is None  # families' answers are not in a backup
    caches["pages"].clear()
    assert client.get(RESULT_PAGE).content == before

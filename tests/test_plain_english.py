"""The plain-English check: reading age (working with the network off), long sentences,
unexplained jargon from the site administrators' list; shown beside the section editor and
on the publish page; it never blocks a save or a publish."""

import socket

import pytest

from offers import plain_english
from offers.documents import document_for
from offers.models import AuditAction, AuditEvent, JargonTerm, OfferRevision
from offers.plain_english import (
    Term,
    check,
    document_report,
    long_sentences,
    plain_text,
    reading_age,
    section_text,
    unexplained_jargon,
)

from .factories import SupportServiceFactory
from .publishing_helpers import offer_url
from .test_checklist import _publish_form

TERMS = [
    Term("SGO", "special guardianship order", "Spell it out first."),
    Term("LAC", "looked after child"),
    Term("CIN", "child in need"),
    Term("s.20", "the council looks after the child, with the parents' agreement"),
    Term("connected person", "a relative or family friend"),
    Term("Regulation 24", "temporary approval as a foster carer"),
]


def found(text: str) -> list[str]:
    return [jargon.term for jargon in unexplained_jargon(plain_text(text), TERMS)]


# --- Reading age ------------------------------------------------------------------------------


@pytest.fixture
def network_off(monkeypatch):
    """Any attempt to connect anywhere fails, as on a server with no way out."""

    def refuse(*args, **kwargs):
        raise OSError("The network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_network_off_fixture_really_blocks_connections(network_off):
    with pytest.raises(OSError, match="network is off"):
        socket.create_connection(("pypi.org", 443), timeout=1)


def test_reading_age_of_a_known_text_with_the_network_off(network_off):
    # Flesch-Kincaid grade 0.8 (16 words, 2 sentences, 18 syllables), plus 5.
    assert reading_age("The cat sat on the mat. It was a sunny day and the cat was happy.") == 6
    hard = (
        "Notwithstanding the aforementioned considerations, eligibility determinations "
        "regarding discretionary remuneration necessitate comprehensive documentation."
    )
    assert reading_age(hard) > 18


def test_reading_age_of_no_text_is_none_and_of_short_words_never_below_5():
    assert reading_age("") is None
    assert reading_age("   ") is None
    assert reading_age("Go. Run. Sit.") == 5


def test_markdown_lists_headings_and_links_read_as_separate_sentences():
    text = plain_text(
        "## What you get\n\n- a named worker\n- help with **money**\n\n"
        "[Read the guide](https://council.example/guide) today."
    )
    assert text.splitlines() == [
        "What you get.", "a named worker.", "help with money.", "Read the guide today.",
    ]


# --- Long sentences -----------------------------------------------------------------------------


def test_sentences_over_25_words_are_returned_and_25_words_is_fine():
    twenty_five = "Then " + " ".join(["word"] * 23) + " end."
    twenty_six = "Then " + " ".join(["word"] * 24) + " end."
    text = f"Short one. {twenty_five} {twenty_six} Another short one, e.g. this."
    assert long_sentences(text) == [twenty_six]


def test_a_list_without_full_stops_is_not_one_long_sentence():
    items = "\n".join(f"- help number {n} for you" for n in range(10))
    assert long_sentences(plain_text(items)) == []


# --- Jargon -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, terms",
    [
        ("You may have an SGO.", ["SGO"]),
        ("The child is LAC.", ["LAC"]),
        ("We write a plan for CIN.", ["CIN"]),
        ("The child is accommodated under s.20 of the Act.", ["s.20"]),
        ("You are a connected person.", ["connected person"]),
        ("You are a Connected Person.", ["connected person"]),
        ("We approve you under Regulation 24.", ["Regulation 24"]),
        ("Your SGO is made. A special guardianship order lasts until 18.", ["SGO"]),
    ],
)
def test_jargon_used_before_it_is_explained_is_found(text, terms):
    assert found(text) == terms


@pytest.mark.parametrize(
    "text",
    [
        # Spelled out first, with the acronym in brackets.
        "A special guardianship order (SGO) is made by a court. Your SGO lasts until 18.",
        "Children who are looked after children (LAC) get a social worker.",
        "A child in need (CIN) plan says what help you get.",
        # The plain alternative comes first.
        "If you are a relative or family friend, you are a connected person.",
        # Followed by a bracketed explanation.
        "Under Regulation 24 (temporary approval as a foster carer) the child can stay.",
        "Under s.20 (the parents agree the council looks after the child) we help.",
        # Whole words, and acronyms only in capitals.
        "There is no LACK of help.",
        "The sgo team and the cinema trip.",
        "See s.200 of the rules.",
        "",
    ],
)
def test_explained_or_absent_jargon_is_not_found(text):
    assert found(text) == []


def test_each_term_is_reported_once_with_its_sentence_alternative_and_note():
    [jargon] = unexplained_jargon(
        plain_text("We help everyone. You may have an SGO. Every SGO carer gets a plan."), TERMS
    )
    assert jargon.term == "SGO"
    assert jargon.plain_alternative == "special guardianship order"
    assert jargon.note == "Spell it out first."
    assert jargon.sentence == "You may have an SGO."


def test_bracketed_acronym_after_unrelated_words_is_still_jargon():
    assert found("Ask about the money (CIN) we pay.") == ["CIN"]


def test_the_seeded_terms_are_in_the_database_for_administrators_to_extend(db):
    terms = set(JargonTerm.objects.values_list("term", flat=True))
    assert {"s.20", "LAC", "CIN", "connected person", "Regulation 24", "SGO"} <= terms
    report = check("Your SGO is checked under Regulation 24.", JargonTerm.objects.all())
    assert [jargon.term for jargon in report.jargon] == ["Regulation 24", "SGO"]


# --- Over a document ----------------------------------------------------------------------------


def test_section_text_takes_the_words_families_read_from_the_section_and_its_entries():
    section = {
        "heading": "Money", "summary": "What you can get.", "body": "We pay.",
        "allowances": [{"name": "SGO allowance", "amount": "190.00",
                        "how_to_apply": "Ask us.", "notes": ""}],
        "support_services": [{"title": "Advice", "description": "Free help.", "provider": "X",
                              "cost": "Free", "how_to_get": ""}],
    }
    text = section_text(section)
    assert text.split("\n\n") == [
        "Money", "What you can get.", "We pay.", "SGO allowance", "Ask us.", "Advice",
        "Free help.",
    ]
    assert "190.00" not in text


def test_document_report_has_the_introduction_then_each_section():
    document = {
        "offer": {"introduction": "We help you."},
        "sections": [{"key": "k1", "heading": "Money", "summary": "Your SGO money.",
                      "body": ""}],
    }
    [(intro, intro_report), (part, report)] = document_report(document, TERMS)
    assert intro["key"] == "" and intro_report.words == 3
    assert part == {"heading": "Money", "key": "k1"}
    assert [jargon.term for jargon in report.jargon] == ["SGO"]


# --- On the admin pages ------------------------------------------------------------------------


def test_section_editor_shows_reading_age_long_sentences_and_jargon(client_a, offer_a):
    section = offer_a.sections.get()
    section.body = "Your SGO is checked. " + " ".join(["word"] * 30) + "."
    section.save()
    SupportServiceFactory(section=section, title="Help", description="Ask a connected person.")

    html = client_a.get(f"/admin/offers/section/{section.pk}/change/").content.decode()

    [item] = document_for(offer_a.pk)["sections"]
    report = plain_english.check(plain_english.section_text(item), JargonTerm.objects.all())
    assert "Plain English check" in html
    assert f"Reading age: <strong>{report.reading_age}</strong>" in html
    assert "Sentences over 25 words: 1" in html
    assert "Jargon to explain: 2" in html
    assert "say “special guardianship order” instead" in html
    assert "say “a relative or family friend” instead" in html


def test_another_councils_officer_gets_404_not_the_section_check(client, officer_b, offer_a):
    client.force_login(officer_b)
    section = offer_a.sections.get()
    response = client.get(f"/admin/offers/section/{section.pk}/change/")
    assert response.status_code == 404
    assert "Plain English" not in response.content.decode()


def test_publish_page_summarises_reading_age_per_section_and_never_blocks(
    client_approver_a, offer_a, approver_a
):
    section = offer_a.sections.get()
    section.summary = "Your SGO money."
    section.save()

    page = client_approver_a.get(offer_url("publish", offer_a)).content.decode()

    assert "Plain English check" in page
    assert "Our general approach (the offer&#x27;s introduction)" in page
    assert f'href="/admin/offers/section/{section.pk}/change/">Money for carers A</a>' in page
    assert "<td>SGO</td>" in page
    # Jargon is advice: the offer still publishes (the tick is for checklist gaps only).
    response = client_approver_a.post(
        offer_url("publish", offer_a), _publish_form(accept_gaps="on"), follow=True
    )
    assert "Published version 1" in response.content.decode()
    assert OfferRevision.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.PUBLISH).count() == 1


# --- Only site administrators keep the jargon list ----------------------------------------------


@pytest.mark.parametrize(
    "page", ["/admin/offers/jargonterm/", "/admin/offers/jargonterm/add/"]
)
def test_officers_cannot_open_the_jargon_list(client_a, page):
    assert client_a.get(page).status_code == 403


def test_officers_cannot_change_a_jargon_term(client_a, db):
    term = JargonTerm.objects.get(term="SGO")
    url = f"/admin/offers/jargonterm/{term.pk}/change/"
    assert client_a.get(url).status_code == 403
    client_a.post(url, {"term": "SGO", "plain_alternative": "changed", "note": ""})
    term.refresh_from_db()
    assert term.plain_alternative == "special guardianship order"
    assert "/admin/offers/jargonterm/" not in client_a.get("/admin/").content.decode()


def test_site_administrator_adds_a_jargon_term_and_the_check_uses_it(client_admin, db):
    response = client_admin.post(
        "/admin/offers/jargonterm/add/",
        {"term": "PR", "plain_alternative": "parental responsibility", "note": ""},
    )
    assert response.status_code == 302
    report = check("You share PR with the parents.", JargonTerm.objects.all())
    assert [jargon.term for jargon in report.jargon] == ["PR"]

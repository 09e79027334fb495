"""The plain-English check: reading age (working with the network off), long sentences,
unexplained jargon from the site administrators' list; shown beside the section editor and
on the publish page; it never blocks a save or a publish."""

import socket

import pytest
from django.urls import reverse

from offers.choices import SocialWorkKind
from offers.entry_types import ENTRY_TYPES
from offers.models import AuditAction, AuditEvent, JargonTerm, OfferRevision
from offers.places import Place
from offers.plain_english import (
    MIN_WORDS_TO_SCORE,
    NO_TEXT,
    NOT_SCORED,
    TOO_SHORT,
    Term,
    check,
    document_report,
    long_sentences,
    offer_report,
    plain_text,
    reading_age,
    section_report,
    unexplained_jargon,
)
from offers.services import offer_submit

from .factories import SupportServiceFactory
from .workspace_helpers import publish_form

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
        "What you get.",
        "a named worker.",
        "help with money.",
        "Read the guide today.",
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


# --- Too short to score ------------------------------------------------------------------------


def words(n: int) -> str:
    """n words in short sentences of five."""
    chunks = [" ".join(["We"] + ["help"] * 4)] * (n // 5)
    text = ". ".join(chunks)
    rest = n % 5
    return (text + ". " if text else "") + " ".join(["Yes"] * rest) + ("." if rest else "")


def test_a_text_under_30_words_is_too_short_to_score_and_30_words_are_scored():
    assert MIN_WORDS_TO_SCORE == 30
    short = check(words(29), TERMS)
    assert (short.words, short.reading_age, short.unscored) == (29, None, TOO_SHORT)
    assert short.too_short and not short.above_target
    scored = check(words(30), TERMS)
    assert scored.words == 30
    assert scored.reading_age == reading_age(plain_text(words(30)))
    assert scored.unscored == ""


def test_a_short_text_still_has_its_jargon_and_no_text_says_so():
    report = check("Your SGO.", TERMS)
    assert report.unscored == TOO_SHORT
    assert [jargon.term for jargon in report.jargon] == ["SGO"]
    assert check("", TERMS).unscored == NO_TEXT


def test_a_heading_or_name_is_checked_for_jargon_only():
    report = check("SGO allowance for " + words(40), TERMS, running=False)
    assert (report.reading_age, report.unscored, report.long_sentences) == (None, NOT_SCORED, [])
    assert [jargon.term for jargon in report.jargon] == ["SGO"]


# --- Over a document ----------------------------------------------------------------------------

TEXT_VALUES = {
    "allowances": {
        "amount": "190.00",
        "frequency": "weekly",
        "means_tested": False,
        "applies_from": "2026-04-01",
    },
    "social_work_services": {"kind": SocialWorkKind.FORM_K},
    "training_courses": {"format": "online", "booking_url": ""},
    "peer_groups": {"online": False},
}


def blank_entry(entry_type, **values) -> dict:
    """An entry of this type with every text field empty."""
    entry = {name: "" for name in entry_type.fields}
    return {
        **entry,
        **TEXT_VALUES.get(entry_type.key, {}),
        "key": f"{entry_type.key}-1",
        "arrangement_types": [],
        **values,
    }


def a_section(**values) -> dict:
    section = {
        "key": "s1",
        "anchor": "financial",
        "kind": "financial",
        "heading": "Money",
        "summary": "",
        "body": "",
        "arrangement_types": [],
    }
    section.update({entry_type.key: [] for entry_type in ENTRY_TYPES})
    section.update(values)
    return section


def a_document(*sections, **offer) -> dict:
    return {
        "offer": {
            "title": "Our offer",
            "introduction": "",
            "manager_job_title": "Head of service",
            **offer,
        },
        "sections": list(sections),
    }


EVERY_ENTRY_TEXT_FIELD = [
    (entry_type, name) for entry_type in ENTRY_TYPES for name in entry_type.text_fields
]


@pytest.mark.parametrize(
    "entry_type, name",
    EVERY_ENTRY_TEXT_FIELD,
    ids=[f"{t.key}.{name}" for t, name in EVERY_ENTRY_TEXT_FIELD],
)
def test_jargon_in_any_entry_text_field_the_registry_lists_is_found_there(entry_type, name):
    entry = blank_entry(entry_type, **{name: "Ask about your SGO."})
    part = section_report(a_section(**{entry_type.key: [entry]}), TERMS)
    [jargon] = part.report.jargon
    assert jargon.term == "SGO"
    assert jargon.place == Place("s1", entry["key"], name, entry_type.key)
    [field] = [f for f in part.fields if f.place.entry_key]  # the heading "Money" is first
    assert field.place == jargon.place
    assert field.running is (name in entry_type.markdown_fields)
    assert field.where.startswith(f"Section “Money”, {entry_type.noun} “")


def test_every_free_text_field_of_an_entry_is_read_unless_it_is_a_contact_detail():
    """A new text field must be put in the registry (offers.entry_types short_text_fields, or
    made a MarkdownField) or be a contact detail, so nothing families read is skipped."""
    from django.db.models import CharField, EmailField, TextField, URLField

    contact_details = {"phone", "address", "venue", "contact"}
    for entry_type in ENTRY_TYPES:
        for name in entry_type.fields:
            field = entry_type.model._meta.get_field(name)
            free_text = (
                isinstance(field, (CharField, TextField))
                and not field.choices
                and (not isinstance(field, (URLField, EmailField)))
            )
            if free_text and name not in entry_type.text_fields:
                assert name in contact_details, f"{entry_type.key}.{name} is not checked"


def test_headings_names_and_the_offer_title_are_checked_for_jargon_with_their_place():
    allowance = blank_entry(ENTRY_TYPES[0], name="SGO allowance", how_to_apply="Ask the LAC team.")
    section = a_section(heading="CIN support", allowances=[allowance])
    document = a_document(section, title="Our connected person offer")
    intro, part = document_report(document, TERMS)
    assert [(j.term, j.place) for j in intro.report.jargon] == [
        ("connected person", Place(None, None, "title")),
    ]
    assert [(j.term, j.place) for j in part.report.jargon] == [
        ("CIN", Place("s1", None, "heading")),
        ("SGO", Place("s1", allowance["key"], "name", "allowances")),
        ("LAC", Place("s1", allowance["key"], "how_to_apply", "allowances")),
    ]
    # Headings and names are never scored; the part's reading age is of its running text.
    heading = part.fields[0]
    assert (heading.report.reading_age, heading.report.unscored) == (None, NOT_SCORED)
    assert part.report.words == 4  # "Ask the LAC team."


def test_a_term_explained_earlier_on_the_page_is_fine_in_an_entry_and_reported_once():
    allowance = blank_entry(
        ENTRY_TYPES[0], name="SGO allowance", how_to_apply="Every SGO carer can ask."
    )
    explained = a_section(
        body="A special guardianship order (SGO) is made by a court.", allowances=[allowance]
    )
    assert section_report(explained, TERMS).report.jargon == []
    # Used first in the heading, unexplained: found there once, not again further down.
    first = a_section(
        heading="SGO money",
        body="A special guardianship order (SGO) is made by a court.",
        allowances=[allowance],
    )
    [jargon] = section_report(first, TERMS).report.jargon
    assert jargon.place == Place("s1", None, "heading")


def test_the_part_is_scored_on_its_running_text_together_and_each_field_alone():
    body = words(20)
    entry = blank_entry(
        ENTRY_TYPES[0], name="A name that is not running text at all", how_to_apply=words(15)
    )
    part = section_report(a_section(summary="One line.", body=body, allowances=[entry]), TERMS)
    assert part.report.words == 2 + 20 + 15
    assert part.report.reading_age is not None
    by_field = {f.place.field: f.report for f in part.fields}
    assert by_field["body"].unscored == TOO_SHORT
    assert by_field["how_to_apply"].unscored == TOO_SHORT
    assert by_field["name"].unscored == NOT_SCORED


def test_long_sentences_carry_the_field_they_are_in():
    long = "Then " + " ".join(["word"] * 30) + " end."
    entry = blank_entry(ENTRY_TYPES[0], notes=long)
    part = section_report(a_section(allowances=[entry]), TERMS)
    assert part.report.long_sentences == [long]
    [notes] = [f for f in part.fields if f.report.long_sentences]
    assert notes.place == Place("s1", entry["key"], "notes", "allowances")


def test_editors_get_the_introductions_own_score():
    report = offer_report(a_document(introduction=words(40)), TERMS)
    assert report.section_key is None
    assert report.report.words == 40  # the title and job title are not running text
    assert report.report.reading_age == reading_age(plain_text(words(40)))
    [intro] = [f for f in report.fields if f.place == Place(None, None, "introduction")]
    assert intro.report.reading_age == report.report.reading_age
    assert intro.where == "The offer: Our general approach"


def test_document_report_has_the_offers_own_text_then_each_section():
    document = a_document(a_section(summary="Your SGO money."), introduction="We help you.")
    intro, part = document_report(document, TERMS)
    assert intro.key == "" and intro.report.words == 3
    assert intro.report.unscored == TOO_SHORT
    assert (part.heading, part.key) == ("Money", "s1")
    assert [jargon.term for jargon in part.report.jargon] == ["SGO"]


# --- On the workspace's check page -------------------------------------------------------------


def check_page(client, offer):
    return client.get(reverse("workspace:check", args=[offer.council.slug]))


def test_the_check_page_lists_long_sentences_and_jargon_each_linked_to_its_field(client_a, offer_a):
    section = offer_a.sections.get()
    section.body = "Your SGO is checked. " + " ".join(["word"] * 30) + "."
    section.save()
    service = SupportServiceFactory(
        section=section, title="Help", description="Ask a connected person."
    )

    html = check_page(client_a, offer_a).content.decode()

    slug = offer_a.council.slug
    body = f"/workspace/{slug}/sections/{section.key}/details/#id_body"
    entry = f"/workspace/{slug}/sections/{section.key}/support_services/{service.key}/"
    assert f'href="{body}">Section “Money for carers A”: Body</a>' in html
    assert "This sentence has 34 words: aim for 25 or fewer" in html
    assert "say “special guardianship order” instead" in html
    assert f'href="{entry}#id_description">' in html
    assert "say “a relative or family friend” instead" in html


def test_another_councils_officer_gets_404_not_the_check(client, officer_b, offer_a):
    section = offer_a.sections.get()
    section.body = "Your SGO is checked."
    section.save()
    client.force_login(officer_b)
    response = check_page(client, offer_a)
    assert response.status_code == 404
    assert "SGO" not in response.content.decode()


def test_jargon_never_stops_an_approver_publishing(client_approver_a, offer_a, officer_a):
    section = offer_a.sections.get()
    section.summary = "Your SGO money."
    section.save()
    offer_submit(offer=offer_a, by=officer_a)
    response = client_approver_a.post(
        reverse("workspace:approvals", args=[offer_a.council.slug]),
        publish_form("New summary"),
    )
    assert response.status_code == 302
    assert OfferRevision.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.PUBLISH).count() == 1


# --- Only site administrators keep the jargon list ----------------------------------------------


@pytest.mark.parametrize("page", ["/admin/offers/jargonterm/", "/admin/offers/jargonterm/add/"])
def test_officers_opening_the_jargon_list_are_sent_to_the_workspace(client_a, page):
    assert client_a.get(page)["Location"] == "/workspace/"


def test_officers_cannot_change_a_jargon_term(client_a, db):
    term = JargonTerm.objects.get(term="SGO")
    url = f"/admin/offers/jargonterm/{term.pk}/change/"
    response = client_a.post(url, {"term": "SGO", "plain_alternative": "changed", "note": ""})
    assert response["Location"] == "/workspace/"
    term.refresh_from_db()
    assert term.plain_alternative == "special guardianship order"


def test_site_administrator_adds_a_jargon_term_and_the_check_uses_it(client_admin, db):
    response = client_admin.post(
        "/admin/offers/jargonterm/add/",
        {"term": "PR", "plain_alternative": "parental responsibility", "note": ""},
    )
    assert response.status_code == 302
    report = check("You share PR with the parents.", JargonTerm.objects.all())
    assert [jargon.term for jargon in report.jargon] == ["PR"]


def test_a_kept_section_report_follows_its_text_and_the_jargon_list():
    """Section reports are kept in memory by their text and the jargon list: a new term or
    a changed text is read afresh, never answered from the kept report."""
    from offers.plain_english import Term, section_report

    section = {"key": "k", "heading": "Money", "summary": "", "body": "You can get an SGO."}
    assert not section_report(section, []).report.jargon
    with_term = [Term("SGO", "special guardianship order")]
    assert [j.term for j in section_report(section, with_term).report.jargon] == ["SGO"]
    changed = {**section, "body": "You can get help."}
    assert not section_report(changed, with_term).report.jargon

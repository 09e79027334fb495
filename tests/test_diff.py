"""The diff says what changed between two offer documents, in words families understand."""

import copy
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from offers import services
from offers.diff import (
    DIFF_PAIR_LIMIT,
    DIFF_WORD_LIMIT,
    TOO_MUCH_TEXT,
    Change,
    DiffBudget,
    change_rows,
    document_changes,
    inline_diff,
    is_long_text,
)
from offers.documents import document_for

from .factories import AllowanceFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def doc(offer_a):
    section = offer_a.sections.get()
    allowance = section.allowances.get()
    allowance.name = "Weekly allowance for SGO carers"
    allowance.save()
    return document_for(offer_a.pk)


def _allowance(document):
    return document["sections"][0]["allowances"][0]


def test_a_changed_allowance_amount_is_reported_in_words_with_pounds_and_frequency(doc):
    new = copy.deepcopy(doc)
    _allowance(new)["amount"] = "201.00"

    changes = document_changes(doc, new)

    assert len(changes) == 1
    change = changes[0]
    assert change.kind == "changed"
    assert change.field_name == "amount"
    assert change.where == "Money for carers A: Weekly allowance for SGO carers"
    assert "Weekly allowance for SGO carers: went up from £190 to £201 a week" in change.text
    assert change.text.endswith(".")


def test_a_lower_amount_is_reported_as_going_down(doc):
    new = copy.deepcopy(doc)
    _allowance(new)["amount"] = "150.00"

    (change,) = document_changes(doc, new)

    assert change.text == (
        "Money for carers A: Weekly allowance for SGO carers: went down from £190 to £150 a week."
    )


def test_money_gets_two_decimal_places_and_a_frequency_change_is_in_words(doc):
    new = copy.deepcopy(doc)
    _allowance(new)["amount"] = "1250.5"
    _allowance(new)["frequency"] = "fortnightly"

    texts = [c.text for c in document_changes(doc, new)]

    assert any("£1,250.50 a fortnight" in t for t in texts)
    assert any("how often it is paid changed from a week to a fortnight" in t for t in texts)


def test_identical_documents_have_no_changes(doc):
    assert document_changes(doc, copy.deepcopy(doc)) == []


def test_the_first_version_is_one_added_change(doc):
    changes = document_changes(None, doc)
    assert [c.kind for c in changes] == ["added"]
    assert changes[0].text == "This was the first version we published."


def test_entries_are_matched_by_id_so_a_rename_is_a_change_not_add_and_remove(doc):
    new = copy.deepcopy(doc)
    _allowance(new)["name"] = "Special guardianship allowance"

    changes = document_changes(doc, new)

    assert [c.kind for c in changes] == ["changed"]
    assert changes[0].text == (
        "Money for carers A: Weekly allowance for SGO carers: name changed from "
        "“Weekly allowance for SGO carers” to “Special guardianship allowance”."
    )


def test_added_and_removed_entries_and_sections_are_named(offer_a, doc):
    section = offer_a.sections.get()
    AllowanceFactory(section=section, name="Kinship allowance pilot", amount="75")
    SectionFactory(offer=offer_a, heading="Housing help", kind="housing")
    section.allowances.filter(name="Weekly allowance for SGO carers").delete()

    changes = document_changes(doc, document_for(offer_a.pk))

    assert sorted((c.kind, c.text) for c in changes) == [
        ("added", "Added a new section: Housing help."),
        ("added", "Money for carers A: added allowance “Kinship allowance pilot” (£75 a week)."),
        (
            "removed",
            "Money for carers A: removed allowance “Weekly allowance for SGO carers” "
            "(£190 a week).",
        ),
    ]
    new = document_for(offer_a.pk)
    gone = document_changes(new, {**new, "sections": new["sections"][:1]})
    assert [c.text for c in gone] == ["Removed the section Housing help."]


def test_dates_and_who_it_is_for_are_written_in_words(doc):
    new = copy.deepcopy(doc)
    new["offer"]["next_review_due"] = "2028-04-01"
    _allowance(new)["arrangement_types"] = ["sgo", "cao"]

    texts = [c.text for c in document_changes(doc, new)]

    assert "About this offer: next review date changed from 1 April 2027 to 1 April 2028." in texts
    assert (
        "Money for carers A: Weekly allowance for SGO carers: who it is for changed from "
        "Special guardianship order (SGO) to Special guardianship order (SGO) and "
        "Child arrangements order (CAO)." in texts
    )


def test_long_text_changes_carry_both_texts_for_an_inline_diff(doc):
    new = copy.deepcopy(doc)
    new["sections"][0]["body"] = "We pay **allowances** to most carers."

    (change,) = document_changes(doc, new)

    assert change.text == "Money for carers A: text was changed."
    assert is_long_text(change)
    assert change.old == "We pay **allowances** to some carers."
    assert change.new == "We pay **allowances** to most carers."


def test_inline_diff_marks_words_and_escapes_everything():
    html = inline_diff("Call <b>us</b> on Monday", "Call <b>us</b> on Tuesday & Friday")

    assert "<del>Monday</del>" in html
    assert "<ins>Tuesday &amp; Friday</ins>" in html
    assert "<b>" not in html
    assert "&lt;b&gt;us&lt;/b&gt;" in html


# --- Inline diffs: paragraphs first, then words, within limits -----------------------------

WORDS = "we pay an allowance to kinship carers who look after a child".split()


def _paragraph(number: int, words: int = 100) -> str:
    """A paragraph of `words` words that no other paragraph repeats."""
    return " ".join([f"Paragraph{number}"] + [WORDS[i % len(WORDS)] for i in range(words - 1)])


def _long_text(paragraphs: int = 100) -> list[str]:
    return [_paragraph(number) for number in range(paragraphs)]


def _words(prefix: str, count: int) -> str:
    return " ".join(f"{prefix}{i}" for i in range(count))


def test_a_removed_and_an_added_paragraph_in_a_long_text_are_marked_whole():
    old = _long_text(50)
    new = old[:10] + old[11:31] + ["A new paragraph about <b>short breaks</b>."] + old[31:]

    html = inline_diff("\n\n".join(old), "\n\n".join(new))

    assert html == "\n\n".join(
        old[:10]
        + [f"<del>{old[10]}</del>"]
        + old[11:31]
        + ["<ins>A new paragraph about &lt;b&gt;short breaks&lt;/b&gt;.</ins>"]
        + old[31:]
    )


def test_changes_in_two_paragraphs_of_a_10000_word_text_mark_just_those_words():
    old = _long_text(100)
    assert len(" ".join(old).split()) == 10_000
    new = list(old)
    new[50] = new[50].replace("kinship carers", "kinship carers and guardians", 1)
    new[90] = new[90].replace("look after", "care for", 1)

    html = inline_diff("\n\n".join(old), "\n\n".join(new))

    assert TOO_MUCH_TEXT not in html
    assert re.findall(r"<(del|ins)>([^<]*)</", html) == [
        ("ins", "and guardians"),
        ("del", "look after"),
        ("ins", "care for"),
    ]
    unmarked = re.sub(r"<del>[^<]*</del>|</?ins>", "", html)
    assert unmarked == "\n\n".join(new)


def test_a_one_paragraph_rewrite_is_still_compared_word_by_word():
    html = inline_diff(
        "Ring us on Monday.\n\nWe reply in 5 days.", "Email us on Tuesday.\n\nWe reply in 10 days."
    )

    assert html == (
        "<del>Ring</del><ins>Email</ins> us on <del>Monday.</del><ins>Tuesday.</ins>\n\n"
        "We reply in <del>5</del><ins>10</ins> days."
    )


def test_deleted_words_keep_the_spaces_around_them():
    assert inline_diff("a b", "a") == "a <del>b</del>"
    assert inline_diff("a b c", "b c") == "<del>a</del> b c"
    assert inline_diff("first\n\nlast", "first") == "first\n\n<del>last</del>"


def test_texts_of_up_to_the_word_limit_are_compared_and_longer_ones_are_not():
    half = DIFF_WORD_LIMIT // 2
    old = _words("w", half)
    new = _words("w", DIFF_WORD_LIMIT - half - 1) + " changed"

    at_limit = inline_diff(old, new)
    over_limit = inline_diff(old, new + " more")

    assert at_limit.endswith(f"<del>w{half - 1}</del><ins>changed</ins>")
    assert TOO_MUCH_TEXT not in at_limit
    assert over_limit == f"<strong>{TOO_MUCH_TEXT}</strong>\n{new} more"


def test_texts_with_nothing_in_common_are_compared_up_to_the_pair_limit():
    old_words = 1000
    new_words = (DIFF_PAIR_LIMIT - 1) // old_words  # comparing the two lines took 1 pair
    old, new = _words("old", old_words), _words("new", new_words)

    at_limit = inline_diff(old, new)
    over_limit = inline_diff(old, new + " more")

    assert at_limit == f"<del>{old}</del><ins>{new}</ins>"
    assert over_limit == f"<strong>{TOO_MUCH_TEXT}</strong>\n{new} more"


def test_past_the_pair_limit_changed_paragraphs_are_marked_whole_and_the_rest_is_kept():
    old, new = "Same.\n\nold words here\n\nEnd.", "Same.\n\nnew words are here\n\nEnd."
    # 1 pair for the middle lines, then 2 x 3 for the words between "here" and the start.
    enough, too_little = DiffBudget(pairs=1 + 2 * 3), DiffBudget(pairs=1 + 2 * 3 - 1)

    assert inline_diff(old, new, budget=enough) == (
        "Same.\n\n<del>old</del><ins>new</ins> words <ins>are</ins> here\n\nEnd."
    )
    assert inline_diff(old, new, budget=too_little) == (
        "Same.\n\n<del>old words here</del><ins>new words are here</ins>\n\nEnd."
    )


def test_the_diffs_on_one_page_share_one_budget():
    budget = DiffBudget()
    half = DIFF_WORD_LIMIT // 2
    first = inline_diff(_words("w", half), _words("w", DIFF_WORD_LIMIT - half - 8), budget=budget)
    second = inline_diff("short text", "short words", budget=budget)
    third = inline_diff("a b c", "a b d", budget=budget)

    assert first.endswith("<del>" + " ".join(f"w{i}" for i in range(half - 8, half)) + "</del>")
    assert second == "short <del>text</del><ins>words</ins>"
    assert TOO_MUCH_TEXT in third  # 3 + 3 words, only 4 left
    assert inline_diff("a b c", "a b d") == "a b <del>c</del><ins>d</ins>"


def test_change_rows_share_one_budget_across_a_page():
    big = _words("w", DIFF_WORD_LIMIT // 2 - 1)  # with " more": one word under the limit
    changes = [
        Change("changed", "A", "A: text was changed.", "body", big, big + " more"),
        Change("changed", "B", "B: text was changed.", "body", "some text", "some words"),
    ]

    rows = change_rows(changes)

    assert TOO_MUCH_TEXT not in rows[0]["diff"]
    assert TOO_MUCH_TEXT in rows[1]["diff"]
    assert change_rows(changes[1:])[0]["diff"] == "some <del>text</del><ins>words</ins>"


HOSTILE = [
    '<script>alert("x")</script>',
    "</del><ins>fake</ins>",
    '<img src=x onerror="alert(1)">',
    'Tom & Jerry\'s "quotes"',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_escaped_in_every_kind_of_diff(hostile):
    diffs = {
        "words": inline_diff(f"Call us {hostile} now", f"Call them {hostile} later"),
        "lines": inline_diff(f"Same\n\n{hostile}", f"Same\n\n{hostile} too\n\nnew"),
        "added": inline_diff("", hostile),
        "removed": inline_diff(hostile, ""),
        "marked whole": inline_diff(
            f"Same\n\n{hostile} old", f"Same\n\n{hostile} new", budget=DiffBudget(pairs=1)
        ),
        "too much": inline_diff("old", hostile, budget=DiffBudget(words=1)),
    }

    assert "<del>" in diffs["marked whole"] and TOO_MUCH_TEXT in diffs["too much"]
    for kind, html in diffs.items():
        assert set(re.findall(r"</?([a-z]+)", html)) <= {"del", "ins", "strong"}, kind
        assert escape(hostile) in html, kind


def test_the_compare_page_says_when_there_is_too_much_text_to_mark(client_a, offer_a, approver_a):
    services.offer_publish(offer=offer_a, by=approver_a, summary="First.", accept_gaps=True)
    section = offer_a.sections.get()
    section.body = "Carers <b>say</b>: " + _words("word", DIFF_WORD_LIMIT)
    section.save()

    compare = reverse("workspace:compare", args=[offer_a.council.slug])
    html = client_a.get(compare).content.decode()

    assert "Money for carers A: text was changed." in html
    assert TOO_MUCH_TEXT in html
    assert "Carers &lt;b&gt;say&lt;/b&gt;: word0 word1" in html
    assert "<del>" not in html

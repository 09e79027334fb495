"""The diff says what changed between two offer documents, in words families understand."""

import copy

import pytest

from offers.diff import document_changes, inline_diff, is_long_text
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
        "Money for carers A: Weekly allowance for SGO carers: "
        "went down from £190 to £150 a week."
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

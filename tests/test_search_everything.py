"""Search finds every text families read (issue 20): the offer's title and introduction,
section text and every field of every entry the registry lists; snippets are whole words
and keep amounts whole; amounts read as money."""

import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.db.models import BooleanField, CharField, DateField, DecimalField, TextField

from offers.entry_types import ENTRY_TYPES
from offers.models import Frequency, SearchEntry, SectionKind
from offers.search import MARK_START, MARK_STOP, SNIPPET_WORDS, search_rows, snippet

from .conftest import publish
from .factories import AllowanceFactory, OfferFactory, SectionFactory
from .test_search_offers import match_links, results_part, search


@pytest.fixture
def grandparents_offer(council_a):
    """An offer that says "grandparent" only in its introduction."""
    offer = OfferFactory(
        council=council_a,
        introduction="Every grandparent raising a grandchild can ask us for help.",
    )
    money = SectionFactory(
        offer=offer, kind=SectionKind.FINANCIAL, heading="Money", summary="What we pay.", body=""
    )
    AllowanceFactory(
        section=money,
        name="Fostering allowance",
        amount=Decimal("1234.50"),
        frequency=Frequency.MONTHLY,
        age_band="Age 11 to 15",
        notes=" ".join(["Paid into your bank account every month."] * 12 + ["Ask about arrears."]),
    )
    return publish(offer)


def test_a_word_only_in_the_introduction_is_found_and_links_to_the_overview(
    client, grandparents_offer
):
    html = search(client, q="grandparent", scope="offers")
    part = results_part(html)
    assert "Ashdown Test Council" in part
    assert 'href="/offers/ashdown-test/">Our kinship local offer</a>' in part
    assert "Every <mark>grandparent</mark> raising" in part
    # With a situation chosen, the overview link keeps it.
    part = results_part(search(client, q="grandparent", scope="offers", **{"for": "sgo"}))
    assert 'href="/offers/ashdown-test/?for=sgo"' in part


def test_the_offer_title_is_found(client, grandparents_offer):
    assert "Our kinship local offer" in match_links(search(client, q="local offer"))


def test_an_amount_is_found_as_money_and_the_snippet_is_whole_words(client, grandparents_offer):
    # The match ("arrears") is far from the start, so the snippet is cut: only between words.
    part = results_part(search(client, q="arrears", scope="offers"))
    shown = re.search(r'<p class="govuk-body-s[^"]*">(.*?)</p>', part, re.S).group(1)
    assert shown.startswith("… ") and "<mark>arrear" in shown
    row = SearchEntry.objects.get(heading="Fostering allowance")
    whole = set(row.text.split())
    assert {re.sub("</?mark>", "", piece) for piece in shown.split()} - {"…"} <= whole
    money = results_part(search(client, q="fostering allowance", scope="offers"))
    assert "£1,234.50 a month" in money
    assert "1234.50" not in money


def test_the_age_band_and_other_fields_are_found(client, grandparents_offer):
    assert "Fostering allowance" in match_links(search(client, q="11 to 15", scope="offers"))


def _field_value(entry_type, name: str, index: int):
    """A value for one field of an entry, and the words families read for it."""
    field = entry_type.model._meta.get_field(name)
    if field.choices:
        code, words = list(field.choices)[-1]
        return code, str(words)
    if isinstance(field, BooleanField):
        return True, None  # checked below: the field's label
    if isinstance(field, DecimalField):
        return "1234.50", "£1,234.50"
    if isinstance(field, DateField):
        return "2026-04-06", "6 April 2026"
    assert isinstance(field, (CharField, TextField)), f"{entry_type.key}.{name}: a new kind"
    word = f"zq{index}word"
    return word, word


@pytest.mark.parametrize("entry_type", ENTRY_TYPES, ids=lambda t: t.key)
def test_every_field_the_registry_lists_is_in_the_entrys_search_text(entry_type):
    """Derived from the registry, so a field added to an entry type is searched too."""
    entry, expected = {"key": "0" * 32, "arrangement_types": []}, {}
    for index, name in enumerate(entry_type.fields):
        entry[name], expected[name] = _field_value(entry_type, name, index)
    document = {
        "offer": {"title": "T", "introduction": ""},
        "sections": [
            {
                "key": "1" * 32,
                "anchor": "money",
                "heading": "H",
                "kind": "financial",
                entry_type.key: [entry],
            }
        ],
    }
    (row,) = [row for row in search_rows(document) if row["fragment"]]
    for name in entry_type.fields:
        if name == entry_type.name_field:
            assert row["heading"] == entry_type.name_of(entry)
        elif name in entry_type.url_fields:
            # Shown as link words ("Book a place"), not as an address families read.
            assert entry[name] not in row["text"]
        elif expected[name] is None:
            assert (
                re.search(
                    re.escape(name.replace("_", " ")).replace("\\ ", "[ -]"), row["text"], re.I
                )
                or "online" in row["text"].lower()
            ), name
        else:
            assert expected[name] in row["text"], name


def test_snippet_is_whole_words_and_never_cuts_an_amount():
    words = [f"w{n}" for n in range(80)]
    for where in range(0, 80, 7):
        text = list(words)
        text[where] = f"{MARK_START}{text[where]}{MARK_STOP}"
        text[(where + 9) % 80] = "£1,234.50"
        text[(where + 31) % 80] = "£184.00"
        shown = str(snippet(" ".join(text)))
        pieces = [p for p in shown.split() if p != "…"]
        assert len(pieces) == SNIPPET_WORDS
        plain = {re.sub("</?mark>", "", p) for p in pieces}
        assert plain <= {*words, "£1,234.50", "£184.00"}, shown
        assert f"<mark>w{where}</mark>" in shown


def test_a_short_text_is_shown_whole():
    assert (
        str(snippet(f"Ask {MARK_START}us{MARK_STOP} &  more")) == "Ask <mark>us</mark> &amp; more"
    )


def test_migration_0016_remakes_rows_for_versions_published_before(grandparents_offer):
    expected = sorted(SearchEntry.objects.values_list("revision_id", "heading", "text"))
    # As they were before: no row for the offer's introduction.
    SearchEntry.objects.filter(section_anchor="").delete()
    assert not SearchEntry.objects.filter(text__contains="grandparent").exists()
    migration = importlib.import_module("offers.migrations.0016_search_everything")
    migration.search_rows_remade(django_apps, None)
    assert sorted(SearchEntry.objects.values_list("revision_id", "heading", "text")) == expected

"""Finding a council by name: typos, extra words, empty and unknown names."""

import pytest

from offers.search import council_search

from .conftest import publish
from .factories import CouncilFactory


@pytest.fixture
def councils(council_a, council_b):
    return {
        "ashdown": council_a,
        "brackenford": council_b,
        "ashford": CouncilFactory(name="Ashford Borough Council", slug="ashford"),
        "castlemoor": CouncilFactory(name="Castlemoor County Council", slug="castlemoor"),
        "dunwich": CouncilFactory(name="Royal Borough of Dunwich", slug="dunwich"),
    }


@pytest.mark.parametrize(
    "query", ["brackenford", "Brackenford", "Brackenford city", "brakenford", "  BRACKENFORD  "]
)
def test_search_finds_council_despite_case_extra_words_and_typos(councils, query):
    assert council_search(query)[0] == councils["brackenford"]


def test_search_ignores_generic_words_like_borough_of(councils):
    assert council_search("dunwich") == [councils["dunwich"]]
    assert council_search("Castlemore") == [councils["castlemoor"]]


def test_search_ranks_closer_names_first(councils):
    results = council_search("ashdown")
    assert results[0] == councils["ashdown"]
    assert councils["brackenford"] not in results


def test_search_returns_nothing_for_unrelated_or_generic_only_words(councils):
    assert council_search("kent") == []
    assert council_search("zzzz") == []
    assert council_search("council") == []
    assert council_search("") == []


def test_search_leaves_out_inactive_councils(councils):
    CouncilFactory(name="Brackenmoor Council", slug="brackenmoor", is_active=False)
    names = [c.name for c in council_search("brackenmoor")]
    assert "Brackenmoor Council" not in names


def test_empty_search_shows_govuk_error_summary_and_inline_error(client, councils):
    response = client.get("/search/", {"q": "   "})
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert '<a href="#council-name">Enter the name of your council</a>' in html
    assert 'id="council-name-error"' in html
    assert "<title>Error: " in html


def test_search_page_without_query_shows_form_without_error(client, councils):
    html = client.get("/search/").content.decode()
    assert 'for="council-name">Council name</label>' in html
    assert "govuk-error-summary" not in html


def test_unknown_name_says_so_and_links_to_a_to_z_list(client, councils):
    html = client.get("/search/", {"q": "Nowhereville"}).content.decode()
    assert "We could not find a council called “Nowhereville”" in html
    assert 'href="/#councils"' in html


def test_results_link_published_councils_and_mark_others_not_published(
    client, councils, offer_a, approver_a
):
    publish(offer_a, approver_a)
    html = client.get("/search/", {"q": "ash"}).content.decode()
    assert '<a class="govuk-link" href="/offers/ashdown-test/">Ashdown Test Council</a>' in html
    assert "Ashford Borough Council – not published yet" in html
    assert 'href="https://ashford.example"' in html
    assert "Brackenford" not in html.split('id="search-results"')[1].split("</ul>")[0]


def test_search_keeps_what_was_typed_in_the_box(client, councils):
    html = client.get("/search/", {"q": "brakenford"}).content.decode()
    assert 'value="brakenford"' in html
    assert "Brackenford Test Council" in html


def test_search_escapes_the_query(client, councils):
    html = client.get("/search/", {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html

"""/compare/?councils=a,b: chosen councils side by side (issue 20), the whole table in pages,
and every service as a second spreadsheet. Cast: an anonymous carer (the plain client)."""

import csv
import io
import re

import pytest
from django.core.cache import caches

from offers import compare
from offers.compare import SERVICES_CSV_HEADER
from offers.models import SectionKind

from . import test_compare
from .conftest import publish
from .factories import (
    CouncilFactory,
    OfferFactory,
    SectionFactory,
    SupportServiceFactory,
)
from .test_compare import make_live_councils
from .test_html_wellformed import problems_in

# The two councils of test_compare: Ashdown (every kind of allowance, legal help, two peer
# groups, training) and Brackenford (one yearly SGO allowance, an empty legal section).
full_offer, small_offer, live = test_compare.full_offer, test_compare.small_offer, test_compare.live

CHOSEN = "/compare/?councils=ashdown-test,brackenford-test"


def kept_pages() -> int:
    return sum(":page:" in key for key in caches["pages"]._cache)


def group(html: str, key: str) -> str:
    """One topic of the chosen comparison: its heading to the next topic's."""
    return html.split(f'id="compare-{key}"')[1].split('<section class="kp-section"')[0]


def cells(html: str, key: str) -> list[str]:
    """Each council's part of one topic, in column order."""
    return re.split(r'<h3 class="govuk-heading-s[^"]*">', group(html, key))[1:]


# --- What the chosen comparison shows -------------------------------------------------------


def test_every_allowance_band_of_both_councils_side_by_side(client, live):
    response = client.get(CHOSEN)
    assert response.status_code == 200
    html = response.content.decode()
    assert problems_in(html) == []
    assert "<title>Compare Ashdown Test Council and Brackenford Test Council" in html
    ashdown, brackenford = cells(html, "sgo")
    assert ashdown.startswith("Ashdown Test Council") and brackenford.startswith("Brackenford")
    # Both of Ashdown's SGO age bands and the one-off grant (for everyone), not just the top.
    assert "£190 a week" in ashdown and "Age 0 to 10" in ashdown
    assert "£210.50 a week" in ashdown and "Age 11 to 17" in ashdown
    assert "£5,000 one-off payment" in ashdown
    assert "£10,452 a year" in brackenford and "Not means-tested" in brackenford
    # Each band links to its entry on the council's page.
    for revision, cell in zip(live, (ashdown, brackenford), strict=True):
        for entry in revision.content["sections"][0]["allowances"]:
            if "sgo" in entry["arrangement_types"] or not entry["arrangement_types"]:
                assert f'#allowances-{entry["key"][:8]}"' in cell
    foster = cells(html, "kinship_foster")[0]
    assert "£250 a week" in foster and "Age 11 to 15" in foster
    assert "£400 a week" in foster  # the Staying Put payment is a band too
    assert "Means-tested" in cells(html, "cao")[0]


def test_legal_help_peer_support_and_short_breaks_with_cost_and_link(client, live, full_offer):
    breaks = SectionFactory(offer=full_offer, kind=SectionKind.SHORT_BREAKS, heading="Breaks")
    SupportServiceFactory(section=breaks, title="Saturday club", provider="Play Trust", cost="Free")
    revision = publish(full_offer, summary="Short breaks")
    html = client.get(CHOSEN).content.decode()
    legal = cells(html, "legal")
    assert "Free legal advice session" in legal[0] and "Cost: Free" in legal[0]
    assert "None listed" in legal[1]
    peers = cells(html, "peer_support")[0]
    assert "Tuesday group" in peers and "Online group" in peers
    assert "Cost" not in peers  # a peer group has no cost to state
    short = cells(html, "short_breaks")[0]
    assert "Saturday club" in short and "Play Trust" in short and "Cost: Free" in short
    key = revision.content["sections"][-1]["support_services"][0]["key"][:8]
    assert f'href="/offers/ashdown-test/short-breaks/#support_services-{key}"' in short


def test_the_form_chooses_councils_and_lands_on_the_one_address_for_them(client, live):
    html = client.get("/compare/").content.decode()
    form = html.split('<form action="/compare/" method="get"')[1].split("</form>")[0]
    assert form.count('name="councils"') == 4
    assert '<option value="brackenford-test">Brackenford Test Council</option>' in form
    # The form sends one value a select; unused selects are empty; any order.
    response = client.get(
        "/compare/?councils=brackenford-test&councils=&councils=ashdown-test&councils="
    )
    assert response.status_code == 302
    assert response["Location"] == CHOSEN
    assert client.get("/compare/?councils=brackenford-test,ashdown-test")["Location"] == CHOSEN
    chosen = client.get(CHOSEN).content.decode()
    assert '<option value="ashdown-test" selected>' in chosen


@pytest.mark.parametrize(
    ("query", "message", "field"),
    [
        ("councils=", "Select at least 2 councils to compare", "compare-council-1"),
        ("councils=ashdown-test", "Select at least 2 councils to compare", "compare-council-2"),
        (
            "councils=ashdown-test,ashdown-test",
            "Select at least 2 councils to compare",
            "compare-council-2",
        ),
        (
            "councils=ashdown-test,brackenford-test,c,d,e",
            "We cannot find a council called “c”",
            "compare-council-3",
        ),
        (
            "councils=ashdown-test,nowhere",
            "We cannot find a council called “nowhere” with an offer here",
            "compare-council-2",
        ),
    ],
)
def test_too_few_or_unknown_councils_get_a_gov_uk_error(client, live, query, message, field):
    response = client.get(f"/compare/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert problems_in(html) == []
    assert html.count("<title>Error: ") == 1
    assert f'<li><a href="#{field}">{message}' in html
    assert f'id="{field}-error"' in html
    assert 'class="govuk-error-summary"' in html


def test_more_than_four_councils_get_a_gov_uk_error(client, live):
    for _ in range(3):
        publish(OfferFactory(council=CouncilFactory()))
    slugs = ",".join(sorted(["ashdown-test", "brackenford-test", *compare_slugs(3)]))
    html = client.get(f"/compare/?councils={slugs}").content.decode()
    assert '<li><a href="#compare-council-1">Select no more than 4 councils to compare' in html


def compare_slugs(count: int) -> list[str]:
    return [f"testshire-{n}" for n in range(count)]


def test_an_unpublished_council_cannot_be_chosen(client, live):
    CouncilFactory(name="Unpublished Council", slug="unpublished")
    html = client.get("/compare/?councils=ashdown-test,unpublished").content.decode()
    assert "We cannot find a council called “unpublished”" in html
    assert "Unpublished Council" not in html


# --- Kept only for the addresses the site writes ----------------------------------------------


def test_a_chosen_comparison_is_kept_at_its_one_address(client, live):
    before = kept_pages()
    assert client.get(CHOSEN).status_code == 200
    assert kept_pages() == before + 1


@pytest.mark.parametrize(
    "query",
    [
        "councils=ashdown-test,nowhere",  # unknown: answered with an error
        "councils=ashdown-test",  # too few
        "councils=brackenford-test,ashdown-test",  # another order: a redirect
        "councils=ashdown-test,brackenford-test&councils=ashdown-test",
        "councils=ashdown-test,brackenford-test,",
        "councils=ashdown-test,%20brackenford-test",
        "page=01",
        "page=0",
    ],
)
def test_an_odd_councils_value_is_answered_but_not_kept(client, live, query):
    before = kept_pages()
    for _ in range(2):
        assert client.get(f"/compare/?{query}").status_code in (200, 302)
    assert kept_pages() == before


def test_the_cache_rule_takes_only_two_to_four_names_a_to_z_each_once():
    assert compare.is_councils_value("a,b")
    assert compare.is_councils_value("a,b,c,d")
    assert not compare.is_councils_value("a")
    assert not compare.is_councils_value("a,b,c,d,e")
    assert not compare.is_councils_value("b,a")
    assert not compare.is_councils_value("a,a")
    assert not compare.is_councils_value("a,B")
    assert not compare.is_councils_value("a, b")


# --- The whole table, in pages --------------------------------------------------------------


def page_rows(html: str) -> int:
    return len(re.findall(r'<th scope="row"', html))


def test_the_whole_table_is_cut_into_pages_that_do_not_grow(client, db):
    make_live_councils(30)
    first = client.get("/compare/").content.decode()
    assert page_rows(first) == compare.PER_PAGE
    assert "30 councils" in first and "Page 1 of 2: councils 1 to 25" in first
    assert 'href="?sort=council&amp;order=asc&amp;page=2" rel="next"' in first
    second = client.get("/compare/?page=2").content.decode()
    assert page_rows(second) == 5
    assert problems_in(second) == []
    assert 'href="?sort=council&amp;order=asc" rel="prev"' in second
    assert client.get("/compare/?page=3").status_code == 404
    make_live_councils(30)
    assert page_rows(client.get("/compare/").content.decode()) == compare.PER_PAGE


def test_sorting_and_region_links_start_from_the_first_page_and_pages_keep_them(client, db):
    make_live_councils(60)  # a third of them in London
    html = client.get("/compare/?region=east&sort=sgo&order=desc&page=2").content.decode()
    assert 'href="?region=east&amp;sort=sgo&amp;order=desc" rel="prev"' in html
    assert 'href="?region=east&amp;sort=council&amp;order=asc"' in html


def test_page_links_stay_few_however_many_pages():
    assert compare._page_links(1, 1) == [1]
    assert compare._page_links(1, 3) == [1, 2, 3]
    assert compare._page_links(5, 40) == [1, None, 4, 5, 6, None, 40]
    assert compare._page_links(40, 40) == [1, None, 39, 40]


# --- Services as a spreadsheet ---------------------------------------------------------------


def test_the_services_csv_has_legal_help_and_the_rest(client, live, settings):
    response = client.get("/compare/services.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="kinship-services-all-councils.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    assert tuple(next(reader)) == SERVICES_CSV_HEADER
    rows = [dict(zip(SERVICES_CSV_HEADER, row, strict=True)) for row in reader]
    legal = next(row for row in rows if row["Name"] == "Free legal advice session")
    key = live[0].content["sections"][2]["support_services"][0]["key"][:8]
    assert legal["Council"] == "Ashdown Test Council"
    assert legal["Topic"] == "Legal help"
    assert legal["Type"] == "support service"
    assert legal["Section"] == "Legal help"
    assert legal["Link"] == f"{settings.SITE_URL}/offers/ashdown-test/legal/#support_services-{key}"
    peers = [row for row in rows if row["Topic"] == "Peer support"]
    assert {row["Name"] for row in peers} == {"Tuesday group", "Online group"}
    assert any(row["Type"] == "training course" for row in rows)
    assert not any(row["Type"] in ("allowance", "contact") for row in rows)


def test_the_pages_link_the_services_csv(client, live):
    assert 'href="/compare/services.csv"' in client.get("/compare/").content.decode()
    assert 'href="/compare/services.csv"' in client.get(CHOSEN).content.decode()


def test_chosen_comparison_queries_do_not_grow_with_councils(live, django_assert_num_queries):
    slugs = ["ashdown-test", "brackenford-test"]
    compare.chosen_comparison(slugs)  # works out each version's facts once
    # The chosen live versions, and one read of their facts (the database cache here).
    with django_assert_num_queries(2):
        compare.chosen_comparison(slugs)
    make_live_councils(20)
    with django_assert_num_queries(2):
        groups = compare.chosen_comparison(slugs)
    assert [cell.slug for cell in groups[0].cells] == slugs

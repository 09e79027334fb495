"""/search/?q=: words inside every live offer, grouped by council, with the council-name finder.

Runs on SQLite (the simple LIKE path) and on PostgreSQL (full-text search); the ranking test
needs PostgreSQL and is skipped elsewhere.
"""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offers.models import ArrangementType, OfferRevision, SearchEntry, SectionKind
from offers.search import MAX_SEARCH_LENGTH, offer_search, search_rows
from offers.services import offer_rollback
from offers.views.search import search_page

from .conftest import publish
from .factories import (
    AllowanceFactory,
    CouncilFactory,
    OfferFactory,
    PeerGroupFactory,
    SectionFactory,
    SupportServiceFactory,
)
from .test_html_wellformed import problems_in

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text ranking needs PostgreSQL"
)


@pytest.fixture
def offer_a_groups(council_a):
    offer = OfferFactory(council=council_a)
    peers = SectionFactory(
        offer=offer,
        kind=SectionKind.PEER_SUPPORT,
        heading="Meet other carers",
        summary="Groups where you can talk to people like you.",
    )
    PeerGroupFactory(
        section=peers,
        name="Grandparents' peer group",
        description="A friendly group. Use 5 < 6 & bring a friend.",
    )
    money = SectionFactory(
        offer=offer,
        kind=SectionKind.FINANCIAL,
        heading="Money",
        body="We pay a **guardianship** allowance.",
    )
    AllowanceFactory(
        section=money, name="Special guardianship allowance", arrangement_types=["sgo"]
    )
    return offer


@pytest.fixture
def offer_b_groups(council_b):
    offer = OfferFactory(council=council_b)
    peers = SectionFactory(offer=offer, kind=SectionKind.PEER_SUPPORT, heading="Support groups")
    PeerGroupFactory(section=peers, name="<i>Peer</i> group for uncles")
    legal = SectionFactory(
        offer=offer, kind=SectionKind.LEGAL, heading="Legal help", arrangement_types=["cao"]
    )
    SupportServiceFactory(
        section=legal,
        title="Solicitor clinic",
        description="A solicitor answers questions about your peer group.",
    )
    return offer


@pytest.fixture
def live(offer_a_groups, offer_b_groups):
    return publish(offer_a_groups), publish(offer_b_groups)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def results_part(html: str) -> str:
    """The offer matches only: from their block to the links at the foot of the page."""
    if 'id="offer-results"' not in html:
        return ""
    foot = '<p class="govuk-body govuk-!-margin-top-6">'
    return html.split('id="offer-results"')[1].split(foot)[0]


def match_links(html: str) -> str:
    """The text of every result link, marks removed."""
    return " ".join(
        re.sub(r"</?mark>", "", text)
        for text in re.findall(
            r'<a class="govuk-link kp-wrap" href="[^"]+">(.*?)</a>', results_part(html)
        )
    )


def councils_in(html: str) -> list[str]:
    return re.findall(
        r'<h2 class="govuk-heading-m">\s*<a class="govuk-link" href="/offers/'
        r'[^"]+">([^<]+)</a>',
        results_part(html),
    )


# --- Finding words ---------------------------------------------------------------------------


def test_finds_peer_group_in_every_council_grouped_with_the_words_marked(client, live):
    html = search(client, q="peer group")
    assert problems_in(html) == []
    assert sorted(councils_in(html)) == ["Ashdown Test Council", "Brackenford Test Council"]
    part = results_part(html)
    assert "Grandparents&#x27; <mark>peer</mark> <mark>group</mark>" in part
    key = live[0].content["sections"][0]["peer_groups"][0]["key"][:8]
    assert f'href="/offers/ashdown-test/peer-support/#peer_groups-{key}"' in part
    assert "– in Meet other carers" in part


def test_section_text_is_found_and_linked_to_the_section_page(client, live):
    part = results_part(search(client, q="guardianship"))
    assert 'href="/offers/ashdown-test/financial/"' in part
    assert "<mark>guardianship</mark>" in part.lower()


def test_text_from_offers_is_escaped_and_only_our_marks_are_html(client, live):
    part = results_part(search(client, q="peer group"))
    assert "<i>" not in part
    assert "&lt;i&gt;" in part
    friendly = results_part(search(client, q="friendly"))
    assert "5 &lt; 6 &amp; bring" in friendly
    assert set(re.findall(r"<(/?\w+)", part)) <= {
        "h2",
        "/h2",
        "a",
        "/a",
        "ul",
        "/ul",
        "li",
        "/li",
        "span",
        "/span",
        "p",
        "/p",
        "mark",
        "/mark",
        "div",
        "/div",
    }


def test_council_filter_shows_only_that_council(client, live):
    html = search(client, q="peer group", council="brackenford-test", scope="offers")
    assert councils_in(html) == ["Brackenford Test Council"]
    assert '<option value="brackenford-test" selected>' in html


def test_arrangement_filter_keeps_rows_for_that_family_or_for_everyone(client, live):
    # The solicitor clinic is in a section for CAO families only.
    assert "Solicitor clinic" in match_links(search(client, q="solicitor"))
    assert "Solicitor clinic" in match_links(search(client, q="solicitor", **{"for": "cao"}))
    assert "Solicitor clinic" not in match_links(search(client, q="solicitor", **{"for": "sgo"}))
    # The peer groups are for everyone.
    html = search(client, q="peer group", **{"for": "sgo"})
    assert sorted(councils_in(html)) == ["Ashdown Test Council", "Brackenford Test Council"]
    assert "/peer-support/?for=sgo#peer_groups-" in html


def test_unknown_council_or_arrangement_filter_is_ignored(client, live):
    html = search(client, q="peer group", council="nowhere", **{"for": "wizard"})
    assert len(councils_in(html)) == 2


def test_no_match_says_so_and_suggests_other_words(client, live):
    html = search(client, q="trampoline", scope="offers")
    assert "No council’s offer mentions “trampoline”" in html
    assert 'href="/compare/"' in html


def test_council_name_matches_come_first_then_offer_text(client, live):
    html = search(client, q="ashdown")
    names = html.split('id="search-results"')[1].split("</ul>")[0]
    assert "Ashdown Test Council" in names
    assert html.index('id="search-results"') < html.index('id="offer-results"')


def test_searching_inside_offers_does_not_say_no_council_has_that_name(client, live):
    html = search(client, q="peer group", scope="offers")
    assert "We could not find a council called" not in html
    assert 'value="peer group"' in html.split('id="search-words"')[1].split(">")[0]


def test_many_matches_in_one_council_are_cut_with_a_link_to_see_them_all(client, council_a):
    offer = OfferFactory(council=council_a)
    peers = SectionFactory(
        offer=offer,
        kind=SectionKind.PEER_SUPPORT,
        heading="Groups",
        summary="Meet people.",
        body="",
    )
    for n in range(8):
        PeerGroupFactory(section=peers, name=f"Carers group {n}")
    publish(offer)
    html = search(client, q="carers group")
    assert results_part(html).count("<li>") == 5
    assert "See 3 more results in Ashdown Test Council" in html
    assert "council=ashdown-test" in html
    assert results_part(search(client, q="carers group", council="ashdown-test")).count("<li>") == 8


# --- Only what families can see -------------------------------------------------------------


def test_working_copy_edits_are_never_found(client, live, offer_a_groups):
    PeerGroupFactory(
        section=offer_a_groups.sections.get(kind=SectionKind.PEER_SUPPORT),
        name="Draft trampoline club",
    )
    offer_a_groups.sections.filter(kind=SectionKind.FINANCIAL).update(heading="Draft money")
    assert "trampoline" not in match_links(search(client, q="trampoline"))
    assert "Draft money" not in search(client, q="money")
    assert "Money" in match_links(search(client, q="money"))


def test_unpublished_and_inactive_councils_are_never_found(client, live, council_b):
    offer = OfferFactory(council=CouncilFactory(name="Unpublished Council", slug="unpublished"))
    PeerGroupFactory(section=SectionFactory(offer=offer, kind=SectionKind.PEER_SUPPORT))
    council_b.is_active = False
    council_b.save()
    assert councils_in(search(client, q="peer group")) == ["Ashdown Test Council"]


def test_a_new_version_replaces_the_old_versions_rows(client, live, offer_a_groups):
    first = live[0]
    group = offer_a_groups.sections.get(kind=SectionKind.PEER_SUPPORT).peer_groups.get()
    group.name = "Grandparents' kinship circle"
    group.save()
    second = publish(offer_a_groups, summary="Renamed the group")
    assert not SearchEntry.objects.filter(revision=first).exists()
    assert SearchEntry.objects.filter(revision=second).count() == len(search_rows(second.content))
    assert "Grandparents' kinship circle".replace("'", "&#x27;") in match_links(
        search(client, q="circle")
    )
    assert "Grandparents" not in match_links(search(client, q="peer group"))


def test_rollback_makes_the_old_text_searchable_again(client, live, offer_a_groups, site_admin):
    group = offer_a_groups.sections.get(kind=SectionKind.PEER_SUPPORT).peer_groups.get()
    group.name = "Grandparents' kinship circle"
    group.save()
    publish(offer_a_groups, summary="Renamed the group")
    offer_rollback(offer=offer_a_groups, by=site_admin, revision=live[0], summary="Back")
    assert "Grandparents" in match_links(search(client, q="peer group"))
    assert "circle" not in match_links(search(client, q="circle"))


def test_a_failed_publish_keeps_the_old_rows(live, offer_a_groups, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit table is down")

    monkeypatch.setattr("offers.services._audit", broken)
    offer_a_groups.sections.filter(kind=SectionKind.FINANCIAL).update(heading="New money")
    with pytest.raises(RuntimeError):
        publish(offer_a_groups, summary="Will fail")
    assert set(
        SearchEntry.objects.filter(council=offer_a_groups.council).values_list(
            "revision_id", flat=True
        )
    ) == {live[0].pk}
    assert OfferRevision.objects.filter(offer=offer_a_groups).count() == 1


def test_migration_fills_rows_for_versions_published_before_search(live):
    expected = sorted(SearchEntry.objects.values_list("revision_id", "heading", "text"))
    SearchEntry.objects.all().delete()
    migration = importlib.import_module("offers.migrations.0004_search_entry")
    migration.rows_for_live_versions(django_apps, None)
    assert sorted(SearchEntry.objects.values_list("revision_id", "heading", "text")) == expected
    if connection.vendor == "postgresql":
        assert not SearchEntry.objects.filter(search_vector__isnull=True).exists()


def test_rows_say_who_an_entry_is_for_through_its_section(live):
    rows = {row["heading"]: row for row in search_rows(live[1].content)}
    assert rows["Legal help"]["arrangement_types"] == " cao "
    assert rows["Solicitor clinic"]["arrangement_types"] == " cao "
    assert rows["Support groups"]["arrangement_types"] == ""
    assert set(ArrangementType.values) >= {"cao"}


# --- Friendly pages for empty, long and odd queries --------------------------------------------


@pytest.mark.parametrize(
    ("params", "message", "box"),
    [
        ({"q": ""}, "Enter the name of your council", "council-name"),
        (
            {"q": "   ", "scope": "offers"},
            "Enter words to search for, like peer group",
            "search-words",
        ),
        (
            {"q": "a" * (MAX_SEARCH_LENGTH + 1)},
            "Your search must be 200 characters or fewer",
            "council-name",
        ),
        (
            {"q": "!!! &|! :* ()", "scope": "offers"},
            "Enter letters or numbers to search for",
            "search-words",
        ),
        ({"q": "%"}, "Enter letters or numbers to search for", "council-name"),
        ({"q": "\\"}, "Enter letters or numbers to search for", "council-name"),
        ({"q": "peer\x00group"}, "Your search has a character we cannot read", "council-name"),
    ],
)
def test_bad_queries_get_a_friendly_error(rf, live, params, message, box):
    # Straight to the view: a middleware may refuse control characters before it (400).
    html = search_page(rf.get("/search/", params)).content.decode()
    assert problems_in(html) == []
    assert "<title>Error: " in html
    assert f'<li><a href="#{box}">{message}' in html
    assert f'id="{box}-error"' in html


@pytest.mark.parametrize(
    "query",
    [
        "a" * MAX_SEARCH_LENGTH,
        "peer & group",
        "peer | group",
        "!peer",
        "peer:*",
        "'peer'",
        '"peer group"',
        "-peer",
        "peer OR group",
        "(peer",
        "é",
        "100%",
        "_",
        "a\\b",
        "ü" * 5,
        "<script>alert(1)</script>",
    ],
)
def test_odd_but_valid_queries_give_a_results_page(client, live, query):
    html = search(client, q=query)
    assert problems_in(html) == []
    assert "govuk-error-summary" not in html
    assert "<script>alert" not in html


def test_a_control_character_in_the_address_never_gives_a_server_error(client, live):
    response = client.get("/search/", {"q": "peer\x00group\t"})
    assert response.status_code in (200, 400)  # our message, or a middleware's friendly 400
    assert "<h1" in response.content.decode()


def test_odd_queries_never_fail_inside_the_search_function(live):
    for query in ["&", "|", "!", ":*", "''", "\\", "peer & | ! group", "a" * 500]:
        offer_search(query)


# --- Queries that do not grow with councils, and ranking ----------------------------------------


def make_live_councils(count: int) -> None:
    for _ in range(count):
        offer = OfferFactory(council=CouncilFactory())
        section = SectionFactory(offer=offer, kind=SectionKind.PEER_SUPPORT)
        PeerGroupFactory(section=section, name="Saturday peer group")
        publish(offer)


def queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/search/", params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "peer group"},
        {"q": "peer group", "scope": "offers", "for": "sgo"},
        {"q": "saturday", "council": "testshire-0"},
    ],
)
def test_search_queries_do_not_grow_with_the_number_of_councils(
    client, db, django_assert_num_queries, params
):
    make_live_councils(3)
    at_three = queries(client, params)
    make_live_councils(37)
    with django_assert_num_queries(at_three):
        html = client.get("/search/", params).content.decode()
    if "council" not in params:
        assert len(councils_in(html)) == 40
    assert at_three <= 4  # the page cache's content version, then the search itself


@on_postgresql
def test_a_heading_match_ranks_above_a_body_match(client, council_a, council_b):
    # Brackenford comes second A to Z, so only the ranking can put it first.
    body_match = OfferFactory(council=council_a)
    SectionFactory(
        offer=body_match,
        kind=SectionKind.PRACTICAL,
        heading="Help at home",
        body="Ask us about the allotment scheme near you.",
    )
    heading_match = OfferFactory(council=council_b)
    SectionFactory(
        offer=heading_match,
        kind=SectionKind.PRACTICAL,
        heading="Allotment scheme",
        body="Grow food with your family.",
    )
    publish(body_match)
    publish(heading_match)
    results = offer_search("allotments")  # English stemming: "allotments" finds "allotment"
    assert [group.name for group in results.councils] == [
        "Brackenford Test Council",
        "Ashdown Test Council",
    ]
    assert results.councils[0].matches[0].rank > results.councils[1].matches[0].rank
    assert "<mark>Allotment</mark>" in results.councils[0].matches[0].heading
    assert "<mark>allotment</mark>" in results.councils[1].matches[0].snippet


@on_postgresql
def test_postgresql_rows_have_a_search_vector_and_a_gin_index(live):
    assert not SearchEntry.objects.filter(search_vector__isnull=True).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'offers_search_vector_gin'"
        )
        assert "USING gin" in cursor.fetchone()[0]

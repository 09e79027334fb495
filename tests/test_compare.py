"""/compare/: every council with a live offer, side by side, made from published documents."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offers import compare
from offers.models import Frequency, Region, SectionKind

from .conftest import publish
from .factories import (
    AllowanceFactory,
    CouncilFactory,
    OfferFactory,
    PeerGroupFactory,
    SectionFactory,
    SupportServiceFactory,
    TrainingCourseFactory,
)
from .test_html_wellformed import problems_in


def allowance(section, name, amount, frequency=Frequency.WEEKLY, types=("sgo",), **more):
    return AllowanceFactory(
        section=section,
        name=name,
        amount=Decimal(amount),
        frequency=frequency,
        arrangement_types=list(types),
        **more,
    )


@pytest.fixture
def full_offer(council_a):
    """Ashdown: allowances for every kind of family, legal help, peer groups and training."""
    offer = OfferFactory(council=council_a, next_review_due=datetime.date(2027, 4, 1))
    money = SectionFactory(offer=offer, kind=SectionKind.FINANCIAL, heading="Money")
    allowance(
        money, "Special guardianship allowance", "190.00", means_tested=True, age_band="Age 0 to 10"
    )
    allowance(
        money,
        "Special guardianship allowance",
        "210.50",
        means_tested=True,
        age_band="Age 11 to 17",
    )
    allowance(
        money,
        "Child arrangements allowance",
        "600.00",
        Frequency.MONTHLY,
        ("cao",),
        means_tested=True,
    )
    allowance(
        money,
        "Fostering allowance",
        "250.00",
        types=("kinship_foster",),
        means_tested=False,
        age_band="Age 11 to 15",
    )
    allowance(money, "Setting-up grant", "5000.00", Frequency.ONE_OFF, (), means_tested=False)
    later = SectionFactory(offer=offer, kind=SectionKind.AGE_18, heading="At 18")
    allowance(later, "Staying Put payment", "400.00", types=("kinship_foster",))
    legal = SectionFactory(offer=offer, kind=SectionKind.LEGAL, heading="Legal help")
    SupportServiceFactory(section=legal, title="Free legal advice session")
    peers = SectionFactory(offer=offer, kind=SectionKind.PEER_SUPPORT, heading="Groups")
    PeerGroupFactory(section=peers, name="Tuesday group")
    PeerGroupFactory(section=peers, name="Online group")
    training = SectionFactory(offer=offer, kind=SectionKind.CARER_TRAINING, heading="Courses")
    TrainingCourseFactory(section=training)
    return offer


@pytest.fixture
def small_offer(council_b):
    """Brackenford: one yearly SGO allowance, an empty legal section, nothing else."""
    council_b.region = Region.LONDON
    council_b.save()
    offer = OfferFactory(
        council=council_b,
        next_review_due=datetime.date(2020, 1, 1),
        last_reviewed=datetime.date(2019, 1, 1),
    )
    money = SectionFactory(offer=offer, kind=SectionKind.FINANCIAL, heading="Money")
    allowance(
        money, "Guardianship allowance", "10452.00", Frequency.ANNUAL, ("sgo",), means_tested=False
    )
    SectionFactory(offer=offer, kind=SectionKind.LEGAL, heading="Solicitors")
    return offer


@pytest.fixture
def live(full_offer, small_offer):
    return publish(full_offer), publish(small_offer)


def row_for(name, table):
    return next(row for row in table.rows if row["name"] == name)


def body_rows(html: str) -> list[str]:
    return re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", html.split("<tbody")[1], re.S)


# --- What each row says -------------------------------------------------------------------


def test_highest_weekly_allowance_for_a_child_per_kind_of_family(live):
    table = compare.comparison()
    ashdown = row_for("Ashdown Test Council", table)
    assert ashdown["best"]["sgo"]["weekly"] == "210.50"
    assert ashdown["best"]["sgo"]["age_band"] == "Age 11 to 17"
    assert ashdown["best"]["sgo"]["means_tested"] is True
    # £600 a month is £138.46 a week (52 weeks a year).
    assert ashdown["best"]["cao"]["weekly"] == "138.46"
    # The Staying Put payment (after 18) and a one-off grant are not a child's weekly allowance.
    assert ashdown["best"]["kinship_foster"]["weekly"] == "250.00"
    assert ashdown["best"]["kinship_foster"]["name"] == "Fostering allowance"
    brackenford = row_for("Brackenford Test Council", table)
    assert brackenford["best"]["sgo"]["weekly"] == "201.00"  # £10,452 a year
    assert brackenford["best"]["cao"] is None
    assert brackenford["best"]["kinship_foster"] is None


def test_an_allowance_for_everyone_counts_for_every_kind_of_family(council_a):
    offer = OfferFactory(council=council_a)
    money = SectionFactory(offer=offer, kind=SectionKind.FINANCIAL)
    allowance(money, "Kinship allowance", "150.00", types=())
    publish(offer)
    row = compare.comparison().rows[0]
    assert {code: row["best"][code]["weekly"] for code in compare.COMPARED} == {
        "sgo": "150.00",
        "cao": "150.00",
        "kinship_foster": "150.00",
    }


def test_legal_advice_peer_groups_training_and_dates(live):
    table = compare.comparison()
    ashdown = row_for("Ashdown Test Council", table)
    assert ashdown["legal"] == {
        "stated": True,
        "name": "Free legal advice session",
        "anchor": "legal",
    }
    assert ashdown["peer_groups"]["count"] == 2
    assert ashdown["training"]["count"] == 1
    assert ashdown["next_review_due"] == "2027-04-01"
    assert not ashdown["review_overdue"]
    brackenford = row_for("Brackenford Test Council", table)
    assert brackenford["legal"]["stated"] is False
    assert brackenford["legal"]["anchor"] == "legal"  # the empty section still has a page
    assert brackenford["peer_groups"]["count"] == 0
    assert brackenford["review_overdue"]


def test_page_shows_each_answer_linked_to_the_councils_section(client, live):
    response = client.get("/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert problems_in(html) == []
    ashdown = next(row for row in body_rows(html) if "Ashdown Test Council" in row)
    sgo = live[0].content["sections"][0]["allowances"][1]["key"][:8]
    assert f'href="/offers/ashdown-test/financial/#allowances-{sgo}">£210.50 a week</a>' in ashdown
    assert "Special guardianship allowance, age 11 to 17, means-tested" in ashdown
    assert '<a class="govuk-link" href="/offers/ashdown-test/legal/">Yes</a>' in ashdown
    assert 'href="/offers/ashdown-test/peer-support/">Yes, 2 groups</a>' in ashdown
    assert 'href="/offers/ashdown-test/carer-training/">Yes, 1 course</a>' in ashdown
    assert "1 April 2027" in ashdown
    brackenford = next(row for row in body_rows(html) if "Brackenford Test Council" in row)
    assert '<a class="govuk-link" href="/offers/brackenford-test/legal/">Not stated</a>' in (
        brackenford
    )
    assert "None listed" in brackenford and "Overdue" in brackenford
    # Every answer is a link to the council's own page, so a family can check it.
    for row in body_rows(html):
        for cell in re.findall(r"<td .*?</td>", row, re.S):
            assert '<a class="govuk-link" href="/offers/' in cell


def test_each_answer_cell_has_its_label_for_the_stacked_phone_layout(client, live):
    html = client.get("/compare/").content.decode()
    row = body_rows(html)[0]
    cells = re.findall(r"<td .*?</td>", row, re.S)
    assert len(cells) == len(compare.COLUMNS) - 1
    assert all('<span class="kp-cell-label">' in cell for cell in cells)
    # Wider screens may scroll the table in its own region, which keyboards can reach.
    region = 'class="kp-table-scroll" role="region" aria-labelledby="compare-caption" tabindex="0"'
    assert region in html
    assert re.search(r'<table class="[^"]*\bkp-allowances\b', html)  # stacked on phones


# --- Sorting and filtering (plain links and a GET form) ---------------------------------------


def council_order(html: str) -> list[str]:
    return re.findall(r'<th scope="row" class="govuk-table__header">\s*<a [^>]*>([^<]+)</a>', html)


def test_sorted_by_council_a_to_z_by_default_with_aria_sort(client, live):
    html = client.get("/compare/").content.decode()
    assert council_order(html) == ["Ashdown Test Council", "Brackenford Test Council"]
    assert html.count("aria-sort=") == 1
    assert re.search(
        r'aria-sort="ascending">\s*<a class="govuk-link" href="\?sort=council&amp;'
        r'order=desc" aria-label="Council, sort Z to A, highest or latest first">'
        r"Council</a>",
        html,
    )


@pytest.mark.parametrize(
    ("sort", "order", "expected"),
    [
        ("sgo", "desc", ["Ashdown Test Council", "Brackenford Test Council"]),
        ("sgo", "asc", ["Brackenford Test Council", "Ashdown Test Council"]),
        # No CAO allowance sorts last whichever way.
        ("cao", "asc", ["Ashdown Test Council", "Brackenford Test Council"]),
        ("cao", "desc", ["Ashdown Test Council", "Brackenford Test Council"]),
        ("legal", "desc", ["Ashdown Test Council", "Brackenford Test Council"]),
        ("review", "asc", ["Brackenford Test Council", "Ashdown Test Council"]),
        ("council", "desc", ["Brackenford Test Council", "Ashdown Test Council"]),
    ],
)
def test_sorting_by_a_column(client, live, sort, order, expected):
    html = client.get("/compare/", {"sort": sort, "order": order}).content.decode()
    assert council_order(html) == expected
    word = "ascending" if order == "asc" else "descending"
    assert re.search(rf'aria-sort="{word}">\s*<a class="govuk-link" href="\?sort={sort}&amp;', html)


def test_region_filter_keeps_sorting_and_links_keep_the_region(client, live):
    html = client.get("/compare/", {"region": "london", "sort": "sgo"}).content.decode()
    assert council_order(html) == ["Brackenford Test Council"]
    assert "1 council in London" in html
    assert 'href="?region=london&amp;sort=sgo&amp;order=desc"' in html
    assert '<option value="london" selected>London</option>' in html


def test_unknown_sort_order_or_region_shows_the_whole_table(client, live):
    response = client.get("/compare/", {"region": "mars", "sort": "x;drop", "order": "sideways"})
    assert response.status_code == 200
    assert council_order(response.content.decode()) == [
        "Ashdown Test Council",
        "Brackenford Test Council",
    ]


def test_region_with_no_live_offers_says_so(client, live):
    html = client.get("/compare/", {"region": "north_east"}).content.decode()
    assert "No council in North East has published its offer here yet" in html
    assert problems_in(html) == []


def test_form_works_without_javascript_as_a_plain_get(client, live):
    html = client.get("/compare/").content.decode()
    # The table's form is the page's second; the first chooses councils to put side by side.
    form = html.split('<form action="/compare/" method="get"')[2].split("</form>")[0]
    for name in ("region", "sort", "order"):
        assert f'name="{name}"' in form


# --- Only what families can see ---------------------------------------------------------------


def test_working_copy_edits_and_unpublished_councils_never_appear(client, live, full_offer):
    section = full_offer.sections.get(kind=SectionKind.FINANCIAL)
    allowance(section, "Draft allowance", "999.00")
    section.allowances.filter(name="Special guardianship allowance").update(amount=1)
    unpublished = CouncilFactory(name="Unpublished Council", slug="unpublished")
    OfferFactory(council=unpublished)
    html = client.get("/compare/", {"sort": "sgo"}).content.decode()
    assert "£999" not in html and "Draft allowance" not in html
    assert "£210.50 a week" in html
    assert "Unpublished Council" not in html


def test_inactive_council_is_left_out(client, live, council_b):
    council_b.is_active = False
    council_b.save()
    assert council_order(client.get("/compare/").content.decode()) == ["Ashdown Test Council"]


def test_a_new_version_shows_at_once_without_clearing_the_cache(client, live, full_offer):
    client.get("/compare/")
    section = full_offer.sections.get(kind=SectionKind.FINANCIAL)
    section.allowances.filter(age_band="Age 11 to 17").update(amount=Decimal("230.00"))
    publish(full_offer, summary="New rates")
    assert "£230 a week" in client.get("/compare/").content.decode()


# --- Worked out once per version, and queries that do not grow with councils -------------------


def test_facts_are_worked_out_once_per_version(client, live, monkeypatch):
    calls = []
    real = compare.revision_facts
    monkeypatch.setattr(compare, "revision_facts", lambda doc: calls.append(1) or real(doc))
    client.get("/compare/")
    client.get("/compare/?sort=sgo")
    client.get("/compare/allowances.csv")
    assert len(calls) == 2  # one per live version, however many pages read them


def make_live_councils(count: int) -> None:
    for n in range(count):
        council = CouncilFactory(region=Region.LONDON if n % 3 == 0 else Region.EAST)
        offer = OfferFactory(council=council)
        money = SectionFactory(offer=offer, kind=SectionKind.FINANCIAL)
        allowance(money, "Special guardianship allowance", f"{150 + n}.00")
        PeerGroupFactory(section=SectionFactory(offer=offer, kind=SectionKind.PEER_SUPPORT))
        publish(offer)


def warm_page_queries(client, url: str) -> int:
    """Queries for a page once each live version's facts are cached (the first visit)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/compare/", "/compare/?region=london&sort=sgo&order=desc", "/compare/allowances.csv"]
)
def test_queries_do_not_grow_with_the_number_of_councils(
    client, db, django_assert_num_queries, url
):
    make_live_councils(3)
    at_three = warm_page_queries(client, url)
    make_live_councils(37)
    client.get(url)
    with django_assert_num_queries(at_three):
        response = client.get(url)
    assert response.status_code == 200
    # Kept whole by the page cache: only its content version is read (a database table here).
    assert at_three == 1


def test_home_page_links_to_the_comparison(client, db):
    assert 'href="/compare/"' in client.get("/").content.decode()

"""Allowances as a spreadsheet: /compare/allowances.csv and /offers/<slug>/allowances.csv."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from offers.compare import CSV_HEADER
from offers.models import Frequency, SectionKind

from .conftest import publish
from .factories import AllowanceFactory, CouncilFactory, OfferFactory, SectionFactory

BOM = "\ufeff"


def add(section, name, amount, frequency, **more):
    more.setdefault("arrangement_types", ["sgo"])
    return AllowanceFactory(
        section=section, name=name, amount=Decimal(amount), frequency=frequency, **more
    )


@pytest.fixture
def offer_a_rates(council_a):
    """The same £201 a week paid weekly, fortnightly, monthly and yearly, and a one-off."""
    offer = OfferFactory(council=council_a)
    money = SectionFactory(offer=offer, kind=SectionKind.FINANCIAL, heading="Money you can get")
    add(
        money,
        "Weekly allowance",
        "201.00",
        Frequency.WEEKLY,
        age_band="Age 0 to 4",
        applies_from=datetime.date(2026, 4, 6),
    )
    add(money, "Fortnightly allowance", "402.00", Frequency.FORTNIGHTLY)
    add(money, "Monthly allowance", "871.00", Frequency.MONTHLY, means_tested=False)
    add(money, "Yearly allowance", "10452.00", Frequency.ANNUAL)
    add(money, "Setting-up grant", "400.00", Frequency.ONE_OFF, arrangement_types=[])
    add(money, "Odd monthly amount", "100.00", Frequency.MONTHLY, arrangement_types=["sgo", "cao"])
    return offer


@pytest.fixture
def offer_b_formulas(council_b):
    """Text an officer typed that a spreadsheet would run as a formula."""
    offer = OfferFactory(council=council_b)
    money = SectionFactory(offer=offer, kind=SectionKind.FINANCIAL, heading="=HYPERLINK(1)")
    add(money, "=1+2", "10.00", Frequency.WEEKLY, age_band="-5 to 0")
    add(money, "+44 line", "10.00", Frequency.WEEKLY, age_band="@home")
    add(money, "\tTabbed", "10.00", Frequency.WEEKLY, age_band="\rReturn")
    return offer


@pytest.fixture
def live(offer_a_rates, offer_b_formulas):
    return publish(offer_a_rates), publish(offer_b_formulas)


def read_csv(response) -> tuple[str, list[dict]]:
    text = response.content.decode("utf-8")
    reader = csv.reader(io.StringIO(text.removeprefix(BOM)))
    header = next(reader)
    assert tuple(header) == CSV_HEADER
    return text, [dict(zip(header, row, strict=True)) for row in reader]


def test_all_councils_csv_is_an_attachment_with_bom_header_and_a_row_per_allowance(client, live):
    response = client.get("/compare/allowances.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="kinship-allowances-all-councils.csv"'
    )
    assert response.content.startswith(BOM.encode("utf-8"))
    text, rows = read_csv(response)
    assert text.count(BOM) == 1
    assert len(rows) == 9
    assert {row["Council"] for row in rows} == {"Ashdown Test Council", "Brackenford Test Council"}


def test_each_row_has_the_allowance_facts_and_a_link_to_its_section(client, live, settings):
    _text, rows = read_csv(client.get("/compare/allowances.csv"))
    weekly = next(row for row in rows if row["Allowance"] == "Weekly allowance")
    key = live[0].content["sections"][0]["allowances"][0]["key"][:8]
    assert weekly == {
        "Council": "Ashdown Test Council",
        "Council slug": "ashdown-test",
        "Section": "Money you can get",
        "Allowance": "Weekly allowance",
        "Amount (£)": "201.00",
        "Frequency": "weekly",
        "Weekly equivalent (£)": "201.00",
        "Means-tested": "yes",
        "Applies from": "2026-04-06",
        "Age band": "Age 0 to 4",
        "Who it is for": "Special guardianship order (SGO)",
        "Link": f"{settings.SITE_URL}/offers/ashdown-test/financial/#allowances-{key}",
    }
    monthly = next(row for row in rows if row["Allowance"] == "Monthly allowance")
    assert monthly["Means-tested"] == "no"
    everyone = next(row for row in rows if row["Allowance"] == "Setting-up grant")
    assert everyone["Who it is for"] == "every kinship family"
    both = next(row for row in rows if row["Allowance"] == "Odd monthly amount")
    assert both["Who it is for"] == (
        "Special guardianship order (SGO) and Child arrangements order (CAO)"
    )


@pytest.mark.parametrize(
    ("name", "weekly"),
    [
        ("Weekly allowance", "201.00"),
        ("Fortnightly allowance", "201.00"),  # £402 every 2 weeks
        ("Monthly allowance", "201.00"),  # £871 x 12 / 52
        ("Yearly allowance", "201.00"),  # £10,452 / 52
        ("Odd monthly amount", "23.08"),  # £100 x 12 / 52 = 23.0769…, to the penny
        ("Setting-up grant", ""),  # a one-off payment has no weekly equivalent
    ],
)
def test_weekly_equivalents(client, live, name, weekly):
    _text, rows = read_csv(client.get("/compare/allowances.csv"))
    assert next(row for row in rows if row["Allowance"] == name)["Weekly equivalent (£)"] == (
        weekly
    )


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(client, live):
    _text, rows = read_csv(client.get("/offers/brackenford-test/allowances.csv"))
    assert [row["Allowance"] for row in rows] == ["'=1+2", "'+44 line", "'\tTabbed"]
    assert {row["Section"] for row in rows} == {"'=HYPERLINK(1)"}
    assert [row["Age band"] for row in rows] == ["'-5 to 0", "'@home", "'\rReturn"]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_one_councils_csv_has_only_its_allowances(client, live):
    response = client.get("/offers/ashdown-test/allowances.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="kinship-allowances-ashdown-test.csv"'
    )
    _text, rows = read_csv(response)
    assert len(rows) == 6
    assert {row["Council slug"] for row in rows} == {"ashdown-test"}


def test_working_copy_edits_never_appear(client, live, offer_a_rates):
    section = offer_a_rates.sections.get()
    add(section, "Draft allowance", "999.00", Frequency.WEEKLY)
    section.allowances.filter(name="Weekly allowance").update(amount=Decimal("1.00"))
    for url in ("/compare/allowances.csv", "/offers/ashdown-test/allowances.csv"):
        text, rows = read_csv(client.get(url))
        assert "Draft allowance" not in text
        assert next(r for r in rows if r["Allowance"] == "Weekly allowance")["Amount (£)"] == (
            "201.00"
        )


def test_unpublished_and_inactive_councils_are_left_out(client, live, council_b):
    OfferFactory(council=CouncilFactory(name="Unpublished Council", slug="unpublished"))
    council_b.is_active = False
    council_b.save()
    text, rows = read_csv(client.get("/compare/allowances.csv"))
    assert "Unpublished Council" not in text
    assert {row["Council slug"] for row in rows} == {"ashdown-test"}
    assert client.get("/offers/unpublished/allowances.csv").status_code == 404
    assert client.get("/offers/brackenford-test/allowances.csv").status_code == 404
    assert client.get("/offers/no-such-council/allowances.csv").status_code == 404


def test_csv_with_no_live_offers_is_just_the_header(client, db):
    text, rows = read_csv(client.get("/compare/allowances.csv"))
    assert rows == []
    assert text == BOM + ",".join(CSV_HEADER) + "\r\n"


def test_the_comparison_page_links_the_csv(client, live):
    assert 'href="/compare/allowances.csv"' in client.get("/compare/").content.decode()

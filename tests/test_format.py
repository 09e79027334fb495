"""How money, dates, phone numbers and "who it is for" read to families (offers.formatting),
and that the template filters, the diff and the feed say them the same way."""

import datetime
from decimal import Decimal

import pytest

from offers import formatting
from offers.templatetags.offer_format import arrangement_labels, choice_label, tel_href


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("201.00", "£201"),
        ("190", "£190"),
        (Decimal("500"), "£500"),
        (Decimal("1234.5"), "£1,234.50"),
        ("1234.50", "£1,234.50"),
        ("187.85", "£187.85"),
        ("0", "£0"),
        ("0.10", "£0.10"),
        ("1000000.00", "£1,000,000"),
    ],
)
def test_money_is_whole_pounds_unless_there_are_pence(value, shown):
    assert formatting.money(value) == shown


def test_money_never_goes_through_a_float():
    # A float in a document is a mistake; it is shown as it is, never rounded into pounds.
    assert formatting.to_decimal(0.1) is None
    assert formatting.money("not money") == "not money"
    assert formatting.money(None) == ""


def test_money_and_frequency_read_as_a_phrase():
    assert formatting.money_per("184.00", "weekly") == "£184 a week"
    assert formatting.money_per("2000", "one_off") == "£2,000 one-off payment"
    assert formatting.frequency_label("monthly") == "a month"


@pytest.mark.parametrize(
    ("amount", "frequency", "weekly"),
    [
        ("184.00", "weekly", Decimal("184.00")),
        ("368.00", "fortnightly", Decimal("184.00")),
        ("800.00", "monthly", Decimal("184.62")),  # 800 x 12 / 52
        ("5200.00", "annual", Decimal("100.00")),
        ("2000.00", "one_off", None),
        ("", "weekly", None),
    ],
)
def test_weekly_equivalents(amount, frequency, weekly):
    assert formatting.weekly_equivalent(amount, frequency) == weekly


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-04-06", "6 April 2026"),
        (datetime.date(2026, 3, 3), "3 March 2026"),
        ("2026-12-25T09:00:00+00:00", "25 December 2026"),
        ("", ""),
        (None, ""),
    ],
)
def test_dates_are_written_the_gov_uk_way(value, shown):
    assert formatting.uk_date(value) == shown


def test_a_publish_late_on_a_summer_evening_shows_the_uk_date_not_the_utc_one():
    late_utc = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    assert formatting.uk_date(late_utc) == "1 July 2026"


@pytest.mark.parametrize(
    ("utc", "shown"),
    [
        (datetime.datetime(2026, 1, 6, 9, 30, tzinfo=datetime.UTC), "6 January 2026 at 9:30am"),
        (datetime.datetime(2026, 1, 6, 17, 0, tzinfo=datetime.UTC), "6 January 2026 at 5pm"),
        (datetime.datetime(2026, 1, 6, 12, 0, tzinfo=datetime.UTC), "6 January 2026 at midday"),
        (datetime.datetime(2026, 1, 6, 0, 0, tzinfo=datetime.UTC), "6 January 2026 at midnight"),
        (datetime.datetime(2026, 1, 6, 0, 5, tzinfo=datetime.UTC), "6 January 2026 at 12:05am"),
        # British Summer Time: 23:30 UTC on 30 June is 12:30am on 1 July in the UK.
        (datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC), "1 July 2026 at 12:30am"),
    ],
)
def test_dates_and_times_are_written_the_gov_uk_way_in_uk_time(utc, shown):
    assert formatting.uk_date_time(utc) == shown


def test_empty_arrangement_types_mean_every_family():
    assert formatting.who_for([]) == "every kinship family"
    assert arrangement_labels([]) == "Every kinship family"
    assert formatting.who_for(["sgo", "cao"]) == (
        "Special guardianship order (SGO) and Child arrangements order (CAO)"
    )
    assert formatting.who_for(["sgo", "cao", "informal"]) == (
        "Special guardianship order (SGO), Child arrangements order (CAO) and "
        "Informal or private family arrangement"
    )


def test_codes_have_plain_labels():
    assert choice_label("form_k", "social_work_kind") == "Kinship assessment (Form K)"
    assert choice_label("online", "course_format") == "Online"
    assert choice_label("retired_code", "course_format") == "retired_code"


@pytest.mark.parametrize(
    ("phone", "href"),
    [("0161 496 0123", "tel:01614960123"), ("+44 161 496 0123", "tel:+441614960123"), ("", "")],
)
def test_phone_numbers_become_tel_links(phone, href):
    assert tel_href(phone) == href

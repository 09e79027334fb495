"""How money, dates, phone numbers and "who it is for" look to families."""

import datetime
from decimal import Decimal

import pytest

from offers.templatetags.offer_format import (
    arrangement_labels,
    choice_label,
    frequency_label,
    money,
    tel_href,
    uk_date,
)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("201.00", "£201.00"), ("190", "£190.00"), (Decimal("3000.5"), "£3,000.50"), ("0", "£0.00")],
)
def test_money_is_pounds_with_pence_and_thousands_commas(value, shown):
    assert money(value) == shown


def test_money_and_frequency_read_as_a_sentence():
    assert f"{money('201.00')} {frequency_label('weekly')}" == "£201.00 a week"
    assert frequency_label("one_off") == "one-off payment"
    assert frequency_label("monthly") == "a month"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-04-01", "1 April 2026"),
        (datetime.date(2026, 3, 3), "3 March 2026"),
        ("2026-12-25T09:00:00+00:00", "25 December 2026"),
        ("", ""),
        (None, ""),
    ],
)
def test_dates_are_written_the_uk_way(value, shown):
    assert uk_date(value) == shown


def test_a_publish_late_on_a_summer_evening_shows_the_uk_date_not_the_utc_one():
    late_utc = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    assert uk_date(late_utc) == "1 July 2026"


def test_empty_arrangement_types_mean_every_family():
    assert arrangement_labels([]) == "All kinship families"
    assert arrangement_labels(["sgo", "cao"]) == (
        "Special guardianship order (SGO), Child arrangements order (CAO)"
    )


def test_codes_have_plain_labels():
    assert choice_label("form_k", "social_work_kind") == "Kinship assessment (Form K)"
    assert choice_label("online", "course_format") == "Online"


@pytest.mark.parametrize(
    ("phone", "href"),
    [("0161 496 0123", "tel:01614960123"), ("+44 161 496 0123", "tel:+441614960123"), ("", "")],
)
def test_phone_numbers_become_tel_links(phone, href):
    assert tel_href(phone) == href

"""offers.spreadsheets: every CSV cell is shown as text, never run as a formula."""

import io

import pytest

from offers.spreadsheets import BOM, csv_cell, write_csv


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\t1", "'\t1"),
        ("\r1", "'\r1"),
        ("201.00", "201.00"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        ("Money: £190 a week = too little?", "Money: £190 a week = too little?"),
    ],
)
def test_a_cell_that_starts_like_a_formula_gets_a_quote(value, safe):
    assert csv_cell(value) == safe


def test_a_file_starts_with_one_byte_order_mark_and_every_cell_is_made_safe():
    out = io.StringIO()
    write_csv(out, ["Name", "=Header"], [["=1+2", 3], ["ok", None]])
    assert out.getvalue() == BOM + "Name,=Header\r\n'=1+2,3\r\nok,\r\n"

"""CSV files people open in a spreadsheet: UTF-8 with a byte order mark, and no cell that a
spreadsheet would run as a formula. Every CSV the site makes (allowances, the feedback inbox)
is written here."""

import csv
from collections.abc import Iterable, Sequence

# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so spreadsheet programs open the UTF-8 file as UTF-8 (£ signs, accents)


def csv_cell(value) -> str:
    """A value as a CSV cell that a spreadsheet shows as text: one starting like a formula
    gets a leading "'"."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(out, header: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Write a byte order mark, the header and the rows (every cell made safe) to `out`."""
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)

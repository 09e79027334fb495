"""The council's financial year: when it starts, and which one a day is in.

English councils' financial years run from 1 April to 31 March (the UK tax year's 6 April is
a different thing). Allowance rates change when a new financial year starts, so the
checklist's rates rule, the officers' dashboard and the rates reminder all ask here whether
a rate is from this year, and so agree on the same day.
"""

import datetime

# (month, day) of the first day of every financial year.
STARTS_ON = (4, 1)


def financial_year(day: datetime.date) -> int:
    """The calendar year the financial year holding `day` starts in: 2026 for any day from
    1 April 2026 to 31 March 2027."""
    return day.year if (day.month, day.day) >= STARTS_ON else day.year - 1


def financial_year_start(day: datetime.date) -> datetime.date:
    """The first day of the financial year holding `day`: the last 1 April on or before it."""
    return datetime.date(financial_year(day), *STARTS_ON)

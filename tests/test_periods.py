"""Periods as the page names and compares them, on a pinned date (no test reads the clock)."""

from datetime import date

import pytest

from dashboard.clock import day_text, span_text
from dashboard.periods import Covered, compared_days, covered, fy_name, fy_year

AS_OF = date(2026, 12, 7)  # data as of 7 December 2026: December and FY 2026-27 are partial


def test_financial_years_are_named_by_their_years():
    assert fy_name(2025) == "FY 2025-26" and fy_name(1999) == "FY 1999-00"
    assert fy_year(date(2026, 3, 31)) == 2025 and fy_year(date(2026, 4, 1)) == 2026


def test_a_period_past_the_data_or_the_filter_is_partial():
    days = covered(None, None, AS_OF)
    assert days.note(date(2026, 12, 1), date(2026, 12, 31)) == "to 07 Dec"
    assert days.note(date(2026, 11, 1), date(2026, 11, 30)) is None
    assert days.note(date(2026, 4, 1), date(2027, 3, 31)) == "to 07 Dec"  # FY 2026-27
    cut = covered(date(2026, 3, 10), date(2026, 9, 20), AS_OF)
    assert cut.note(date(2026, 3, 1), date(2026, 3, 31)) == "from 10 Mar"
    assert cut.note(date(2026, 9, 1), date(2026, 9, 30)) == "to 20 Sep"
    assert cut.note(date(2026, 4, 1), date(2026, 4, 30)) is None
    inside = covered(date(2026, 3, 10), date(2026, 3, 20), AS_OF)
    assert inside.note(date(2026, 3, 1), date(2026, 3, 31)) == "10 Mar to 20 Mar"
    assert covered(None, date(2027, 1, 31), AS_OF).last == AS_OF  # nothing after the data
    assert Covered().note(date(2026, 12, 1), date(2026, 12, 31)) is None


@pytest.mark.parametrize(
    "first, last, expected",
    [
        # a financial year to date: the same days of the year before
        (date(2026, 4, 1), AS_OF, (date(2025, 4, 1), date(2025, 12, 7))),
        # ... whatever the filter's end, the data's end is where both stop
        (date(2026, 4, 1), date(2027, 3, 31), (date(2025, 4, 1), date(2025, 12, 7))),
        # a month to date
        (date(2026, 12, 1), AS_OF, (date(2025, 12, 1), date(2025, 12, 7))),
        # a whole financial year: the one before
        (date(2024, 4, 1), date(2025, 3, 31), (date(2023, 4, 1), date(2024, 3, 31))),
        # whole months: as many months before (a leap year is a year)
        (date(2021, 1, 1), date(2021, 12, 31), (date(2020, 1, 1), date(2020, 12, 31))),
        (date(2026, 10, 1), date(2026, 11, 30), (date(2026, 8, 1), date(2026, 9, 30))),
        # any other period: the equally long period just before
        (date(2026, 9, 8), AS_OF, (date(2026, 6, 9), date(2026, 9, 7))),  # 91 days each
        # a 29 February a year earlier
        (date(2024, 4, 1), date(2025, 2, 28), (date(2023, 4, 1), date(2024, 2, 28))),
    ],
)
def test_a_change_compares_like_with_like(first, last, expected):
    assert compared_days(first, last, AS_OF) == expected


def test_dates_are_written_one_way():
    assert day_text(date(2026, 12, 7)) == "07 Dec 2026"
    assert span_text(date(2025, 4, 1), date(2025, 12, 7)) == "01 Apr to 07 Dec 2025"
    assert span_text(date(2024, 12, 1), date(2025, 1, 31)) == "01 Dec 2024 to 31 Jan 2025"
    assert span_text(AS_OF, AS_OF) == "07 Dec 2026"

"""Periods as the page names and compares them: financial years by name, the months and
years a selection holds only in part, and the days a change is measured against.

A period is partial when the selection cannot hold all of its days: it begins before the
selection's first date, or ends after its last one, which is never later than the data's
as-of date. On 7 December the December bar holds a week; drawn like a whole month it
reads as a collapse, so figures mark it ("to 07 Dec") and leave it out of averages.
(The intervals a trend is counted by, and their labels in the API, are
vocabulary.periods'.)
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from dashboard.clock import day_in_year_text as short
from dashboard.vocabulary.language import _

FY_FIRST_MONTH = 4  # India's financial year runs April to March


def fy_year(day: date) -> int:
    """The calendar year a day's financial year begins in."""
    return day.year if day.month >= FY_FIRST_MONTH else day.year - 1


def fy_name(year: int) -> str:
    """FY 2025-26: April 2025 to March 2026."""
    return _("FY {years}").format(years=f"{year}-{(year + 1) % 100:02d}")


def fy_days(year: int) -> tuple[date, date]:
    return date(year, FY_FIRST_MONTH, 1), date(year + 1, FY_FIRST_MONTH, 1) - timedelta(days=1)


def month_days(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    return first, first + relativedelta(months=1) - timedelta(days=1)


@dataclass(frozen=True)
class Covered:
    """The days a selection can hold: from its first date (None: from the start) to its
    last (None: no end known)."""

    first: date | None = None
    last: date | None = None

    def note(self, start: date, end: date) -> str | None:
        """How the period from `start` to `end` is partial ("to 07 Dec", "from 10 Mar",
        "10 Mar to 20 Mar"), or None when the selection holds every day of it."""
        cut_start = self.first is not None and self.first > start
        cut_end = self.last is not None and self.last < end
        if cut_start and cut_end:
            return _("{start} to {end}").format(start=short(self.first), end=short(self.last))
        if cut_start:
            return _("from {day}").format(day=short(self.first))
        return _("to {day}").format(day=short(self.last)) if cut_end else None


WHOLE = Covered()  # no period partial: a selection without dates in data with no end


def covered(date_from: date | None, date_to: date | None, as_of: date | None) -> Covered:
    """The days a selection from `date_from` to `date_to` can hold, in data as of `as_of`."""
    ends = [day for day in (date_to, as_of) if day is not None]
    return Covered(date_from, min(ends) if ends else None)


def compared_days(first: date, last: date, as_of: date | None) -> tuple[date, date]:
    """The days a change over `first`..`last` is measured against, like with like.

    Days after the data's as-of date hold nothing yet, so they are left out of both sides.
    A financial year (whole or to date) and a month to date are compared with the same days
    one year earlier; whole months with as many whole months just before; any other period
    with the equally long period just before it.
    """
    if as_of is not None and first <= as_of < last:
        last = as_of
    fy_start, fy_end = fy_days(fy_year(first))
    month_start, month_end = month_days(first.year, first.month)
    if (first == fy_start and last <= fy_end) or (first == month_start and last < month_end):
        year = relativedelta(years=1)
        return first - year, last - year
    if first.day == 1 and (last + timedelta(days=1)).day == 1:
        months = relativedelta(last + timedelta(days=1), first)
        return first - months, first - timedelta(days=1)
    return first - (last - first + timedelta(days=1)), first - timedelta(days=1)

"""Dates and times as India reads them (IST, UTC+05:30), and the page's one date style:
07 Dec 2026 for a day, Dec 2026 for a month (ISO dates only in CSV files and the API), with
month names in the language being spoken (Babel: 07 दिस॰ 2026)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date

from dashboard.vocabulary.language import _, date_locale

IST = ZoneInfo("Asia/Kolkata")
DAY = "dd MMM y"  # Unicode (CLDR) date patterns, as Babel reads them
MONTH = "MMM y"
DAY_IN_YEAR = "dd MMM"  # a day whose year the reader already has: "to 07 Dec"


def now_in_india() -> datetime:
    return datetime.now(IST)


def today_in_india() -> date:
    return now_in_india().date()


def day_text(day: date) -> str:
    """07 Dec 2026."""
    return format_date(day, DAY, locale=date_locale())


def month_text(day: date) -> str:
    """Dec 2026: the month `day` lies in."""
    return format_date(day, MONTH, locale=date_locale())


def day_in_year_text(day: date) -> str:
    """07 Dec: a day whose year the reader already has."""
    return format_date(day, DAY_IN_YEAR, locale=date_locale())


def span_text(first: date, last: date) -> str:
    """Two days as one span, the year written once when both share it:
    01 Apr to 07 Dec 2025, 01 Dec 2024 to 31 Jan 2025, or one day alone."""
    if first == last:
        return day_text(first)
    start = day_in_year_text(first) if first.year == last.year else day_text(first)
    return _("{start} to {end}").format(start=start, end=day_text(last))

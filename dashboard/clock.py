"""Dates and times as India reads them (IST, UTC+05:30), and the page's one date style:
07 Dec 2026 for a day, Dec 2026 for a month (ISO dates only in CSV files and the API)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

IST = ZoneInfo("Asia/Kolkata")
DAY = "%d %b %Y"
MONTH = "%b %Y"
DAY_IN_YEAR = "%d %b"  # a day whose year the reader already has: "to 07 Dec"


def now_in_india() -> datetime:
    return datetime.now(IST)


def today_in_india() -> date:
    return now_in_india().date()


def day_text(day: date) -> str:
    """07 Dec 2026."""
    return day.strftime(DAY)


def span_text(first: date, last: date) -> str:
    """Two days as one span, the year written once when both share it:
    01 Apr to 07 Dec 2025, 01 Dec 2024 to 31 Jan 2025, or one day alone."""
    if first == last:
        return day_text(first)
    start = first.strftime(DAY_IN_YEAR if first.year == last.year else DAY)
    return f"{start} to {day_text(last)}"

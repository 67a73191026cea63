"""Dates and times as India reads them (IST, UTC+05:30)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

IST = ZoneInfo("Asia/Kolkata")


def now_in_india() -> datetime:
    return datetime.now(IST)


def today_in_india() -> date:
    return now_in_india().date()

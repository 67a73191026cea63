"""Parsers for single cell values: dates, numbers, choices, codes and text.

Each returns `(value, None)` or `(None, reason)`, so a column's distinct values
can be parsed once and the answers reused for every row that repeats them.
"""

import difflib
import re
from datetime import date, datetime

from dashboard.clock import IST

EARLIEST = date(2000, 1, 1)  # ECHO India began in 2008; earlier dates are typing or Excel slips
DATE_FORMATS = "YYYY-MM-DD or DD/MM/YYYY"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_TIME = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"
)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

Parsed = tuple[object, str | None]


def parse_date(raw: str) -> Parsed:
    """ISO (a time part is allowed and read in India's time zone) or day-first DD/MM/YYYY."""
    if match := _ISO.fullmatch(raw):
        year, month, day = (int(part) for part in match.groups())
    elif _ISO_TIME.fullmatch(raw):
        return _from_timestamp(raw)
    elif match := _DAY_FIRST.fullmatch(raw):
        day, month, year = (int(part) for part in match.groups())
        if month > 12 >= day:
            return None, "no such date: dates are day first (DD/MM/YYYY)"
    else:
        return None, f"not a date (use {DATE_FORMATS})"
    try:
        value = date(year, month, day)
    except ValueError:
        return None, "no such date"
    return _plausible(value)


def _from_timestamp(raw: str) -> Parsed:
    try:
        moment = datetime.fromisoformat(raw.replace(" ", "T"))
    except ValueError:
        return None, "no such date"
    if moment.tzinfo is not None:
        moment = moment.astimezone(IST)
    return _plausible(moment.date())


def _plausible(value: date) -> Parsed:
    if value < EARLIEST:
        return None, f"before {EARLIEST.year}: not a plausible date for ECHO India"
    return value, None


def parse_minutes(raw: str) -> Parsed:
    """A session's length: a whole number of minutes, more than 0 and at most 600 (10 hours)."""
    number, reason = _number(raw)
    if reason:
        return None, reason
    if not float(number).is_integer():
        return None, "not a whole number of minutes"
    if number <= 0:
        return None, "must be more than 0 minutes"
    if number > 600:
        return None, "more than 600 minutes (10 hours): not a plausible session"
    return int(number), None


def parse_latitude(raw: str) -> Parsed:
    return _degrees(raw, 90, "latitude")


def parse_longitude(raw: str) -> Parsed:
    return _degrees(raw, 180, "longitude")


def _degrees(raw: str, limit: int, what: str) -> Parsed:
    number, reason = _number(raw)
    if reason:
        return None, f"{reason} (give decimal degrees, such as 12.9716)"
    if not -limit <= number <= limit:
        return None, f"not a {what}: must lie between -{limit} and {limit}"
    return number, None


def _number(raw: str) -> Parsed:
    try:
        number = float(raw)
    except ValueError:
        return None, "not a number"
    if number != number or number in (float("inf"), float("-inf")):
        return None, "not a number"
    return number, None


def choice(options: tuple[str, ...]):
    """A parser for one of `options`, forgiving case, spaces and hyphens."""

    def parse(raw: str) -> Parsed:
        key = re.sub(r"[\s-]+", "_", raw.strip().lower())
        if key in options:
            return key, None
        reason = f"unknown value (use one of: {', '.join(options)})"
        close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
        return None, reason + (f'; did you mean "{close[0]}"?' if close else "")

    return parse


def code(limit: int):
    """A parser for codes: at most `limit` characters, no control characters."""

    def parse(raw: str) -> Parsed:
        if len(raw) > limit:
            return None, f"longer than {limit} characters"
        if _CONTROL.search(raw):
            return None, "contains control characters"
        return raw, None

    return parse


def text(limit: int):
    """A parser for names: inner runs of spaces (line breaks, tabs) become one, at most
    `limit` characters, no other control characters (an escape would drive the terminal
    of whoever prints the name)."""

    def parse(raw: str) -> Parsed:
        value = " ".join(raw.split())
        if len(value) > limit:
            return None, f"longer than {limit} characters"
        if _CONTROL.search(value):
            return None, "contains control characters"
        return value, None

    return parse


def split_codes(raw: str) -> list[str]:
    """`PA1; PA2;` -> ["PA1", "PA2"]: a `;`-separated list, blanks and repeats dropped."""
    return list(dict.fromkeys(part.strip() for part in raw.split(";") if part.strip()))

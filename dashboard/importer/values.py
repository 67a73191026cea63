"""Parsers for single cell values: dates, numbers, choices, codes and text.

Each returns `(value, None)` or `(None, reason)`, so a column's distinct values
can be parsed once and the answers reused for every row that repeats them.
"""

import difflib
import re
from datetime import date, datetime

from dashboard.clock import IST
from dashboard.importer.report import said
from dashboard.vocabulary.language import N_

EARLIEST = date(2000, 1, 1)  # ECHO India began in 2008; earlier dates are typing or Excel slips
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
            return None, said(N_("no such date: dates are day first (DD/MM/YYYY)"))
    else:
        return None, said(N_("not a date (use YYYY-MM-DD or DD/MM/YYYY)"))
    try:
        value = date(year, month, day)
    except ValueError:
        return None, said(N_("no such date"))
    return _plausible(value)


def _from_timestamp(raw: str) -> Parsed:
    try:
        moment = datetime.fromisoformat(raw.replace(" ", "T"))
    except ValueError:
        return None, said(N_("no such date"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(IST)
    return _plausible(moment.date())


def _plausible(value: date) -> Parsed:
    if value < EARLIEST:
        reason = N_("before {year}: not a plausible date for ECHO India")
        return None, said(reason, year=str(EARLIEST.year))
    return value, None


def parse_minutes(raw: str) -> Parsed:
    """A session's length: a whole number of minutes, more than 0 and at most 600 (10 hours)."""
    number, reason = _number(raw)
    if reason:
        return None, reason
    if not float(number).is_integer():
        return None, said(N_("not a whole number of minutes"))
    if number <= 0:
        return None, said(N_("must be more than 0 minutes"))
    if number > 600:
        return None, said(N_("more than 600 minutes (10 hours): not a plausible session"))
    return int(number), None


def parse_latitude(raw: str) -> Parsed:
    return _degrees(raw, 90, N_("not a latitude: must lie between -90 and 90"))


def parse_longitude(raw: str) -> Parsed:
    return _degrees(raw, 180, N_("not a longitude: must lie between -180 and 180"))


def _degrees(raw: str, limit: int, beyond: str) -> Parsed:
    number, reason = _number(raw)
    if reason:
        return None, said(N_("not a number (give decimal degrees, such as 12.9716)"))
    if not -limit <= number <= limit:
        return None, said(beyond)
    return number, None


def _number(raw: str) -> Parsed:
    try:
        number = float(raw)
    except ValueError:
        return None, said(N_("not a number"))
    if number != number or number in (float("inf"), float("-inf")):
        return None, said(N_("not a number"))
    return number, None


def choice(options: tuple[str, ...]):
    """A parser for one of `options`, forgiving case, spaces and hyphens."""

    def parse(raw: str) -> Parsed:
        key = re.sub(r"[\s-]+", "_", raw.strip().lower())
        if key in options:
            return key, None
        listed = ", ".join(options)
        close = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
        if close:
            reason = N_('unknown value (use one of: {options}); did you mean "{close}"?')
            return None, said(reason, options=listed, close=close[0])
        return None, said(N_("unknown value (use one of: {options})"), options=listed)

    return parse


def code(limit: int):
    """A parser for codes: at most `limit` characters, no control characters."""

    def parse(raw: str) -> Parsed:
        if len(raw) > limit:
            return None, said(N_("longer than {limit} characters"), limit=limit)
        if _CONTROL.search(raw):
            return None, said(N_("contains control characters"))
        return raw, None

    return parse


def text(limit: int):
    """A parser for names: inner runs of spaces (line breaks, tabs) become one, at most
    `limit` characters, no other control characters (an escape would drive the terminal
    of whoever prints the name)."""

    def parse(raw: str) -> Parsed:
        value = " ".join(raw.split())
        if len(value) > limit:
            return None, said(N_("longer than {limit} characters"), limit=limit)
        if _CONTROL.search(value):
            return None, said(N_("contains control characters"))
        return value, None

    return parse


def split_codes(raw: str) -> list[str]:
    """`PA1; PA2;` -> ["PA1", "PA2"]: a `;`-separated list, blanks and repeats dropped."""
    return list(dict.fromkeys(part.strip() for part in raw.split(";") if part.strip()))

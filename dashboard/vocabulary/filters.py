"""One selection of attendance records: the filters of the page URL and the HTTP API.

`Filters` is plain data (hashable, so it can key caches); `parse_filters` turns
query parameters into it, naming the parameter at fault in `BadFilter`. Each
backend turns it into its own selection (SQL conditions, the engine's masks).
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from dashboard.vocabulary.kinds import SECTORS
from dashboard.vocabulary.language import _


class BadFilter(ValueError):
    """A filter value that is malformed or names nothing in the store."""

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


@dataclass(frozen=True)
class Filters:
    """Every filter; empty tuples mean "all". Values are codes (names for disease and cadre)."""

    date_from: date | None = None
    date_to: date | None = None
    state: tuple[int, ...] = ()
    district: tuple[str, ...] = ()
    partner: tuple[str, ...] = ()
    disease: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    cadre: tuple[str, ...] = ()
    hub: tuple[str, ...] = ()
    program: tuple[str, ...] = ()

    def to_params(self) -> dict[str, list[str]]:
        """The query parameters that reproduce these filters (for URLs and links)."""
        params: dict[str, list[str]] = {}
        for name, value in self._values():
            key = PARAMETER_NAMES.get(name, name)
            if isinstance(value, tuple) and value:
                params[key] = [str(v) for v in value]
            elif isinstance(value, date):
                params[key] = [value.isoformat()]
        return params

    def replace(self, **changes: Any) -> "Filters":
        return replace(
            self, **{k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()}
        )

    def _values(self) -> list[tuple[str, Any]]:
        """(name, value) of every filter; not `dataclasses.asdict`, which copies each tuple
        deeply: the map's panels make a link per state and district from these."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


PARAMETER_NAMES = {"date_from": "from", "date_to": "to"}
# What the filter bar sets (the period counts once); the map's drill sets the rest.
BAR_FILTERS = ("state", "partner", "disease", "sector", "cadre")


def filters_on(filters: Filters) -> int:
    """How many of the filter bar's filters are on: the phone's filter button shows it."""
    period = 1 if filters.date_from or filters.date_to else 0
    return period + sum(1 for name in BAR_FILTERS if getattr(filters, name))


# What each list filter takes, in words (the HTTP API describes its parameters so).
VALUES_TAKEN = {
    "state": "LGD state code, such as 29",
    "district": "district_code, the project's district key, such as KA-mysuru",
    "partner": "partner_code",
    "disease": "disease area name, as the diseases view lists it",
    "sector": "a programme's sector",
    "cadre": "a participant's cadre, such as ASHA",
    "hub": "hub_code",
    "program": "program_code",
}
LIST_PARAMETERS = [f.name for f in fields(Filters) if f.name not in PARAMETER_NAMES]
# Limits that keep one request from costing much (docs/configuration.md): values per
# parameter, characters per value, and the dates a filter may name (the import refuses
# sessions before 2000; a previous period of the widest range still is a real date).
MAX_VALUES = 200
MAX_VALUE_LENGTH = 200
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2099, 12, 31)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
STATE_CODE = re.compile(r"[0-9]{1,4}", re.ASCII)  # LGD state codes have one or two digits


def parse_filters(params: Mapping[str, Iterable[str]]) -> Filters:
    """Build `Filters` from query parameters (each a list of values); format checks only."""
    values: dict[str, Any] = {}
    for key in ("from", "to"):
        raw = _single(params, key)
        if raw:
            values[f"date_{key}"] = _parse_date(key, raw)
    for name in LIST_PARAMETERS:
        items = tuple(dict.fromkeys(values_of(params, name)))
        if name == "state":
            items = tuple(_parse_state(v) for v in items)
        if name == "sector":
            for value in items:
                if value not in SECTORS:
                    words = _("unknown sector {value!r} (use {allowed})")
                    raise BadFilter("sector", words.format(value=value, allowed=", ".join(SECTORS)))
        values[name] = items
    filters = Filters(**values)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        words = _("{start} is after to={end}")
        raise BadFilter("from", words.format(start=filters.date_from, end=filters.date_to))
    return filters


def too_many(count: int) -> str:
    """Why a parameter given `count` times is refused."""
    return _("{count} values; at most {most} are allowed").format(count=count, most=MAX_VALUES)


def values_of(params: Mapping[str, Iterable[str]], name: str) -> list[str]:
    """A parameter's values, trimmed and without empty ones; refused when there are too
    many or one is too long or holds a control character (a NUL byte, a line break)."""
    given = list(params.get(name, ()))
    if len(given) > MAX_VALUES:
        raise BadFilter(name, too_many(len(given)))
    values = [v.strip() for v in given if v.strip()]
    for value in values:
        if len(value) > MAX_VALUE_LENGTH:
            words = _("a value longer than {count} characters")
            raise BadFilter(name, words.format(count=MAX_VALUE_LENGTH))
        if any(unicodedata.category(c) == "Cc" for c in value):
            raise BadFilter(name, _("{value!r} holds a control character").format(value=value))
    return values


def _single(params: Mapping[str, Iterable[str]], key: str) -> str | None:
    values = values_of(params, key)
    if len(values) > 1:
        raise BadFilter(key, _("give one date, not several"))
    return values[0] if values else None


def _parse_date(key: str, raw: str) -> date:
    try:
        if not ISO_DATE.fullmatch(raw):
            raise ValueError
        day = date.fromisoformat(raw)
    except ValueError:
        words = _("{value!r} is not a date in the form YYYY-MM-DD")
        raise BadFilter(key, words.format(value=raw)) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        words = _("{value} is outside {first} to {last}")
        raise BadFilter(key, words.format(value=raw, first=EARLIEST_DATE, last=LATEST_DATE))
    return day


def refuse_unknown(filters: Filters, known: Mapping[str, frozenset]) -> None:
    """Raise `BadFilter` naming the first parameter with a value not among the `known`
    values of its parameter (those the store holds, read once per data version)."""
    for parameter, values in known.items():
        unknown = [str(v) for v in getattr(filters, parameter) if v not in values]
        if unknown:
            shown = ", ".join(map(repr, unknown[:5])) + (" ..." if len(unknown) > 5 else "")
            words = _("unknown {parameter} {values}")
            raise BadFilter(parameter, words.format(parameter=parameter, values=shown))


def _parse_state(raw: str) -> int:
    if not STATE_CODE.fullmatch(raw):
        words = _("{value!r} is not an LGD state code (a number such as 29)")
        raise BadFilter("state", words.format(value=raw))
    return int(raw)

"""One selection of attendance records: the filters of the page URL and the HTTP API.

`Filters` is plain data (hashable, so it can key caches); `parse_filters` turns
query parameters into it, naming the parameter at fault in `BadFilter`. Each
backend turns it into its own selection (SQL conditions, the engine's masks).
"""

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from dashboard.vocabulary.kinds import SECTORS


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
        for name, value in asdict(self).items():
            key = PARAMETER_NAMES.get(name, name)
            if isinstance(value, tuple) and value:
                params[key] = [str(v) for v in value]
            elif isinstance(value, date):
                params[key] = [value.isoformat()]
        return params

    def replace(self, **changes: Any) -> "Filters":
        values = asdict(self) | changes
        return Filters(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


PARAMETER_NAMES = {"date_from": "from", "date_to": "to"}
LIST_PARAMETERS = [f.name for f in fields(Filters) if f.name not in PARAMETER_NAMES]


def parse_filters(params: Mapping[str, Iterable[str]]) -> Filters:
    """Build `Filters` from query parameters (each a list of values); format checks only."""
    values: dict[str, Any] = {}
    for key in ("from", "to"):
        raw = _single(params, key)
        if raw:
            values[f"date_{key}"] = _parse_date(key, raw)
    for name in LIST_PARAMETERS:
        items = tuple(dict.fromkeys(v.strip() for v in params.get(name, ()) if v.strip()))
        if name == "state":
            items = tuple(_parse_state(v) for v in items)
        if name == "sector":
            for value in items:
                if value not in SECTORS:
                    raise BadFilter(
                        "sector", f"unknown sector {value!r} (use {', '.join(SECTORS)})"
                    )
        values[name] = items
    filters = Filters(**values)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise BadFilter("from", f"{filters.date_from} is after to={filters.date_to}")
    return filters


def _single(params: Mapping[str, Iterable[str]], key: str) -> str | None:
    values = [v for v in params.get(key, ()) if v.strip()]
    if len(values) > 1:
        raise BadFilter(key, "give one date, not several")
    return values[0].strip() if values else None


def _parse_date(key: str, raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadFilter(key, f"{raw!r} is not a date in the form YYYY-MM-DD") from None


def _parse_state(raw: str) -> int:
    if not raw.isdigit():
        raise BadFilter("state", f"{raw!r} is not an LGD state code (a number such as 29)")
    return int(raw)

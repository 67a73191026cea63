"""One page of a long table, cut on the server: searched, filtered, sorted, then sliced.

A table of thousands of programmes is not sent whole: the browser's grid asks for one
block of rows at a time, in its own terms (startRow, endRow, sortModel, filterModel), so
an answer costs the same however many rows the table has. A request that is not a grid's
is refused (`BadPage`); a filter or sort the table does not know is ignored, never raised.
"""

import functools
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

MAX_ROWS = 1000  # the most rows one request may ask for (the grid asks for one block)


class BadPage(ValueError):
    """A page request the table cannot answer."""


@dataclass(frozen=True)
class PageRequest:
    """Rows [start, end) of the table sorted by `sort` ((column, ascending) pairs) after
    the column filters `filters` (the grid's filter model, by column)."""

    start: int
    end: int
    sort: tuple[tuple[str, bool], ...] = ()
    filters: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TablePage:
    rows: pd.DataFrame
    total: int  # rows matching the search and filters, over every page


def page_request(raw: Any) -> PageRequest:
    """The grid's request as a PageRequest; BadPage when it is not one."""
    if not isinstance(raw, Mapping):
        raise BadPage("not a page request")
    start, end = _row_number(raw.get("startRow")), _row_number(raw.get("endRow"))
    if not start <= end <= start + MAX_ROWS:
        raise BadPage(f"rows {start} to {end}")
    filters = raw.get("filterModel") or {}
    sort = raw.get("sortModel") or []
    if not isinstance(filters, Mapping) or not isinstance(sort, list):
        raise BadPage("sort or filter model of the wrong shape")
    return PageRequest(start, end, tuple(_sort_items(sort)), dict(filters))


def table_page(
    frame: pd.DataFrame,
    request: PageRequest,
    search: str | None = None,
    search_columns: Iterable[str] = (),
    key: str | None = None,
) -> TablePage:
    """The requested page of `table_rows`: its rows from `request.start` to `request.end`."""
    ordered = table_rows(frame, request, search, search_columns, key)
    return TablePage(ordered.iloc[request.start : request.end], len(ordered))


def table_rows(
    frame: pd.DataFrame,
    request: PageRequest,
    search: str | None = None,
    search_columns: Iterable[str] = (),
    key: str | None = None,
) -> pd.DataFrame:
    """Every row of `frame` the table shows, in its order: rows holding each word of
    `search` in one of `search_columns`, passing the column filters, sorted (ties by `key`)."""
    chosen = filtered(searched(frame, search, search_columns), request.filters)
    return sorted_rows(chosen, request.sort, key)


def searched(frame: pd.DataFrame, text: str | None, columns: Iterable[str]) -> pd.DataFrame:
    """Rows holding every word of `text`, each in any of `columns`, in any order and any
    case ("AIIMS Delhi" finds a hub "AIIMS-DEL" named "..., New Delhi"); words as typed,
    no patterns."""
    words = (text or "").split()
    present = [c for c in columns if c in frame.columns]
    if not words or not present:
        return frame
    texts = [_as_text(frame[c]) for c in present]
    found = [
        functools.reduce(operator.or_, (t.str.contains(w, case=False, regex=False) for t in texts))
        for w in dict.fromkeys(words)
    ]
    return frame[functools.reduce(operator.and_, found)]


def filtered(frame: pd.DataFrame, model: Mapping[str, Any]) -> pd.DataFrame:
    """Rows passing every column filter of the grid's filter model that the table knows."""
    masks = [
        mask
        for column, spec in model.items()
        if column in frame.columns and (mask := _matching(frame[column], spec)) is not None
    ]
    return frame[functools.reduce(operator.and_, masks)] if masks else frame


def sorted_rows(
    frame: pd.DataFrame, sort: Iterable[tuple[str, bool]], key: str | None = None
) -> pd.DataFrame:
    """Sorted by the (column, ascending) pairs, text in any case, blanks last, ties by `key`
    (stable, so equal rows keep one order from page to page)."""
    pairs = list(dict((c, a) for c, a in sort if c in frame.columns).items())
    if key in frame.columns and key not in dict(pairs):
        pairs.append((key, True))
    if not pairs:
        return frame
    columns, ascending = zip(*pairs, strict=True)
    return frame.sort_values(
        list(columns),
        ascending=list(ascending),
        kind="mergesort",
        na_position="last",
        key=_sort_key,
    )


# --- The grid's terms -----------------------------------------------------------------------


def _row_number(value: Any) -> int:
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not whole or value < 0:
        raise BadPage(f"row number {value!r}")
    return int(value)


def _sort_items(items: list) -> Iterable[tuple[str, bool]]:
    for item in items:
        known = isinstance(item, Mapping) and isinstance(item.get("colId"), str)
        if known and item.get("sort") in ("asc", "desc"):
            yield item["colId"], item["sort"] == "asc"


def _sort_key(values: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(values):
        return values
    return values.astype("string").str.casefold()


def _as_text(values: pd.Series) -> pd.Series:
    return values.astype("string").fillna("")


# --- Column filters (AG Grid's text, number and date filters) -------------------------------


def _matching(values: pd.Series, spec: Any) -> pd.Series | None:
    """The rows one column filter keeps, or None for a filter the table does not know."""
    if not isinstance(spec, Mapping):
        return None
    if isinstance(spec.get("conditions"), list):
        return _combined(values, spec)
    test = FILTERS.get(spec.get("filterType"))
    if test is None:
        return None
    if spec.get("type") in ("blank", "notBlank"):
        blank = values.isna() | (_as_text(values) == "")
        return blank if spec["type"] == "blank" else ~blank
    return test(values, spec)


def _combined(values: pd.Series, spec: Mapping) -> pd.Series | None:
    """Two or more conditions joined by AND or OR."""
    parent = spec.get("filterType")
    masks = [
        mask
        for condition in spec["conditions"]
        if isinstance(condition, Mapping)
        and (mask := _matching(values, {"filterType": parent, **condition})) is not None
    ]
    join = operator.or_ if spec.get("operator") == "OR" else operator.and_
    return functools.reduce(join, masks) if masks else None


# in any case, as AG Grid's own text filter matches (`v` comes lower-cased)
TEXT_TESTS: dict[str, Callable[[pd.Series, str], pd.Series]] = {
    "contains": lambda s, v: s.str.contains(v, case=False, regex=False),
    "notContains": lambda s, v: ~s.str.contains(v, case=False, regex=False),
    "equals": lambda s, v: s.str.lower() == v,
    "notEqual": lambda s, v: s.str.lower() != v,
    "startsWith": lambda s, v: s.str.lower().str.startswith(v),
    "endsWith": lambda s, v: s.str.lower().str.endswith(v),
}


def _text_filter(values: pd.Series, spec: Mapping) -> pd.Series | None:
    test, wanted = TEXT_TESTS.get(spec.get("type")), spec.get("filter")
    if test is None or not isinstance(wanted, str | int | float):
        return None
    return test(_as_text(values), str(wanted).lower())


# inRange leaves out both ends, as AG Grid's own filters do by default
RANGE_TESTS: dict[str, Callable[[pd.Series, Any, Any], pd.Series]] = {
    "equals": lambda s, a, _b: s == a,
    "notEqual": lambda s, a, _b: (s != a) & s.notna(),
    "greaterThan": lambda s, a, _b: s > a,
    "greaterThanOrEqual": lambda s, a, _b: s >= a,
    "lessThan": lambda s, a, _b: s < a,
    "lessThanOrEqual": lambda s, a, _b: s <= a,
    "inRange": lambda s, a, b: (s > a) & (s < b),
}


def _number_filter(values: pd.Series, spec: Mapping) -> pd.Series | None:
    bounds = [_number(spec.get("filter")), _number(spec.get("filterTo"))]
    return _in_range(pd.to_numeric(values, errors="coerce"), spec.get("type"), *bounds)


def _date_filter(values: pd.Series, spec: Mapping) -> pd.Series | None:
    bounds = [_day(spec.get("dateFrom")), _day(spec.get("dateTo"))]
    days = pd.to_datetime(values.astype("string").str[:10], errors="coerce", format="%Y-%m-%d")
    return _in_range(days, spec.get("type"), *bounds)


def _in_range(values: pd.Series, kind: Any, low: Any, high: Any) -> pd.Series | None:
    test = RANGE_TESTS.get(kind)
    if test is None or low is None or (kind == "inRange" and high is None):
        return None
    return test(values, low, high).fillna(False).astype(bool)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def _day(value: Any) -> pd.Timestamp | None:
    if not isinstance(value, str):
        return None
    day = pd.to_datetime(value[:10], errors="coerce", format="%Y-%m-%d")
    return None if pd.isna(day) else day


FILTERS: dict[str, Callable[[pd.Series, Mapping], pd.Series | None]] = {
    "text": _text_filter,
    "number": _number_filter,
    "date": _date_filter,
}

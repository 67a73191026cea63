"""What needs attention: the rules over the data manager's answers (docs/metrics.md).

Each rule asks the data manager (`DashboardData`, or `ScopedData` over it for the page and
the API, which cuts every question's filters to the user's scope), so its answers are
cached and scoped like every other; it keeps the items past its thresholds.

Everything is as of one day, the store as it was at its end: the page uses the data's
as-of date (or the `to` date, if earlier), the backtest (`python -m dashboard attention
--as-of DATE`) any past day. The page, the backtest and the API list the same items for
the same filters and day; a filter's own dates choose only that day, since each rule
compares periods of its own.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd
from dateutil.relativedelta import relativedelta

from dashboard.access.scoped import ScopedData
from dashboard.clock import day_text, month_text, span_text
from dashboard.numbers import indian
from dashboard.periods import compared_days, fy_days, fy_year
from dashboard.service import DashboardData
from dashboard.viewstate import ViewState
from dashboard.vocabulary.attention import (
    FIGURES,
    RULES,
    SHARES,
    THRESHOLD_WORDS,
    WINDOW_MONTHS,
    WINDOW_WORDS,
    Thresholds,
)
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.language import _

Days = tuple[date, date]
Data = DashboardData | ScopedData  # the store's answers, whole or as a scope sees them
ATTENDANCES_ONLY: tuple[str, ...] = ()
CLOSE = 1e-9  # shares compared to the ninth decimal: 30% of 100 is 30, not 30.000000000000004


@dataclass(frozen=True)
class Windows:
    """The periods the rules compare, as of a day."""

    as_of: date
    recent: Days  # the last three full months up to `as_of`
    before: Days  # the three months before them
    this_year: Days  # the financial year up to `as_of`
    last_year: Days  # the same days a year earlier

    @classmethod
    def of(cls, as_of: date) -> "Windows":
        """A month counts only whole: the one `as_of` falls in only on its last day."""
        after = as_of + timedelta(days=1)
        next_month = after if after.day == 1 else as_of.replace(day=1)  # the first not counted
        months = relativedelta(months=WINDOW_MONTHS)
        recent = (next_month - months, next_month - timedelta(days=1))
        before = (recent[0] - months, recent[0] - timedelta(days=1))
        this_year = (fy_days(fy_year(as_of))[0], as_of)
        return cls(as_of, recent, before, this_year, compared_days(*this_year, as_of))


@dataclass(frozen=True)
class Item:
    """One thing that needs attention: what (a programme, hub or district, by code and
    name), its figures by name (vocabulary.attention.FIGURES), and the view showing it."""

    rule: str
    code: str
    name: str
    figures: dict[str, Any]
    view: ViewState

    @property
    def href(self) -> str:
        return "/" + self.view.to_query()


@dataclass(frozen=True)
class Attention:
    """Every item of every rule for one selection as of one day (None: an empty store)."""

    windows: Windows | None
    thresholds: Thresholds
    items: tuple[Item, ...] = field(default_factory=tuple)

    def of_rule(self, rule: str) -> list[Item]:
        return [item for item in self.items if item.rule == rule]

    def counts(self) -> dict[str, int]:
        return {rule: len(self.of_rule(rule)) for rule in RULES}

    def frame(self) -> pd.DataFrame:
        """One row per item: rule, code, name, link and every figure (blank where a rule
        has none), for the backtest's and the API's tables."""
        rows = [
            {"rule": i.rule, "code": i.code, "name": i.name, **i.figures, "link": i.href}
            for i in self.items
        ]
        columns = ["rule", "code", "name", *FIGURES, "link"]
        return pd.DataFrame(rows, columns=columns, dtype=object)  # counts stay whole


def needs_attention(
    data: Data,
    filters: Filters,
    thresholds: Thresholds,
    as_of: date | None = None,
) -> Attention:
    """The items of every rule for the selection, as of `as_of` (default: the filters'
    `to` date or the data's as-of date, whichever is earlier; never later than the data)."""
    latest = data.data_as_of()
    days = [d for d in (as_of, filters.date_to, latest) if d is not None]
    if latest is None:
        return Attention(None, thresholds)
    windows = Windows.of(min(days))
    undated = filters.replace(date_from=None, date_to=None)
    items = [item for rule in RULE_CHECKS for item in rule(data, undated, windows, thresholds)]
    return Attention(windows, thresholds, tuple(items))


def attendance_fell(data: Data, f: Filters, w: Windows, t: Thresholds) -> list[Item]:
    """Programmes (not ended before the last full month's end) whose attendances in the
    last three full months fell from the three before by at least `fall_share` of them and
    by at least `fall_minimum`."""
    before = _programs(data, _dated(f, w.before))
    recent = _programs(data, _dated(f, w.recent)).set_index("program_code").attendances
    recent = before.program_code.map(recent).fillna(0).astype(int)
    before = before.assign(recent=recent, fell=before.attendances - recent)
    ended = pd.to_datetime(before.end_date) < pd.Timestamp(w.recent[1])
    enough = (before.fell >= t.fall_minimum) & (
        before.fell >= t.fall_share * before.attendances - CLOSE
    )
    chosen = before[~ended & enough]
    return [
        _programme_item(
            "attendance_fell",
            f,
            row,
            "trends",
            before=int(row.attendances),
            recent=int(row.recent),
            change=(row.recent - row.attendances) / row.attendances,
        )
        for row in _largest(chosen, "fell")
    ]


def silent_hubs(data: Data, f: Filters, w: Windows, t: Thresholds) -> list[Item]:
    """Hubs with a programme running on the day (begun, not ended) whose latest session is
    at least `silent_days` before it."""
    hubs = data.hub_silence(f, w.as_of)
    items = []
    for row in hubs.itertuples():
        silent = (w.as_of - row.last_session).days
        if silent >= t.silent_days:
            figures = {
                "last_session": row.last_session,
                "days_silent": silent,
                "running_since": row.running_since,
            }
            view = ViewState(filters=f.replace(hub=(row.hub_code,)), tab="trends")
            items.append(Item("silent_hubs", row.hub_code, row.hub, figures, view))
    return sorted(items, key=lambda i: (-i.figures["days_silent"], i.code))


def lost_districts(data: Data, f: Filters, w: Windows, t: Thresholds) -> list[Item]:
    """Districts with at least `lost_minimum` attendances in the last financial year up to
    the same day, and none in this one so far."""
    last = data.districts(_dated(f, w.last_year), metrics=ATTENDANCES_ONLY)
    now = data.districts(_dated(f, w.this_year), metrics=ATTENDANCES_ONLY)
    now_by_code = now.set_index("district_code").attendances
    last = last.assign(this_year=last.district_code.map(now_by_code).fillna(0).astype(int))
    lost = last[(last.attendances >= t.lost_minimum) & (last.this_year == 0)]
    lost = lost.sort_values(["attendances", "district_code"], ascending=[False, True])
    return [
        Item(
            "lost_districts",
            row.district_code,
            f"{row.district}, {row.state}",
            {"last_year": int(row.attendances), "this_year": 0},
            ViewState(filters=f.replace(district=(row.district_code,)), tab="trends"),
        )
        for row in lost.itertuples()
    ]


def retention_fell(data: Data, f: Filters, w: Windows, t: Thresholds) -> list[Item]:
    """Programmes whose retention among the last three full months' participants (as of
    their end) is at least `retention_drop` below that of the three months before (as of
    theirs), with at least `retention_minimum` participants in each."""
    before = data.retention_as_of(_dated(f, w.before), w.before[1])
    recent = data.retention_as_of(_dated(f, w.recent), w.recent[1])
    both = before.merge(recent, on=["program_code", "name"], suffixes=("_before", "_recent"))
    enough = (both.participants_before >= t.retention_minimum) & (
        both.participants_recent >= t.retention_minimum
    )
    both = both.assign(drop=both.retention_before - both.retention_recent)
    chosen = both[enough & (both["drop"] >= t.retention_drop - CLOSE)]
    return [
        _programme_item(
            "retention_fell",
            f,
            row,
            "programmes",
            retention_before=float(row.retention_before),
            retention_recent=float(row.retention_recent),
            participants=int(row.participants_recent),
        )
        for row in _largest(chosen, "drop")
    ]


def cohort_once(data: Data, f: Filters, w: Windows, t: Thresholds) -> list[Item]:
    """Programmes whose cohort (participants who first attended in the three months before
    the last three) holds at least `cohort_minimum`, of whom more than `once_share` attended
    only once up to the last full month's end."""
    cohorts = data.cohorts(f, first=w.before[0], last=w.before[1], as_of=w.recent[1])
    cohorts = cohorts.assign(share=cohorts.once / cohorts.cohort.where(cohorts.cohort > 0))
    most = cohorts.once > t.once_share * cohorts.cohort + CLOSE
    chosen = cohorts[(cohorts.cohort >= t.cohort_minimum) & most]
    return [
        _programme_item(
            "cohort_once",
            f,
            row,
            "programmes",
            cohort=int(row.cohort),
            once=int(row.once),
            once_share=float(row.share),
        )
        for row in _largest(chosen, "share")
    ]


RULE_CHECKS: tuple[Callable[[Data, Filters, Windows, Thresholds], list[Item]], ...] = (
    attendance_fell,
    silent_hubs,
    lost_districts,
    retention_fell,
    cohort_once,
)
assert tuple(rule.__name__ for rule in RULE_CHECKS) == tuple(RULES)


def _dated(filters: Filters, days: Days) -> Filters:
    return filters.replace(date_from=days[0], date_to=days[1])


def _largest(programmes: pd.DataFrame, column: str):
    """The programmes' rows, largest `column` first (ties by code)."""
    ordered = programmes.sort_values([column, "program_code"], ascending=[False, True])
    return ordered.itertuples()


def _programs(data: Data, filters: Filters) -> pd.DataFrame:
    return data.programs(filters, metrics=ATTENDANCES_ONLY)


def _programme_item(
    rule: str,
    filters: Filters,
    row: Any,
    tab: str,
    **figures: Any,
) -> Item:
    view = ViewState(filters=filters.replace(program=(row.program_code,)), tab=tab)
    return Item(rule, row.program_code, row.name, figures, view)


def figure_text(name: str, value: Any) -> str:
    """A figure as the page and the backtest write it: shares as percentages, days as
    07 Dec 2026, counts in Indian digit grouping."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if name in SHARES:
        return f"{value:+.0%}" if name == "change" else f"{value:.0%}"
    if isinstance(value, date):
        return day_text(value)
    return indian(value)


def windows_text(windows: Windows) -> list[str]:
    """The periods the rules compared, one sentence each."""
    recent, before = (_months(*days) for days in (windows.recent, windows.before))
    this_year, last_year = (span_text(*days) for days in (windows.this_year, windows.last_year))
    compared, covered, silent = (_(words) for words in WINDOW_WORDS)
    return [
        compared.format(recent, before),
        covered.format(this_year, last_year),
        silent.format(day_text(windows.as_of)),
    ]


def thresholds_text(thresholds: Thresholds) -> list[str]:
    """Each threshold in words, with its value."""
    return [_(words).format(getattr(thresholds, n)) for n, words in THRESHOLD_WORDS.items()]


def _months(first: date, last: date) -> str:
    return _("{start} to {end}").format(start=month_text(first), end=month_text(last))

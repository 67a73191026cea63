"""The KPI tiles as the page and the printed brief show them: each metric's short number,
its full number, and its change against the days it is compared with.

One place for the tiles' numbers and words, below the web layer: the page's tiles
(callbacks/overview.py) and the brief (dashboard/brief) both read them from here, so a
brief's tile says exactly what the page's tile says for the same view.
"""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dashboard.clock import span_text
from dashboard.numbers import change, compact, indian
from dashboard.periods import compared_days
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.language import N_, _

KPIS = (
    ("hubs", N_("Hubs")),
    ("programs", N_("Programmes")),
    ("sessions", N_("Sessions")),
    ("attendances", N_("Attendances")),
    ("participants", N_("Unique participants")),
    ("districts_reached", N_("Districts reached")),
    ("states_reached", N_("States reached")),
    ("disease_areas", N_("Disease areas")),
)
METRICS = tuple(m for m, _ in KPIS)


class Summaries(Protocol):
    """What the tiles ask of the data: the scoped door (dashboard.access) answers it."""

    def summary(self, filters: Filters) -> dict[str, int]: ...


@dataclass(frozen=True)
class Tile:
    """One tile: `value` as the tile shows it (12.3L), `full` as its tooltip (12,34,567),
    `change` in words ("▲ 12% vs 01 Apr to 07 Dec 2025"; "" without both dates)."""

    metric: str
    label: str
    value: str
    full: str
    change: str
    count: int


def compared_with(filters: Filters, as_of: date | None) -> Filters | None:
    """The same filters over the days a change is measured against (see
    periods.compared_days: a financial year or month to date against the same days a year
    earlier); None without both dates."""
    if not (filters.date_from and filters.date_to):
        return None
    first, last = compared_days(filters.date_from, filters.date_to, as_of)
    return filters.replace(date_from=first, date_to=last)


def tiles(data: Summaries, filters: Filters, as_of: date | None) -> list[Tile]:
    """Every tile of the view `filters`, in the page's order (two summaries: now and the
    compared days)."""
    summary = data.summary(filters)
    earlier = compared_with(filters, as_of)
    before = data.summary(earlier) if earlier else None
    return [
        Tile(
            metric=metric,
            label=label,
            value=compact(summary[metric]),
            full=indian(summary[metric]),
            change=_change(summary[metric], before, metric, earlier),
            count=summary[metric],
        )
        for metric, label in KPIS
    ]


def _change(now: int, before: dict | None, metric: str, earlier: Filters | None) -> str:
    if before is None or earlier is None:
        return ""
    days = span_text(earlier.date_from, earlier.date_to)
    return _("{change} vs {days}").format(change=change(now, before[metric]), days=days)

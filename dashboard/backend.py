"""The questions the dashboard asks of its data, as one typed interface.

Two implementations answer them with the same frames, column for column and row for
row: the SQL query layer (`dashboard.queries.backend.SqlBackend`, the reference) and the
in-memory engine (`dashboard.engine.backend.EngineBackend`), which hands what it does not
hold to the SQL one. The data manager (`dashboard.service`) holds one of them.

A breakdown's `metrics` names those its caller needs: a backend counts at least those
(and attendances) and may add others; the data manager cuts the answer to them.
"""

from datetime import date
from typing import Protocol

import pandas as pd

from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import METRICS

Metrics = tuple[str, ...]


class Backend(Protocol):
    def data_version(self) -> int:
        """A number that changes with every write to the store."""
        ...

    def data_as_of(self) -> date | None:
        """The latest session date in the store."""
        ...

    def known_codes(self) -> dict[str, frozenset]:
        """Every value each filter naming codes may take (state codes, district codes,
        partner codes, disease names, cadres, hub and programme codes), by parameter."""
        ...

    def summary(self, filters: Filters) -> dict[str, int]:
        """Every metric over the whole selection."""
        ...

    def states(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        """Every state (zeros included) by name: state_code, state, the metrics."""
        ...

    def districts(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        """Every district of the chosen states (all without), zeros included, with its place."""
        ...

    def diseases(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        """Disease areas with attendances, most first."""
        ...

    def partners(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        """Partners with attendances, most first (a programme counts for each partner)."""
        ...

    def hubs(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        """Hubs with attendances, most first, with their place, host and sector."""
        ...

    def programs(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        """Programmes with attendances by code, with partner codes and retention."""
        ...

    def cadres(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        """Cadres with attendances, most first."""
        ...

    def matrix(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        """Metrics per (home state, disease area) cell with attendances."""
        ...

    def trend(self, filters: Filters, interval: str = "month") -> pd.DataFrame:
        """period, sessions, attendances, participants; oldest period first."""
        ...

    def split(self, filters: Filters, interval: str = "month", by: str = "disease") -> pd.DataFrame:
        """Attendances per period and disease area or partner: period, group, attendances."""
        ...

    def options(self, filters: Filters) -> dict[str, pd.DataFrame]:
        """Per filter list, every value with its attendances under the other filters."""
        ...

    def month_sessions(self, filters: Filters, month: int) -> pd.DataFrame:
        """The selection's sessions held in `month` (YYYYMM), with their attendances."""
        ...

    def latest_sessions(self, filters: Filters, count: int = 10) -> pd.DataFrame:
        """The selection's latest `count` sessions, with their attendances."""
        ...

    # What needs attention (dashboard.attention): each as of a day, the store ending then.

    def hub_silence(self, filters: Filters, as_of: date) -> pd.DataFrame:
        """Hubs of the selection with a programme running on `as_of`: hub_code, hub,
        last_session (up to `as_of`), running_since (the earliest start of those running)."""
        ...

    def retention_as_of(self, filters: Filters, as_of: date) -> pd.DataFrame:
        """program_code, name, participants, retention: the metric in the store as it was
        at the end of `as_of`."""
        ...

    def cohorts(self, filters: Filters, first: date, last: date, as_of: date) -> pd.DataFrame:
        """program_code, name, cohort (participants who first attended it from `first` to
        `last`), once (those of them who attended it once up to `as_of`)."""
        ...


def hubs_running(programmes: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """`hub_silence`'s answer from the selection's programmes (hub_code, hub, last_session,
    start_date, end_date): each hub with a programme running on `as_of`, its last session
    among all its programmes and the earliest start of those running. Both backends end so."""
    rows = programmes.copy()
    for column in ("last_session", "start_date", "end_date"):
        rows[column] = pd.to_datetime(rows[column])
    day = pd.Timestamp(as_of)
    running = (rows.start_date <= day) & (rows.end_date.isna() | (rows.end_date >= day))
    rows["running_since"] = rows.start_date.where(running)
    per_hub = rows.groupby(["hub_code", "hub"], as_index=False).agg(
        last_session=("last_session", "max"), running_since=("running_since", "min")
    )
    per_hub = per_hub[per_hub.running_since.notna()].sort_values("hub_code", ignore_index=True)
    for column in ("last_session", "running_since"):
        per_hub[column] = per_hub[column].dt.date
    return per_hub

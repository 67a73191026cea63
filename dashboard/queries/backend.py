"""The SQL query layer as a `Backend`: every question answered by the store itself.

It counts every metric of a breakdown in one pass, whichever are asked for.
"""

from datetime import date

import pandas as pd

from dashboard.backend import Metrics
from dashboard.queries import attention, breakdowns, lookups, options, sessions, trend
from dashboard.queries.metrics import summary
from dashboard.store.database import Store
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import METRICS


class SqlBackend:
    """Answers read from the store named (see `dashboard.backend.Backend`)."""

    def __init__(self, store: Store):
        self.store = store

    def data_version(self) -> int:
        return lookups.current_data_version(self.store)

    def data_as_of(self) -> date | None:
        return lookups.data_as_of(self.store)

    def known_codes(self) -> dict[str, frozenset]:
        return lookups.known_codes(self.store)

    def summary(self, filters: Filters) -> dict[str, int]:
        return summary(self.store, filters)

    def states(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return breakdowns.by_state(self.store, filters)

    def districts(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return breakdowns.by_district(self.store, filters)

    def diseases(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return breakdowns.by_disease(self.store, filters)

    def partners(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return breakdowns.by_partner(self.store, filters)

    def hubs(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return breakdowns.by_hub(self.store, filters)

    def programs(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return breakdowns.by_program(self.store, filters)

    def cadres(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return breakdowns.by_cadre(self.store, filters)

    def matrix(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return breakdowns.state_by_disease(self.store, filters)

    def trend(self, filters: Filters, interval: str = "month") -> pd.DataFrame:
        return trend.trend(self.store, filters, interval)

    def split(self, filters: Filters, interval: str = "month", by: str = "disease") -> pd.DataFrame:
        return trend.attendance_split(self.store, filters, interval, by)

    def options(self, filters: Filters) -> dict[str, pd.DataFrame]:
        return options.all_options(self.store, filters)

    def month_sessions(self, filters: Filters, month: int) -> pd.DataFrame:
        return sessions.sessions_of_month(self.store, filters, month)

    def latest_sessions(self, filters: Filters, count: int = 10) -> pd.DataFrame:
        return sessions.latest_sessions(self.store, filters, count)

    def hub_silence(self, filters: Filters, as_of: date) -> pd.DataFrame:
        return attention.hub_silence(self.store, filters, as_of)

    def retention_as_of(self, filters: Filters, as_of: date) -> pd.DataFrame:
        return attention.retention_as_of(self.store, filters, as_of)

    def cohorts(self, filters: Filters, first: date, last: date, as_of: date) -> pd.DataFrame:
        return attention.cohorts(self.store, filters, first, last, as_of)

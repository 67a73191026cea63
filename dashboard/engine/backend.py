"""The engine as a `Backend`: the questions over attendances answered from memory.

It holds the attendances, not the sessions' own rows nor the store's bookkeeping, so
it hands session lists, the data version, the data's date and the known filter codes
to the `Backend` it is given (the SQL one). The questions of what needs attention as of
a past day (dashboard.engine.attention) are answered here too, and cached by the data
manager: each takes a few passes over the rows.
"""

from collections.abc import Callable
from datetime import date

import pandas as pd

from dashboard.backend import Backend, Metrics
from dashboard.engine import answers, attention
from dashboard.engine.core import Engine
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import METRICS


def in_memory(answer: Callable) -> Callable:
    """Marks an answer computed from memory: the data manager does not cache it, as it
    takes about as long as a trip to the cache."""
    answer.in_memory = True  # type: ignore[attr-defined]
    return answer


class EngineBackend:
    """Answers from the engine `engine()` returns (the one of the current data version)."""

    def __init__(self, engine: Callable[[], Engine], store_backend: Backend):
        self.engine = engine
        self.store_backend = store_backend

    def data_version(self) -> int:
        return self.store_backend.data_version()

    def data_as_of(self) -> date | None:
        return self.store_backend.data_as_of()

    def known_codes(self) -> dict[str, frozenset]:
        return self.store_backend.known_codes()

    @in_memory
    def summary(self, filters: Filters) -> dict[str, int]:
        return answers.summary(self.engine(), filters)

    @in_memory
    def states(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return answers.by_state(self.engine(), filters, metrics=metrics)

    @in_memory
    def districts(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return answers.by_district(self.engine(), filters, metrics=metrics)

    @in_memory
    def diseases(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return answers.by_disease(self.engine(), filters, metrics=metrics)

    @in_memory
    def partners(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return answers.by_partner(self.engine(), filters, metrics=metrics)

    @in_memory
    def hubs(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return answers.by_hub(self.engine(), filters, metrics=metrics)

    @in_memory
    def programs(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return answers.by_program(self.engine(), filters, metrics=metrics)

    @in_memory
    def cadres(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return answers.by_cadre(self.engine(), filters, metrics=metrics)

    @in_memory
    def matrix(self, filters: Filters, metrics: Metrics = METRICS) -> pd.DataFrame:
        return answers.state_by_disease(self.engine(), filters, metrics=metrics)

    @in_memory
    def trend(self, filters: Filters, interval: str = "month") -> pd.DataFrame:
        return answers.trend(self.engine(), filters, interval)

    @in_memory
    def split(self, filters: Filters, interval: str = "month", by: str = "disease") -> pd.DataFrame:
        return answers.attendance_split(self.engine(), filters, interval, by)

    @in_memory
    def options(self, filters: Filters) -> dict[str, pd.DataFrame]:
        return answers.all_options(self.engine(), filters)

    def month_sessions(self, filters: Filters, month: int) -> pd.DataFrame:
        return self.store_backend.month_sessions(filters, month)

    def latest_sessions(self, filters: Filters, count: int = 10) -> pd.DataFrame:
        return self.store_backend.latest_sessions(filters, count)

    def hub_silence(self, filters: Filters, as_of: date) -> pd.DataFrame:
        return attention.hub_silence(self.engine(), filters, as_of)

    def retention_as_of(self, filters: Filters, as_of: date) -> pd.DataFrame:
        return attention.retention_as_of(self.engine(), filters, as_of)

    def cohorts(self, filters: Filters, first: date, last: date, as_of: date) -> pd.DataFrame:
        return attention.cohorts(self.engine(), filters, first, last, as_of)


# The questions the engine answers from memory, in the order of the Backend protocol.
IN_MEMORY = tuple(n for n, answer in vars(EngineBackend).items() if getattr(answer, "in_memory", 0))

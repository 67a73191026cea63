"""The data as one scope may see it: every door (callbacks, API, CSV, live screen) reads
through `ScopedData`, so scope is applied in one place, below them all.

Each question's filters are cut to the scope first (`within`): a state scope is the state
filter (participants' home states), a partner scope the partner filter (the programmes
those partners host or take part in); a filter naming a state, a district or a partner
outside the scope is refused (`OutOfScope`, a 403), and a scope naming nothing sees
nothing. A cut filter is just a filter, so the data manager's caches and the engine's
kept answers, keyed by filters, never serve one scope's answer to another; whole rendered
answers (`remembered`) carry the scope in their key. The lists of values a user may choose
from (`options`) and the states listed (`states`) hold only the scope's own.
"""

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

import pandas as pd

from dashboard.access import current
from dashboard.backend import Metrics
from dashboard.geography import tables as geography
from dashboard.service import DashboardData, dashboard_data
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.scope import OutOfScope, Scope

SEES_NOTHING = (
    "this account has no states or partners assigned, so it sees no data; "
    "ask an administrator for access"
)


class ScopedData:
    """`DashboardData`'s questions, each asked within `scope`."""

    def __init__(self, data: DashboardData, scope: Scope):
        self.data = data
        self.scope = scope

    def within(self, filters: Filters) -> Filters:
        """`filters` cut to the scope (`OutOfScope` naming a value outside it)."""
        return within(self.scope, filters, district_states())

    # The questions (see DashboardData and dashboard.backend.Backend), within the scope.

    def summary(self, filters: Filters) -> dict[str, int]:
        return self.data.summary(self.within(filters))

    def states(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._states_only(self.data.states(self.within(filters), metrics))

    def districts(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self.data.districts(self.within(filters), metrics)

    def diseases(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self.data.diseases(self.within(filters), metrics)

    def partners(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self.data.partners(self.within(filters), metrics)

    def hubs(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self.data.hubs(self.within(filters), metrics)

    def programs(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self.data.programs(self.within(filters), metrics)

    def cadres(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self.data.cadres(self.within(filters), metrics)

    def matrix(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self.data.matrix(self.within(filters), metrics)

    def trend(self, filters: Filters, interval: str = "month") -> pd.DataFrame:
        return self.data.trend(self.within(filters), interval=interval)

    def split(self, filters: Filters, interval: str = "month", by: str = "disease") -> pd.DataFrame:
        return self.data.split(self.within(filters), interval=interval, by=by)

    def options(self, filters: Filters) -> dict[str, pd.DataFrame]:
        return self._options_only(self.data.options(self.within(filters)))

    def month_sessions(self, filters: Filters, month: int) -> pd.DataFrame:
        return self.data.month_sessions(self.within(filters), month=month)

    def latest_sessions(self, filters: Filters, count: int = 10) -> pd.DataFrame:
        return self.data.latest_sessions(self.within(filters), count=count)

    def hub_silence(self, filters: Filters, as_of: date) -> pd.DataFrame:
        return self.data.hub_silence(self.within(filters), as_of=as_of)

    def retention_as_of(self, filters: Filters, as_of: date) -> pd.DataFrame:
        return self.data.retention_as_of(self.within(filters), as_of=as_of)

    def cohorts(self, filters: Filters, first: date, last: date, as_of: date) -> pd.DataFrame:
        return self.data.cohorts(self.within(filters), first=first, last=last, as_of=as_of)

    def shared_answer(self, question: str, filters: Filters, **options: Any) -> Any:
        """The answer to the `Backend` question named (the HTTP API's views), through the
        shared cache, within the scope."""
        answer = self.data.shared_answer(question, self.within(filters), **options)
        cut = {"states": self._states_only, "options": self._options_only}.get(question)
        return cut(answer) if cut else answer

    def check(self, filters: Filters) -> None:
        """Refuse a value outside the scope (`OutOfScope`), then one the store does not know
        (`BadFilter`). The scope first: a code outside it is refused whether or not it
        exists, so refusals tell nothing about other scopes' data."""
        self.within(filters)
        self.data.check(filters)

    def remembered(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """A whole rendered answer, kept per scope: one scope's page is never sent to another."""
        return self.data.remembered((self.scope.key(), *key), compute)

    def version(self) -> int:
        return self.data.version()

    def data_as_of(self) -> date | None:
        """The store's latest session date (the same for every scope: a date, not data)."""
        return self.data.data_as_of()

    # What is listed by value: only the scope's own states and partners.

    def _states_only(self, states: pd.DataFrame) -> pd.DataFrame:
        if self.scope.india or not self.scope.states:
            return states
        return states[states["state_code"].isin(self.scope.states)].reset_index(drop=True)

    def _options_only(self, options: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
        if self.scope.india:
            return options
        kept = {"state": self.scope.states, "partner": self.scope.partners}
        return {
            name: frame[frame["value"].isin(kept[name])].reset_index(drop=True)
            if kept.get(name)
            else frame
            for name, frame in options.items()
        }


def within(scope: Scope, filters: Filters, district_states: Mapping[str, int]) -> Filters:
    """`filters` cut to `scope`: its states and partners added to (and required of) the
    state and partner filters. `OutOfScope` names the first parameter asking for more, or
    says the scope sees nothing."""
    if scope.india:
        return filters
    if scope.sees_nothing:
        raise OutOfScope("scope", SEES_NOTHING)
    changes: dict[str, tuple] = {}
    if scope.states:
        _refuse("state", filters.state, scope.states)
        elsewhere = [d for d in filters.district if district_states.get(d) not in scope.states]
        _refuse("district", elsewhere, ())
        changes["state"] = filters.state or tuple(sorted(scope.states))
    if scope.partners:
        _refuse("partner", filters.partner, scope.partners)
        changes["partner"] = filters.partner or tuple(sorted(scope.partners))
    return replace(filters, **changes)  # the dataclass's own: no copy of every field


def _refuse(parameter: str, asked, allowed) -> None:
    outside = [str(value) for value in asked if value not in allowed]
    if outside:
        shown = ", ".join(outside[:5]) + (" ..." if len(outside) > 5 else "")
        raise OutOfScope(parameter, f"{shown} is outside the data this account may see")


@cache
def district_states() -> dict[str, int]:
    """Each district's state (India's geography, read once): a district filter lies
    within a state scope when its state does."""
    table = geography.districts()
    return dict(zip(table["district_code"], table["state_code"].astype(int), strict=True))


def scoped_data() -> ScopedData:
    """The process's data, as the current request's scope may see it: the one door every
    callback and API view reads through."""
    return ScopedData(dashboard_data(), current.current_scope())

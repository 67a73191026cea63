"""Sessions, attendances and participants per period against brute force."""

from collections import defaultdict

import pytest

from dashboard.vocabulary.filters import BadFilter, Filters
from tests.engine.paths import PATHS, view
from tests.queries import brute
from tests.queries.combos import filter_combinations
from tests.world import make_world

COMBOS = filter_combinations(make_world(seed=7), count=6, seed=5)


@pytest.fixture(params=PATHS)
def trend(request):
    """The trend through the SQL query layer or through the engine."""
    return lambda store, filters, interval="month": view(
        request.param, store, "trend", filters, interval=interval
    )


def _expected(world, filters, interval):
    periods = defaultdict(list)
    for row in brute.records(world, filters):
        periods[brute.period(row["held_on"], interval)].append(row)
    return {
        key: (
            len({r["session"] for r in rows}),
            len(rows),
            len({r["participant"] for r in rows}),
        )
        for key, rows in sorted(periods.items())
    }


@pytest.mark.parametrize("interval", ["month", "quarter", "year", "fy"])
def test_trend_equals_brute_force(trend, small_world, interval):
    store, world = small_world
    for filters in COMBOS:
        frame = trend(store, filters, interval)
        got = {r.period: (r.sessions, r.attendances, r.participants) for r in frame.itertuples()}
        assert got == _expected(world, filters, interval)
        assert list(frame.period) == sorted(frame.period)


def test_financial_year_runs_april_to_march(trend, small_world):
    store, _ = small_world
    frame = trend(store, Filters(), "fy")
    assert all(p.startswith("FY") and len(p) == 9 for p in frame.period)


def test_unknown_interval_is_refused(trend, small_world):
    store, _ = small_world
    with pytest.raises(BadFilter) as error:
        trend(store, Filters(), "week")
    assert error.value.parameter == "interval"

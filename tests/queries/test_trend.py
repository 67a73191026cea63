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


def _host_name(world, row) -> str:
    """The name of the partner hosting the hub of the attendance's programme."""
    hubs = world.by_code("hubs", "hub_code")
    partners = world.by_code("partners", "partner_code")
    return partners[hubs[row["hub"]]["host_partner_code"]]["name"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("interval", ["month", "fy"])
def test_split_by_partner_counts_each_attendance_once_under_its_host(small_world, path, interval):
    """The stacked split's groups add up to the trend, period by period: each attendance
    is under the partner hosting its programme's hub, never once per partner."""
    store, world = small_world
    for filters in (Filters(), *COMBOS):
        rows = brute.records(world, filters)
        expected = defaultdict(int)
        for row in rows:
            expected[brute.period(row["held_on"], interval), _host_name(world, row)] += 1
        split = view(path, store, "split", filters, interval=interval, by="partner")
        got = {(r.period, r.group): r.attendances for r in split.itertuples()}
        assert got == dict(expected)
        stacked = split.groupby("period")["attendances"].sum().to_dict()
        totals = view(path, store, "trend", filters, interval=interval)
        assert stacked == dict(zip(totals.period, totals.attendances, strict=True))


@pytest.mark.parametrize("path", PATHS)
def test_split_by_disease_stacks_to_the_trend(small_world, path):
    store, world = small_world
    expected = defaultdict(int)
    for row in brute.records(world, Filters()):
        expected[brute.period(row["held_on"], "month"), row["disease"]] += 1
    split = view(path, store, "split", Filters(), interval="month", by="disease")
    assert {(r.period, r.group): r.attendances for r in split.itertuples()} == dict(expected)

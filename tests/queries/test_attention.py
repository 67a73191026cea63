"""The questions behind what needs attention, as of several days, against brute force on
the small world (both stores), asked of both backends (SQL and the engine); retention as
of the data's date is the metric itself."""

from collections import defaultdict
from datetime import date, timedelta

import pytest

from dashboard.engine import load_engine
from dashboard.engine.backend import EngineBackend
from dashboard.queries.backend import SqlBackend
from dashboard.vocabulary.filters import Filters
from tests.queries import brute
from tests.world import make_world

# Days some programme of the small world runs on (each runs 200 days), and one after all.
DAYS = (
    *(p["start_date"] + timedelta(days=100) for p in make_world(seed=7).programs[:6:3]),
    date(2025, 1, 1),
)
FILTERS = (Filters(), Filters(state=(29,), cadre=("ASHA", "ANM")))


@pytest.fixture(params=["sql", "engine"])
def backend(request, small_world):
    """The small world's SQL backend, or the engine loaded from it."""
    store, _ = small_world
    sql = SqlBackend(store)
    if request.param == "sql":
        return sql
    engine = load_engine(store)
    return EngineBackend(lambda: engine, sql)


def _upto(world, filters, day):
    return [r for r in brute.records(world, filters) if r["held_on"] <= day]


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("filters", FILTERS)
def test_hub_silence(small_world, backend, day, filters):
    store, world = small_world
    programs = world.by_code("programs", "program_code")
    last, running = {}, defaultdict(list)
    for r in _upto(world, filters, day):
        last[r["hub"]] = max(last.get(r["hub"], r["held_on"]), r["held_on"])
        p = programs[r["program"]]
        if p["start_date"] <= day and (p["end_date"] is None or p["end_date"] >= day):
            running[r["hub"]].append(p["start_date"])
    expected = {hub: (last[hub], min(starts)) for hub, starts in running.items()}
    got = backend.hub_silence(filters, day)
    assert (
        dict(zip(got.hub_code, zip(got.last_session, got.running_since, strict=True), strict=True))
        == expected
    )
    assert bool(expected) == (day != DAYS[-1]) or filters != Filters()


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("filters", FILTERS)
def test_cohorts(small_world, backend, day, filters):
    store, world = small_world
    first, visits = {}, defaultdict(int)
    for r in _upto(world, filters, day):
        key = (r["program"], r["participant"])
        first[key] = min(first.get(key, r["held_on"]), r["held_on"])
        visits[key] += 1
    since = date(day.year - 1, day.month, 1)
    expected: dict = defaultdict(lambda: [0, 0])
    for key, seen in first.items():
        if since <= seen <= day:
            expected[key[0]][0] += 1
            expected[key[0]][1] += visits[key] == 1
    got = backend.cohorts(filters, since, day, day)
    assert {
        c: [n, o] for c, n, o in zip(got.program_code, got.cohort, got.once, strict=True)
    } == expected


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("filters", FILTERS)
def test_retention_as_of_a_day(small_world, backend, day, filters):
    store, world = small_world
    rows = _upto(world, filters, day)
    everyone = _upto(world, Filters(), day)
    held = defaultdict(int)
    for s in world.sessions:
        held[s["program_code"]] += s["held_on"] <= day
    attended = defaultdict(int)  # all of a chosen participant's attendances count
    for r in everyone:
        attended[(r["program"], r["participant"])] += 1
    chosen = {(r["program"], r["participant"]) for r in rows}
    people = defaultdict(list)
    for program, participant in chosen:
        people[program].append(attended[program, participant] * 5 >= held[program] * 4)
    got = backend.retention_as_of(filters, day)
    assert dict(
        zip(got.program_code, zip(got.participants, got.retention, strict=True), strict=True)
    ) == {p: (len(kept), pytest.approx(sum(kept) / len(kept))) for p, kept in people.items()}


def test_retention_as_of_the_data_s_date_is_the_metric(backend):
    filters = Filters(state=(29,))
    programs = backend.programs(filters).set_index("program_code").retention
    got = backend.retention_as_of(filters, backend.data_as_of()).set_index("program_code")
    got = got.retention
    assert got.to_dict() == pytest.approx(programs.to_dict())

"""Breakdowns by state, district, disease, partner, hub and programme against brute force."""

from types import SimpleNamespace

import pytest

from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import METRICS
from tests.engine.paths import PATHS, view
from tests.queries import brute
from tests.queries.combos import filter_combinations
from tests.world import make_world

COMBOS = filter_combinations(make_world(seed=7), count=12, seed=11)
NAMES = {
    "by_state": "states",
    "by_district": "districts",
    "by_disease": "diseases",
    "by_partner": "partners",
    "by_hub": "hubs",
    "by_program": "programs",
}


@pytest.fixture(params=PATHS)
def breakdowns(request):
    """The breakdowns through the SQL query layer or through the engine."""

    def run(name):
        return lambda store, filters: view(request.param, store, name, filters)

    return SimpleNamespace(**{function: run(name) for function, name in NAMES.items()})


def _as_dict(frame, key):
    return {row[key]: {m: int(row[m]) for m in METRICS} for row in frame.to_dict("records")}


def _nonzero(groups):
    return {k: v for k, v in groups.items() if v["attendances"]}


@pytest.mark.parametrize("filters", COMBOS, ids=[str(i) for i in range(len(COMBOS))])
def test_every_breakdown_equals_brute_force(breakdowns, small_world, filters):
    store, world = small_world
    rows = brute.records(world, filters)
    cases = [
        (breakdowns.by_state(store, filters), "state_code", "state", True),
        (breakdowns.by_district(store, filters), "district_code", "district", True),
        (breakdowns.by_disease(store, filters), "disease_area", "disease", False),
        (breakdowns.by_partner(store, filters), "partner_code", "partners", False),
        (breakdowns.by_hub(store, filters), "hub_code", "hub", False),
        (breakdowns.by_program(store, filters), "program_code", "program", False),
    ]
    for frame, key, brute_key, zeros_listed in cases:
        got = _as_dict(frame, key)
        expected = brute.grouped(rows, brute_key)
        assert (_nonzero(got) if zeros_listed else got) == expected, key


def test_states_and_districts_list_white_spots(breakdowns, small_world):
    store, world = small_world
    states = breakdowns.by_state(store, Filters())
    assert len(states) == 36
    districts = breakdowns.by_district(store, Filters())
    assert len(districts) == 780
    reached = {r["district"] for r in brute.records(world, Filters())}
    assert set(districts.loc[districts.attendances > 0, "district_code"]) == reached
    karnataka = breakdowns.by_district(store, Filters(state=(29,)))
    assert set(karnataka.state_code) == {29}


def test_retention_equals_brute_force(breakdowns, small_world):
    store, world = small_world
    for filters in COMBOS:
        programs = breakdowns.by_program(store, filters)
        expected = brute.retention(world, brute.records(world, filters))
        got = dict(zip(programs.program_code, programs.retention, strict=True))
        assert got == pytest.approx(expected)


def test_retention_is_not_trivially_zero_or_one(breakdowns, small_world):
    store, _ = small_world
    values = set(breakdowns.by_program(store, Filters()).retention.round(3))
    assert len(values) > 2


def test_hub_rows_carry_location_and_host(breakdowns, small_world):
    store, world = small_world
    hubs = breakdowns.by_hub(store, Filters()).set_index("hub_code")
    for h in world.hubs:
        assert hubs.loc[h["hub_code"], "district_code"] == h["district_code"]
        assert hubs.loc[h["hub_code"], "host_partner_code"] == h["host_partner_code"]
        assert hubs.loc[h["hub_code"], "state_code"] == world.districts[h["district_code"]]


@pytest.mark.parametrize("filters", [Filters(), Filters(state=(29,))])
def test_district_lgd_codes_are_whole_numbers_or_missing(small_world, breakdowns, filters):
    """A few districts have no LGD code: the others' stay 545, never 545.0."""
    store, _ = small_world
    frame = breakdowns.by_district(store, filters)
    codes = frame.set_index("district_code")["district_lgd"]
    assert str(codes.dtype) == "Int64"
    assert codes["KA-mysuru"] == 545
    assert codes.isna().any() == (not filters.state)
    assert ",545," in frame.to_csv(index=False) and "545.0" not in frame.to_csv(index=False)

"""Every engine view equals the SQL view, on the test World and on a small demo store."""

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from dashboard.demo.build import build_demo
from dashboard.engine import load_engine, query
from dashboard.queries import breakdowns
from dashboard.store.database import Store
from dashboard.store.schema import district, hub, participant, partner, program
from dashboard.vocabulary.filters import Filters
from tests.engine.compare import assert_every_view_equal
from tests.queries.combos import filter_combinations
from tests.world import make_world

WORLD_COMBOS = filter_combinations(make_world(seed=7), count=10, seed=21)


@pytest.fixture(scope="module")
def store_engine(small_world):
    store, _ = small_world
    return store, load_engine(store)


@pytest.mark.parametrize("filters", WORLD_COMBOS, ids=[str(i) for i in range(len(WORLD_COMBOS))])
def test_world_views_equal_sql(store_engine, filters):
    store, engine = store_engine
    assert_every_view_equal(store, engine, filters)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from tests.conftest import migrated_store

    folder = tmp_path_factory.mktemp("demo")
    with migrated_store("sqlite", folder) as store:
        build_demo(store, attendances=20_000, seed=3, progress=False, today=date(2025, 6, 30))
        yield store, load_engine(store)


def _codes(store: Store, column) -> list:
    return sorted(store.read(select(column).distinct()).iloc[:, 0])


def _random_filters(store: Store, count: int, seed: int) -> list[Filters]:
    rng = random.Random(seed)
    choices = {
        "state": [int(c) for c in _codes(store, district.c.state_code)],
        "district": _codes(store, district.c.district_code),
        "partner": _codes(store, partner.c.partner_code),
        "sector": ["health", "education", "other"],
        "cadre": _codes(store, participant.c.cadre),
        "hub": _codes(store, hub.c.hub_code),
        "program": _codes(store, program.c.program_code),
    }
    out = []
    for _ in range(count):
        names = rng.sample(sorted(choices), rng.randrange(1, 3))
        values = {n: tuple(rng.sample(choices[n], rng.randrange(1, 4))) for n in names}
        if rng.random() < 0.5:
            start = date(2012, 1, 1) + timedelta(days=rng.randrange(4000))
            values |= {
                "date_from": start,
                "date_to": start + timedelta(days=rng.randrange(30, 900)),
            }
        out.append(Filters(**values))
    return out


def test_demo_views_equal_sql(demo):
    store, engine = demo
    for filters in [Filters(), Filters(state=(29,)), *_random_filters(store, 25, seed=8)]:
        assert_every_view_equal(store, engine, filters)


@pytest.mark.parametrize("few", [0, 10**9], ids=["read rows", "pass over pairs"])
def test_programme_home_and_cadre_filters_equal_sql_whichever_way_they_are_counted(
    demo, few, monkeypatch
):
    """Programme filters holding few rows are counted from their rows, the rest over every
    pair; the choice (and every other sort-or-tally choice) changes the speed only."""
    store, engine = demo
    monkeypatch.setattr(query, "FEW", few)
    districts = _attended(breakdowns.by_district(store, Filters()), "district_code")
    cadres = _attended(breakdowns.by_cadre(store, Filters()), "cadre")
    partners = _attended(breakdowns.by_partner(store, Filters()), "partner_code")
    hubs = _attended(breakdowns.by_hub(store, Filters()), "hub_code")
    for filters in [
        Filters(district=(districts[0],)),
        Filters(district=(districts[-1], districts[len(districts) // 2])),
        Filters(state=(29,), district=(districts[1],)),
        Filters(state=(9, 27)),
        Filters(cadre=(cadres[0],), district=(districts[2],)),
        Filters(cadre=(cadres[-1],)),
        Filters(partner=(partners[0],)),
        Filters(partner=(partners[-1],)),
        Filters(hub=(hubs[0], hubs[-1])),
        Filters(partner=(partners[1],), sector=("health",)),
    ]:
        engine.forget_selections()
        assert_every_view_equal(store, engine, filters)


def _attended(frame, column: str) -> list:
    """The codes with attendances, most attended first."""
    return list(frame[frame["attendances"] > 0].sort_values("attendances", ascending=False)[column])

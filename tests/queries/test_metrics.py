"""Every metric under many filter combinations equals a brute-force count."""

import pytest

from dashboard.vocabulary.filters import Filters
from tests.engine.paths import PATHS, view
from tests.queries import brute
from tests.queries.combos import filter_combinations
from tests.world import make_world

COMBOS = filter_combinations(make_world(seed=7))


@pytest.fixture(params=PATHS)
def summary(request):
    """The summary through the SQL query layer or through the engine."""
    return lambda store, filters: view(request.param, store, "summary", filters)


@pytest.mark.parametrize("filters", COMBOS, ids=[str(i) for i in range(len(COMBOS))])
def test_summary_equals_brute_force(summary, small_world, filters):
    store, world = small_world
    assert summary(store, filters) == brute.metrics(brute.records(world, filters))


def test_world_is_not_trivial(summary, small_world):
    store, world = small_world
    everything = summary(store, Filters())
    assert everything["attendances"] == len(world.attendance) > 100
    assert everything["states_reached"] == 4
    assert everything["participants"] < everything["attendances"]


def test_selection_matching_nothing_gives_zeros(summary, small_world):
    store, _ = small_world
    filters = Filters(hub=("HB0",), program=("PR1",))  # PR1 belongs to HB1
    assert summary(store, filters) == dict.fromkeys(summary(store, Filters()), 0)

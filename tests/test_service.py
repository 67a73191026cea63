"""The data manager's cache: keyed by store, data version, view and filters."""

from cachelib import SimpleCache

from dashboard.queries.filters import Filters
from dashboard.service import DashboardData
from tests.world import make_world, write_world


def test_two_stores_sharing_one_cache_keep_their_own_answers(new_store):
    shared = SimpleCache()
    empty, full = new_store("sqlite"), new_store("sqlite")
    world = make_world(seed=7)
    write_world(full, world)
    write_world(empty, make_world(seed=8))
    a = DashboardData(empty, shared, use_engine=False).view("summary", Filters())
    b = DashboardData(full, shared, use_engine=False).view("summary", Filters())
    assert b["attendances"] == len(world.attendance) != a["attendances"]

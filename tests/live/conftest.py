"""The live screen's callbacks run as plain functions against the small world."""

import pytest
from cachelib import SimpleCache

from dashboard import service


@pytest.fixture
def world_data(small_world):
    store, world = small_world
    service.use(service.DashboardData(store, SimpleCache()))
    yield store, world
    service.use(None)

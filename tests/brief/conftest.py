"""The test world on SQLite behind the process's data manager, for briefs and the button."""

from collections.abc import Iterator

import pytest
from cachelib import SimpleCache

from dashboard import service
from tests.conftest import migrated_store
from tests.world import World, make_world, write_world


@pytest.fixture(scope="module")
def brief_world(tmp_path_factory) -> Iterator[tuple]:
    with migrated_store("sqlite", tmp_path_factory.mktemp("brief")) as store:
        world: World = make_world(seed=7)
        write_world(store, world)
        service.use(service.DashboardData(store, SimpleCache()))
        yield store, world
        service.use(None)

"""The test world on SQLite: a scope is a cut of the filters, the same on every store and
backend (tests/queries and tests/engine check those)."""

from collections.abc import Iterator

import pytest

from tests.conftest import migrated_store
from tests.world import World, make_world, write_world


@pytest.fixture(scope="session")
def small_world(tmp_path_factory) -> Iterator[tuple]:
    """The small world of tests/conftest.py, on SQLite only."""
    with migrated_store("sqlite", tmp_path_factory.mktemp("scoped")) as store:
        world: World = make_world(seed=7)
        write_world(store, world)
        yield store, world

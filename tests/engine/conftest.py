import pytest

from dashboard.engine import load_engine


@pytest.fixture(scope="module")
def world_engine(small_world):
    """The small world's engine, loaded once per module, and the world it was built from."""
    store, world = small_world
    return load_engine(store), world

"""The test world on SQLite (a scope is a cut of the filters, the same on every store and
backend), and `as_scope`: the request's scope, as sign-in will set it."""

from collections.abc import Callable, Iterator

import pytest

from dashboard.access import current
from dashboard.vocabulary.scope import Scope
from tests.conftest import migrated_store
from tests.world import World, make_world, write_world


@pytest.fixture(scope="session")
def small_world(tmp_path_factory) -> Iterator[tuple]:
    """The small world of tests/conftest.py, on SQLite only."""
    with migrated_store("sqlite", tmp_path_factory.mktemp("scoped")) as store:
        world: World = make_world(seed=7)
        write_world(store, world)
        yield store, world


@pytest.fixture
def as_scope(monkeypatch) -> Callable[[Scope], None]:
    """`as_scope(scope)`: every door then answers as for an account of that scope (the one
    place tests say who is asking; sign-in sets the same through `current_scope`)."""

    def use(scope: Scope) -> None:
        monkeypatch.setattr(current, "current_scope", lambda: scope)

    return use

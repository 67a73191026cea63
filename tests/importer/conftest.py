"""Fixtures for the importer's tests: a seeded SQLite store shared by the bad-input catalogue."""

from collections.abc import Iterator

import pytest

from dashboard.importer import import_path
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from tests.importer.helpers import GOOD, write_files

KEY = "test-participant-key-0123456789"


@pytest.fixture
def key(monkeypatch) -> str:
    monkeypatch.setenv("PARTICIPANT_KEY", KEY)
    return KEY


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[Store]:
    """A migrated SQLite store holding the GOOD files; refused imports must leave it as is."""
    folder = tmp_path_factory.mktemp("seeded")
    store = Store(f"sqlite:///{folder}/seeded.db")
    migrate(store)
    result = import_path(store, write_files(folder / "good", GOOD))
    assert not result.refused, result.text()
    yield store
    store.dispose()

"""A SQLite store holding the importer tests' GOOD files, read by the app read-only as in
production (the import page's and the data quality page's tests)."""

from collections.abc import Iterator
from pathlib import Path

from cachelib import SimpleCache

from dashboard import service
from dashboard.access.web import limiter
from dashboard.importer import import_path
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from tests.importer.helpers import GOOD, write_files


def good_store(folder: Path, monkeypatch) -> Iterator[Store]:
    """The read-write store (the app reads it through its own read-only one)."""
    monkeypatch.setenv("PARTICIPANT_KEY", "test-participant-key-0123456789")
    writing = Store(f"sqlite:///{folder}/store.db")
    migrate(writing)
    assert not import_path(writing, write_files(folder / "good", GOOD)).refused
    reading = Store(writing.url, read_only=True)
    service.use(service.DashboardData(reading, SimpleCache()))
    limiter.reset()
    yield writing
    service.use(None)
    reading.dispose()
    writing.dispose()

"""A store holding the importer tests' GOOD files, read by the app read-only as in
production (the import page's and the data quality page's tests).

On SQLite the app reads the file through a `mode=ro` store and the import page writes
through its read-write companion; on PostgreSQL the app reads as the web role (the
README's grants: it may not write the data) and the page's imports write through
IMPORT_DATABASE_URL, the owner's."""

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from cachelib import SimpleCache

from dashboard import service
from dashboard.access.web import limiter
from dashboard.importer import import_path
from dashboard.store.database import Store
from tests.conftest import migrated_store, read_only_role
from tests.importer.helpers import GOOD, write_files


def good_store(folder: Path, monkeypatch, backend: str = "sqlite") -> Iterator[Store]:
    """The read-write store on `backend` (the app reads it through its own read-only one)."""
    monkeypatch.setenv("PARTICIPANT_KEY", "test-participant-key-0123456789")
    with ExitStack() as stack:
        writing = stack.enter_context(migrated_store(backend, folder))
        assert not import_path(writing, write_files(folder / "good", GOOD)).refused
        reading_url = writing.url
        if backend == "postgresql":
            reading_url = stack.enter_context(read_only_role(writing.url))
            monkeypatch.setenv("IMPORT_DATABASE_URL", writing.url)
        reading = Store(reading_url, read_only=True)
        stack.callback(reading.dispose)
        service.use(service.DashboardData(reading, SimpleCache()))
        limiter.reset()
        yield writing
        service.use(None)

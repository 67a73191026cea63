"""Big files: streamed in chunks, killed mid-write without harm, read consistently meanwhile."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlalchemy import text

from benchmarks.import_speed import generate
from dashboard.config import REPO_ROOT
from dashboard.importer import import_path, sources, table
from dashboard.queries.metrics import summary
from dashboard.vocabulary.filters import Filters
from tests.conftest import BACKENDS
from tests.importer.helpers import GOOD, snapshot, write_files


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    """200,000 attendance rows over 4,000 sessions and 30,000 participants."""
    folder = tmp_path_factory.mktemp("big")
    generate(folder, attendances=200_000, sessions=4_000, participants=30_000)
    return folder


def test_the_attendance_file_is_streamed_in_chunks(new_store, big_files, monkeypatch):
    store = new_store("sqlite")
    monkeypatch.setattr(sources, "CHUNK_ROWS", 25_000)
    sizes = []
    original = table.Block.__init__

    def spy(self, source, header, chunk, report):
        if source.spec.name == "attendance":
            sizes.append(len(chunk.rows))
        original(self, source, header, chunk, report)

    monkeypatch.setattr(table.Block, "__init__", spy)
    result = import_path(store, big_files)
    assert not result.refused, result.text()
    assert result.counts["attendance"].inserted == 200_000
    assert max(sizes) == 25_000
    assert sum(sizes) == 2 * 200_000  # checked, then written: two passes, never whole


def start_import(folder, store) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dashboard", "import", str(folder), "--db", str(store.url)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )


def wait_for(process: subprocess.Popen, marker: bytes, timeout: float = 60) -> None:
    """Read the progress bars on stderr until `marker` shows."""
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        chunk = process.stderr.read1(4096)
        if not chunk or time.monotonic() > deadline:
            process.kill()
            said = process.stdout.read()[-500:]
            raise AssertionError(f"never saw {marker!r}: {seen[-500:]!r}; it said {said!r}")
        seen += chunk


@pytest.fixture(scope="module")
def slow_files(tmp_path_factory):
    """A million attendance rows: writing them takes seconds on any machine, so the
    progress bar (shown after one second) appears well before the write ends."""
    folder = tmp_path_factory.mktemp("slow")
    generate(folder, attendances=1_000_000, sessions=20_000, participants=100_000)
    return folder


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_import_killed_mid_write_leaves_the_store_unchanged(
    backend, new_store, slow_files, tmp_path
):
    store = new_store(backend)
    import_path(store, write_files(tmp_path, GOOD))
    before = snapshot(store)
    process = start_import(slow_files, store)
    wait_for(process, b"writing attendance.csv")
    time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    store.dispose()
    assert snapshot(store) == before
    if store.is_sqlite:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    more = {"attendance.csv": GOOD["attendance.csv"] + "S2,U2\n"}
    again = import_path(store, write_files(tmp_path / "more", more))
    assert again.counts["attendance"].inserted == 1


def test_a_reader_sees_the_old_data_or_the_new_never_a_mix(new_store, big_files, tmp_path):
    store = new_store("sqlite")
    import_path(store, write_files(tmp_path, GOOD))
    old = summary(store, Filters())
    seen = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.append(summary(store, Filters()))
            time.sleep(0.02)

    reader = threading.Thread(target=read)
    reader.start()
    process = start_import(big_files, store)
    try:
        process.communicate(timeout=120)
    finally:
        done.set()
        reader.join()
    assert process.returncode == 0
    new = summary(store, Filters())
    assert new["attendances"] == old["attendances"] + 200_000
    assert {tuple(s.values()) for s in seen} <= {tuple(old.values()), tuple(new.values())}
    assert len(seen) > 5

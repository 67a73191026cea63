"""The Store: time limits on reads that do not outlive them, readable unavailability, and
one import's write transaction at a time."""

import threading
import time

import pytest
from sqlalchemy import func, select, text

from dashboard.store.database import Store
from dashboard.store.schema import attendance, attendance_fact
from dashboard.store.writes import refresh_read_model
from dashboard.vocabulary.errors import StoreUnavailable
from tests.conftest import BACKENDS
from tests.world import make_world, write_world


def test_slow_read_is_stopped_and_the_limit_does_not_stay_on_the_connection(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/slow.db", read_timeout=0.2)
    slow = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000)"
        " SELECT COUNT(*) FROM n"
    )
    with pytest.raises(StoreUnavailable):
        store.read(slow)
    assert store.scalar("SELECT 1") == 1
    with store.transaction() as conn:  # the same pooled connection, no limit any more
        assert conn.execute(text(slow.replace("50000000", "2000000"))).scalar() == 2000000


def test_unreachable_store_is_unavailable_not_a_crash():
    store = Store("postgresql://postgres@127.0.0.1:9/none", read_timeout=1)
    with pytest.raises(StoreUnavailable):
        store.read("SELECT 1")


def test_postgres_url_uses_psycopg_3():
    assert Store("postgresql://u@h/db").engine.dialect.driver == "psycopg"


def test_postgresql_read_limit_ends_with_the_read(new_store):
    store = Store(new_store("postgresql").url, read_timeout=0.3)
    for read in (store.read, store.scalar):
        with pytest.raises(StoreUnavailable):
            read("SELECT pg_sleep(2)")
    assert store.scalar("SELECT 7") == 7
    with store.transaction() as conn:  # a pooled connection a read used: no limit left on it
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "0"
        conn.execute(text("SELECT pg_sleep(0.5)"))
    store.dispose()


def test_postgresql_reads_survive_the_server_dropping_their_connections(new_store):
    store = Store(new_store("postgresql").url)
    assert store.scalar("SELECT 1") == 1
    with store.transaction() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    assert store.scalar("SELECT 2") == 2  # the pooled read connection was dead: replaced
    assert list(store.read("SELECT 3 AS n")["n"]) == [3]
    store.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_imports_write_one_after_the_other(new_store, backend):
    """An import's transaction (`exclusive_transaction`) waits for another's to end, on
    PostgreSQL as on SQLite: overlapping, the second rebuilt the read model beside the
    first's new facts, and every attendance was counted twice."""
    store = new_store(backend)
    write_world(store, make_world(seed=5))
    first_began = threading.Event()

    def first() -> None:
        with store.exclusive_transaction(lambda: True) as conn:
            refresh_read_model(conn)
            first_began.set()
            time.sleep(1)  # the second begins meanwhile

    thread = threading.Thread(target=first)
    thread.start()
    first_began.wait()
    with store.exclusive_transaction(lambda: True) as conn:
        refresh_read_model(conn)
    thread.join()
    facts, attendances = (
        store.scalar(select(func.count()).select_from(t)) for t in (attendance_fact, attendance)
    )
    assert facts == attendances

"""The web server's store is read-only: it never creates nor writes the store, follows a
SQLite file that is replaced or missing for a while, and reads everything from the new file."""

import os
import shutil

import psycopg
import pytest
from cachelib import SimpleCache
from sqlalchemy import text

from app import server
from dashboard import service
from dashboard.access.credentials import new_token
from dashboard.store.database import Store, StoreUnavailable
from dashboard.store.migrate import migrate
from dashboard.vocabulary.filters import Filters
from tests import signin
from tests.queries import brute
from tests.world import make_world, write_world

SIDE_FILES = ("-wal", "-shm", "-journal")


TOKEN = new_token()  # the same in every file written, so the server's reader is signed in


def _written(path, seed: int, programmes: int = 9):
    store = Store(f"sqlite:///{path}")
    migrate(store)
    world = make_world(seed=seed, programmes=programmes)
    write_world(store, world)
    signin.token(store, signin.user(store, email="reader@test.invalid"), secret=TOKEN)
    store.dispose()
    return world


@pytest.fixture
def two_stores(tmp_path):
    """Two SQLite stores of different worlds, and the path the server reads."""
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    worlds = _written(first, 7), _written(second, 3, programmes=11)  # PR9, PR10: second only
    return (first, worlds[0]), (second, worlds[1]), tmp_path / "echo.db"


@pytest.fixture
def serving(two_stores):
    """The app reading `echo.db` read-only, as `dashboard_data()` opens it."""
    *_, path = two_stores
    data = service.DashboardData(Store(f"sqlite:///{path}", read_only=True), SimpleCache())
    service.use(data)
    client = server.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {TOKEN}"
    yield client, data
    service.use(None)
    data.store.dispose()


def _files(folder) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_a_missing_store_is_503_and_never_created(serving, two_stores):
    http, _ = serving
    *_, path = two_stores
    for url in ("/healthz", "/api/v1/summary", "/api/v1/states?state=29"):
        assert http.get(url).status_code == 503
    assert not any(os.path.exists(f"{path}{suffix}") for suffix in ("", *SIDE_FILES))


def test_a_read_only_store_refuses_to_write(two_stores):
    (first, _), *_ = two_stores
    store = Store(f"sqlite:///{first}", read_only=True)
    with pytest.raises(Exception, match="readonly"), store.transaction() as conn:
        conn.execute(text("UPDATE data_version SET version = version + 1"))
    store.dispose()


def _summary(http, query: str = "") -> dict:
    answer = http.get(f"/api/v1/summary{query}")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()


@pytest.mark.parametrize("engine", [True, False], ids=["engine", "sql"])
def test_a_replaced_file_is_read_afresh_whole(serving, two_stores, engine):
    """Numbers, filter checks and the engine all come from the file now at the path,
    whatever its data version; a file moved away is a 503 until it is back."""
    http, data = serving
    data.use_engine = engine
    (first, world_a), (second, world_b), path = two_stores
    shutil.copy(first, path)
    assert _summary(http)["attendances"] == len(world_a.attendance)

    os.replace(path, path.with_suffix(".away"))
    assert http.get("/api/v1/summary").status_code == 503
    os.replace(path.with_suffix(".away"), path)
    assert _summary(http)["attendances"] == len(world_a.attendance)

    shutil.copy(second, path.with_suffix(".new"))
    os.replace(path.with_suffix(".new"), path)
    expected = brute.metrics(brute.records(world_b, Filters()))
    assert {k: v for k, v in _summary(http).items() if k in expected} == expected
    assert http.get("/api/v1/summary?program=PR10").status_code == 200  # only in the new file
    shutil.copy(first, path.with_suffix(".new"))
    os.replace(path.with_suffix(".new"), path)
    refused = http.get("/api/v1/summary?program=PR10")  # checked against the file read now
    assert refused.status_code == 400 and refused.get_json()["parameter"] == "program"
    assert _summary(http)["attendances"] == len(world_a.attendance)


def test_the_reader_pragmas_do_not_change_the_journal(two_stores):
    (first, _), *_ = two_stores
    store = Store(f"sqlite:///{first}", read_only=True)
    assert store.scalar("PRAGMA journal_mode") == "wal"
    store.dispose()


def test_a_read_only_postgresql_store_cannot_write(new_store):
    url = new_store("postgresql").url
    store = Store(url, read_only=True)
    assert store.scalar("SHOW default_transaction_read_only") == "on"
    with pytest.raises(Exception, match="read-only"), store.transaction() as conn:
        conn.execute(text("UPDATE data_version SET version = version + 1"))
    store.dispose()
    with psycopg.connect(url.replace("+psycopg", "")) as owner:  # the owner still writes
        owner.execute("UPDATE data_version SET version = version + 1")


def test_unavailable_names_the_missing_file_for_the_log(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/gone.db", read_only=True)
    with pytest.raises(StoreUnavailable, match="missing"):
        store.scalar("SELECT 1")
    assert not (tmp_path / "gone.db").exists()

"""Shared fixtures: stores built from code on SQLite and on PostgreSQL.

PostgreSQL tests skip when no server answers, except under CI=true, where a
missing PostgreSQL fails the run instead of silently skipping.
"""

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psycopg
import pytest
from cachelib import SimpleCache

from dashboard import service
from dashboard.access import current
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from dashboard.vocabulary.scope import Scope
from tests.world import World, make_world, write_world

POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]
READ_ONLY_ROLE = (  # the web role of the README ("PostgreSQL: the web process only reads")
    "CREATE ROLE {role} LOGIN",
    "GRANT CONNECT ON DATABASE {database} TO {role}",
    "GRANT USAGE ON SCHEMA public TO {role}",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
    "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT SELECT ON TABLES TO {role}",
    # sign-in's two writes: audit rows, a token's first use (dashboard/store/accounts.py)
    "GRANT INSERT ON audit_event TO {role}",
    "GRANT USAGE ON SEQUENCE audit_event_id_seq TO {role}",
    "GRANT UPDATE (first_used_at) ON api_token TO {role}",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The soak test first: it runs for ten minutes in its own xdist group, so started
    first it runs beside the rest of the suite, not after most of it (`make test`)."""
    items.sort(key=lambda item: item.get_closest_marker("soak") is None)


def _postgres_or_skip() -> None:
    try:
        psycopg.connect(POSTGRES_ADMIN, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI=true but unreachable: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")


def _create_postgres_database() -> str:
    name = f"echo_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def _drop_postgres_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def read_only_role(url: str) -> Iterator[str]:
    """The URL of a new login role with the web role's grants (READ_ONLY_ROLE) on the
    PostgreSQL database at `url` (the owner's, `postgres`); the role is dropped afterwards."""
    role = f"echo_web_{uuid.uuid4().hex[:8]}"
    database = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as owner:
        for statement in READ_ONLY_ROLE:
            owner.execute(statement.format(role=role, database=database, owner="postgres"))
    try:
        yield url.replace("postgres@", f"{role}@", 1)
    finally:
        with psycopg.connect(url, autocommit=True) as owner:
            owner.execute(f"DROP OWNED BY {role}")
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
            admin.execute(f'REVOKE ALL ON DATABASE "{database}" FROM {role}')
            admin.execute(f"DROP ROLE {role}")


@contextmanager
def migrated_store(backend: str, folder: Path) -> Iterator[Store]:
    """An empty, migrated store on `backend`: a SQLite file in `folder`, or a fresh
    PostgreSQL database dropped afterwards."""
    url = None
    if backend == "postgresql":
        _postgres_or_skip()
        url = _create_postgres_database()
    store = Store(url or f"sqlite:///{folder}/store-{uuid.uuid4().hex[:8]}.db")
    try:
        migrate(store)
        yield store
    finally:
        store.dispose()
        if url:
            _drop_postgres_database(url)


@pytest.fixture
def new_store(tmp_path) -> Iterator:
    """A factory of empty, migrated stores: `new_store("sqlite")` or `new_store("postgresql")`."""
    with ExitStack() as stack:
        yield lambda backend="sqlite": stack.enter_context(migrated_store(backend, tmp_path))


@pytest.fixture(scope="session", autouse=True)
def engine_files(tmp_path_factory) -> Iterator[Path]:
    """Engines shared between processes (ECHO_ENGINE_DIR) go to this run's temporary folder,
    one per xdist worker, not to the user's default one; servers started by tests inherit it."""
    folder = tmp_path_factory.mktemp("engines")
    before = os.environ.get("ECHO_ENGINE_DIR")
    if (before or "").strip().lower() not in ("off", "0", "false", "no"):
        os.environ["ECHO_ENGINE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("ECHO_ENGINE_DIR", None)
    else:
        os.environ["ECHO_ENGINE_DIR"] = before


@pytest.fixture(scope="session", params=BACKENDS)
def small_world(request, tmp_path_factory) -> Iterator[tuple[Store, World]]:
    """A small data set built from code, written once per backend, read by many tests."""
    with migrated_store(request.param, tmp_path_factory.mktemp("world")) as store:
        world = make_world(seed=7)
        write_world(store, world)
        yield store, world


@pytest.fixture(scope="session")
def attention_store(tmp_path_factory) -> Iterator[Store]:
    """The world where each attention rule has items and near misses
    (tests/attention_world.py), on SQLite, written once."""
    from tests.attention_world import attention_world

    with migrated_store("sqlite", tmp_path_factory.mktemp("attention")) as store:
        write_world(store, attention_world())
        yield store


@pytest.fixture
def world_data(small_world):
    """The small world behind the process's data manager, as callbacks reach it."""
    store, world = small_world
    service.use(service.DashboardData(store, SimpleCache()))
    yield store, world
    service.use(None)


@pytest.fixture
def as_scope(monkeypatch) -> Callable[[Scope], None]:
    """`as_scope(scope)`: every door (callbacks, API, CSV, live screen) then answers as for
    an account of that scope; the one place tests say who is asking."""

    def use(scope: Scope) -> None:
        monkeypatch.setattr(current, "current_scope", lambda: scope)

    return use


@contextmanager
def own_postgres_world(seed: int) -> Iterator[tuple[Store, World, str]]:
    """A PostgreSQL database of the test's own holding a World, dropped afterwards."""
    _postgres_or_skip()
    url = _create_postgres_database()
    store = Store(url)
    migrate(store)
    world = make_world(seed=seed)
    write_world(store, world)
    try:
        yield store, world, url
    finally:
        store.dispose()
        _drop_postgres_database(url)


@pytest.fixture
def signed_in_http(new_store):
    """A test client of the app, signed in (a ministry user's token) to an empty store."""
    from app import server
    from tests.signin import signed_in

    store = new_store("sqlite")
    service.use(service.DashboardData(store, SimpleCache()))
    yield signed_in(server.test_client(), store)
    service.use(None)

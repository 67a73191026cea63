"""Sign-in and scoped access on the small world, SQLite only: a scope is a cut of the
filters, the same on every store and backend (tests/queries and tests/engine check those),
and sign-in's writes on PostgreSQL are tested in test_store.py. The app reads the world
read-only, as in production: sign-in's writes (audit rows, a token's first use) go through
the store's access writer."""

import re
from collections.abc import Iterator

import pytest
from cachelib import SimpleCache

from app import server
from dashboard import service
from dashboard.access.web import limiter
from dashboard.store import accounts
from dashboard.store.database import Store
from tests import signin
from tests.conftest import migrated_store
from tests.world import World, make_world, write_world

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture(scope="session")
def small_world(tmp_path_factory) -> Iterator[tuple]:
    """The small world of tests/conftest.py, on SQLite only."""
    with migrated_store("sqlite", tmp_path_factory.mktemp("scoped")) as store:
        world: World = make_world(seed=7)
        write_world(store, world)
        yield store, world


@pytest.fixture
def app_store(small_world) -> Iterator[tuple[Store, object]]:
    """(the world's read-write store, the world) with the app reading it read-only."""
    store, world = small_world
    reading = Store(store.url, read_only=True)
    service.use(service.DashboardData(reading, SimpleCache()))
    limiter.reset()
    yield store, world
    service.use(None)
    reading.dispose()


@pytest.fixture
def http(app_store):
    return server.test_client()


def sign_in(http, email: str, password: str, next_page: str = "/"):
    """POST the sign-in form as a browser does, with the CSRF token of the page."""
    token = CSRF.search(http.get("/login").get_data(as_text=True)).group(1)
    form = {"email": email, "password": password, "csrf_token": token}
    return http.post(f"/login?next={next_page}", data=form)


def person(store: Store, role: str = "ministry", **scope):
    """A user who signs in with `signin.PASSWORD`."""
    return signin.user(store, role, password=signin.PASSWORD, **scope)


def actions(store: Store, who: str) -> list[str]:
    """The audit log's actions for `who`, oldest first."""
    return [r["action"] for r in reversed(accounts.audit_events(store)) if r["who"] == who]

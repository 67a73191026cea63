"""Browser tests: the real app in a subprocess, Debian's Chromium driving it.

Skipped when Chromium is missing, except under CI=true, where they must run.
Every test fails on a console error or on a request that leaves 127.0.0.1.
"""

import os
import shutil

import pytest

from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from tests.browser.driver import (
    AppServer,
    assert_stayed_home,
    chromium,
    quit_reporting,
    sign_in,
)
from tests.world import make_world, write_world


def pytest_collection_modifyitems(items):
    """Every test under tests/browser is a browser test (`-m "not browser"` leaves them out):
    a conftest's `pytestmark` would mark nothing."""
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


def _require_chromium() -> None:
    if shutil.which("chromium") and shutil.which("chromedriver"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("Chromium and chromedriver are required under CI=true")
    pytest.skip("Chromium or chromedriver not installed (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="session")
def world_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "world.db"
    store = Store(f"sqlite:///{path}")
    migrate(store)
    world = make_world(seed=7)
    write_world(store, world)
    store.dispose()
    return f"sqlite:///{path}", world


@pytest.fixture(scope="session")
def app_server(world_store):
    _require_chromium()
    server = AppServer(world_store[0])
    yield server
    server.stop()


@pytest.fixture
def browser(app_server):
    driver = chromium()
    sign_in(driver, app_server)
    yield driver
    outside, errors = quit_reporting(driver)
    assert_stayed_home(outside, errors)

"""The real server on a SQLite file that is missing at start, then put in place: it answers
503 meanwhile, creates nothing at the path, and serves the file within seconds of its arrival.
Its `Server` header names no Python version."""

import shutil
import sys
import time

from dashboard.access.credentials import new_token
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from tests import signin
from tests.browser.driver import AppServer
from tests.serving.http import authorize, get
from tests.world import make_world, write_world


def test_the_server_waits_for_a_missing_store_without_creating_it(tmp_path):
    path = tmp_path / "echo.db"
    server = AppServer(f"sqlite:///{path}", account=False)  # no store yet to make one in
    token = new_token()
    authorize(server.url, token)
    try:
        status, headers, _ = get(server.url + "/healthz")
        assert status == 503
        assert sys.version.split()[0] not in headers.get("Server", "")
        assert get(server.url + "/api/v1/summary")[0] == 503
        assert sorted(p.name for p in tmp_path.iterdir()) == []

        built = tmp_path / "built.db"
        store = Store(f"sqlite:///{built}")
        migrate(store)
        world = make_world(seed=7)
        write_world(store, world)
        signin.token(store, secret=token)
        store.dispose()
        shutil.move(built, path)

        deadline = time.monotonic() + 10
        while get(server.url + "/healthz")[0] != 200:
            assert time.monotonic() < deadline, "the server did not notice the store within 10 s"
            time.sleep(0.2)
        status, _, body = get(server.url + "/api/v1/summary")
        assert status == 200 and str(len(world.attendance)).encode() in body
    finally:
        server.stop()

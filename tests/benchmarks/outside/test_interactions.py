"""Timed interactions speak Dash's protocol as the page does: run here against the app
in-process (Flask's test client), on the small world, every answer checked by hand."""

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import pytest
from werkzeug.serving import make_server

from app import server
from benchmarks.dash_protocol import (
    Http,
    Page,
    Recorder,
    Sample,
    first_block_request,
    server_callbacks,
)
from benchmarks.outside.interactions import INTERACTIONS, open_programmes
from dashboard.queries.filters import Filters
from layouts.grids import BLOCK_SIZE
from tests.queries import brute


class InProcess:
    """The Http of dash_protocol, answered by the app in this process."""

    def __init__(self, recorder: Recorder):
        self.client = server.test_client()
        self.recorder = recorder

    def request(self, method: str, path: str, kind: str, body: dict | None = None) -> Any:
        started = time.monotonic()
        response = self.client.open(path, method=method, json=body)
        seconds = time.monotonic() - started
        self.recorder.add(Sample(kind, started, seconds, response.status_code))
        return response.get_json(silent=True) if response.status_code == 200 else None


@pytest.fixture
def page(world_data):
    recorder = Recorder()
    http = InProcess(recorder)
    callbacks = server_callbacks(http.client.get("/_dash-dependencies").get_json())
    with ThreadPoolExecutor(1) as pool:  # one at a time: the test client is not shared
        page = Page(http, callbacks, pool)
        page.open("/")
        yield page


def test_opening_the_programme_table_asks_for_its_first_page(page, world_data):
    _, world = world_data
    assert next(i for i in INTERACTIONS if i.key == "programmes_tab").act is open_programmes
    recorder = page.http.recorder
    mark = len(recorder.samples)
    open_programmes(page, None)
    kinds = [s.kind for s in recorder.since(mark)]
    assert kinds[0] == "POST dashboard-url.search"  # the router, then what the URL sets off
    assert kinds[-1] == "POST dashboard-grid.getRowsResponse"  # then the grid's first block
    assert all(s.status in (200, 204) for s in recorder.since(mark))
    assert page.values["dashboard-url.search"] == "?tab=programmes"
    asked = page.values["dashboard-grid.getRowsRequest"]
    assert asked == {"startRow": 0, "endRow": BLOCK_SIZE, "sortModel": [], "filterModel": {}}
    programmes = {r["program"] for r in brute.records(world, Filters())}
    answer = page.values["dashboard-grid.getRowsResponse"]
    assert answer["rowCount"] == len(programmes)
    assert [r["program_code"] for r in answer["rowData"]] == sorted(programmes)[:BLOCK_SIZE]


def test_a_grid_without_a_block_size_asks_for_a_hundred_rows():
    assert first_block_request(None)["endRow"] == 100
    assert first_block_request({"cacheBlockSize": 20}) == {
        "startRow": 0,
        "endRow": 20,
        "sortModel": [],
        "filterModel": {},
    }


@contextmanager
def serving(app) -> Iterator[str]:
    """The app on a local port, in this process, while the block runs."""
    http = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{http.server_port}"
    finally:
        http.shutdown()


def test_answers_are_asked_for_and_read_in_zstd_as_chromium_does(world_data):
    """The server answers a browser in zstd (its first choice): the bench asks the same way
    and reads what comes back, or it would time another compressor than users get."""
    recorder = Recorder()
    with serving(server) as base:
        http = Http(base, recorder)
        answer = http.request("GET", "/_dash-dependencies", "GET dependencies")
        with http.session.get(base + "/_dash-dependencies", stream=True) as raw:
            encoding = raw.headers.get("Content-Encoding")
    assert encoding == "zstd"
    assert [s.status for s in recorder.samples] == [200]
    assert answer == server.test_client().get("/_dash-dependencies").get_json()

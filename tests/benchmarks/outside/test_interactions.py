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
    find,
    first_block_request,
    kind_of,
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


def _callback(output: str, inputs: list[str]) -> dict:
    split = [i.rsplit(".", 1) for i in inputs]
    return {"output": output, "inputs": [{"id": c, "property": p} for c, p in split]}


def test_a_callback_waits_for_one_that_sets_its_input_unless_that_output_is_a_duplicate():
    """dash-renderer holds a callback back while another pending one will set its input, but
    keeps an allow_duplicate output's suffix (`v.data@1f2e`), which never equals an input."""
    reader = _callback("figure.figure", ["url.search", "version.data"])
    sets_it = Page(None, [_callback("version.data", ["url.search"]), reader], None)
    assert sets_it._ready({0: [], 1: []}) == [0]
    duplicate = Page(None, [_callback("version.data@1f2e", ["url.search"]), reader], None)
    assert duplicate._ready({0: [], 1: []}) == [0, 1]


def test_the_tiles_and_the_map_ask_in_the_same_wave_after_the_router(page):
    """The KPI callback also writes the data version as a duplicate output, so it does not
    delay the map, the charts and the tabs (the browser asks for all of them at once)."""
    router = page.callbacks.index(find(page.callbacks, "dashboard-url.search"))
    after_router = page._listeners(["dashboard-url.search"], producer=router)
    wave = {kind_of(page.callbacks[i]) for i in page._ready(after_router)}
    assert {"POST dashboard-kpi-hubs.children", "POST dashboard-map.figure"} <= wave
    assert wave == {kind_of(page.callbacks[i]) for i in after_router}


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

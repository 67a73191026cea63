"""Timed interactions speak Dash's protocol as the page does: run here against the app
in-process (Flask's test client), on the small world, every answer checked by hand."""

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from functools import partial
from types import SimpleNamespace
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
from benchmarks.load_test import Choices
from benchmarks.outside.interactions import (
    INTERACTIONS,
    MINISTRY,
    Role,
    World,
    open_programmes,
    pick,
    within,
)
from dashboard.vocabulary.filters import Filters
from layouts.grids import BLOCK_SIZE
from tests import signin
from tests.queries import brute
from tests.signin import signed_in


class InProcess:
    """The Http of dash_protocol, answered by the app in this process."""

    def __init__(self, recorder: Recorder):
        self.client = signed_in(server.test_client())
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
        http = Http(base, recorder, signin.token(world_data[0]))
        answer = http.request("GET", "/_dash-dependencies", "GET dependencies")
        with http.session.get(base + "/_dash-dependencies", stream=True) as raw:
            encoding = raw.headers.get("Content-Encoding")
    assert encoding == "zstd"
    assert [s.status for s in recorder.samples] == [200]
    assert answer == signed_in(server.test_client()).get("/_dash-dependencies").get_json()


def test_shading_the_map_by_participants_in_a_date_range_redraws_it_with_their_counts(
    page, world_data
):
    _, world = world_data
    metric = next(i for i in INTERACTIONS if i.key == "metric_participants")
    chosen = SimpleNamespace(metric_dates=("2021-01-01", "2021-12-31"))
    page.values["dashboard-url.search"] = metric.search(chosen)
    recorder = page.http.recorder
    mark = len(recorder.samples)
    metric.act(page, chosen)
    assert all(s.status in (200, 204) for s in recorder.since(mark))
    assert "POST dashboard-map.figure" in {s.kind for s in recorder.since(mark)}
    search = page.values["dashboard-url.search"]
    assert "metric=participants" in search and "from=2021-01-01" in search
    people: dict[int, set] = {}
    for r in brute.records(world, Filters(date_from=date(2021, 1, 1), date_to=date(2021, 12, 31))):
        people.setdefault(r["state"], set()).add(r["participant"])
    assert people
    shaded = page.values["dashboard-map.figure"]["data"][0]
    assert dict(zip(shaded["locations"], shaded["z"], strict=True)) == {
        state: len(who) for state, who in people.items()
    }


def test_a_scoped_user_picks_only_its_own_state_or_partner():
    choices = Choices(
        states=[(29, 50), (9, 40)],
        districts={29: [("D1", 30)], 9: [("D2", 40)]},
        diseases=[("Mental health", 90)],
        partners=[("PA0", 60), ("PA1", 30)],
    )
    hubs = {29: [("HB1", 30)], 9: [("HB2", 40)]}
    world = World(choices, hubs, ["public"], ["doctor"], ["2021-01"])
    state_user = within(world, Role("state", state=9))
    picks = [pick(state_user, repetition) for repetition in range(5)]
    assert {(p.filter_state, p.drill_state, p.district_state, p.hub_state) for p in picks} == {
        (9, 9, 9, 9)
    }
    assert {p.district for p in picks} == {"D2"} and {p.hub for p in picks} == {"HB2"}
    partner_user = within(world, Role("partner", partner="PA1"))
    assert {(p.partner, p.view_partner) for p in map(partial(pick, partner_user), range(5))} == {
        ("PA1", "PA1")
    }
    assert within(world, MINISTRY) == world
    with pytest.raises(RuntimeError, match="no attendances"):
        within(world, Role("state", state=1))

"""Dash's callback protocol as a browser speaks it: shared by the load test and `make bench`.

A page is driven without a browser: GET /, /_dash-layout and /_dash-dependencies,
then POSTs to /_dash-update-component with the payloads the page sends, built from
/_dash-dependencies. A change fires every server callback that takes it as an
input, in waves that wait for each other's outputs, as Dash's renderer does (it
fires the dependents of every prop in an answer, changed or not, and never the
callback that produced it). Static files are left out (a browser caches them).
"""

import os
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import orjson
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

try:
    from compression import zstd
except ImportError:  # Python before 3.14
    from backports import zstd

UPDATE = "/_dash-update-component"
OK_STATUS = (200, 204, 304)
MAX_WAVES = 6
PARALLEL_PER_PAGE = 6  # a browser's connections per host
REQUEST_TIMEOUT = 60
AG_GRID_BLOCK = 100  # AG Grid's cacheBlockSize when a grid sets none
# What Chromium sends: the server then answers in zstd, as it does the page (urllib3 1.26
# cannot decode zstd, so `Http` does).
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br, zstd"}
TOKEN_VARIABLE = "ECHO_TOKEN"  # the API token the measurements sign in with (README "Tokens")


def signed_in() -> dict[str, str]:
    """The header that signs a request in with ECHO_TOKEN (none when it is unset)."""
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    return {"Authorization": f"Bearer {token}"} if token else {}


def get_json(url: str, timeout: float = 300, **params: Any) -> Any:
    """A signed-in GET's JSON answer."""
    return requests.get(url, params=params or None, headers=signed_in(), timeout=timeout).json()


# --- Payloads and answers -------------------------------------------------------------------


def split_output(output: str) -> list[str]:
    """`..a.x...b.y..` (several outputs) or `a.x` (one) -> ["a.x", "b.y"]."""
    if output.startswith("..") and output.endswith(".."):
        return output[2:-2].split("...")
    return [output]


def plain(prop_id: str) -> str:
    """`a.data@1f2e…` (an allow_duplicate output) -> `a.data`."""
    return prop_id.split("@")[0]


def _spec(prop_id: str) -> dict[str, str]:
    component, prop = prop_id.rsplit(".", 1)
    return {"id": component, "property": prop}


def _with_value(dependency: Mapping[str, str], values: Mapping[str, Any]) -> dict:
    item = {"id": dependency["id"], "property": dependency["property"]}
    key = f"{dependency['id']}.{dependency['property']}"
    if key in values:
        item["value"] = values[key]
    return item


def payload(callback: Mapping, values: Mapping[str, Any], changed: Sequence[str]) -> dict:
    """The body the page POSTs to run `callback` with the page's current `values`."""
    outputs = [_spec(p) for p in split_output(callback["output"])]
    body = {
        "output": callback["output"],
        "outputs": outputs if callback["output"].startswith("..") else outputs[0],
        "inputs": [_with_value(i, values) for i in callback["inputs"]],
        "changedPropIds": list(changed),
    }
    if callback.get("state"):
        body["state"] = [_with_value(s, values) for s in callback["state"]]
    return body


def updates(answer: Mapping) -> dict[str, Any]:
    """A callback's answer as {"id.prop": value}."""
    return {
        f"{component}.{plain(prop)}": value
        for component, props in answer.get("response", {}).items()
        for prop, value in props.items()
    }


def server_callbacks(dependencies: list[dict]) -> list[dict]:
    """The callbacks that run on the server, leaving out pattern-matching ones."""
    return [
        c
        for c in dependencies
        if not c.get("clientside_function")
        and "{" not in c["output"]
        and not any("{" in d["id"] for d in c["inputs"])
    ]


def find(callbacks: list[dict], prop_id: str) -> dict:
    """The callback whose outputs include `prop_id` (such as `dashboard-kpi-hubs.children`)."""
    return next(c for c in callbacks if prop_id in map(plain, split_output(c["output"])))


def kind_of(callback: Mapping) -> str:
    """A callback's name in reports: its first output, as the server's request log names it."""
    return "POST " + plain(split_output(callback["output"])[0])


def first_block_request(grid_options: Mapping | None) -> dict:
    """What an AG Grid on the infinite row model asks for once its cache is empty (on
    start, or purged by a new query): its first block, unsorted and unfiltered."""
    size = (grid_options or {}).get("cacheBlockSize", AG_GRID_BLOCK)
    return {"startRow": 0, "endRow": size, "sortModel": [], "filterModel": {}}


def components(tree: Any) -> Iterator[dict]:
    """Every component (with a string id) in a layout tree."""
    if isinstance(tree, list):
        for item in tree:
            yield from components(item)
        return
    if not isinstance(tree, dict) or "props" not in tree:
        return
    if isinstance(tree["props"].get("id"), str):
        yield tree
    for value in tree["props"].values():
        if isinstance(value, dict | list):
            yield from components(value)


# --- Requests, recorded ---------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    kind: str
    started: float
    seconds: float
    status: int  # 0 when the request failed
    error: str = ""


class Recorder:
    """Every request's kind, start, latency and status, from every thread."""

    def __init__(self) -> None:
        self.samples: list[Sample] = []
        self.lock = threading.Lock()

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)

    def since(self, mark: int) -> list[Sample]:
        """The samples recorded after `mark` (a previous `len(recorder.samples)`)."""
        with self.lock:
            return self.samples[mark:]


class Http:
    """One user's connection to the server, recording every request."""

    def __init__(self, base: str, recorder: Recorder, token: str | None = None):
        self.base = base
        self.recorder = recorder
        self.session = requests.Session()
        self.session.headers.update(BROWSER_HEADERS)
        self.session.headers.update({"Authorization": f"Bearer {token}"} if token else signed_in())
        # A browser sends a request again when a kept-alive connection turns out closed.
        retry = Retry(total=1, connect=1, read=1, status=0, other=0, allowed_methods=None)
        self.session.mount("http://", HTTPAdapter(max_retries=retry))

    def request(self, method: str, path: str, kind: str, body: dict | None = None) -> Any:
        started = time.monotonic()
        status, answer, error = 0, None, ""
        try:
            response = self.session.request(
                method, self.base + path, json=body, timeout=REQUEST_TIMEOUT
            )
            status = response.status_code
            if status == 200 and response.headers.get("Content-Type", "").startswith(
                "application/json"
            ):
                answer = orjson.loads(_body(response))  # as quick as a browser's parser
        except (requests.RequestException, ValueError) as failure:
            status, error = 0, f"{failure.__class__.__name__}: {failure}"[:200]
        self.recorder.add(Sample(kind, started, time.monotonic() - started, status, error))
        return answer


def _body(response: requests.Response) -> bytes:
    """The answer's bytes, zstd decoded here (requests decodes gzip, deflate and br)."""
    if response.headers.get("Content-Encoding") == "zstd":
        return zstd.decompress(response.content)
    return response.content


# --- A page in a browser tab ------------------------------------------------------------------


class Page:
    """One open page: the props it holds, and the callbacks a change sets off."""

    def __init__(self, http: Http, callbacks: list[dict], pool: ThreadPoolExecutor):
        self.http = http
        self.callbacks = callbacks
        self.pool = pool
        self.values: dict[str, Any] = {}
        self.present: set[str] = set()

    def open(self, path: str = "/", search: str = "") -> None:
        self.values.clear()
        self.present.clear()
        self.http.request("GET", path + search, "GET /")
        shell = self.http.request("GET", "/_dash-layout", "GET /_dash-layout")
        self.http.request("GET", "/_dash-dependencies", "GET /_dash-dependencies")
        self._mounted(shell, path, search)

    def change(self, prop_id: str, value: Any) -> None:
        """A user's action: set one prop, then run what it sets off."""
        self.change_many({prop_id: value})

    def change_many(self, changes: Mapping[str, Any]) -> None:
        """A component setting several props at once (a date range), then what it sets off."""
        self.values.update(changes)
        self._run(self._listeners(list(changes)))

    def grid_asks(self, grid: str) -> None:
        """An infinite-model grid whose cache was emptied asking for its first block (the
        browser's grid sets getRowsRequest by itself), then what that sets off."""
        options = self.values.get(f"{grid}.dashGridOptions")
        self.change(f"{grid}.getRowsRequest", first_block_request(options))

    def snapshot(self) -> tuple[dict[str, Any], set[str]]:
        """The page's props as they are, to come back to (the same action again)."""
        return dict(self.values), set(self.present)

    def restore(self, snapshot: tuple[dict[str, Any], set[str]]) -> None:
        self.values, self.present = dict(snapshot[0]), set(snapshot[1])

    def _mounted(self, tree: Any, path: str, search: str) -> None:
        """New components: learn their props, let Locations read the URL, fire initial calls."""
        found = list(components(tree))
        new = {c["props"]["id"] for c in found}
        self.present |= new
        read_url = set()
        for component in found:
            name = component["props"]["id"]
            self.values.update({f"{name}.{k}": v for k, v in component["props"].items()})
            if component.get("type") == "Location":
                self.values.update({f"{name}.pathname": path, f"{name}.search": search})
                read_url |= {f"{name}.pathname", f"{name}.search"}
        initial = {
            i: [p for p in (f"{d['id']}.{d['property']}" for d in c["inputs"]) if p in read_url]
            for i, c in enumerate(self.callbacks)
            if not c.get("prevent_initial_call")
            and all(d["id"] in self.present for d in c["inputs"])
            and any(d["id"] in new for d in c["inputs"])
        }
        self._run(initial, path, search)

    def _listeners(self, prop_ids: Sequence[str], producer: int | None = None) -> dict:
        wanted = set(prop_ids)
        return {
            i: [p for p in (f"{d['id']}.{d['property']}" for d in c["inputs"]) if p in wanted]
            for i, c in enumerate(self.callbacks)
            if i != producer and any(f"{d['id']}.{d['property']}" in wanted for d in c["inputs"])
        }

    def _run(self, pending: dict[int, list[str]], path: str = "/", search: str = "") -> None:
        for _ in range(MAX_WAVES):
            if not pending:
                return
            wave = self._ready(pending)
            answers = list(self.pool.map(lambda i: self._call(i, pending[i]), wave))
            for i in wave:
                del pending[i]
            for i, answer in zip(wave, answers, strict=True):
                changed = updates(answer or {})
                self.values.update(changed)
                for prop_id, value in changed.items():
                    if prop_id.endswith(".children") and isinstance(value, dict | list):
                        self._mounted(value, path, search)
                for j, props in self._listeners(list(changed), producer=i).items():
                    pending.setdefault(j, []).extend(props)

    def _ready(self, pending: dict[int, list[str]]) -> list[int]:
        """The pending callbacks none of whose inputs another pending callback will set. As in
        dash-renderer, an allow_duplicate output (`a.data@1f2e…`) holds nobody back: the
        renderer compares it with its suffix, so it never equals an input."""
        ready = []
        for i in pending:
            others = {
                p for j in pending if j != i for p in split_output(self.callbacks[j]["output"])
            }
            inputs = {f"{d['id']}.{d['property']}" for d in self.callbacks[i]["inputs"]}
            if not inputs & others:
                ready.append(i)
        return ready or list(pending)

    def _call(self, index: int, changed: list[str]) -> Any:
        callback = self.callbacks[index]
        body = payload(callback, self.values, changed)
        return self.http.request("POST", UPDATE, kind_of(callback), body)

"""Load test: simulated officials browsing the dashboard the way a browser does.

Run by hand from the repository root against `make serve` (not part of the test suite):

    python -m benchmarks.load_test [--url http://127.0.0.1:8050] [--users 50] [--duration 60]

Each user opens the page (GET /, /_dash-layout, /_dash-dependencies, then the
callbacks the page fires), filters by a disease area, drills into a state and one
of its districts, opens the partner tab and picks a partner, thinking a few
seconds between steps, and starts again until the time is up; an open page also
sends its heartbeat every 30 seconds. Callbacks are POSTs to
/_dash-update-component with the payloads the page sends, built from
/_dash-dependencies: a change fires every server callback that takes it as an
input, in waves that wait for each other's outputs, as Dash's renderer does.
Static files are left out (a browser caches them). States, districts, diseases
and partners are chosen in proportion to their attendances, as real interest is.

It talks only to 127.0.0.1 and is bounded (at most 200 users for 600 seconds).
It prints requests per second, latency percentiles (p50, p95, p99) overall, per
request kind and per 10-second window, and the errors: any status other than
200, 204 or 304, and any failed request.
"""

import argparse
import json
import random
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

UPDATE = "/_dash-update-component"
OK_STATUS = (200, 204, 304)
LOOPBACK = ("127.0.0.1", "localhost")
MAX_USERS = 200
MAX_SECONDS = 600
MAX_WAVES = 6
PARALLEL_PER_PAGE = 6  # a browser's connections per host
HEARTBEAT_SECONDS = 30
REQUEST_TIMEOUT = 60
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br"}  # what urllib3 can decode


# --- Dash's callback protocol -------------------------------------------------------------


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


# --- Measurements ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    kind: str
    started: float
    seconds: float
    status: int  # 0 when the request failed
    error: str = ""


class Recorder:
    """Every request's kind, start, latency and status, from every user thread."""

    def __init__(self) -> None:
        self.samples: list[Sample] = []
        self.lock = threading.Lock()

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class Http:
    """One user's connection to the server, recording every request."""

    def __init__(self, base: str, recorder: Recorder):
        self.base = base
        self.recorder = recorder
        self.session = requests.Session()
        self.session.headers.update(BROWSER_HEADERS)
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
                answer = response.json()
        except (requests.RequestException, ValueError) as failure:
            status, error = 0, f"{failure.__class__.__name__}: {failure}"[:200]
        self.recorder.add(Sample(kind, started, time.monotonic() - started, status, error))
        return answer


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
        self.values[prop_id] = value
        self._run(self._listeners([prop_id]))

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
        """The pending callbacks none of whose inputs another pending callback will set."""
        ready = []
        for i in pending:
            others = {
                plain(p)
                for j in pending
                if j != i
                for p in split_output(self.callbacks[j]["output"])
            }
            inputs = {f"{d['id']}.{d['property']}" for d in self.callbacks[i]["inputs"]}
            if not inputs & others:
                ready.append(i)
        return ready or list(pending)

    def _call(self, index: int, changed: list[str]) -> Any:
        callback = self.callbacks[index]
        kind = "POST " + plain(split_output(callback["output"])[0])
        return self.http.request("POST", UPDATE, kind, payload(callback, self.values, changed))


# --- Users ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    """What users pick from, weighted by attendances: popular places are looked at more."""

    states: list[tuple[int, int]]
    districts: dict[int, list[tuple[str, int]]]
    diseases: list[tuple[str, int]]
    partners: list[tuple[str, int]]


def _weighted(rng: random.Random, items: list[tuple[Any, int]]) -> Any:
    values, weights = zip(*items, strict=True)
    return rng.choices(values, weights=weights)[0]


def load_choices(base: str) -> Choices:
    def rows(view: str) -> list[dict]:
        return requests.get(f"{base}/api/v1/{view}", timeout=300).json()

    districts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for row in rows("districts"):
        if row["attendances"] > 0:
            districts[row["state_code"]].append((row["district_code"], row["attendances"]))
    return Choices(
        states=[(r["state_code"], r["attendances"]) for r in rows("states") if r["attendances"]],
        districts=dict(districts),
        diseases=[(r["disease_area"], r["attendances"]) for r in rows("diseases")],
        partners=[(r["partner_code"], r["attendances"]) for r in rows("partners")],
    )


def user(
    base: str,
    callbacks: list[dict],
    choices: Choices,
    recorder: Recorder,
    deadline: float,
    seed: int,
    think: tuple[float, float],
) -> None:
    """One official's sessions until the deadline."""
    rng = random.Random(seed)
    with ThreadPoolExecutor(PARALLEL_PER_PAGE) as pool:
        page = Page(Http(base, recorder), callbacks, pool)
        beat = [time.monotonic()]

        def pause() -> bool:
            time.sleep(rng.uniform(*think))
            if time.monotonic() - beat[0] >= HEARTBEAT_SECONDS:
                beat[0] = time.monotonic()
                ticks = (page.values.get("dashboard-heartbeat.n_intervals") or 0) + 1
                page.change("dashboard-heartbeat.n_intervals", ticks)
            return time.monotonic() < deadline

        while time.monotonic() < deadline:
            for step in session_steps(page, choices, rng):
                step()
                if not pause():
                    return


def session_steps(page: Page, choices: Choices, rng: random.Random) -> list:
    state = _weighted(rng, choices.states)
    district = _weighted(rng, choices.districts.get(state) or [("", 1)])
    disease = _weighted(rng, choices.diseases)
    partner = _weighted(rng, choices.partners)

    def click(location: Any) -> dict:
        return {"points": [{"location": location, "curveNumber": 0, "pointNumber": 0}]}

    return [
        page.open,
        lambda: page.change("dashboard-disease.value", [disease]),
        lambda: page.change("dashboard-map.clickData", click(state)),
        lambda: page.change("dashboard-map.clickData", click(district)),
        lambda: page.change("dashboard-tabs.active_tab", "partner"),
        lambda: page.change("dashboard-partner-pick.value", partner),
    ]


# --- Report -----------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def line(label: str, samples: Sequence[Sample]) -> str:
    times = [s.seconds * 1000 for s in samples]
    errors = sum(s.status not in OK_STATUS for s in samples)
    return (
        f"{label:<44} {len(samples):>6} {percentile(times, 0.5):>8.0f} "
        f"{percentile(times, 0.95):>8.0f} {percentile(times, 0.99):>8.0f} {errors:>6}"
    )


def report(samples: list[Sample], started: float, ended: float) -> str:
    wall = ended - started
    errors = [s for s in samples if s.status not in OK_STATUS]
    head = f"{'':<44} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
    lines = [
        f"{len(samples)} requests in {wall:.1f} s: {len(samples) / wall:.1f} requests/s, "
        f"{len(errors)} errors",
        head,
        line("all", samples),
    ]
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_kind[s.kind].append(s)
    lines += [line(kind, group) for kind, group in sorted(by_kind.items())]
    lines += ["", "per 10 seconds (by start time)", head]
    windows: dict[int, list[Sample]] = defaultdict(list)
    for s in samples:
        windows[int((s.started - started) // 10)].append(s)
    lines += [line(f"{w * 10:>3}-{w * 10 + 10} s", windows[w]) for w in sorted(windows)]
    causes = Counter((s.kind, s.status, s.error) for s in errors)
    for (kind, status, error), count in causes.items():
        lines.append(f"error x{count}: {kind} -> {status or 'failed'} {error}")
    return "\n".join(lines)


def run(
    base: str, users: int, seconds: float, think: tuple[float, float], ramp: float, seed: int = 0
) -> tuple[list[Sample], float, float]:
    callbacks = server_callbacks(requests.get(base + "/_dash-dependencies", timeout=30).json())
    choices = load_choices(base)
    recorder = Recorder()
    started = time.monotonic()
    deadline = started + seconds
    threads = []
    for n in range(users):
        delay = ramp * n / max(users, 1)
        args = (base, callbacks, choices, recorder, deadline, seed * MAX_USERS + n, think)
        thread = threading.Timer(delay, user, args=args)
        thread.daemon = True
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    return recorder.samples, started, time.monotonic()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8050")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0), metavar=("MIN", "MAX"))
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which users arrive")
    parser.add_argument("--seed", type=int, default=0, help="another seed, other choices")
    parser.add_argument("--json", help="also write every sample to this file")
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")
    if urlparse(base).hostname not in LOOPBACK:
        parser.error("the load test only talks to 127.0.0.1")
    if not (0 < args.users <= MAX_USERS and 0 < args.duration <= MAX_SECONDS):
        parser.error(f"at most {MAX_USERS} users for {MAX_SECONDS} seconds")
    think = tuple(args.think)
    samples, started, ended = run(base, args.users, args.duration, think, args.ramp, args.seed)
    print(
        f"{args.users} users, {args.duration:.0f} s, think {think[0]:g}-{think[1]:g} s, "
        f"seed {args.seed}, against {base}"
    )
    print(report(samples, started, ended))
    if args.json:
        with open(args.json, "w") as out:
            json.dump([s.__dict__ for s in samples], out)
    return 1 if any(s.status not in OK_STATUS for s in samples) else 0


if __name__ == "__main__":
    sys.exit(main())

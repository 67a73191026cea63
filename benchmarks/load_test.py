"""Load test: simulated officials browsing the dashboard the way a browser does.

Run by hand from the repository root against `make serve` (not part of the test suite):

    ECHO_TOKEN=TOKEN python -m benchmarks.load_test [--url http://127.0.0.1:8050] [--users 50]

with TOKEN an API token of the server's store (`python -m dashboard token create`): every
request signs in with it.

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
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from benchmarks.dash_protocol import (
    OK_STATUS,
    PARALLEL_PER_PAGE,
    Http,
    Page,
    Recorder,
    Sample,
    get_json,
    server_callbacks,
)
from benchmarks.stats import percentile

LOOPBACK = ("127.0.0.1", "localhost")
MAX_USERS = 200
MAX_SECONDS = 600
HEARTBEAT_SECONDS = 30


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
        return get_json(f"{base}/api/v1/{view}")

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
    callbacks = server_callbacks(get_json(base + "/_dash-dependencies", timeout=30))
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

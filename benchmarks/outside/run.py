"""`make bench`: build the demo stores, serve each with the real server, measure from outside.

For every store kind and scale: build (or reuse) the demo store, start gunicorn on
it, wait until every worker has loaded its engine, time every interaction cold and
warm (as a ministry user; at the role scales also as a state and a partner user),
open the first page in headless Chromium, watch the server's memory, stop it. Then
time an import into a fresh store of each kind, and write BENCHMARKS.md from every
saved result.
"""

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.dash_protocol import (
    OK_STATUS,
    PARALLEL_PER_PAGE,
    TOKEN_VARIABLE,
    Http,
    Page,
    Recorder,
    get_json,
    server_callbacks,
)
from benchmarks.load_test import load_choices
from benchmarks.outside import browser, interactions, machine, report
from benchmarks.outside.brief import brief_time
from benchmarks.outside.imports import import_rate
from benchmarks.outside.interactions import Role
from benchmarks.outside.server import MemoryWatch, Server, wait_quiet
from benchmarks.outside.stores import KINDS, REPO, StoreSpec, bench_token, ensure_store

DEFAULT_SCALES = "1M,3M,10M"
QUICK_SCALES = "100k"
ROLE_SCALES = "1M,10M"  # the scales the targets name: state and partner users timed there
READY_TIMEOUT = 900


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- One store at one scale -----------------------------------------------------------------


def first_page_answered(server: Server, timeout: float = READY_TIMEOUT) -> float:
    """Seconds from server start until a first page's callbacks all answer with numbers
    (a worker whose engine is still loading makes its callbacks wait for it)."""
    dependencies = get_json(server.base + "/_dash-dependencies", timeout=60)
    deadline = time.monotonic() + timeout
    with ThreadPoolExecutor(PARALLEL_PER_PAGE) as pool:
        while time.monotonic() < deadline:
            recorder = Recorder()
            page = Page(Http(server.base, recorder), server_callbacks(dependencies), pool)
            page.open("/")
            ok = all(s.status in OK_STATUS for s in recorder.samples)
            kpi = str(page.values.get("dashboard-kpi-attendances.children", ""))
            if ok and any(ch.isdigit() for ch in kpi):
                return time.monotonic() - server.started
            time.sleep(0.5)
    raise RuntimeError(f"the first page did not answer within {timeout} s: {server.log_tail()}")


def measure_store(spec: StoreSpec, args: argparse.Namespace) -> dict[str, Any]:
    """Build or reuse the store, serve it, and measure everything that needs the server."""
    build = ensure_store(spec)
    ministry = bench_token(spec)
    os.environ[TOKEN_VARIABLE] = ministry  # every request of the measurements sends it
    server = Server(
        spec.url,
        args.redis_url,
        args.bench_dir / f"server-{spec.name}.log",
        args.bench_dir / "engine" / spec.name,
    )
    watch = MemoryWatch(server)
    log(f"starting the server on {spec.name} at {server.base}")
    server.start()
    watch.start()
    try:
        server.wait_listening()
        first_page_s = first_page_answered(server)
        all_loaded_s = wait_quiet(server)
        log(f"ready: first page {first_page_s:.1f} s, all workers loaded {all_loaded_s:.1f} s")
        results, roles = {}, {}
        if not args.phone_only:
            results = interactions.measure(server.base, server.flush, args.repeat, args.seed, log)
        if spec.attendances in args.role_scales and not args.phone_only:
            roles = measure_roles(spec, server, args)
            os.environ[TOKEN_VARIABLE] = ministry  # the browser runs as the ministry
        pages = {}
        if args.browser_runs:
            modes = ("phone",) if args.phone_only else browser.MODES
            pages = browser.first_pages(server.base, args.browser_runs, server.flush, log, modes)
        time.sleep(2)
        _, steady_rss, steady_pss = watch.sample()
        workers = server.workers()
    finally:
        watch.stop()
        server.stop()
    brief = {}
    if not args.phone_only:
        log(f"timing the brief of all of India on {spec.name}")
        brief = brief_time(spec.url, args.bench_dir)
    return {
        "store": spec.kind,
        "attendances": spec.attendances,
        "repeat": args.repeat,
        "machine": args.machine,
        "build": build,
        "server": {
            "workers": workers,
            "threads": int(os.environ.get("GUNICORN_THREADS", "2")),
            "engine_dir": "off" if server.engine_dir is None else "fresh at start",
            "first_page_s": round(first_page_s, 2),
            "all_loaded_s": round(all_loaded_s, 2),
        },
        "interactions": results,
        "roles": roles,
        "browser": pages,
        "brief": brief,
        "memory": {
            **watch.peak(),
            "steady_rss_mb": round(steady_rss),
            "steady_pss_mb": round(steady_pss),
        },
    }


def scoped_roles(base: str) -> list[Role]:
    """A state user of the state with the most attendances, and a partner user of the
    partner with the most (asked of the API with the ministry's token)."""
    choices = load_choices(base)
    state = max(choices.states, key=lambda item: item[1])[0]
    partner = max(choices.partners, key=lambda item: item[1])[0]
    return [Role("state", state=state), Role("partner", partner=partner)]


def measure_roles(spec: StoreSpec, server: Server, args: argparse.Namespace) -> dict[str, dict]:
    """Every interaction as each scoped user, signed in with a token narrowed to its scope:
    {role: {"scope": ..., "interactions": ...}}."""
    measured = {}
    for role in scoped_roles(server.base):
        os.environ[TOKEN_VARIABLE] = bench_token(spec, state=role.state, partner=role.partner)
        scope = f"state {role.state}" if role.state else f"partner {role.partner}"
        log(f"timing the interactions as a {role.name} user ({scope})")
        results = interactions.measure(
            server.base, server.flush, args.repeat, args.seed, log, role=role
        )
        measured[role.name] = {"scope": scope, "interactions": results}
    return measured


# --- Saved results --------------------------------------------------------------------------


def results_dir(bench_dir: Path) -> Path:
    folder = bench_dir / "results"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=1))


def saved(bench_dir: Path, stores: Sequence[str], scales: Sequence[int]) -> list[dict]:
    """Every saved store result of these stores and scales."""
    found = []
    for kind in stores:
        for scale in scales:
            path = results_dir(bench_dir) / f"{kind}-{scale}.json"
            if path.exists():
                found.append(json.loads(path.read_text()))
    return found


def saved_imports(bench_dir: Path, stores: Sequence[str]) -> list[dict]:
    paths = (results_dir(bench_dir) / f"import-{kind}.json" for kind in stores)
    return [json.loads(p.read_text()) for p in paths if p.exists()]


def write_report(args: argparse.Namespace, report_scales: Sequence[int]) -> None:
    """The report from every saved result; the machine as the latest of them saw it."""
    results = saved(args.bench_dir, args.stores, report_scales)
    imports = saved_imports(args.bench_dir, args.stores)
    latest = max(results, key=lambda r: r["machine"]["date"])["machine"] if results else None
    args.out.write_text(report.render(results, imports, latest or machine.describe(args.redis_url)))
    log(f"wrote {args.out} ({len(results)} store results, {len(imports)} import results)")


# --- Command line ---------------------------------------------------------------------------


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.outside", description=__doc__)
    parser.add_argument("--scales", help=f"attendances per store (default {DEFAULT_SCALES})")
    parser.add_argument(
        "--stores", default="sqlite,postgresql", help="comma-separated (default sqlite,postgresql)"
    )
    parser.add_argument("--repeat", type=int, help="repetitions per interaction (default 20)")
    parser.add_argument(
        "--role-scales",
        help=f"scales also timed as a state and a partner user (default {ROLE_SCALES}; "
        "'none' skips)",
    )
    parser.add_argument("--out", type=Path, help="the report (default BENCHMARKS.md)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="develop the benchmark: 100k, 3 repetitions, small import, one browser run",
    )
    parser.add_argument(
        "--import-rows", type=int, help="attendances imported (default 1M; 0 skips)"
    )
    parser.add_argument("--browser-runs", type=int, help="Chromium runs (default 3; 0 skips)")
    parser.add_argument(
        "--bench-dir",
        type=Path,
        default=Path(os.environ.get("BENCH_DIR", "/tmp/echo-bench")),
        help="stores, logs and saved results (default BENCH_DIR or /tmp/echo-bench)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        help="the server's Redis database, emptied between runs (default BENCH_REDIS_URL or db 15)",
    )
    parser.add_argument("--seed", type=int, default=0, help="other values picked per repetition")
    parser.add_argument(
        "--phone-only",
        action="store_true",
        help="measure only the first page on a phone (no interactions, roles, brief, import)",
    )
    parser.add_argument(
        "--report-only", action="store_true", help="measure nothing: write the report"
    )
    args = parser.parse_args(argv)
    try:
        args.scales = [
            report.parse_scale(s) for s in (args.scales or _default(args, "scales")).split(",")
        ]
    except ValueError as error:
        parser.error(str(error))
    role_scales = args.role_scales or _default(args, "role_scales")
    try:
        args.role_scales = (
            []
            if role_scales.strip().lower() == "none"
            else [report.parse_scale(s) for s in role_scales.split(",")]
        )
    except ValueError as error:
        parser.error(str(error))
    args.stores = [s.strip() for s in args.stores.split(",")]
    if unknown := set(args.stores) - set(KINDS):
        parser.error(f"unknown store kind: {', '.join(sorted(unknown))}")
    for name in ("repeat", "import_rows", "browser_runs", "out"):
        if getattr(args, name) is None:
            setattr(args, name, _default(args, name))
    args.bench_dir.mkdir(parents=True, exist_ok=True)
    return args


def _default(args: argparse.Namespace, name: str) -> Any:
    """An option's default: smaller in quick mode, which writes its report to the bench folder."""
    full = {
        "scales": DEFAULT_SCALES,
        "role_scales": ROLE_SCALES,
        "repeat": 20,
        "import_rows": 1_000_000,
        "browser_runs": 3,
        "out": REPO / "BENCHMARKS.md",
    }
    quick = {
        "scales": QUICK_SCALES,
        "role_scales": QUICK_SCALES,
        "repeat": 3,
        "import_rows": 20_000,
        "browser_runs": 1,
        "out": args.bench_dir / "BENCHMARKS-quick.md",
    }
    return (quick if args.quick else full)[name]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    defaults = QUICK_SCALES if args.quick else DEFAULT_SCALES
    report_scales = sorted(set(args.scales) | {report.parse_scale(s) for s in defaults.split(",")})
    started = time.monotonic()
    if not args.report_only:
        args.machine = machine.describe(args.redis_url)
        for kind in args.stores:
            for scale in args.scales:
                spec = StoreSpec(kind, scale, args.bench_dir)
                result = measure_store(spec, args)
                if args.phone_only:  # kept apart: the report reads whole runs
                    save(results_dir(args.bench_dir) / f"phone-{spec.name}.json", result)
                    print("\n".join(report.phone_section([result])))
                    continue
                save(results_dir(args.bench_dir) / f"{spec.name}.json", result)
        if args.import_rows and not args.phone_only:
            for kind in args.stores:
                result = import_rate(kind, args.import_rows, args.bench_dir)
                save(results_dir(args.bench_dir) / f"import-{kind}.json", result)
    if not args.phone_only:
        write_report(args, report_scales)
    log(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""BENCHMARKS.md from the saved results: tables per store and scale, growth, targets.

Everything here is a pure function of the results (dicts as saved in JSON), so the
file can be regenerated at any time (`--report-only`) and the numbers are never
typed by hand.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from statistics import median
from typing import Any

from benchmarks.stats import percentile

# Targets of issue #6, for 10M attendances on this 2-core machine unless said otherwise.
COLD_P95_MS = 300
WARM_P95_MS = 50
COLD_P95_1M_MS = 100
FIRST_PAGE_BYTES = 2_500_000  # 2.5 MB, 1 MB = 10^6 bytes
FIRST_PAGE_DRAWN_MS = 3000
PHONE_USABLE_MS = 5000  # issue 20: a phone on "Fast 3G", until the KPIs and the map show
MEMORY_MIB = 1024  # 1 GB read as 1024 MiB
BRIEF_S = 20  # issue #21: the brief of all of India at 10M
GROWTH_LIMIT = 3.0  # "far less than tenfold": every interaction at most 3x slower at 10M
SMALL, LARGE = 1_000_000, 10_000_000
STORE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
ROLES = ("ministry", "state", "partner")  # issue #19: every role meets the same targets
WHY = Path(__file__).with_name("why.md")  # the causes of unmet targets, written by hand


# --- Small helpers --------------------------------------------------------------------------


def scale_label(attendances: int) -> str:
    """1000000 -> "1M", 250000 -> "250k", 1500000 -> "1.5M"."""
    if attendances >= 1_000_000:
        return f"{attendances / 1_000_000:g}M"
    if attendances >= 1000:
        return f"{attendances / 1000:g}k"
    return str(attendances)


def parse_scale(text: str) -> int:
    """ "10M", "3m", "100k", "250000" -> attendances."""
    text = text.strip().lower().replace("_", "").replace(",", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if factor > 1 else text
    try:
        value = float(number) * factor
    except ValueError:
        value = 0.0
    if value < 1 or value != int(value):
        raise ValueError(f"not a number of attendances: {text!r} (use 1M, 250k, 100000)")
    return int(value)


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], align: str = "") -> list[str]:
    """A Markdown table; `align` has an l or r per column (default: the first left, the
    rest right, as numbers read best)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["--:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def mb(value_bytes: float) -> str:
    return f"{value_bytes / 1e6:.2f} MB"


def summary(runs: Sequence[dict]) -> dict[str, Any]:
    """p50 and p95 of the runs' wall times, errors, requests and the slowest callback."""
    times = [r["ms"] for r in runs]
    kinds = Counter(r["slowest_kind"] for r in runs if r["slowest_kind"])
    return {
        "p50": percentile(times, 0.5) if times else None,
        "p95": percentile(times, 0.95) if times else None,
        "errors": sum(r["errors"] for r in runs),
        "requests": max((r["requests"] for r in runs), default=0),
        "slowest": kinds.most_common(1)[0][0].removeprefix("POST ") if kinds else "",
        "slowest_p95": percentile([r["slowest_ms"] for r in runs], 0.95) if runs else None,
    }


def ratio(large: float | None, small: float | None) -> float | None:
    return None if not large or not small else large / small


def role_runs(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each role's measured interactions in one result, the ministry's first:
    {role: {"scope": ..., "interactions": ...}}; a role not timed at this scale is absent."""
    runs = {"ministry": {"scope": "all of India", "interactions": result["interactions"]}}
    return {**runs, **(result.get("roles") or {})}


# --- Sections -------------------------------------------------------------------------------


def machine_section(machine: dict[str, Any], workers: str) -> list[str]:
    rows = [
        ("CPU", machine["cpu"]),
        ("cores", machine["cores"]),
        ("RAM", f"{machine['ram_gb']} GB"),
        ("OS", machine["os"]),
        ("Python", machine["python"]),
        ("PostgreSQL", machine["postgresql"]),
        ("Redis", machine["redis"]),
        ("Chromium", machine["chromium"]),
        ("server", workers),
        ("git commit", machine["commit"]),
        ("date", machine["date"]),
    ]
    return ["## Machine", "", *table(("", ""), rows, "ll"), ""]


def interaction_section(result: dict[str, Any]) -> list[str]:
    """One store at one scale: every interaction cold and warm, a table per role timed."""
    name = f"{STORE_NAMES[result['store']]}, {scale_label(result['attendances'])} attendances"
    server = result["server"]
    lines = [
        f"### {name}",
        "",
        f"Measured {result['machine']['date']} at {result['machine']['commit']}; "
        f"{result['repeat']} repetitions; {server['workers']} workers x {server['threads']} "
        f"threads; engine folder {server.get('engine_dir', 'n/a')}. Milliseconds, wall time "
        "from the first request to the last answer.",
        "",
    ]
    for role, run in role_runs(result).items():
        lines += [f"#### {role.capitalize()} user ({run['scope']})", ""]
        lines += [*role_table(run["interactions"]), ""]
    return lines


def role_table(measured: dict[str, dict]) -> list[str]:
    """Every interaction of one role, cold and warm."""
    rows = []
    for entry in measured.values():
        cold, warm = summary(entry["cold"]), summary(entry["warm"])
        errors = cold["errors"] + warm["errors"]
        rows.append(
            (
                entry["label"],
                ms(cold["p50"]),
                ms(cold["p95"]),
                ms(warm["p50"]),
                ms(warm["p95"]),
                cold["requests"],
                f"{cold['slowest']} {ms(cold['slowest_p95'])}",
                errors,
            )
        )
    header = (
        "interaction",
        "cold p50",
        "cold p95",
        "warm p50",
        "warm p95",
        "requests",
        "slowest callback, cold p95",
        "errors",
    )
    return table(header, rows, "lrrrrrlr")


def growth_section(results: list[dict[str, Any]]) -> list[str]:
    """Cold times per interaction at every scale, and how much they grow from 1M to 10M."""
    lines = ["## Growth with the number of attendances (cold)", ""]
    for store in STORE_NAMES:
        mine = sorted((r for r in results if r["store"] == store), key=lambda r: r["attendances"])
        if len(mine) < 2:
            continue
        scales = [scale_label(r["attendances"]) for r in mine]
        by_scale = {r["attendances"]: r for r in mine}
        small, large = by_scale.get(SMALL, mine[0]), by_scale.get(LARGE, mine[-1])
        label = f"{scale_label(large['attendances'])}/{scale_label(small['attendances'])}"
        header = (
            "interaction",
            *(f"p50 {s}" for s in scales),
            *(f"p95 {s}" for s in scales),
            f"{label} p50",
            f"{label} p95",
        )
        rows = []
        for key, entry in mine[0]["interactions"].items():
            cold = [summary(r["interactions"][key]["cold"]) for r in mine]
            a = summary(small["interactions"][key]["cold"])
            b = summary(large["interactions"][key]["cold"])
            rows.append(
                (
                    entry["label"],
                    *(ms(c["p50"]) for c in cold),
                    *(ms(c["p95"]) for c in cold),
                    _times(ratio(b["p50"], a["p50"])),
                    _times(ratio(b["p95"], a["p95"])),
                )
            )
        lines += [f"### {STORE_NAMES[store]}", "", *table(header, rows), ""]
    if len(lines) == 2:
        lines += ["Not measured: growth needs at least two scales of one store.", ""]
    return lines


def _times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}x"


def drawn(runs: Sequence[dict]) -> str:
    """Median milliseconds until drawn, and how many runs never got there."""
    times = [r["drawn_ms"] for r in runs if r.get("drawn_ms") is not None]
    failed = len(runs) - len(times)
    text = ms(median(times)) if times else "never"
    return text + (f" ({failed} of {len(runs)} never drawn)" if failed and times else "")


def first_page_section(results: list[dict[str, Any]]) -> list[str]:
    rows = []
    for r in results:
        browser = r.get("browser") or {}
        cold, warm = browser.get("cold") or [], browser.get("warm") or []
        if not cold:
            continue
        largest = cold[0]["largest"][0] if cold[0]["largest"] else ("", 0)
        rows.append(
            (
                STORE_NAMES[r["store"]],
                scale_label(r["attendances"]),
                mb(median(x["bytes"] for x in cold)),
                round(median(x["requests"] for x in cold)),
                round(median(x.get("callbacks", 0) for x in cold)),
                ms(median(x.get("dom_ready_ms", 0) for x in cold)),
                drawn(cold),
                drawn(warm) if warm else "n/a",
                len(cold),
                f"{largest[0].rsplit('/', 1)[-1]} {mb(largest[1])}",
            )
        )
    header = (
        "store",
        "attendances",
        "sent (compressed)",
        "requests",
        "callbacks",
        "DOMContentLoaded ms",
        "drawn ms, cache empty",
        "drawn ms, cache full",
        "runs",
        "largest file",
    )
    intro = (
        "A fresh headless Chromium (empty browser cache) opening `/`: bytes over the wire "
        "for every request of the page (plotly.js included), and milliseconds from navigation "
        "start until every visible chart is drawn and nothing is loading; medians, with the "
        "server's response cache emptied before each run, and full. DOMContentLoaded (scripts "
        "loaded and run) tells the page's own start from its callbacks. One untimed browser "
        "opens the page first: Chromium's own first start on the machine is not the page's."
    )
    failures = sorted(
        {
            f"{url} ({why})"
            for r in results
            for mode in ("cold", "warm")
            for run in (r.get("browser") or {}).get(mode) or []
            for url, why in run.get("failed", [])
        }
    )
    body = table(header, rows, "llrrrrrrrl") if rows else ["Not measured."]
    notes = ["", "Requests that failed: " + "; ".join(failures)] if failures else []
    return ["## First page", "", intro, "", *body, *notes, "", *phone_section(results)]


def phone_section(results: list[dict[str, Any]]) -> list[str]:
    """The first page on a phone over a slow network: until the KPIs and a map of the states
    are on screen (usable: the server's first view or the app's), and until the app's own
    are drawn (interactive)."""
    rows = [
        (
            STORE_NAMES[r["store"]],
            scale_label(r["attendances"]),
            mb(median(x["bytes"] for x in runs)),
            _sent_before_usable(runs),
            drawn(runs),
            _median_ms(runs, "interactive_ms"),
            len(runs),
        )
        for r in results
        if (runs := (r.get("browser") or {}).get("phone"))
    ]
    intro = (
        "The same page on a phone: Chromium at 390x844 as a touch screen, the network "
        'throttled to DevTools\' "Fast 3G" (1.44 Mbit/s down, 562.5 ms round trip), the '
        "server's response cache emptied before each run; milliseconds from navigation start, "
        "medians: usable when the KPI tiles hold numbers and a map of the states is on screen "
        "(the first view the server draws in the page's HTML, painted, or the app's own), "
        "interactive when the app's own tiles and map (plotly) are drawn."
    )
    header = (
        "store",
        "attendances",
        "sent (compressed)",
        "sent before usable",
        "usable ms",
        "interactive ms",
        "runs",
    )
    body = table(header, rows, "llrrrrr") if rows else ["Not measured."]
    return ["### On a phone, Fast 3G", "", intro, "", *body, ""]


def _sent_before_usable(runs: Sequence[dict]) -> str:
    sizes = [x["usable_bytes"] for x in runs if x.get("usable_bytes") is not None]
    return mb(median(sizes)) if sizes else "-"


def _median_ms(runs: Sequence[dict], key: str) -> str:
    """The median of `key`; "never" when no run got there, "n/a" when none recorded it."""
    times = [x[key] for x in runs if x.get(key) is not None]
    if not times:
        return "never" if any(key in x for x in runs) else "n/a"
    return ms(median(times))


def memory_section(results: list[dict[str, Any]]) -> list[str]:
    rows = [
        (
            STORE_NAMES[r["store"]],
            scale_label(r["attendances"]),
            r["server"]["workers"],
            ms(r["memory"]["peak_rss_mb"]),
            ms(r["memory"]["peak_pss_mb"]),
            ms(r["memory"]["steady_rss_mb"]),
            ms(r["memory"]["steady_pss_mb"]),
        )
        for r in results
    ]
    header = (
        "store",
        "attendances",
        "workers",
        "peak RSS MiB",
        "peak PSS MiB",
        "steady RSS MiB",
        "steady PSS MiB",
    )
    intro = (
        "Summed over the gunicorn master and all workers, sampled every second from start-up "
        "(engine loading included) to the end; steady = idle after the runs. RSS counts "
        "memory shared between workers once per worker, PSS divides it among them (the fair "
        "total)."
    )
    return ["## Server memory", "", intro, "", *table(header, rows, "llrrrrr"), ""]


def ready_section(results: list[dict[str, Any]]) -> list[str]:
    rows = [
        (
            STORE_NAMES[r["store"]],
            scale_label(r["attendances"]),
            f"{r['server']['first_page_s']:.1f}",
            f"{r['server']['all_loaded_s']:.1f}",
        )
        for r in results
    ]
    header = ("store", "attendances", "first page answered, s", "all workers loaded, s")
    intro = (
        "Seconds from starting the server until the first page's callbacks all answered, and "
        "until every worker had loaded its engine (their CPU idle); timing starts after that."
    )
    return ["## Engine ready", "", intro, "", *table(header, rows, "llrr"), ""]


def brief_section(results: list[dict[str, Any]]) -> list[str]:
    rows = [
        (
            STORE_NAMES[r["store"]],
            scale_label(r["attendances"]),
            f"{median(r['brief']['seconds']):.1f}",
            ", ".join(f"{s:.1f}" for s in r["brief"]["seconds"]),
            mb(r["brief"]["bytes"]),
        )
        for r in results
        if r.get("brief")
    ]
    header = ("store", "attendances", "median, s", "runs, s", "PDF")
    intro = (
        "`python -m dashboard brief --out FILE.pdf` for all of India, timed from the command's "
        "start to the PDF written, with the server stopped (issue #21: < 20 s at 10M). The "
        "first run builds the engine's files from the store; the others map them."
    )
    return ["## Brief of all of India", "", intro, "", *table(header, rows, "llrrr"), ""]


def build_section(results: list[dict[str, Any]], imports: list[dict[str, Any]]) -> list[str]:
    rows = []
    for r in results:
        seconds = r["build"].get("build_seconds")
        rate = f"{r['attendances'] / seconds:,.0f}" if seconds else "n/a (built elsewhere)"
        rows.append((STORE_NAMES[r["store"]], scale_label(r["attendances"]), ms(seconds), rate))
    lines = [
        "## Demo build and import rates",
        "",
        "`python -m dashboard demo --attendances N` into a freshly migrated store:",
        "",
        *table(("store", "attendances", "build s", "attendances/s"), rows, "llrr"),
        "",
    ]
    import_rows = [
        (
            STORE_NAMES[i["kind"]],
            f"{i['rows']:,}",
            f"{i['seconds']:.1f}",
            f"{i['rows_per_second']:,}",
            f"{i['max_rss_mb']:,}",
        )
        for i in imports
    ]
    if import_rows:
        lines += [
            "`python -m dashboard import` of generated files (20,000 sessions, 100,000 "
            "participants, N attendance rows) into a freshly migrated store:",
            "",
            *table(
                ("store", "attendance rows", "seconds", "rows/s", "max RSS MiB"),
                import_rows,
            ),
            "",
        ]
    return lines


# --- Targets --------------------------------------------------------------------------------


def _worst(measured: dict[str, dict], mode: str) -> tuple[str, float]:
    """The interaction with the highest p95 in `mode` and that p95."""
    p95 = {e["label"]: summary(e[mode])["p95"] or 0.0 for e in measured.values()}
    label = max(p95, key=p95.get)
    return label, p95[label]


def _verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def targets(results: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(target, met / not met / not measured, the numbers) for every target of issue #6,
    the interaction targets for every role (issue #19)."""
    found = {(r["store"], r["attendances"]): r for r in results}
    out = []
    for store, name in STORE_NAMES.items():
        for scale, mode, limit in (
            (LARGE, "cold", COLD_P95_MS),
            (LARGE, "warm", WARM_P95_MS),
            (SMALL, "cold", COLD_P95_1M_MS),
        ):
            result = found.get((store, scale))
            runs = role_runs(result) if result else {}
            for role in ROLES:
                target = (
                    f"{name} {scale_label(scale)}, {role} user: "
                    f"every interaction {mode} p95 <= {limit} ms"
                )
                out.append((target, *_interaction_verdict(runs.get(role), mode, limit)))
    out += _first_page_targets(results)
    out.append(_phone_target(results))
    out.append(_memory_target(found))
    out += _growth_targets(found)
    out.append(_brief_target(found))
    return out


def _interaction_verdict(run: dict | None, mode: str, limit: float) -> tuple[str, str]:
    """(verdict, numbers) of one role's interactions against a p95 limit."""
    if run is None:
        return ("not measured", "")
    measured = run["interactions"]
    label, worst = _worst(measured, mode)
    over = sum((summary(e[mode])["p95"] or 0) > limit for e in measured.values())
    return (
        _verdict(worst <= limit),
        f"slowest: {label} {worst:,.0f} ms; {over} of {len(measured)} over",
    )


def _brief_target(found: dict[tuple[str, int], dict]) -> tuple[str, str, str]:
    target = f"brief of all of India at 10M <= {BRIEF_S} s (median)"
    timed = [r for (_, scale), r in found.items() if scale == LARGE and r.get("brief")]
    if not timed:
        return (target, "not measured", "")
    worst = max(timed, key=lambda r: median(r["brief"]["seconds"]))
    seconds = median(worst["brief"]["seconds"])
    return (target, _verdict(seconds <= BRIEF_S), f"slowest: {seconds:.1f} s ({_where(worst)})")


def _first_page_targets(results: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    measured = [r for r in results if (r.get("browser") or {}).get("cold")]
    sent = "first page <= 2.5 MB sent compressed"
    drawn_target = "first page fully drawn in headless Chromium <= 3 s (server cache empty)"
    if not measured:
        return [(sent, "not measured", ""), (drawn_target, "not measured", "")]
    sizes = [(median(x["bytes"] for x in r["browser"]["cold"]), _where(r)) for r in measured]
    size, size_at = max(sizes)
    never = [r for r in measured if any(x["drawn_ms"] is None for x in r["browser"]["cold"])]
    if never:
        detail = "never drawn in some runs: " + ", ".join(_where(r) for r in never)
        return [
            (sent, _verdict(size <= FIRST_PAGE_BYTES), f"largest: {mb(size)} ({size_at})"),
            (drawn_target, _verdict(False), detail),
        ]
    times = [(median(x["drawn_ms"] for x in r["browser"]["cold"]), _where(r)) for r in measured]
    time_ms, time_at = max(times)
    return [
        (sent, _verdict(size <= FIRST_PAGE_BYTES), f"largest: {mb(size)} ({size_at})"),
        (
            drawn_target,
            _verdict(time_ms <= FIRST_PAGE_DRAWN_MS),
            f"slowest: {time_ms:,.0f} ms ({time_at})",
        ),
    ]


def _phone_target(results: list[dict[str, Any]]) -> tuple[str, str, str]:
    target = 'first page on a phone (390x844, "Fast 3G") usable <= 5 s (server cache empty)'
    measured = [r for r in results if (r.get("browser") or {}).get("phone")]
    if not measured:
        return (target, "not measured", "")
    if any(x["drawn_ms"] is None for r in measured for x in r["browser"]["phone"]):
        return (target, _verdict(False), "never usable in some runs")
    times = [(median(x["drawn_ms"] for x in r["browser"]["phone"]), _where(r)) for r in measured]
    time_ms, time_at = max(times)
    return (target, _verdict(time_ms <= PHONE_USABLE_MS), f"slowest: {time_ms:,.0f} ms ({time_at})")


def _where(result: dict[str, Any]) -> str:
    return f"{STORE_NAMES[result['store']]} {scale_label(result['attendances'])}"


def _memory_target(found: dict[tuple[str, int], dict]) -> tuple[str, str, str]:
    target = "server memory <= 1 GB at 10M (PSS, all processes, peak)"
    at_large = [r for (_, scale), r in found.items() if scale == LARGE]
    if not at_large:
        return (target, "not measured", "")
    worst = max(at_large, key=lambda r: r["memory"]["peak_pss_mb"])
    memory = worst["memory"]
    detail = (
        f"{_where(worst)}: peak PSS {memory['peak_pss_mb']:,} MiB, peak RSS "
        f"{memory['peak_rss_mb']:,} MiB, steady PSS {memory['steady_pss_mb']:,} MiB"
    )
    return (target, _verdict(memory["peak_pss_mb"] <= MEMORY_MIB), detail)


def _growth_targets(found: dict[tuple[str, int], dict]) -> list[tuple[str, str, str]]:
    out = []
    for store, name in STORE_NAMES.items():
        target = f"{name}: 1M -> 10M cold p95 grows far less than tenfold (<= {GROWTH_LIMIT:g}x)"
        small, large = found.get((store, SMALL)), found.get((store, LARGE))
        if not small or not large:
            out.append((target, "not measured", ""))
            continue
        growth = {
            e["label"]: ratio(
                summary(large["interactions"][key]["cold"])["p95"],
                summary(e["cold"])["p95"],
            )
            or 0.0
            for key, e in small["interactions"].items()
        }
        label = max(growth, key=growth.get)
        detail = f"largest: {label} {growth[label]:.1f}x"
        out.append((target, _verdict(growth[label] <= GROWTH_LIMIT), detail))
    return out


def targets_section(rows: list[tuple[str, str, str]]) -> list[str]:
    return ["## Targets", "", *table(("target", "result", "numbers"), rows, "lll"), ""]


# --- The whole file -------------------------------------------------------------------------

HOW_TO_RUN = """## How to run

```sh
make bench                                     # everything: 1M, 3M, 10M on SQLite and PostgreSQL
python -m benchmarks.outside --scales 1M       # one scale (both stores)
python -m benchmarks.outside --scales 1M --stores sqlite --repeat 5
python -m benchmarks.outside --quick           # 100k, 3 repetitions: checks the benchmark
python -m benchmarks.outside --report-only     # rewrite this file from the saved results
```

Stores are built once under `BENCH_DIR` (default `/tmp/echo-bench`) and reused; results are
saved there too (`results/*.json`), and this file is written from every saved result of the
chosen stores and scales, so a 10M run added later joins the 1M and 3M ones.

How it measures: the real server (`gunicorn -c gunicorn.conf.py`, as `make serve`, with a
Redis database of its own) is started on each store; once every worker has loaded its
engine, a client speaking Dash's callback protocol as a browser does (payloads from
`/_dash-dependencies`, the callbacks an action sets off in waves, at most six requests at a
time) times each interaction from the first request to the last answer. Cold: the response
cache is emptied just before, and each repetition picks other states, districts, hubs,
partners, disease areas, sectors, cadres and dates (weighted by attendances), so the
engine's memory of its last few selections does not help either (the first load and the tabs
show all of India, unfiltered, as for a user who opens them). Warm: the same action again at
once. At the scales the targets name (1M and 10M), the same interactions are timed again as
a state user (a token narrowed to the state with the most attendances) and as a partner user
(narrowed to the partner with the most), each naming only its own state or partner in the
filters and drilling only within its scope. One untimed round of every interaction, with
values of its own, comes first (a
worker's first call of a code path is paid once in a server's life, not at every click).
p50 and p95 over the repetitions (nearest rank: with 20 runs p95 is the second slowest, so one
hiccup of the shared machine does not decide it alone).
"requests" counts the callback POSTs of one action (the first load adds GET /, the layout and
the dependencies); the client runs on the same machine and takes some of its CPU. The engine
folder (`ECHO_ENGINE_DIR`) is emptied at every server start, so the engine is built from the
store as after a first deployment.
"""


def render(
    results: list[dict[str, Any]], imports: list[dict[str, Any]], machine: dict[str, Any]
) -> str:
    """The whole BENCHMARKS.md."""
    results = sorted(results, key=lambda r: (list(STORE_NAMES).index(r["store"]), r["attendances"]))
    checks = targets(results)
    met = sum(status == "met" for _, status, _ in checks)
    measured = sum(status != "not measured" for _, status, _ in checks)
    workers = sorted(
        {f"{r['server']['workers']} workers x {r['server']['threads']} threads" for r in results}
    )
    lines = [
        "# Benchmarks (issue #6)",
        "",
        "Written by `make bench` (`python -m benchmarks.outside`); every number below comes "
        "from the script, none is typed by hand (the closing section on causes is prose).",
        "",
        f"**Targets: {met} of {measured} measured targets met** "
        f"({len(checks) - measured} not measured); see [Targets](#targets).",
        "",
        *machine_section(machine, ", ".join(workers) or "n/a"),
        HOW_TO_RUN,
        "## Interactions",
        "",
    ]
    for result in results:
        lines += interaction_section(result)
    lines += growth_section(results)
    lines += first_page_section(results)
    lines += memory_section(results)
    lines += ready_section(results)
    lines += brief_section(results)
    lines += build_section(results, imports)
    lines += targets_section(checks)
    if WHY.exists():
        lines += ["", WHY.read_text()]
    return "\n".join(lines).rstrip() + "\n"

"""The benchmark report's pure parts: scales, percentiles, tables, targets, the whole file."""

import pytest

from benchmarks.outside import report
from benchmarks.outside.interactions import year_from
from benchmarks.stats import percentile

MACHINE = {
    "cpu": "Test CPU",
    "cores": 2,
    "ram_gb": 24.0,
    "os": "Debian",
    "python": "3.11",
    "postgresql": "15",
    "redis": "7",
    "chromium": "Chromium 1",
    "date": "2025-01-01 00:00 UTC",
    "commit": "abc1234",
}


def runs(*times: float, kind: str = "POST dashboard-map.figure") -> list[dict]:
    return [
        {"ms": t, "requests": 7, "errors": 0, "slowest_kind": kind, "slowest_ms": t * 0.8}
        for t in times
    ]


def timed(cold: float, warm: float) -> dict:
    return {
        key: {"label": key.replace("_", " "), "cold": runs(cold, cold / 2), "warm": runs(warm)}
        for key in ("first_load", "filter_state")
    }


def result(
    store: str,
    attendances: int,
    cold: float,
    warm: float,
    pss: int = 800,
    brief: float = 9.0,
    roles: dict | None = None,
) -> dict:
    interactions = timed(cold, warm)
    page = {"drawn_ms": 2000, "bytes": 2_400_000, "requests": 30, "largest": [["/x.js", 10]]}
    return {
        "store": store,
        "attendances": attendances,
        "repeat": 2,
        "machine": MACHINE,
        "build": {"build_seconds": 10.0},
        "server": {"workers": 5, "threads": 2, "first_page_s": 3.0, "all_loaded_s": 4.0},
        "interactions": interactions,
        "roles": roles or {},
        "browser": {"cold": [page], "warm": [page]},
        "brief": {"seconds": [brief, brief + 2, brief - 1], "bytes": 180_000},
        "memory": {
            "peak_rss_mb": 1500,
            "peak_pss_mb": pss,
            "steady_rss_mb": 1400,
            "steady_pss_mb": pss - 100,
        },
    }


@pytest.mark.parametrize(
    ("text", "number"),
    [("1M", 1_000_000), ("10m", 10_000_000), ("100k", 100_000), ("250000", 250_000)],
)
def test_scales_read_and_written(text, number):
    assert report.parse_scale(text) == number
    assert report.parse_scale(report.scale_label(number)) == number


def test_a_scale_must_be_a_whole_positive_number():
    with pytest.raises(ValueError):
        report.parse_scale("0.5")


def test_percentiles_take_values_from_the_runs_by_nearest_rank():
    times = list(range(1, 11))
    assert percentile(times, 0.5) == 5
    assert percentile(times, 0.95) == 10  # of ten runs, the slowest
    twenty = list(range(20, 0, -1))
    assert percentile(twenty, 0.95) == 19  # of twenty, the second slowest
    assert percentile(twenty, 0.5) == 10
    assert percentile([7], 0.95) == 7
    assert percentile([], 0.5) == 0.0


def test_a_year_of_whole_months():
    assert year_from("2021-07") == ("2021-07-01", "2022-06-30")
    assert year_from("2024-01") == ("2024-01-01", "2024-12-31")
    assert year_from("2023-03") == ("2023-03-01", "2024-02-29")


def test_tables_align_numbers_right():
    lines = report.table(("a", "b"), [(1, 2)])
    assert lines == ["| a | b |", "|---|--:|", "| 1 | 2 |"]


def test_targets_say_met_not_met_and_not_measured():
    results = [
        result("sqlite", 1_000_000, cold=80, warm=20),
        result("sqlite", 10_000_000, cold=400, warm=30, pss=900),
    ]
    verdicts = {target: status for target, status, _ in report.targets(results)}
    assert verdicts["SQLite 1M, ministry user: every interaction cold p95 <= 100 ms"] == "met"
    cold_10m = "SQLite 10M, ministry user: every interaction cold p95 <= 300 ms"
    assert verdicts[cold_10m] == "**not met**"
    assert verdicts["SQLite 10M, ministry user: every interaction warm p95 <= 50 ms"] == "met"
    cold_pg = "PostgreSQL 10M, ministry user: every interaction cold p95 <= 300 ms"
    assert verdicts[cold_pg] == "not measured"
    assert verdicts["server memory <= 1 GB at 10M (PSS, all processes, peak)"] == "met"
    growth = "SQLite: 1M -> 10M cold p95 grows far less than tenfold (<= 3x)"
    assert verdicts[growth] == "**not met**"  # 400 / 80 = 5x
    assert verdicts["brief of all of India at 10M <= 20 s (median)"] == "met"


def test_the_brief_is_timed_against_its_target():
    results = [result("sqlite", 10_000_000, 80, 20, brief=19.5)]  # runs 19.5, 21.5, 18.5
    verdicts = {target: (status, numbers) for target, status, numbers in report.targets(results)}
    assert verdicts["brief of all of India at 10M <= 20 s (median)"] == (
        "met",
        "slowest: 19.5 s (SQLite 10M)",
    )
    results = [result("sqlite", 10_000_000, 80, 20, brief=20.5)]
    assert "| SQLite | 10M | 20.5 | 20.5, 22.5, 19.5 | 0.18 MB |" in report.render(
        results, [], MACHINE
    )
    assert "brief of all of India at 10M <= 20 s (median) | **not met**" in report.render(
        results, [], MACHINE
    )


def test_the_report_shows_every_section_and_the_growth():
    text = report.render(
        [result("sqlite", 1_000_000, 80, 20), result("sqlite", 10_000_000, 160, 30)],
        [{"kind": "sqlite", "rows": 1000, "seconds": 2.0, "rows_per_second": 500, "max_rss_mb": 9}],
        MACHINE,
    )
    for heading in (
        "## Machine",
        "### SQLite, 1M attendances",
        "### SQLite, 10M attendances",
        "## Growth with the number of attendances (cold)",
        "## First page",
        "## Server memory",
        "## Engine ready",
        "## Brief of all of India",
        "## Demo build and import rates",
        "## Targets",
    ):
        assert heading in text
    assert "| first load | 40 | 80 | 80 | 160 | 2.0x | 2.0x |" in text  # p50 of two: the lower


def test_every_role_is_tabled_and_held_to_the_same_targets():
    roles = {
        "state": {"scope": "state 29", "interactions": timed(cold=90, warm=20)},
        "partner": {"scope": "partner P1", "interactions": timed(cold=120, warm=20)},
    }
    results = [result("sqlite", 1_000_000, cold=80, warm=20, roles=roles)]
    checks = {target: (status, numbers) for target, status, numbers in report.targets(results)}
    cold_1m = "SQLite 1M, {} user: every interaction cold p95 <= 100 ms"
    assert checks[cold_1m.format("ministry")][0] == "met"
    assert checks[cold_1m.format("state")][0] == "met"  # p95 of 90 and 45: 90
    assert checks[cold_1m.format("partner")] == (
        "**not met**",
        "slowest: first load 120 ms; 2 of 2 over",
    )
    warm_10m = "SQLite 10M, {} user: every interaction warm p95 <= 50 ms"
    assert all(checks[warm_10m.format(role)][0] == "not measured" for role in report.ROLES)
    text = report.render(results, [], MACHINE)
    for heading in (
        "#### Ministry user (all of India)",
        "#### State user (state 29)",
        "#### Partner user (partner P1)",
    ):
        assert heading in text
    assert "| first load | 60 | 120 | 20 | 20 | 7 | dashboard-map.figure 96 | 0 |" in text


def test_a_result_saved_before_roles_were_timed_shows_the_ministry_only():
    old = result("sqlite", 1_000_000, cold=80, warm=20)
    del old["roles"]
    assert list(report.role_runs(old)) == ["ministry"]
    checks = {target: status for target, status, _ in report.targets([old])}
    assert checks["SQLite 1M, state user: every interaction cold p95 <= 100 ms"] == "not measured"


def test_the_phone_table_shows_usable_interactive_and_the_bytes_before_usable():
    def phone(usable, interactive, before):
        return {"drawn_ms": usable, "interactive_ms": interactive, "usable_bytes": before,
                "bytes": 1_400_000}  # fmt: skip

    measured = result("sqlite", 1_000_000, 100, 10)
    measured["browser"]["phone"] = [phone(1800, 12_800, 90_000), phone(1900, 12_600, 92_000)]
    older = result("postgresql", 1_000_000, 100, 10)  # saved before interactive was recorded
    older["browser"]["phone"] = [{"drawn_ms": 12_000, "bytes": 1_400_000}]
    lines = report.phone_section([measured, older])
    assert "| SQLite | 1M | 1.40 MB | 0.09 MB | 1,850 | 12,700 | 2 |" in lines
    assert "| PostgreSQL | 1M | 1.40 MB | - | 12,000 | n/a | 1 |" in lines

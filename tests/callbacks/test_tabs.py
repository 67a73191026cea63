"""Coverage, trends, partner view, programme table and downloads, called as functions."""

import csv
import io
from collections import defaultdict

import pytest
from dash.exceptions import PreventUpdate

from callbacks.downloads import frame_for
from callbacks.tabs import show_coverage, show_partner, show_programmes, show_trends
from dashboard.queries.filters import Filters
from dashboard.tabular import safe_csv
from dashboard.viewstate import from_query
from tests.callbacks.figures import as_figure
from tests.queries import brute


def test_coverage_ranks_disease_areas_and_shows_gaps(world_data):
    _, world = world_data
    ranking, matrix = map(as_figure, show_coverage("?tab=coverage&sector=health", None))
    rows = brute.records(world, Filters(sector=("health",)))
    per_disease = brute.grouped(rows, "disease")
    bars = dict(zip(ranking.data[0].y, ranking.data[0].x, strict=True))
    assert bars == {d: m["attendances"] for d, m in per_disease.items()}
    assert list(ranking.data[0].x) == sorted(ranking.data[0].x)  # ranked
    heat = matrix.data[0]
    programmes = defaultdict(set)
    for r in rows:
        programmes[(r["state"], r["disease"])].add(r["program"])
    names = {29: "Karnataka", 9: "Uttar Pradesh", 2: "Himachal Pradesh", 22: "Chhattisgarh"}
    for i, state in enumerate(heat.y):
        for j, disease in enumerate(heat.x):
            code = next((c for c, n in names.items() if n == state), None)
            expected = len(programmes.get((code, disease), ()))
            value = heat.z[i][j]
            assert (value if value == value else 0) == expected, (state, disease)  # NaN = gap
    assert len(heat.y) == 36  # every state, so unreached states show as gaps


def test_tabs_render_only_when_open(world_data):
    with pytest.raises(PreventUpdate):
        show_coverage("?tab=trends", None)
    with pytest.raises(PreventUpdate):
        show_trends("", None)


def test_trends_month_and_financial_years(world_data):
    _, world = world_data
    month = max(s["held_on"] for s in world.sessions)
    key = month.year * 100 + month.month
    trend, fy, listing = show_trends(f"?tab=trends&month={key}", None)
    trend, fy = as_figure(trend), as_figure(fy)
    rows = brute.records(world, Filters())
    by_month = defaultdict(int)
    for r in rows:
        by_month[brute.period(r["held_on"], "month")] += 1
    bars = trend.data[0]
    shown = {str(x)[:7]: y for x, y in zip(bars.x, bars.y, strict=True) if y}
    assert shown == dict(by_month)
    by_fy = defaultdict(int)
    for r in rows:
        by_fy[brute.period(r["held_on"], "fy")] += 1
    assert dict(zip(fy.data[0].x, fy.data[0].y, strict=True)) == dict(by_fy)
    sessions_in_month = {
        r["session"]
        for r in rows
        if (r["held_on"].year, r["held_on"].month) == (month.year, month.month)
    }
    assert f"{len(sessions_in_month)} sessions in" in str(listing)


def test_split_trend_keeps_every_attendance(world_data):
    _, world = world_data
    split, _, _ = show_trends("?tab=trends&split=partner", None)
    split = as_figure(split)
    total = sum(sum(trace.y) for trace in split.data)
    rows = brute.records(world, Filters())
    expected = sum(len(r["partners"]) for r in rows)  # one count per partner of the programme
    assert total == expected


def test_partner_view(world_data):
    _, world = world_data
    view = show_partner("?tab=partner&partner=PA3", None)
    text = str(view)
    counts = brute.metrics(brute.records(world, Filters(partner=("PA3",))))
    assert f"{counts['programs']} programmes" in text
    assert f"{counts['participants']} participants" in text
    assert "Choose one partner" in str(show_partner("?tab=partner", None))


def test_programme_table_rows(world_data):
    _, world = world_data
    rows, columns = show_programmes("?tab=programmes&state=29", None)
    records = brute.records(world, Filters(state=(29,)))
    expected = brute.grouped(records, "program")
    retention = brute.retention(world, records)
    assert {r["program_code"]: r["attendances"] for r in rows} == {
        p: m["attendances"] for p, m in expected.items()
    }
    for row in rows:
        assert row["retention"] == pytest.approx(retention[row["program_code"]])
        assert row["partner_codes"].split(";")[0]  # the host first
    assert {c["field"] for c in columns} >= {"program_code", "hub", "partner_codes", "retention"}


def test_downloads_carry_the_charts_numbers(world_data):
    _, world = world_data
    view = from_query("?state=29")
    frame = frame_for("map", view)
    parsed = list(csv.DictReader(io.StringIO(safe_csv(frame))))
    expected = brute.grouped(brute.records(world, Filters(state=(29,))), "district")
    got = {r["district_code"]: int(r["attendances"]) for r in parsed if int(r["attendances"])}
    assert got == {d: m["attendances"] for d, m in expected.items()}
    with pytest.raises(PreventUpdate):
        frame_for("month", view)

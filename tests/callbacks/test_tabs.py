"""Coverage, trends, partner view, programme table and downloads, called as functions."""

import csv
import io
from collections import defaultdict

import pytest
from cachelib import SimpleCache
from dash.exceptions import PreventUpdate

from callbacks import common
from callbacks.downloads import download_programmes, frame_for
from callbacks.tabs import (
    open_programmes,
    programme_page,
    show_coverage,
    show_partner,
    show_trends,
)
from dashboard import service
from dashboard.figures import coverage
from dashboard.store.database import Store
from dashboard.tabular import safe_csv
from dashboard.viewstate import from_query
from dashboard.vocabulary.filters import Filters
from layouts import grids
from tests.callbacks.figures import as_figure
from tests.queries import brute


def test_coverage_ranks_disease_areas_and_shows_gaps(world_data):
    _, world = world_data
    answer = show_coverage("?tab=coverage&sector=health", None)
    ranking, matrix = as_figure(answer["diseases"]), as_figure(answer["matrix"])
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
            assert value == (expected or None), (state, disease)  # None: a gap
    assert len(heat.y) == 36  # every state, so unreached states show as gaps
    assert list(heat.y) == sorted(heat.y)
    totals = [sum(row[j] or 0 for row in heat.z) for j in range(len(heat.x))]
    assert totals == sorted(totals, reverse=True) and len(set(totals)) > 1  # most first


def test_tabs_render_only_when_open(world_data):
    with pytest.raises(PreventUpdate):
        show_coverage("?tab=trends", None)
    with pytest.raises(PreventUpdate):
        show_trends("", None)


def test_a_closed_tab_answers_before_any_cache_or_store_read(monkeypatch):
    def no_reading():
        raise AssertionError("a closed tab read the cache or the store")

    monkeypatch.setattr(common, "data", no_reading)  # what remembered answers read through
    closed = ((show_coverage, "?tab=trends"), (show_trends, ""), (show_partner, "?tab=coverage"))
    for render, search in closed:
        with pytest.raises(PreventUpdate):
            render(search, None)


def test_the_programme_table_is_built_when_its_tab_first_opens():
    with pytest.raises(PreventUpdate):
        open_programmes("coverage", None)  # not on the first page
    table = open_programmes("programmes", None).to_plotly_json()
    assert "dashboard-grid" in repr(table) and "dashboard-grid-search" in repr(table)
    with pytest.raises(PreventUpdate):
        open_programmes("programmes", [table])  # built once: the grid keeps its state


def test_trends_month_and_financial_years(world_data):
    _, world = world_data
    month = max(s["held_on"] for s in world.sessions)
    key = month.year * 100 + month.month
    answer = show_trends(f"?tab=trends&month={key}", None)
    trend, fy, listing = as_figure(answer["trend"]), as_figure(answer["fy"]), answer["month"]
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
    named = {f"FY {period[2:]}": n for period, n in by_fy.items()}  # FY2024-25 as FY 2024-25
    assert dict(zip(fy.data[0].x, fy.data[0].y, strict=True)) == named
    sessions_in_month = {
        r["session"]
        for r in rows
        if (r["held_on"].year, r["held_on"].month) == (month.year, month.month)
    }
    count = len(sessions_in_month)
    assert f"{count} session{'' if count == 1 else 's'} in" in str(listing)


@pytest.mark.parametrize("by", ["partner", "disease"])
def test_split_trend_stacks_to_the_total_of_every_month(world_data, by):
    """Each attendance is in one stack only (a programme's host partner, or its disease
    area), so every month's stack is its attendances, counted by brute force."""
    _, world = world_data
    split = as_figure(show_trends(f"?tab=trends&split={by}", None)["trend"])
    stacked = defaultdict(int)
    for trace in split.data:
        for x, y in zip(trace.x, trace.y, strict=True):
            stacked[str(x)[:7]] += y
    by_month = defaultdict(int)
    for r in brute.records(world, Filters()):
        by_month[brute.period(r["held_on"], "month")] += 1
    assert {m: n for m, n in stacked.items() if n} == dict(by_month)
    assert split.layout.barmode == "stack"
    words = " ".join(a.text for a in split.layout.annotations).lower()
    if by == "partner":
        assert "each attendance counted once, under the programme's host partner" in words


def test_partner_view(world_data):
    _, world = world_data
    view = show_partner("?tab=partner&partner=PA3", None)
    text = str(view)
    counts = brute.metrics(brute.records(world, Filters(partner=("PA3",))))
    assert f"{counts['programs']} programmes" in text
    assert f"{counts['participants']} participants" in text
    assert "Choose one partner" in str(show_partner("?tab=partner", None))


def _first_page(**request) -> dict:
    return {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}, **request}


def _programmes(world, filters: Filters) -> dict[str, dict]:
    """The programmes with attendances under `filters`, counted by hand."""
    records = brute.records(world, filters)
    per_programme = brute.grouped(records, "program")
    retention = brute.retention(world, records)
    return {p: {**m, "retention": retention[p]} for p, m in per_programme.items()}


def test_programme_table_first_page(world_data):
    _, world = world_data
    answer = programme_page(_first_page(api={}), "?tab=programmes&state=29", None, None)
    expected = _programmes(world, Filters(state=(29,)))
    rows = answer["rowData"]
    assert answer["rowCount"] == len(expected) == len(rows)
    assert [r["program_code"] for r in rows] == sorted(expected)  # by code when unsorted
    assert {r["program_code"]: r["attendances"] for r in rows} == {
        p: m["attendances"] for p, m in expected.items()
    }
    hubs = world.by_code("hubs", "hub_code")
    programs = world.by_code("programs", "program_code")
    for row in rows:
        assert row["retention"] == pytest.approx(100 * expected[row["program_code"]]["retention"])
        program = programs[row["program_code"]]
        host = hubs[program["hub_code"]]["host_partner_code"]
        assert row["partner_codes"].split(";")[0] == host  # the host first
        assert set(row) == {c["field"] for c in grids.PROGRAMME_COLUMNS}


def test_programme_table_sorts_and_pages_on_the_server(world_data):
    _, world = world_data
    expected = _programmes(world, Filters())
    order = sorted(expected, key=lambda p: (-expected[p]["participants"], p))
    sort = [{"colId": "participants", "sort": "desc"}]
    pages = [
        programme_page(
            _first_page(startRow=s, endRow=s + 4, sortModel=sort), "?tab=programmes", 1, ""
        )
        for s in range(0, len(order) + 4, 4)
    ]
    assert {p["rowCount"] for p in pages} == {len(expected)}
    assert [r["program_code"] for p in pages for r in p["rowData"]] == order


def test_programme_table_searches_and_filters(world_data):
    _, world = world_data
    expected = _programmes(world, Filters(sector=("health",)))
    programs = world.by_code("programs", "program_code")
    hubs = world.by_code("hubs", "hub_code")

    def words(code: str) -> str:
        p = programs[code]
        partners = [hubs[p["hub_code"]]["host_partner_code"], *p["partner_codes"]]
        fields = (code, p["name"], hubs[p["hub_code"]]["name"], p["hub_code"], *partners)
        return " ".join((*fields, p["disease_area"], p["sector"])).lower()

    for text in ("HUB 1", "pa4", "tubercul", "programme 3", "3 programme", "nothing like it"):
        answer = programme_page(_first_page(), "?tab=programmes&sector=health", 1, f" {text} ")
        # every word, each in any field, in any order
        matching = sorted(p for p in expected if all(w in words(p) for w in text.lower().split()))
        assert [r["program_code"] for r in answer["rowData"]] == matching, text
        assert answer["rowCount"] == len(matching)
        if text == "3 programme":
            assert matching  # no field holds the words in this order

    least = sorted(m["attendances"] for m in expected.values())[len(expected) // 2]
    over = {"attendances": {"filterType": "number", "type": "greaterThan", "filter": least}}
    answer = programme_page(_first_page(filterModel=over), "?tab=programmes&sector=health", 1, "")
    assert answer["rowCount"] == sum(m["attendances"] > least for m in expected.values())
    assert all(r["attendances"] > least for r in answer["rowData"])

    shares = sorted({m["retention"] for m in expected.values()})
    percent = 100 * shares[len(shares) // 2]  # typed as the column shows it: a percentage
    kept = {"retention": {"filterType": "number", "type": "greaterThan", "filter": percent}}
    answer = programme_page(_first_page(filterModel=kept), "?tab=programmes&sector=health", 1, "")
    over = sorted(p for p, m in expected.items() if 100 * m["retention"] > percent)
    assert 0 < len(over) < len(expected)  # the filter must keep some and drop some
    assert [r["program_code"] for r in answer["rowData"]] == over


def test_programme_table_refuses_quietly(world_data):
    empty = {"rowData": [], "rowCount": 0}
    for bad in (None, {"startRow": "all"}, {"startRow": 0, "endRow": 10**6}, ["rows"]):
        assert programme_page(bad, "?tab=programmes", 1, "") == empty
    assert programme_page(_first_page(), "?tab=programmes&state=abc", 1, "") == empty
    strange = {"name": {"filterType": "regex", "filter": ".*"}}
    answer = programme_page(_first_page(filterModel=strange), "?tab=programmes", 1, "")
    assert answer["rowCount"] == len(_programmes(world_data[1], Filters()))
    with pytest.raises(PreventUpdate):
        programme_page(_first_page(), "?tab=trends", 1, "")  # only while its tab is open


def test_programme_table_is_empty_while_the_store_is_down(world_data):
    store, world = world_data
    service.use(service.DashboardData(Store("postgresql://postgres@127.0.0.1:9/x", read_timeout=2)))
    answer = programme_page(_first_page(), "?tab=programmes", 1, "")
    assert answer == {"rowData": [], "rowCount": 0}
    service.use(service.DashboardData(store, SimpleCache()))
    answer = programme_page(_first_page(), "?tab=programmes", 1, "")
    assert answer["rowCount"] == len({r["program"] for r in brute.records(world, Filters())})


def _downloaded(search: str, asked, text: str) -> list[dict]:
    sent = download_programmes(1, search, asked, text)
    assert sent["filename"] == "echo-india-programs.csv"
    return list(csv.DictReader(io.StringIO(sent["content"])))


def test_programme_download_is_the_table_as_shown(world_data):
    """Every page of what the table shows, in its order, under its headers."""
    _, world = world_data
    search, text = "?tab=programmes&sector=health", "programme"
    sort = [{"colId": "participants", "sort": "desc"}]
    least = sorted(m["attendances"] for m in _programmes(world, Filters()).values())[2]
    over = {"attendances": {"filterType": "number", "type": "greaterThan", "filter": least}}
    asked = _first_page(startRow=0, endRow=4, sortModel=sort, filterModel=over)
    shown = []
    for start in range(0, 100, 4):
        page = programme_page({**asked, "startRow": start, "endRow": start + 4}, search, 1, text)
        shown += page["rowData"]
    rows = _downloaded(search, asked, text)
    assert [r["Code"] for r in rows] == [r["program_code"] for r in shown]
    assert 0 < len(rows) < len(_programmes(world, Filters()))  # the table's rows, not all
    headers = [c["headerName"] for c in grids.PROGRAMME_COLUMNS]
    assert list(rows[0]) == [*headers[:-1], "Retention (%)"]
    expected = _programmes(world, Filters(sector=("health",)))
    for row in rows:
        numbers = expected[row["Code"]]
        assert int(row["Attendances"]) == numbers["attendances"] > least
        assert int(row["Retention (%)"]) == int(100 * numbers["retention"] + 0.5)  # as shown
    everything = _downloaded("?tab=programmes", None, None)  # the grid has not asked yet
    assert [r["Code"] for r in everything] == sorted(_programmes(world, Filters()))
    assert _downloaded("?tab=programmes", None, ["not", "text"]) == everything  # no search


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


# --- The state x disease-area matrix (issue #17, point 7) -----------------------------------


def _programmes_per_cell(rows) -> dict[tuple[int, str], int]:
    cells = defaultdict(set)
    for r in rows:
        cells[(r["state"], r["disease"])].add(r["program"])
    return {cell: len(programs) for cell, programs in cells.items()}


@pytest.mark.parametrize(
    "search, filters, shown",
    [
        ("?tab=coverage&state=29", Filters(state=(29,)), ["Karnataka"]),
        ("?tab=coverage&state=29&state=22", Filters(state=(29, 22)), ["Chhattisgarh", "Karnataka"]),
        ("?tab=coverage&district=", Filters(), ["Karnataka"]),  # a Karnataka district
    ],
)
def test_matrix_lists_only_the_states_chosen_against_every_disease_area(
    world_data, search, filters, shown
):
    """Rows: the states of the selection; columns: every disease area with programmes under
    the other filters, so the chosen states' gaps show as white cells."""
    _, world = world_data
    if search.endswith("district="):
        district = min(r["district"] for r in brute.records(world, Filters(state=(29,))))
        search, filters = search + district, Filters(district=(district,))
    heat = as_figure(show_coverage(search, None)["matrix"]).data[0]
    assert list(heat.y) == shown
    elsewhere = {r["disease"] for r in brute.records(world, filters.replace(state=(), district=()))}
    assert set(heat.x) == elsewhere
    counted = _programmes_per_cell(brute.records(world, filters))
    codes = {"Karnataka": 29, "Chhattisgarh": 22}
    for i, state in enumerate(heat.y):
        for j, disease in enumerate(heat.x):
            assert heat.z[i][j] == (counted.get((codes[state], disease)) or None), (state, disease)
            words = heat.text[i][j]
            assert (
                words.endswith("(a gap)")
                if heat.z[i][j] is None
                else words.endswith(f": {counted[(codes[state], disease)]}")
            )


def test_matrix_labels_every_column_upright_below_the_toolbar(world_data):
    figure = as_figure(show_coverage("?tab=coverage", None)["matrix"])
    heat, layout = figure.data[0], figure.layout
    assert list(layout.xaxis.tickvals) == list(heat.x)  # every label drawn, none thinned out
    assert list(layout.yaxis.tickvals) == list(heat.y)
    assert layout.xaxis.tickangle == -90 and layout.xaxis.side == "top"
    assert layout.margin.t >= coverage.MODEBAR_PX + coverage.CHAR_PX * max(map(len, heat.x))

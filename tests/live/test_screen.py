"""The live screen's numbers, each checked against a brute-force count of the world."""

from collections import Counter
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest
from cachelib import SimpleCache
from dash import no_update
from dash.exceptions import PreventUpdate

from callbacks.live import refresh, scope, timing
from dashboard import service
from dashboard.clock import today_in_india
from dashboard.figures.live import TOP, TREND_MONTHS
from dashboard.geography import tables as geography
from dashboard.numbers import indian
from dashboard.store.database import Store
from dashboard.viewstate import from_query
from dashboard.vocabulary.filters import Filters
from layouts.live import KPIS, LATEST_SESSIONS, PANELS
from tests.queries import brute
from tests.serving.new_data import add_session
from tests.world import make_world, write_world

FIGURES = ("map", "diseases", "trend", "states", "partners")
LINKS = (
    "",
    "?state=29&state=22&sector=health",
    "?disease=HIV&disease=Tuberculosis&from=2021-01-01&to=2023-06-30",
    "?partner=PA3&cadre=ASHA",
)


def answer(search: str, shown: dict | None = None) -> dict:
    """The outputs by name (a KPI as `kpi-<metric>`), figures through go.Figure (which
    validates every property)."""
    sent = refresh(search, None, shown)
    kpis = {f"kpi-{m}": value for m, value in sent.pop("kpis").items()}
    panels = sent.pop("panels")
    outputs = {**sent, **kpis, **panels}
    return {
        k: go.Figure(v) if k in FIGURES and isinstance(v, dict) else v for k, v in outputs.items()
    }


def selection(world, search: str) -> list[dict]:
    return brute.records(world, from_query(search).filters)


@pytest.mark.parametrize("search", LINKS)
def test_big_numbers_are_exact_counts_in_indian_grouping(world_data, search):
    _, world = world_data
    counts = brute.metrics(selection(world, search))
    shown = answer(search)
    assert {m: shown[f"kpi-{m}"] for m, _ in KPIS} == {m: indian(counts[m]) for m, _ in KPIS}
    latest = max(s["held_on"] for s in world.sessions)
    assert shown["as_of"] == f"Data as of {latest:%d %b %Y}"
    assert shown["stale"] is None


@pytest.mark.parametrize("search", LINKS[:2])
def test_map_shades_each_place_by_its_attendances_and_shows_its_hubs(world_data, search):
    _, world = world_data
    rows = selection(world, search)
    view = from_query(search)
    key = "district" if view.filters.state else "state"
    expected = {str(k): m["attendances"] for k, m in brute.grouped(rows, key).items()}
    figure = answer(search)["map"]
    shaded = next(t for t in figure.data if t.type == "choropleth" and t.showscale is not False)
    assert dict(zip(map(str, shaded.locations), shaded.z, strict=True)) == expected
    hubs = {c[0]: c[2] for t in figure.data if t.name.startswith("Hubs") for c in t.customdata}
    located = {h["hub_code"]: world.districts[h["district_code"]] for h in world.hubs}
    local = view.filters.state or tuple(located.values())
    assert hubs == {
        h: indian(m["attendances"])
        for h, m in brute.grouped(rows, "hub").items()
        if located[h] in local
    }


@pytest.mark.parametrize("search", LINKS)
def test_disease_bars_carry_exact_attendances(world_data, search):
    _, world = world_data
    grouped = brute.grouped(selection(world, search), "disease")
    expected = {d: m["attendances"] for d, m in grouped.items()}
    bars = answer(search)["diseases"].data[0]
    assert dict(zip(bars.y, bars.x, strict=True)) == expected
    assert list(bars.text) == [indian(v) for v in bars.x]


def test_trend_counts_every_month_including_empty_ones(world_data):
    _, world = world_data
    per_month = Counter(brute.period(r["held_on"], "month") for r in selection(world, ""))
    bars = answer("")["trend"].data[0]
    months = [str(x)[:7] for x in bars.x]
    every = pd.period_range(min(per_month), max(per_month), freq="M").strftime("%Y-%m")
    assert months == list(every)[-TREND_MONTHS:]
    assert list(bars.y) == [per_month.get(m, 0) for m in months]


@pytest.mark.parametrize("search", LINKS)
def test_top_states_and_partners_are_ranked_exactly(world_data, search):
    _, world = world_data
    rows = selection(world, search)
    partner_names = {p["partner_code"]: p["name"] for p in world.partners}
    state_names = dict(zip(geography.states().state_code, geography.states().name, strict=True))
    shown = answer(search)
    states, partners = shown["states"].data[0], shown["partners"].data[0]
    for bars, key, names in ((states, "state", state_names), (partners, "partners", partner_names)):
        counts = {names[c]: m["attendances"] for c, m in brute.grouped(rows, key).items()}
        assert dict(zip(bars.y, bars.x, strict=True)) == dict(
            sorted(counts.items(), key=lambda kv: -kv[1])[:TOP]
        )
    assert list(partners.text) == [indian(v) for v in partners.x]


@pytest.mark.parametrize("search", LINKS[:3])
def test_latest_sessions_are_the_newest_with_their_attendances(world_data, search):
    _, world = world_data
    sessions = world.by_code("sessions", "session_code")
    programs = world.by_code("programs", "program_code")
    hubs = world.by_code("hubs", "hub_code")
    counts = Counter(r["session"] for r in selection(world, search))
    newest = sorted(counts, key=lambda c: (-sessions[c]["held_on"].toordinal(), c))
    expected = []
    for code in newest[:LATEST_SESSIONS]:
        program = programs[sessions[code]["program_code"]]
        expected.append(
            [
                f"{sessions[code]['held_on']:%d %b %Y}",
                program["name"],
                hubs[program["hub_code"]]["name"],
                indian(counts[code]),
            ]
        )
    table = answer(search)["sessions"]
    body = table.children[1].children
    assert [[cell.children for cell in row.children] for row in body] == expected


def test_scope_names_the_selection_in_words(world_data):
    _, world = world_data
    names = {p["partner_code"]: p["name"] for p in world.partners}
    text = scope(from_query("?state=29&partner=PA3&from=2021-01-01&to=2021-12-31").filters)
    assert text == f"Karnataka · {names['PA3']} · 01 Jan 2021 to 31 Dec 2021"
    assert scope(Filters()) == "All of India"


def test_timing_comes_from_the_link_within_sane_bounds():
    assert timing("") == (20, 60)
    assert timing("?rotate=5&refresh=30&state=29") == (5, 30)
    assert timing("?rotate=0&refresh=999999") == (2, 3600)
    assert timing("?rotate=soon&refresh=-4") == (20, 60)


def test_the_browser_gets_its_timing(world_data):
    shown = answer("?rotate=7&refresh=45")
    assert shown["config"]["rotate"] == 7 and shown["interval"] == 45_000
    assert shown["config"]["panels"] == [title for _, title in PANELS]


def test_a_bad_link_is_said_in_words(world_data):
    shown = answer("?from=2024-99-99")
    assert "cannot use" in shown["scope"] and "from" in shown["scope"]
    assert shown["kpi-attendances"] == "-"


@pytest.fixture
def own_world(new_store):
    """A store this test may write to, read through a fresh data manager."""
    store = new_store("sqlite")
    world = make_world(seed=11)
    write_world(store, world)
    service.use(service.DashboardData(store, SimpleCache()))
    yield store, world
    service.use(None)


def test_quiet_beats_send_nothing_and_an_import_shows_at_the_next(own_world):
    store, world = own_world
    first = answer("")
    with pytest.raises(PreventUpdate):
        refresh("", 1, first["shown"])
    people = [p["participant_code"] for p in world.participants[:5]]
    add_session(store, world, "PR2", today_in_india(), people)
    after = answer("", first["shown"])
    assert after["kpi-attendances"] == indian(len(world.attendance))
    assert after["as_of"] == f"Data as of {today_in_india():%d %b %Y}"
    assert after["shown"]["key"] != first["shown"]["key"]


def test_outage_keeps_the_numbers_marks_them_stale_and_recovers(own_world):
    store, world = own_world
    first = answer("?refresh=60")
    service.use(service.DashboardData(Store("postgresql://postgres@127.0.0.1:9/x", read_timeout=1)))
    down = answer("?refresh=60", first["shown"])
    assert down["stale"].startswith("Stale since ") and " IST" in down["stale"]
    assert down["interval"] == 10_000  # ask again sooner while the store is down
    kept = [down[f"kpi-{m}"] for m, _ in KPIS] + [down[key] for key, _ in PANELS]
    assert all(value is no_update for value in kept)
    since = down["shown"]["stale_since"]
    assert answer("?refresh=60", down["shown"])["shown"]["stale_since"] == since
    service.use(service.DashboardData(store, SimpleCache()))
    add_session(store, world, "PR1", date(2024, 1, 5), [world.participants[0]["participant_code"]])
    back = answer("?refresh=60", down["shown"])
    assert back["stale"] is None and back["interval"] == 60_000
    assert back["kpi-attendances"] == indian(len(world.attendance))
    assert "stale_since" not in back["shown"]


def test_outage_with_unchanged_data_clears_only_the_mark(own_world):
    store, _ = own_world
    first = answer("")
    stale = {**first["shown"], "stale_since": "10:00"}
    back = answer("", stale)
    assert back["stale"] is None and back["shown"] == first["shown"]
    assert back["kpi-attendances"] is no_update

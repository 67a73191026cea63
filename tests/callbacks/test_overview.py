"""KPI tiles, map, breadcrumb, panel and options, called as functions on the small world."""

from datetime import date

import pytest
from cachelib import SimpleCache
from dash import no_update

from callbacks.common import UNAVAILABLE
from callbacks.downloads import frame_for
from callbacks.overview import (
    HEARTBEAT_MS,
    RETRY_MS,
    _whole_panel,
    heartbeat,
    show_kpis,
    show_map,
)
from dashboard import service
from dashboard.clock import span_text
from dashboard.geography import tables as geography
from dashboard.numbers import change, compact, indian
from dashboard.store.database import Store
from dashboard.viewstate import from_query
from dashboard.vocabulary.filters import Filters
from layouts.dashboard import KPIS
from tests.callbacks.components import children, find, text
from tests.callbacks.figures import as_figure
from tests.layouts.test_panels import tables
from tests.queries import brute


def _kpis(search):
    answer = show_kpis(search, None)
    parts = ("values", "titles", "changes")
    by_metric = [tuple(answer[part][m] for m, _ in KPIS) for part in parts]
    return (*by_metric, answer["as_of"], answer["banner"])


def test_tiles_show_exact_counts_under_filters(world_data):
    _, world = world_data
    shown, titles, _, as_of, banner = _kpis("?state=29&state=22&sector=health")
    expected = brute.metrics(brute.records(world, Filters(state=(29, 22), sector=("health",))))
    assert titles == tuple(indian(expected[m]) for m, _ in KPIS)
    assert shown == tuple(compact(expected[m]) for m, _ in KPIS)
    assert banner is None
    assert as_of.startswith("Data as of")


def test_change_against_the_previous_period(world_data):
    _, world = world_data
    _, _, changes, _, _ = _kpis("?from=2021-01-01&to=2021-12-31")
    now = brute.metrics(
        brute.records(world, Filters(date_from=date(2021, 1, 1), date_to=date(2021, 12, 31)))
    )
    before = brute.metrics(
        brute.records(world, Filters(date_from=date(2020, 1, 1), date_to=date(2020, 12, 31)))
    )
    attendances = changes[[m for m, _ in KPIS].index("attendances")]
    if before["attendances"]:
        percent = round(
            abs(now["attendances"] - before["attendances"]) / before["attendances"] * 100
        )
        assert f"{percent}%" in attendances
    else:
        assert attendances.startswith("new")


def test_empty_selection_says_so_and_offers_undo(world_data):
    _, world = world_data
    _, _, _, _, banner = _kpis("?hub=HB0&program=PR1&state=29")
    text = str(banner)
    hub = next(h["name"] for h in world.hubs if h["hub_code"] == "HB0")
    assert "No attendance matches these filters" in text
    assert f"Remove hub: {hub}" in text and "Clear all filters" in text
    assert "Remove state: Karnataka" in text and "Remove programme:" in text


def test_bad_link_shows_a_readable_banner(world_data):
    shown, _, _, _, banner = _kpis("?from=2024-99-99")
    assert shown[0] == "-"
    assert "cannot use" in str(banner) and "from" in str(banner)


def test_map_levels_and_breadcrumb(world_data):
    store, world = world_data
    answer = show_map("", None)
    figure, crumbs = as_figure(answer["map"]), answer["breadcrumb"]
    assert crumbs == [{"label": "India", "active": True}]
    shaded = figure.data[0]
    states = brute.grouped(brute.records(world, Filters()), "state")
    assert dict(zip(shaded.locations, shaded.z, strict=True)) == {
        code: m["attendances"] for code, m in states.items()
    }
    district_code = next(iter(sorted(c for c, s in world.districts.items() if s == 29)))
    crumbs = show_map(f"?state=29&district={district_code}", None)["breadcrumb"]
    assert next(c["label"] for c in crumbs) == "India" and crumbs[-1]["active"]
    assert len(crumbs) == 3


def test_hub_view_draws_spokes(world_data):
    _, world = world_data
    figure = as_figure(show_map("?hub=HB1", None)["map"])
    rows = brute.records(world, Filters(hub=("HB1",)))
    reached = {r["district"] for r in rows}
    shaded = next(t for t in figure.data if t.name == "Attendances")
    assert set(shaded.locations) == reached
    spokes = next(t for t in figure.data if t.name == "Spokes")
    assert sum(1 for lon in spokes.lon if lon is None) == len(reached)


def test_store_outage_is_a_banner_and_the_page_recovers(world_data):
    store, world = world_data
    service.use(service.DashboardData(Store("postgresql://postgres@127.0.0.1:9/x", read_timeout=2)))
    answer = show_kpis("", None)
    assert "cannot be read right now" in str(answer["banner"])
    assert (answer["version"], answer["interval"]) == (UNAVAILABLE, RETRY_MS)
    assert heartbeat(1) == {"version": UNAVAILABLE, "interval": RETRY_MS}
    figure = as_figure(show_map("", None)["map"])
    assert "cannot be read" in figure.layout.annotations[0].text
    service.use(service.DashboardData(store, SimpleCache()))
    beat = heartbeat(2)
    assert beat["version"] != UNAVAILABLE and beat["interval"] == HEARTBEAT_MS
    _, titles, _, _, banner = _kpis("")
    assert banner is None and titles[3] == indian(len(world.attendance))


def test_the_map_counts_participants_only_when_it_shades_them(world_data):
    data = service.dashboard_data()
    engine = data.engine.get(data.version())
    filters = Filters(date_from=date(2021, 2, 1), date_to=date(2022, 1, 31))
    search = "?from=2021-02-01&to=2022-01-31"
    show_map(search, None)
    assert "_people" not in engine.selection(filters).__dict__
    show_map(search + "&metric=participants", None)
    assert "_people" in engine.selection(filters).__dict__


def test_a_financial_year_to_date_compares_with_the_same_days_a_year_earlier(world_data):
    """The selection runs to the end of the FY, past the data's last day: the change is
    measured over the same days of the FY before (not the 365 days just before), and the
    tile names them."""
    _, world = world_data
    as_of = max(s["held_on"] for s in world.sessions)
    start = date(as_of.year if as_of.month >= 4 else as_of.year - 1, 4, 1)
    _, _, changes, _, _ = _kpis(f"?from={start}&to={start.replace(year=start.year + 1)}")
    now = brute.metrics(brute.records(world, Filters(date_from=start, date_to=as_of)))
    first, last = start.replace(year=start.year - 1), as_of.replace(year=as_of.year - 1)
    before = brute.metrics(brute.records(world, Filters(date_from=first, date_to=last)))
    shown = changes[[m for m, _ in KPIS].index("attendances")]
    assert (
        shown == f"{change(now['attendances'], before['attendances'])} vs {span_text(first, last)}"
    )


# --- A hub's reach, whole or said to be limited (issue #17, point 3) -------------------------


def _states_outlined(figure) -> list[int]:
    return sorted(next(t for t in figure.data if t.name == "States").locations)


def test_a_hub_view_narrowed_by_a_state_says_so_and_links_its_whole_reach(world_data):
    _, world = world_data
    hub = world.by_code("hubs", "hub_code")["HB0"]
    hub_state = world.districts[hub["district_code"]]
    answer = show_map("?state=29&hub=HB0", None)
    figure, panel = answer["map"], answer["panel"]
    whole = brute.metrics(brute.records(world, Filters(hub=("HB0",))))
    within = brute.metrics(brute.records(world, Filters(state=(29,), hub=("HB0",))))
    assert whole["states_reached"] > within["states_reached"] == 1  # the filter keeps some out
    limited = find(panel, "dashboard-reach-limited")
    words = text(limited)
    assert "Only participants from Karnataka are counted (State / UT filter)" in words
    assert (
        f"Its whole reach: {whole['districts_reached']} districts in "
        f"{whole['states_reached']} states." in words
    )
    assert find(panel, "dashboard-whole-reach")["props"]["href"] == "/?hub=HB0"
    reach = text(find(panel, "dashboard-hub-reach"))
    assert reach == f"Reach: {within['districts_reached']} districts in 1 state"
    assert _states_outlined(as_figure(figure)) == sorted({29, hub_state})  # framed on the reach


def test_a_hub_view_unfiltered_shows_its_whole_reach_framed(world_data):
    _, world = world_data
    hub = world.by_code("hubs", "hub_code")["HB2"]
    answer = show_map("?hub=HB2", None)
    figure, panel = answer["map"], answer["panel"]
    rows = brute.records(world, Filters(hub=("HB2",)))
    whole = brute.metrics(rows)
    assert find(panel, "dashboard-reach-limited") is None
    assert text(find(panel, "dashboard-hub-reach")) == (
        f"Reach: {whole['districts_reached']} districts in {whole['states_reached']} states"
    )
    reached_states = {r["state"] for r in rows} | {world.districts[hub["district_code"]]}
    assert _states_outlined(as_figure(figure)) == sorted(reached_states)


# --- Districts never reached, by name (issue #17, point 5) ----------------------------------


def _never_reached_listed(panel) -> dict[str, list[str]]:
    """{state name: district names} as the panel lists them."""
    listed = {}
    for group in children(find(panel, "dashboard-never-reached")):
        heading, names = children(group)
        state, count = text(heading).rsplit(" (", 1)
        listed[state] = text(names).split(", ")
        assert int(count.rstrip(")").replace(",", "")) == len(listed[state])
    return listed


def _never_reached_by_brute(world, filters: Filters, states=None) -> dict[str, list[str]]:
    """Every district of the map's scope (India's, or the states') minus those reached."""
    table = geography.districts()
    names = dict(zip(geography.states().state_code, geography.states().name, strict=True))
    reached = {r["district"] for r in brute.records(world, filters)}
    expected: dict[str, list[str]] = {}
    for row in table.sort_values(["state_code", "name"]).itertuples():
        if row.district_code in reached or (states and row.state_code not in states):
            continue
        expected.setdefault(names[row.state_code], []).append(row.name)
    return {state: sorted(districts) for state, districts in expected.items()}


@pytest.mark.parametrize(
    "search, filters, states",
    [
        ("?white=1", Filters(), None),
        ("?white=1&sector=education", Filters(sector=("education",)), None),
        ("?state=29&white=1&cadre=ASHA", Filters(state=(29,), cadre=("ASHA",)), (29,)),
    ],
)
def test_only_never_reached_lists_them_by_state_with_count_and_csv(
    world_data, search, filters, states
):
    _, world = world_data
    panel = show_map(search, None)["panel"]
    expected = _never_reached_by_brute(world, filters, states)
    assert _never_reached_listed(panel) == expected
    total = sum(len(names) for names in expected.values())
    in_scope = (
        len(geography.districts())
        if states is None
        else sum(geography.districts().state_code.isin(states))
    )
    assert text(find(panel, "dashboard-white-spot-count")).startswith(
        f"{indian(total)} of {indian(in_scope)} districts never reached"
    )
    assert "Districts by" not in text(panel) and "States by" not in text(panel)  # none reached
    assert find(panel, {"type": "dashboard-download", "view": "never-reached"}) is not None
    frame = frame_for("never-reached", from_query(search))
    assert sorted(frame.district) == sorted(n for names in expected.values() for n in names)
    assert set(frame.columns) >= {"state", "district", "district_code"}


# --- Hubs at India's scale leave clicks to the states (issue #17, point 4) ------------------


def test_hubs_on_india_take_no_clicks_and_on_a_state_they_do(world_data):
    figure = show_map("", None)["map"]
    hubs = [t for t in as_figure(figure).data if t.name.startswith("Hubs")]
    assert hubs and all(t.hoverinfo == "skip" and not t.hovertemplate for t in hubs)
    figure = show_map("?state=22", None)["map"]
    hubs = [t for t in as_figure(figure).data if t.name.startswith("Hubs")]
    assert hubs and all(t.hoverinfo != "skip" and t.hovertemplate for t in hubs)


def test_the_heartbeat_sets_a_version_only_when_it_changes(world_data):
    """Setting the same version again redrew every chart each 30 s; a click landing on that
    redraw could be lost."""
    beat = heartbeat(1)
    assert beat["interval"] == HEARTBEAT_MS
    assert heartbeat(2, beat["version"]) == {"version": no_update, "interval": no_update}
    assert heartbeat(3, UNAVAILABLE) == beat  # the store is back


def test_the_district_panel_lists_counted_rows_by_the_number_shown(world_data):
    _, world = world_data
    search = "?state=9&district=UP-bahraich"
    rows = brute.records(world, Filters(state=(9,), district=("UP-bahraich",)))
    cadres = brute.grouped(rows, "cadre")
    listed = tables(show_map(search, None)["panel"])
    by_participants = sorted(cadres, key=lambda c: (-cadres[c]["participants"], c))
    assert listed["Cadres"] == [[c, indian(cadres[c]["participants"])] for c in by_participants]
    programmes = brute.grouped(rows, "program")
    names = {p["program_code"]: p["name"] for p in world.programs}
    whole = tables(_whole_panel(search, None))["Programmes that reached it"]
    ranked = sorted(programmes, key=lambda p: (-programmes[p]["attendances"], p))
    expected = [[p, names[p], indian(programmes[p]["attendances"])] for p in ranked]
    assert whole == expected

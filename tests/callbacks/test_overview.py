"""KPI tiles, map, breadcrumb, panel and options, called as functions on the small world."""

from datetime import date

from cachelib import SimpleCache

from callbacks.common import UNAVAILABLE
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
from dashboard.numbers import change, compact, indian
from dashboard.store.database import Store
from dashboard.vocabulary.filters import Filters
from layouts.dashboard import KPIS
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

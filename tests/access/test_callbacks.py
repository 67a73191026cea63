"""The page as each role sees it: KPI tiles, the map, the filter lists, the programme table
and its CSV, the live screen, each equal to a count by hand over what the role may see; a
link or a forged request naming another state or partner shows why, and no data."""

import csv
import io
import json

import pytest
from cachelib import SimpleCache

from callbacks.downloads import download_programmes
from callbacks.live import refresh
from callbacks.overview import districts_in_scope, show_kpis, show_map
from callbacks.router import routed
from callbacks.tabs import programme_page, show_coverage, show_trends
from dashboard import service
from dashboard.numbers import indian
from dashboard.viewstate import from_query
from dashboard.vocabulary.scope import INDIA, NOTHING
from layouts import ids
from layouts.dashboard import KPIS
from layouts.live import KPIS as LIVE_KPIS
from tests.access.scopes import OTHER_PARTNER, OTHER_STATE, ROLES, records
from tests.callbacks.components import text
from tests.callbacks.figures import as_figure
from tests.callbacks.protocol import UPDATE, ask, client
from tests.queries import brute

FIRST_PAGE = {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}}
LINKS = ("", "?sector=health&from=2019-06-01")


@pytest.fixture
def world(small_world):
    store, world = small_world
    service.use(service.DashboardData(store, SimpleCache()))
    yield world
    service.use(None)


def _seen(world, role: str, search: str) -> list[dict]:
    return records(world, ROLES[role], from_query(search).filters)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("search", LINKS)
def test_tiles_and_live_screen_count_what_the_role_sees(world, as_scope, role, search):
    as_scope(ROLES[role])
    counts = brute.metrics(_seen(world, role, search))
    tiles = show_kpis(search, None)
    assert tiles["titles"] == {m: indian(counts[m]) for m, _ in KPIS}
    assert tiles["banner"] is None
    live = refresh(search, None, None)
    assert live["kpis"] == {m: indian(counts[m]) for m, _ in LIVE_KPIS}


@pytest.mark.parametrize("role", ROLES)
def test_the_map_shades_only_what_the_role_sees(world, as_scope, role):
    scope = ROLES[role]
    as_scope(scope)
    seen = _seen(world, role, "")
    shaded = as_figure(show_map("", None)["map"]).data[0]
    by_state = {int(k): v for k, v in zip(shaded.locations, shaded.z, strict=True) if v}
    assert by_state == {s: m["attendances"] for s, m in brute.grouped(seen, "state").items()}
    if scope.states:
        assert {int(k) for k in shaded.locations} == scope.states  # no other state drawn
    districts = districts_in_scope(from_query(""))
    reached = districts[districts.attendances > 0]
    assert dict(zip(reached.district_code, reached.attendances, strict=True)) == {
        d: m["attendances"] for d, m in brute.grouped(seen, "district").items()
    }


@pytest.mark.parametrize("role", ROLES)
def test_filter_lists_offer_only_the_scopes_values(world, as_scope, role):
    scope = ROLES[role]
    as_scope(scope)
    seen = _seen(world, role, "")
    options = routed("", None, None, {})["options"]
    partners = {p for r in seen for p in r["partners"] if not scope.partners or p in scope.partners}
    assert {o["value"] for o in options["state"]} == {r["state"] for r in seen}
    assert {o["value"] for o in options["partner"]} == partners
    assert {o["value"] for o in options["partner_pick"]} == partners
    go_to = {o["value"] for o in options["map_state"]}  # every state, reached or not: its own
    assert go_to == scope.states if scope.states else len(go_to) == 36
    assert {o["value"] for o in options["cadre"]} == {r["cadre"] for r in seen}


@pytest.mark.parametrize("role", ROLES)
def test_programme_table_and_its_csv_hold_what_the_role_sees(world, as_scope, role):
    as_scope(ROLES[role])
    search = "?tab=programmes"
    expected = {
        p: m["attendances"] for p, m in brute.grouped(_seen(world, role, ""), "program").items()
    }
    page = programme_page(FIRST_PAGE, search, None, "")
    assert {r["program_code"]: r["attendances"] for r in page["rowData"]} == expected
    sent = download_programmes(1, search, FIRST_PAGE, "")
    rows = list(csv.DictReader(io.StringIO(sent["content"])))
    assert {r["Code"]: int(r["Attendances"]) for r in rows} == expected


@pytest.mark.parametrize("role", ROLES)
def test_coverage_and_trends_count_what_the_role_sees(world, as_scope, role):
    scope = ROLES[role]
    as_scope(scope)
    seen = _seen(world, role, "")
    coverage = show_coverage("?tab=coverage", None)
    bars = as_figure(coverage["diseases"]).data[0]
    assert dict(zip(bars.y, bars.x, strict=True)) == {
        d: m["attendances"] for d, m in brute.grouped(seen, "disease").items()
    }
    rows = set(as_figure(coverage["matrix"]).data[0].y)  # the matrix's states: the scope's
    assert len(rows) == (len(scope.states) if scope.states else 36)
    trend = as_figure(show_trends("?tab=trends", None)["trend"]).data[0]
    months = {str(x)[:7]: y for x, y in zip(trend.x, trend.y, strict=True) if y}
    assert months == {
        period: len([r for r in seen if brute.period(r["held_on"], "month") == period])
        for period in {brute.period(r["held_on"], "month") for r in seen}
    }


def test_a_ministry_page_is_never_served_to_a_state(world, as_scope):
    """Whole rendered answers are kept per URL and data version: and per scope."""
    search = "?sector=health"
    as_scope(INDIA)
    ministry = show_kpis(search, None)["titles"]["attendances"]
    as_scope(ROLES["state"])
    state = show_kpis(search, None)["titles"]["attendances"]
    assert state == indian(len(_seen(world, "state", search))) != ministry


OUTSIDE = [
    ("state", f"?state={OTHER_STATE}", "state"),
    ("state", "?district=UP-ayodhya", "district"),
    ("partner", f"?partner={OTHER_PARTNER}", "partner"),
    ("state+partner", "?partner=PA0&state=29", "state"),
]


@pytest.mark.parametrize("role, search, parameter", OUTSIDE)
def test_a_link_outside_the_scope_is_explained_with_no_data(
    world, as_scope, role, search, parameter
):
    as_scope(ROLES[role])
    tiles = show_kpis(search, None)
    assert set(tiles["values"].values()) == {"-"}
    banner = text(tiles["banner"])
    assert "outside the data your account may see" in banner and parameter in banner
    assert "cannot be shown" in json.dumps(show_map(search, None)["map"])
    live = refresh(search, None, None)
    assert set(live["kpis"].values()) == {"-"} and "outside the data" in live["scope"]


def test_an_account_that_sees_nothing_is_told_so(world, as_scope):
    as_scope(NOTHING)
    tiles = show_kpis("", None)
    assert set(tiles["values"].values()) == {"-"}
    assert "no states or partners" in text(tiles["banner"])
    assert "no states or partners" in json.dumps(show_map("", None)["map"])
    assert all(not listed for listed in routed("", None, None, {})["options"].values())
    assert set(refresh("", None, None)["kpis"].values()) == {"-"}


def _download(http, view: str, search: str):
    body = {
        "output": f"{ids.DOWNLOAD_FILE}.data",
        "outputs": {"id": ids.DOWNLOAD_FILE, "property": "data"},
        "inputs": [[{"id": ids.download(view), "property": "n_clicks", "value": 1}]],
        "state": [{"id": ids.URL, "property": "search", "value": search}],
        "changedPropIds": [json.dumps(ids.download(view), separators=(",", ":")) + ".n_clicks"],
    }
    return http.post(UPDATE, json=body)


@pytest.mark.parametrize("role, search, parameter", OUTSIDE)
def test_forged_callback_posts_get_no_data(world, as_scope, role, search, parameter):
    as_scope(ROLES[role])
    http = client()
    for chart in ("map", "trend", "diseases"):
        answer = _download(http, chart, search)
        assert answer.status_code == 403, chart
        assert answer.get_json()["parameter"] == parameter
    name = parameter if parameter in ("state", "partner") else "state"
    value = [str(OTHER_STATE)] if name == "state" else [OTHER_PARTNER]
    control = ids.filter_list(name)
    answer = ask(http, f"{ids.URL}.search", {f"{control}.value": value}, f"{control}.value")
    response = answer.get_json()["response"]
    offered = [
        option
        for component, props in response.items()
        if component != ids.PRESET
        for option in props.get("options", [])
    ]
    assert {str(o["value"]) for o in offered} <= set(value)  # what was asked, counted as 0
    assert all(o["label"].endswith("(0)") or "(" not in o["label"] for o in offered)

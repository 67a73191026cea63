"""A user's way through the dashboard, with every number checked against an independent count."""

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.clock import today_in_india
from dashboard.numbers import indian
from dashboard.periods import fy_name
from dashboard.queries.lookups import current_data_version
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from dashboard.vocabulary.filters import Filters
from tests.browser.driver import (
    AppServer,
    choose,
    click_hub,
    click_map_region,
    console_errors,
    kpi,
    requested_urls,
    settle,
    sign_in,
    text_of,
    wait_for,
)
from tests.queries import brute
from tests.world import make_world, write_world

METRICS = ("hubs", "programs", "sessions", "attendances", "participants", "districts_reached")


def expected(world, filters: Filters) -> dict[str, str]:
    counts = brute.metrics(brute.records(world, filters))
    return {m: indian(counts[m]) for m in METRICS}


def shown(driver) -> dict[str, str]:
    return {m: kpi(driver, m) for m in METRICS}


def wait_for_numbers(driver, world, filters: Filters) -> None:
    target = expected(world, filters)
    wait_for(lambda: shown(driver) == target, message=f"KPIs {target}")


def test_drill_from_india_to_state_district_and_hub(browser, app_server, world_store):
    _, world = world_store
    browser.get(app_server.url + "/")
    settle(browser)
    wait_for_numbers(browser, world, Filters())

    hub = world.hubs[0]
    state = world.districts[hub["district_code"]]
    click_map_region(browser, state)
    wait_for(lambda: f"state={state}" in browser.current_url, message="state in the URL")
    settle(browser)
    wait_for_numbers(browser, world, Filters(state=(state,)))

    reached = sorted({r["district"] for r in brute.records(world, Filters(state=(state,)))})
    district = reached[0]
    click_map_region(browser, district)
    wait_for(lambda: f"district={district}" in browser.current_url, message="district in the URL")
    settle(browser)
    wait_for_numbers(browser, world, Filters(state=(state,), district=(district,)))
    panel = text_of(browser, "dashboard-panel")
    assert "Programmes that reached it" in panel

    browser.back()
    wait_for(lambda: "district=" not in browser.current_url, message="back to the state")
    settle(browser)
    wait_for_numbers(browser, world, Filters(state=(state,)))

    click_hub(browser, hub["hub_code"])
    wait_for(lambda: f"hub={hub['hub_code']}" in browser.current_url, message="hub in the URL")
    settle(browser)
    wait_for_numbers(browser, world, Filters(hub=(hub["hub_code"],)))  # its whole reach
    assert "state=" not in browser.current_url
    assert "The hub and its spokes" in text_of(browser, "dashboard-panel")

    browser.find_element(By.ID, "dashboard-reset").click()
    wait_for(
        lambda: browser.current_url.rstrip("/").endswith(str(app_server.port)), message="reset"
    )
    settle(browser)
    wait_for_numbers(browser, world, Filters())


def test_partner_filter_and_date_preset(browser, app_server, world_store):
    _, world = world_store
    browser.get(app_server.url + "/")
    settle(browser)
    choose(browser, "dashboard-partner", "PA3")
    wait_for(lambda: "partner=PA3" in browser.current_url, message="partner in the URL")
    settle(browser)
    wait_for_numbers(browser, world, Filters(partner=("PA3",)))

    today = today_in_india()
    fy_start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    last_fy_name = fy_name(fy_start.year - 1)  # the preset names its year: FY 2025-26
    browser.find_element(By.XPATH, f"//label[normalize-space()='{last_fy_name}']").click()
    settle(browser)
    last_fy = Filters(
        partner=("PA3",),
        date_from=date(fy_start.year - 1, 4, 1),
        date_to=fy_start - timedelta(days=1),
    )
    wait_for(lambda: "from=" in browser.current_url, message="dates in the URL")
    wait_for_numbers(browser, world, last_fy)


def test_deep_link_reproduces_the_view(browser, app_server, world_store):
    _, world = world_store
    link = (
        "/?from=2020-01-01&to=2023-12-31&state=29&state=22&sector=health"
        "&metric=participants&tab=trends"
    )
    browser.get(app_server.url + link)
    settle(browser)
    filters = Filters(
        state=(29, 22), sector=("health",), date_from=date(2020, 1, 1), date_to=date(2023, 12, 31)
    )
    wait_for_numbers(browser, world, filters)
    first = shown(browser)
    browser.get(app_server.url + link)
    settle(browser)
    assert shown(browser) == first
    assert browser.current_url.endswith(link)
    checked = browser.find_element(By.CSS_SELECTOR, "#dashboard-map-metric input:checked")
    assert checked.get_attribute("value") == "participants"
    active = browser.find_element(By.CSS_SELECTOR, "#dashboard-tabs .nav-link.active")
    assert active.text == "Trends"


def test_selection_matching_nothing_says_so(browser, app_server, world_store):
    browser.get(app_server.url + "/?hub=HB0&program=PR1")
    settle(browser)
    banner = wait_for(lambda: text_of(browser, "dashboard-banner"), message="banner")
    assert "No attendance matches these filters" in banner
    browser.find_element(By.LINK_TEXT, "Clear all filters").click()
    settle(browser)
    wait_for(lambda: text_of(browser, "dashboard-banner") == "", message="banner gone")


def test_filters_are_reachable_by_keyboard(browser, app_server):
    browser.get(app_server.url + "/")
    settle(browser)
    focused = []
    for _ in range(20):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused.append(browser.execute_script("return document.activeElement.id"))
    for control in ("dates", "state", "partner", "disease", "sector", "cadre", "clear"):
        assert f"dashboard-{control}" in focused, control
    assert any("dashboard-preset" in f for f in focused)


# --- The programme table: pages cut on the server -------------------------------------------

PAGE = 20  # rows per page of the programme table

GRID = """
const api = dash_ag_grid.getApi('dashboard-grid');
const page = api.paginationGetCurrentPage(), size = api.paginationGetPageSize();
const total = api.paginationGetRowCount(), codes = [];
for (let i = page * size; i < Math.min(total, (page + 1) * size); i++) {
  const node = api.getDisplayedRowAtIndex(i);
  codes.push(node && node.data ? node.data.program_code : null);
}
const panel = document.querySelector('#dashboard-grid .ag-paging-row-summary-panel');
return {page: page + 1, codes: codes, panel: panel ? panel.innerText.replace(/\\s+/g, ' ') : ''};
"""


@pytest.fixture(scope="module")
def programmes_server(tmp_path_factory, app_server):
    """The app on a world of 45 programmes: a table of three pages."""
    path = tmp_path_factory.mktemp("programmes") / "world.db"
    store = Store(f"sqlite:///{path}")
    migrate(store)
    world = make_world(seed=7, programmes=45)
    write_world(store, world)
    version = current_data_version(store)
    store.dispose()
    server = AppServer(f"sqlite:///{path}")
    yield server, world, version
    server.stop()


def grid_shows(driver, codes: list[str], total: int, page: int = 1) -> dict:
    """Wait until the grid's page `page` holds `codes` and its summary says `total`."""
    first, last = (page - 1) * PAGE + 1, (page - 1) * PAGE + len(codes)
    summary = f"{first} to {last} of {total}" if total else "0 to 0 of 0"
    return wait_for(
        lambda: (
            (seen := driver.execute_script(GRID))["codes"] == codes
            and seen["page"] == page
            and seen["panel"] == summary
            and seen
        ),
        message=f"page {page} of the programme table: {summary}, {codes}",
    )


def programmes_in(world, filters: Filters) -> dict[str, dict]:
    """Each programme with attendances under `filters`, its numbers counted by hand."""
    return brute.grouped(brute.records(world, filters), "program")


def words_of(world, code: str) -> str:
    """What the search box looks in, spelled out from the world (it finds every word of
    what is typed, each anywhere in these fields)."""
    program = world.by_code("programs", "program_code")[code]
    hub = world.by_code("hubs", "hub_code")[program["hub_code"]]
    partners = [hub["host_partner_code"], *program["partner_codes"]]
    fields = (code, program["name"], hub["name"], hub["hub_code"], *partners)
    return " ".join((*fields, program["disease_area"], program["sector"])).lower()


def click(driver, element) -> None:
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    element.click()


def downloaded_codes(driver, folder: Path) -> list[str]:
    """Click the programme table's CSV link; the codes of the file it saves, in order."""
    for old in folder.glob("*.csv"):
        old.unlink()
    click(driver, driver.find_element(By.ID, "dashboard-grid-download"))
    saved = wait_for(lambda: list(folder.glob("*.csv")), message="the CSV file")[0]
    rows = wait_for(lambda: list(csv.DictReader(io.StringIO(saved.read_text()))), message="rows")
    return [row["Code"] for row in rows]


def test_programme_table_pages_search_sort_and_filters(browser, programmes_server, tmp_path):
    server, world, version = programmes_server
    sign_in(browser, server)
    download_dir = tmp_path
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)}
    )
    browser.get(server.url + "/?tab=programmes")
    settle(browser)
    everything = programmes_in(world, Filters())
    by_code = sorted(everything)
    assert len(by_code) > 2 * PAGE  # three pages
    grid_shows(browser, by_code[:PAGE], len(by_code))
    first_cell = "#dashboard-grid .ag-row[row-index='0'] [col-id='program_code']"
    assert browser.find_element(By.CSS_SELECTOR, first_cell).text == by_code[0]

    search = browser.find_element(By.ID, "dashboard-grid-search")
    click(browser, search)
    search.send_keys("hiv hub 3")  # words of two fields, neither holding them as typed
    found = [c for c in by_code if all(w in words_of(world, c) for w in ("hiv", "hub", "3"))]
    assert 1 < len(found) < PAGE
    grid_shows(browser, found, len(found))

    header = browser.find_element(
        By.CSS_SELECTOR, "#dashboard-grid .ag-header-cell[col-id='attendances']"
    )
    click(browser, header)  # ascending
    settle(browser)
    click(browser, header)  # descending
    most = sorted(found, key=lambda c: (-everything[c]["attendances"], c))
    assert most != found
    grid_shows(browser, most, len(found))
    assert downloaded_codes(browser, download_dir) == most  # the CSV is the table as shown

    search.send_keys(Keys.CONTROL, "a")
    search.send_keys(Keys.DELETE)
    ranked = sorted(by_code, key=lambda c: (-everything[c]["attendances"], c))
    grid_shows(browser, ranked[:PAGE], len(ranked))
    click(
        browser, browser.find_element(By.CSS_SELECTOR, "#dashboard-grid [aria-label='Next Page']")
    )
    grid_shows(browser, ranked[PAGE : 2 * PAGE], len(ranked), page=2)

    # the heartbeat sets the same data version again every 30 s: the page stays put
    browser.execute_script(
        "window.dash_clientside.set_props('dashboard-version', {data: arguments[0]});", version
    )
    settle(browser)
    grid_shows(browser, ranked[PAGE : 2 * PAGE], len(ranked), page=2)

    # a filter in the URL empties the grid's cache and takes it back to page 1
    choose(browser, "dashboard-state", "22")
    wait_for(lambda: "state=22" in browser.current_url, message="state in the URL")
    settle(browser)
    chosen = programmes_in(world, Filters(state=(22,)))
    ranked = sorted(chosen, key=lambda c: (-chosen[c]["attendances"], c))
    assert len(ranked) != len(everything)
    grid_shows(browser, ranked[:PAGE], len(ranked))

    # a column filter goes to the server too
    least = sorted(m["attendances"] for m in chosen.values())[len(chosen) // 2]
    browser.execute_script(
        "dash_ag_grid.getApi('dashboard-grid').setFilterModel({attendances: {filterType:"
        " 'number', type: 'greaterThan', filter: arguments[0]}});",
        least,
    )
    over = [c for c in ranked if chosen[c]["attendances"] > least]
    grid_shows(browser, over[:PAGE], len(over))


DRAWN_TYPES = """
const registered = Object.keys(Plotly.PlotSchema.get().traces);
const drawn = Array.from(document.querySelectorAll('.js-plotly-plot'))
  .flatMap(gd => (gd.data || []).map(trace => trace.type || 'scatter'));
return [Plotly.version, registered, drawn];
"""


@pytest.mark.parametrize("tab", ["coverage", "trends"])
def test_charts_are_drawn_by_our_plotly_with_every_trace_type_registered(browser, app_server, tab):
    """The page's plotly.js is assets/plotly.min.js (1.4 MB, the trace types we draw), not
    the full 4.8 MB bundle; no chart asks for a trace type it leaves out."""
    browser.get(f"{app_server.url}/?tab={tab}")
    settle(browser)
    version, registered, drawn = browser.execute_script(DRAWN_TYPES)
    assert version == get_plotlyjs_version()
    assert len(drawn) >= 4 and set(drawn) <= set(registered), (drawn, registered)
    urls = requested_urls(browser)
    assert any("/assets/plotly.min.js" in u for u in urls)
    assert not any("package_data/plotly.min.js" in u for u in urls)
    assert all(u.startswith((app_server.url, "data:", "blob:")) for u in urls)


# --- No dead ends ---------------------------------------------------------------------------


def test_a_bad_link_names_its_parts_and_each_is_one_click_away(browser, app_server, world_store):
    _, world = world_store
    browser.get(app_server.url + "/?state=999&sector=health")
    banner = wait_for(
        lambda: "cannot use" in (text := text_of(browser, "dashboard-banner")) and text,
        message="the banner naming the bad part",
    )
    assert "999" in banner
    wait_for(lambda: "health" in text_of(browser, "dashboard-sector"), message="the usable part")
    assert "999" not in text_of(browser, "dashboard-state")  # never a value
    assert text_of(browser, "dashboard-breadcrumb") == "India"
    assert text_of(browser, "dashboard-data-as-of").startswith("Data as of")
    browser.find_element(By.LINK_TEXT, "Remove state: 999").click()
    wait_for(lambda: browser.current_url.endswith("/?sector=health"), message="the part gone")
    wait_for(lambda: text_of(browser, "dashboard-banner") == "", message="banner gone")
    wait_for_numbers(browser, world, Filters(sector=("health",)))


def test_a_path_with_no_page_says_so_and_links_home(browser, app_server):
    browser.get(app_server.url + "/nonexistent")
    wait_for(
        lambda: "Page not found" in browser.find_element(By.TAG_NAME, "body").text,
        message="the page saying so",
    )
    # the only console error: the page itself answered 404, as it should
    assert all("404" in e for e in console_errors(browser))
    browser.find_element(By.LINK_TEXT, "Go to the dashboard").click()
    wait_for(lambda: kpi(browser, "attendances"), message="the dashboard's numbers")


PANEL_CODES = """
const table = document.querySelector('#dashboard-panel table');
return Array.from(table.querySelectorAll('tbody tr')).map(r => r.cells[0].innerText);
"""


def test_and_more_opens_the_rest_of_a_panel_list(browser, programmes_server):
    server, world, _ = programmes_server
    sign_in(browser, server)
    reached: dict[str, set] = {}
    for row in brute.records(world, Filters()):
        reached.setdefault(row["district"], set()).add(row["program"])
    district = max(reached, key=lambda d: (len(reached[d]), d))
    programmes = brute.grouped(brute.records(world, Filters(district=(district,))), "program")
    ranked = sorted(programmes, key=lambda p: (-programmes[p]["attendances"], p))
    assert len(ranked) > 8
    browser.get(f"{server.url}/?state={world.districts[district]}&district={district}")
    wait_for(lambda: browser.execute_script(PANEL_CODES) == ranked[:8], message="8 programmes")
    more = browser.find_element(
        By.XPATH, f"//button[normalize-space()='and {len(ranked) - 8} more']"
    )
    click(browser, more)
    wait_for(lambda: browser.execute_script(PANEL_CODES) == ranked, message="every programme")

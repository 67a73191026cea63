"""What an official reads must be true at a glance (issue #17, points 3 to 7), seen in Chromium
at 1366x768, the smallest screen the dashboard is made for: what only a browser shows (what
covers what, what is cut, where labels land), each number against a count by hand."""

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.numbers import indian
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from dashboard.vocabulary.filters import Filters
from tests.browser.driver import (
    AppServer,
    assert_stayed_home,
    chromium,
    click_map,
    hub_centre,
    kpi,
    quit_reporting,
    settle,
    sign_in,
    text_of,
    wait_for,
)
from tests.queries import brute
from tests.world import make_world, write_world

pytestmark = pytest.mark.browser

SMALLEST = (1366, 768)


@pytest.fixture
def small_screen(app_server):
    driver = chromium(*SMALLEST)
    sign_in(driver, app_server)
    yield driver
    assert_stayed_home(*quit_reporting(driver))


def _open(driver, url: str) -> None:
    driver.get(url)
    settle(driver)


def _reach_words(counts: dict) -> str:
    districts, states = counts["districts_reached"], counts["states_reached"]
    return f"{districts} district{'s' * (districts != 1)} in {states} state{'s' * (states != 1)}"


# --- Point 4: every state and UT can be reached from the map -------------------------------


def test_a_hub_marker_on_india_leaves_the_click_to_its_state(small_screen, app_server, world_store):
    """Hubs covered Delhi (second by attendances): a click there opened a hub."""
    _, world = world_store
    hub = world.hubs[0]
    state = world.districts[hub["district_code"]]
    _open(small_screen, app_server.url + "/")
    click_map(small_screen, lambda: hub_centre(small_screen, hub["hub_code"]), "a hub's marker")
    wait_for(lambda: f"state={state}" in small_screen.current_url, message="the hub's state")
    assert "hub=" not in small_screen.current_url


def test_every_state_and_ut_is_a_keyboard_choice_beside_the_map(small_screen, app_server):
    """Chandigarh is a pixel or two on a map of India: the list beside it, reached by the
    keyboard from the switch before it, opens any state or UT by name."""
    _open(small_screen, app_server.url + "/")
    switch = small_screen.find_element(By.ID, "dashboard-white-spots")
    small_screen.execute_script("arguments[0].focus();", switch)
    ActionChains(small_screen).send_keys(Keys.TAB).perform()
    focused = small_screen.execute_script(
        "return document.activeElement.closest('#dashboard-map-state') !== null;"
    )
    assert focused, "the state list is the next stop after the switch"
    ActionChains(small_screen).send_keys(Keys.ENTER).perform()
    search = wait_for(
        lambda: small_screen.find_element(By.CSS_SELECTOR, ".dash-dropdown-search"),
        message="the list's search box",
    )
    search.send_keys("Chandigarh")
    ActionChains(small_screen).send_keys(Keys.ARROW_DOWN, Keys.ENTER).perform()
    wait_for(lambda: "state=4" in small_screen.current_url, message="Chandigarh opened")
    settle(small_screen)
    wait_for(
        lambda: text_of(small_screen, "dashboard-map-state").startswith("Chandigarh"),
        message="the list shows the state in view",
    )
    assert text_of(small_screen, "dashboard-panel").startswith("Chandigarh")


# --- Point 3: a hub's reach is whole, or says it is not ------------------------------------

FRAME = """
const gd = document.querySelector('#dashboard-map .js-plotly-plot');
const plot = gd._fullLayout.geo.domain, size = gd._fullLayout._size;
const width = size.w * (plot.x[1] - plot.x[0]), height = size.h * (plot.y[1] - plot.y[0]);
const outline = Array.from(gd.querySelectorAll('.choroplethlocation')).find(p => {
  for (let n = p; n; n = n.parentNode) {
    const d = n.__data__;
    if (Array.isArray(d) && d[0] && d[0].trace) {
      return d[0].trace.name === 'States' && String(p.__data__.loc) === arguments[0];
    }
  }
  return false;
});
const box = outline.getBoundingClientRect();
return [box.width / width, box.height / height];
"""


def test_a_hub_narrowed_to_a_state_frames_its_reach_and_offers_the_whole(
    small_screen, app_server, world_store
):
    _, world = world_store
    _open(small_screen, app_server.url + "/?state=29&hub=HB0")
    within = brute.metrics(brute.records(world, Filters(state=(29,), hub=("HB0",))))
    whole = brute.metrics(brute.records(world, Filters(hub=("HB0",))))
    limited = wait_for(lambda: text_of(small_screen, "dashboard-reach-limited"), message="words")
    assert "Only participants from Karnataka are counted" in limited
    assert f"Its whole reach: {_reach_words(whole)}." in limited
    assert text_of(small_screen, "dashboard-hub-reach") == f"Reach: {_reach_words(within)}"
    across, down = small_screen.execute_script(FRAME, "29")  # Karnataka's outline
    assert max(across, down) > 0.4, "the map frames the reach, not all of India"

    small_screen.find_element(By.ID, "dashboard-whole-reach").click()
    wait_for(lambda: small_screen.current_url.endswith("/?hub=HB0"), message="the whole reach")
    settle(small_screen)
    wait_for(
        lambda: kpi(small_screen, "districts_reached") == indian(whole["districts_reached"]),
        message="the whole reach's numbers",
    )
    assert text_of(small_screen, "dashboard-hub-reach") == f"Reach: {_reach_words(whole)}"
    assert not small_screen.find_elements(By.ID, "dashboard-reach-limited")


# --- Point 5: districts never reached, named; their legend swatch seen ---------------------

SWATCH = """
const entry = Array.from(document.querySelectorAll('#dashboard-map .legend .traces'))
  .find(t => t.querySelector('.legendtext').textContent === arguments[0]);
const mark = entry.querySelector('.legendpoints path');
const style = getComputedStyle(mark);
return [style.fill, style.stroke, parseFloat(style.strokeWidth) || 0, style.strokeOpacity];
"""


def test_never_reached_districts_are_named_and_their_swatch_has_an_edge(
    small_screen, app_server, world_store
):
    _, world = world_store
    _open(small_screen, app_server.url + "/?white=1&sector=health")
    fill, stroke, width, opacity = small_screen.execute_script(SWATCH, "Not reached")
    assert fill == "rgb(255, 255, 255)"
    assert stroke not in ("none", "rgb(255, 255, 255)") and width >= 1 and opacity != "0"
    listed = wait_for(lambda: text_of(small_screen, "dashboard-never-reached"), message="list")
    reached = {r["district"] for r in brute.records(world, Filters(sector=("health",)))}
    karnataka = [
        code for code, state in world.districts.items() if state == 29 and code not in reached
    ]
    count = text_of(small_screen, "dashboard-white-spot-count")
    assert count.endswith("districts never reached in this selection.")
    assert "Karnataka (" in listed and "States by" not in text_of(small_screen, "dashboard-panel")
    assert all(code not in listed for code in karnataka)  # names, not codes


# --- Point 6 and 7: names, dates and labels whole ------------------------------------------

CITIES = ("New Delhi", "Bhopal", "Jodhpur", "Patna", "Rae Bareli")
AREAS = (
    "Comprehensive primary health care",
    "Hypertension and cardiac care",
    "Mathematics and English teaching",
    "Newborn and child health",
    "Chronic respiratory disease",
    "Health information (HMIS)",
    "Oncology tumour boards",
    "Social-emotional learning",
    "COVID-19 critical care",
    "Drug-resistant TB",
    "High-risk pregnancy",
    "Nursing administration",
    "ASHA refresher training",
    "Palliative care",
    "Tobacco cessation",
    "Infection control",
    "Thalassaemia",
    "Immunisation",
    "Liver disease",
    "Urban primary care",
)


@pytest.fixture(scope="module")
def long_names(tmp_path_factory, app_server):
    """The app on a world whose names are as long as ECHO India's own: nineteen partners
    differ only after "All India Institute of Medical Sciences, "; twenty disease areas."""
    path = tmp_path_factory.mktemp("long-names") / "world.db"
    store = Store(f"sqlite:///{path}")
    migrate(store)
    world = make_world(seed=7, programmes=40)
    for partner, city in zip(world.partners, CITIES, strict=True):
        partner["name"] = f"All India Institute of Medical Sciences, {city}"
    for n, hub in enumerate(world.hubs):
        hub["name"] = f"National Institute of Mental Health and Neuro Sciences - hub {n}"
    for n, program in enumerate(world.programs):
        program["disease_area"] = AREAS[n % len(AREAS)]
        program["name"] = f"{program['disease_area']} ECHO for primary care teams - cohort {n}"
    write_world(store, world)
    store.dispose()
    server = AppServer(f"sqlite:///{path}")
    yield server, world
    server.stop()


CUT = """
const el = arguments[0];
return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
"""
ON_TOP = """
const r = arguments[0].getBoundingClientRect();
const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
return hit !== null && arguments[0].contains(hit);
"""


def test_partner_lists_and_chosen_partners_show_whole_names(small_screen, long_names):
    server, world = long_names
    sign_in(small_screen, server)
    _open(small_screen, server.url + "/?partner=PA0&partner=PA1")
    labels = {p["partner_code"]: p["name"] for p in world.partners}
    chosen = small_screen.find_elements(
        By.CSS_SELECTOR, "#dashboard-partner .dash-dropdown-value-item"
    )
    assert [c.text.rsplit(" (", 1)[0] for c in chosen] == [labels["PA0"], labels["PA1"]]
    for value in chosen:
        assert not small_screen.execute_script(CUT, value), value.text
    small_screen.find_element(By.ID, "dashboard-partner").click()
    options = wait_for(
        lambda: small_screen.find_elements(By.CSS_SELECTOR, "[role=option]"), message="options"
    )
    shown = []
    for option in options:
        text = option.find_element(By.CSS_SELECTOR, ".dash-options-list-option-text")
        assert not small_screen.execute_script(CUT, text), text.text
        assert small_screen.execute_script(ON_TOP, option), f"{text.text} is covered"
        shown.append(text.text.rsplit(" (", 1)[0])
    assert set(shown) == set(labels.values())


ROWS = """
const rows = document.querySelectorAll('#dashboard-grid .ag-center-cols-container .ag-row');
return Array.from(rows).flatMap(row => Array.from(row.querySelectorAll('.ag-cell')));
"""


def test_programme_table_shows_whole_names_and_dates(small_screen, long_names):
    server, world = long_names
    sign_in(small_screen, server)
    _open(small_screen, server.url + "/?tab=programmes")
    cells = wait_for(
        lambda: len(found := small_screen.execute_script(ROWS)) > 20 and found,
        message="the table's first rows",
    )
    programs = world.by_code("programs", "program_code")
    for cell in cells:
        column = cell.get_attribute("col-id")
        if column in ("start_date", "end_date"):
            assert re.search(r"\b20\d\d\b", cell.text), cell.text  # the year shows: whole
        assert not small_screen.execute_script(CUT, cell), f"{column}: {cell.text}"
    names = [c.text for c in cells if c.get_attribute("col-id") == "name"]
    assert set(names) <= {p["name"] for p in programs.values()}
    headers = small_screen.find_elements(By.CSS_SELECTOR, "#dashboard-grid .ag-header-cell-text")
    for header in headers:
        assert not small_screen.execute_script(CUT, header), header.text


MATRIX_LABELS = """
const gd = document.querySelector('#dashboard-matrix .js-plotly-plot');
const boxes = sel => Array.from(gd.querySelectorAll(sel)).map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
});
const bar = gd.querySelector('.modebar');
const r = bar ? bar.getBoundingClientRect() : null;
return {columns: boxes('.xtick text'), rows: boxes('.ytick text'),
        toolbar: r && {left: r.left, right: r.right, top: r.top, bottom: r.bottom}};
"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


def test_matrix_labels_every_column_apart_and_lists_only_the_chosen_state(small_screen, long_names):
    server, world = long_names
    sign_in(small_screen, server)
    _open(small_screen, server.url + "/?tab=coverage")
    small_screen.execute_script("document.getElementById('dashboard-matrix').scrollIntoView();")
    seen = small_screen.execute_script(MATRIX_LABELS)
    areas = {r["disease"] for r in brute.records(world, Filters())}
    columns = seen["columns"]
    assert sorted(c["text"] for c in columns) == sorted(areas)  # every one, none thinned out
    for n, one in enumerate(columns):
        assert all(not _overlap(one, other) for other in columns[n + 1 :]), one["text"]
        assert seen["toolbar"] is None or not _overlap(one, seen["toolbar"]), one["text"]
    assert "white cell is a gap" in text_of(small_screen, "dashboard-matrix-note")

    _open(small_screen, server.url + "/?tab=coverage&state=29")
    rows = small_screen.execute_script(MATRIX_LABELS)["rows"]
    assert [r["text"] for r in rows] == ["Karnataka"]

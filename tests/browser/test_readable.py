"""What an official reads must be true at a glance: the chart toolbar never over a chart, one
date style, numbers in one Indian style, and the live screen legible in a room. Measured in
Chromium, as only a browser shows them."""

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains

from layouts.live import PANELS, TABLES
from tests.browser.driver import settle, text_of, wait_for

DAY = re.compile(r"\d\d [A-Z][a-z]{2} \d{4}")  # 07 Dec 2026
SCREENS = [(1440, 900), (1920, 1080), (390, 844)]


def at_size(driver, width: int, height: int) -> None:
    """The page's viewport exactly `width` x `height` CSS pixels, as on that screen."""
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)


TOOLBARS = """
return Array.from(document.querySelectorAll('.js-plotly-plot'))
  .filter(gd => gd.getClientRects().length && gd.querySelector('.modebar'))
  .map(gd => {
    const bar = gd.querySelector('.modebar').getBoundingClientRect();
    const chart = gd.querySelector('.main-svg').getBoundingClientRect();
    return [gd.closest('[id]').id, bar.height, bar.bottom, chart.top];
  });
"""
TICKS = """
return Array.from(document.querySelectorAll(
  '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .colorbar text'
)).map(t => t.textContent);
"""


@pytest.mark.parametrize("width, height", SCREENS)
@pytest.mark.parametrize("tab", ["coverage", "trends"])
def test_the_chart_toolbar_never_covers_a_chart(browser, app_server, tab, width, height):
    """Each chart's toolbar sits in a strip above the chart, so it can hide no bar, peak or
    label, whether shown or not; and the charts' ticks are written the Indian way."""
    at_size(browser, width, height)
    browser.get(f"{app_server.url}/?tab={tab}")
    settle(browser)
    wait_for(lambda: len(browser.execute_script(TOOLBARS)) >= 3, 20, "the charts' toolbars")
    for graph, bar_height, bar_bottom, chart_top in browser.execute_script(TOOLBARS):
        assert bar_height > 0, graph
        assert bar_bottom <= chart_top + 0.5, f"{graph}: toolbar over the chart"
    ticks = [t for t in browser.execute_script(TICKS) if t]
    assert ticks and not [t for t in ticks if re.search(r"\d[kKM]$", t)], ticks


def test_dates_read_one_way_on_the_page(browser, app_server, world_store):
    """07 Dec 2026 wherever the page writes a day: data as of, the period's dates, the
    tiles' comparison, a month's sessions, the programme table (ISO only in CSV and API)."""
    _, world = world_store
    latest = max(s["held_on"] for s in world.sessions if s["held_on"].year < 2023)
    month = latest.year * 100 + latest.month
    browser.get(f"{app_server.url}/?tab=trends&month={month}&from=2021-01-01&to=2023-06-30")
    settle(browser)
    assert re.fullmatch(f"Data as of {DAY.pattern}", text_of(browser, "dashboard-data-as-of"))
    picked = browser.execute_script(
        "return Array.from(document.querySelectorAll('#dashboard-dates-wrapper input'))"
        ".map(i => i.value);"
    )
    assert picked == ["01 Jan 2021", "30 Jun 2023"]
    change = wait_for(lambda: text_of(browser, "dashboard-kpi-attendances-change"), 20)
    assert re.search(f"vs {DAY.pattern} to {DAY.pattern}$", change), change
    assert re.fullmatch(
        rf"\d+ sessions? in {latest:%b %Y}", text_of(browser, "dashboard-month-title")
    )
    days = wait_for(lambda: _cells(browser, "held_on"), 20, "the month's sessions")
    assert all(DAY.fullmatch(day) for day in days), days
    browser.get(f"{app_server.url}/?tab=programmes")
    settle(browser)
    starts = wait_for(lambda: _cells(browser, "start_date"), 20, "the programme table")
    assert all(DAY.fullmatch(day) for day in starts + _cells(browser, "end_date")), starts


def _cells(driver, column: str) -> list[str]:
    """The column's cells as shown: a cell too narrow for its date shows it cut (…)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".map(c => c.scrollWidth > c.clientWidth + 1 ? c.textContent + '…' : c.textContent);",
        f".ag-cell[col-id='{column}']",
    )


LIVE_TEXT = """
return Array.from(document.querySelectorAll('.live-panel svg text'))
  .filter(t => t.textContent.trim() && t.getBBox().width > 0)
  .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize),
             t.closest('.live-panel').id]);
"""
MAP_FILL = """
const body = document.querySelector('#live-panel-map .live-panel-body').getBoundingClientRect();
const box = (selector) => {
  let top = 1e9, bottom = -1e9, left = 1e9, right = -1e9;
  document.querySelectorAll(selector).forEach(e => {
    const r = e.getBoundingClientRect();
    if (!r.width) return;
    top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
    left = Math.min(left, r.left); right = Math.max(right, r.right);
  });
  return {top, bottom, left, right};
};
return [body.height, box('#live-map .choroplethlocation'),
        box('#live-map .legend .traces'), box('#live-map .colorbar')];
"""
ROWS = """
const wrap = document.querySelector('#live-sessions').getBoundingClientRect();
return Array.from(document.querySelectorAll('#live-sessions tbody tr'))
  .map(r => [r.hidden, r.getBoundingClientRect().bottom - wrap.bottom]);
"""


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_the_live_screen_reads_from_five_metres(browser, app_server, world_store, width, height):
    """At 1920x1080 every chart's text is 28 px or more; on any screen the map fills its
    panel beside its legend, names are whole, a list shows only whole rows, the partial
    month is marked, and the footer says what comes next and when rotation is paused."""
    _, world = world_store
    at_size(browser, width, height)
    browser.get(f"{app_server.url}/live?rotate=3600&refresh=600")
    settle(browser)
    texts = wait_for(lambda: browser.execute_script(LIVE_TEXT), 30, "the panels' charts")
    charts = {f"live-panel-{k}" for k, _ in PANELS if k not in TABLES}
    assert {panel for _, _, panel in texts} >= charts
    assert not [t for t, _, _ in texts if "…" in t], "a name cut short"
    if width == 1920:
        small = [(t, size) for t, size, _ in texts if size < 28]
        assert not small, f"text under 28 px: {small[:8]}"

    panel_height, shaded, legend, colour_bar = browser.execute_script(MAP_FILL)
    assert shaded["bottom"] - shaded["top"] >= 0.85 * panel_height
    for beside in (legend, colour_bar):
        assert beside["right"] <= shaded["left"] or beside["left"] >= shaded["right"]

    rows = wait_for(lambda: browser.execute_script(ROWS), 20, "the latest sessions")
    shown = [below for hidden, below in rows if not hidden]
    assert shown and all(below <= 0.5 for below in shown), rows
    assert [hidden for hidden, _ in rows] == sorted(hidden for hidden, _ in rows)  # cut at the end

    latest = max(s["held_on"] for s in world.sessions)
    marks = browser.execute_script(
        "return Array.from(document.querySelectorAll('#live-trend .annotation-text'))"
        ".map(t => t.textContent);"
    )
    assert f"to {latest:%d %b}" in marks

    assert f"next: {PANELS[1][1]}" in text_of(browser, "live-status")
    ActionChains(browser).send_keys(" ").perform()
    wait_for(
        lambda: "is-paused" in browser.find_element("id", "live-status").get_attribute("class")
    )
    status = text_of(browser, "live-status")
    assert "paused" in status and f"next: {PANELS[1][1]}" in status

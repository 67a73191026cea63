"""The dashboard's first view, drawn by the server in the page's HTML, in a real browser on a
phone: shown with its numbers and map before the app has drawn anything, replaced by the
app's own (the same numbers) with no moment holding both or an id twice; readable without
JavaScript, and axe-core finds nothing serious in it."""

from selenium.webdriver.common.by import By

from dashboard.numbers import indian
from dashboard.vocabulary.filters import Filters
from tests.browser.driver import axe_violations, phone, settle, wait_for
from tests.queries import brute

BLOCKING = ("serious", "critical")

# Watches the page from its first instant: when the first view is there with its numbers
# and map (and whether the app's tiles were filled then), when it went and what the app's
# tile said at that moment, whether both were ever seen at once, and any id of the first
# view the page held twice.
WATCH = """
(() => {
  const seen = window.__firstView = {shown: null, kpi: null, appBefore: null, gone: null,
                                     appAtGone: null, both: false, twice: []};
  const look = () => {
    const first = document.getElementById('first-view');
    const app = document.getElementById('dashboard-kpi-attendances');
    const filled = !!(app && /[0-9]/.test(app.textContent));
    if (first && seen.shown === null) {
      const tile = first.querySelector('[data-metric="attendances"]');
      if (tile && first.querySelector('svg path[data-state]')) {
        seen.shown = performance.now(); seen.kpi = tile.title; seen.appBefore = filled;
      }
    }
    if (first) {
      const entry = document.getElementById('react-entry-point');
      if (filled && entry && getComputedStyle(entry).visibility !== 'hidden') seen.both = true;
      const mine = Array.from(first.querySelectorAll('[id]'), e => e.id).concat(first.id);
      const twice = mine.filter(id => document.querySelectorAll('[id="' + id + '"]').length > 1);
      if (twice.length) seen.twice = twice;
    } else if (seen.shown !== null && seen.gone === null) {
      seen.gone = performance.now(); seen.appAtGone = filled ? app.title : null;
    }
  };
  new MutationObserver(look).observe(document, {childList: true, subtree: true});
  setInterval(look, 20);
})();
"""


def _attendances(world) -> str:
    return indian(brute.metrics(brute.records(world, Filters()))["attendances"])


def test_the_first_view_comes_before_the_app_and_goes_when_the_app_is_drawn(
    browser, app_server, world_store
):
    _, world = world_store
    phone(browser)
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    browser.get(app_server.url + "/")
    settle(browser)
    seen = wait_for(
        lambda: (s := browser.execute_script("return window.__firstView;"))["gone"] and s,
        30,
        "the first view to go",
    )
    assert seen["shown"] is not None and seen["appBefore"] is False, seen
    assert seen["kpi"] == _attendances(world), seen
    assert seen["appAtGone"] == seen["kpi"], seen  # the same number, in the same place
    assert seen["gone"] > seen["shown"] and not seen["both"] and not seen["twice"], seen
    assert browser.find_element(By.ID, "dashboard-map").is_displayed()
    assert not browser.find_elements(By.ID, "first-view")
    print("first view shown at", seen["shown"], "ms, gone at", seen["gone"], "ms")


def test_the_first_view_reads_without_javascript_and_axe_finds_nothing_serious(
    browser, app_server, world_store
):
    _, world = world_store
    phone(browser)
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(app_server.url + "/?lang=hi")
    first = browser.find_element(By.ID, "first-view")
    assert first.is_displayed()
    tile = first.find_element(By.CSS_SELECTOR, '[data-metric="attendances"]')
    assert tile.get_attribute("title") == indian(
        brute.metrics(brute.records(world, Filters()))["attendances"]
    )
    assert "उपस्थिति" in first.text  # its words in the page's language
    states = first.find_elements(By.CSS_SELECTOR, "svg path[data-state]")
    assert len(states) == 36 and states[0].is_displayed()
    assert not browser.find_element(By.ID, "react-entry-point").is_displayed()
    # scripts allowed again, for axe: the page's own were skipped, so the first view stays
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    violations = axe_violations(browser)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, blocking
    assert browser.find_element(By.ID, "first-view").is_displayed()
    browser.get(app_server.url + "/")
    settle(browser)

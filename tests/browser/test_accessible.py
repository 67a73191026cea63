"""Accessible and usable on a phone, in a real browser: axe-core (WCAG 2.1 A and AA) on every
page and state in one browser session, the keyboard's way through the page and down the
map, and the phone's layout (no sideways scroll at 320 px, the filter drawer and its count,
KPIs above the map, a swipe over a chart scrolls the page, tap targets of 44 px)."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.viewstate import TABS
from dashboard.vocabulary.filters import Filters
from tests.browser.driver import axe_violations, phone, settle, sign_in, swipe_up, wait_for
from tests.queries import brute

BLOCKING = ("serious", "critical")


def places(world) -> tuple[int, str, str]:
    """A state, one of its districts reached, and a hub, from the test's world."""
    hub = world.hubs[0]
    state = world.districts[hub["district_code"]]
    reached = sorted({r["district"] for r in brute.records(world, Filters(state=(state,)))})
    return state, reached[0], hub["hub_code"]


def pages(world) -> list[tuple[str, str, int]]:
    """Every page and state axe checks: (name, path, width)."""
    state, district, hub = places(world)
    desktop = [
        ("India", "/"),
        ("India (hi)", "/?lang=hi"),
        ("state", f"/?state={state}"),
        ("district", f"/?state={state}&district={district}"),
        ("hub", f"/?hub={hub}"),
        *[(f"tab {tab}", f"/?tab={tab}") for tab in TABS if tab != "coverage"],
        ("tab trends (hi)", "/?tab=trends&lang=hi"),
        ("never reached", "/?white=1"),
        ("live", "/live"),
        ("live (hi)", "/live?lang=hi"),
        ("accessibility statement", "/accessibility"),
        ("not found", "/nowhere"),
        ("sign-in", "/login"),
        ("sign-in (hi)", "/login?lang=hi"),
    ]
    phones = [
        ("phone India", "/"),
        ("phone India (hi)", "/?lang=hi"),
        ("phone state", f"/?state={state}"),
    ]
    return [(n, p, 1366) for n, p in desktop] + [(n, p, 390) for n, p in phones]


AS_OF = "return document.getElementById('page-data-as-of').textContent;"  # shown or not


def open_page(browser, url: str) -> None:
    """Open `url` and wait until it is drawn: every callback done, the footer's date in
    (the sign-in page is the server's own HTML: no callbacks, no footer)."""
    browser.get(url)
    if "/login" in url:
        wait_for(lambda: browser.find_element(By.ID, "sign-in"), 20, "the sign-in form")
        return
    settle(browser)
    wait_for(lambda: browser.execute_script(AS_OF), 30, f"the data's date on {url}")
    settle(browser)


def test_axe_finds_nothing_serious_on_any_page(browser, app_server, world_store):
    _, world = world_store
    results = {}
    for name, path, width in pages(world):
        if width < 1000:
            phone(browser, width)
        if path.startswith("/login"):
            browser.get("about:blank")  # no callback of the last page left to refuse
            browser.execute_cdp_cmd("Network.clearBrowserCookies", {})  # signed out
        open_page(browser, app_server.url + path)
        if name == "phone India":
            browser.find_element(By.ID, "dashboard-filters-open").click()
            wait_for(lambda: _drawer_open(browser), 10, "the drawer open")
        if name == "not found":  # its 404 is the console's one message, and rightly so
            logged = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
            assert all("404" in message for message in logged), logged
        results[name] = axe_violations(browser)
        if path.startswith("/login"):
            sign_in(browser, app_server)
    print("\naxe-core, WCAG 2.1 A and AA: violations per page (impact: rule x elements)")
    for name, violations in results.items():
        found = ", ".join(f"{v['impact']}: {v['id']} x{v['count']}" for v in violations)
        print(f"  {name:26} {len(violations)} {found}")
        for v in violations:
            if v["impact"] in BLOCKING:
                print(f"      {v['id']}: {v['help']} at {v['nodes'][:3]}")
    blocking = {
        name: [v for v in violations if v["impact"] in BLOCKING]
        for name, violations in results.items()
    }
    assert not any(blocking.values()), {n: v for n, v in blocking.items() if v}


def _drawer_open(browser) -> bool:
    return browser.execute_script(
        "const d = document.getElementById('dashboard-filter-drawer');"
        "const r = d.getBoundingClientRect();"
        "return d.classList.contains('show') && r.left >= 0 && r.right > 0"
        " && getComputedStyle(d).visibility === 'visible';"
    )


def _top(browser, css: str) -> float:
    return browser.execute_script(
        "return document.querySelector(arguments[0]).getBoundingClientRect().top;", css
    )


def _swipe_over(browser, css: str) -> tuple[int, int]:
    """Swipe up over the middle of the chart `css`: the page's scroll before and after."""
    x, y = browser.execute_script(
        "const el = document.querySelector(arguments[0]);"
        "el.scrollIntoView({block: 'center', behavior: 'instant'});"
        "const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];",
        css,
    )
    before = browser.execute_script("return window.scrollY;")
    swipe_up(browser, int(x), int(y))
    return before, wait_for(
        lambda: (after := browser.execute_script("return window.scrollY;")) > before and after,
        5,
        f"the page to scroll under a swipe over {css}",
    )


SMALL_TARGETS = """
return Array.from(document.querySelectorAll(arguments[0])).filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'
    && (r.height < 44 || r.width < 44);
}).map(e => { const r = e.getBoundingClientRect();
  return `${e.tagName}#${e.id} "${e.textContent.trim().slice(0, 30)}" ${r.width}x${r.height}`; });
"""
TARGETS = (
    "#dashboard-phone-bar a, #dashboard-phone-bar button, .nav-tabs .nav-link,"
    " .page-footer a, .language-switch a, #dashboard-filter-drawer .btn,"
    " #dashboard-filter-drawer .dash-dropdown, .breadcrumb-item a"
)


def test_phone_layout(browser, app_server, world_store):
    _, world = world_store
    state, _district, _hub = places(world)
    phone(browser, 320, 700)
    open_page(browser, f"{app_server.url}/?state={state}&from=2020-01-01")
    width = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
    )
    assert width[0] <= width[1], f"the page scrolls sideways at 320 px: {width}"
    assert _top(browser, ".kpi-tile") < _top(browser, "#dashboard-map")
    button = browser.find_element(By.ID, "dashboard-filters-open")
    wait_for(lambda: button.text == "Filters (2)", 10, "the filter count")  # state and period
    assert not _drawer_open(browser)
    button.click()
    wait_for(lambda: _drawer_open(browser), 10, "the drawer open")
    assert browser.find_element(By.ID, "dashboard-state").is_displayed()
    small = browser.execute_script(SMALL_TARGETS, TARGETS)
    browser.find_element(By.ID, "dashboard-filters-close").click()
    wait_for(lambda: not _drawer_open(browser), 10, "the drawer closed")
    small += browser.execute_script(SMALL_TARGETS, TARGETS)
    assert not small, f"tap targets under 44 px: {small}"

    _swipe_over(browser, "#dashboard-map .main-svg")
    trends = browser.find_element(By.CSS_SELECTOR, "#dashboard-tab-trends [role=tab]")
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", trends
    )
    trends.click()
    wait_for(lambda: "tab=trends" in browser.current_url, 10, "the trends tab open")
    settle(browser)
    wait_for(lambda: browser.find_element(By.CSS_SELECTOR, "#dashboard-trend .main-svg"), 20)
    _swipe_over(browser, "#dashboard-trend .main-svg")
    bar = browser.find_element(By.ID, "dashboard-phone-bar").rect
    assert browser.execute_script("return window.scrollY;") > 500
    assert bar["y"] - browser.execute_script("return window.scrollY;") <= 1, "the bar scrolled away"
    chart = browser.execute_script(
        "return document.querySelector('#dashboard-trend .main-svg').getBoundingClientRect().width;"
    )
    assert chart >= 0.8 * 320, f"the trend in a tab opened later drew {chart} px wide"
    assert chart <= 320, f"the trend in a tab opened later is wider than the screen: {chart}"


def test_keyboard_skip_link_and_drill_to_a_district(browser, app_server, world_store):
    _, world = world_store
    state, district, _hub = places(world)
    open_page(browser, app_server.url + "/")
    keys = ActionChains(browser)
    keys.send_keys(Keys.TAB).perform()
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to main content" and skip.size["width"] > 1
    keys.send_keys(Keys.ENTER).perform()
    wait_for(
        lambda: browser.switch_to.active_element.get_attribute("id") == "page-main", 5, "focus"
    )

    def tab_to(href_part: str) -> None:
        for _ in range(300):
            keys.send_keys(Keys.TAB).perform()
            if href_part in (browser.switch_to.active_element.get_attribute("href") or ""):
                keys.send_keys(Keys.ENTER).perform()
                return
        raise AssertionError(f"no link to {href_part} within 300 presses of Tab")

    tab_to(f"state={state}")
    wait_for(lambda: f"state={state}" in browser.current_url, 20, "the state in the URL")
    settle(browser)
    tab_to(f"district={district}")
    wait_for(lambda: f"district={district}" in browser.current_url, 20, "the district in the URL")

"""A user's way through the dashboard, with every number checked against an independent count."""

from datetime import date, timedelta

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.clock import today_in_india
from dashboard.numbers import indian
from dashboard.queries.filters import Filters
from tests.browser.driver import (
    choose,
    click_hub,
    click_map_region,
    kpi,
    settle,
    text_of,
    wait_for,
)
from tests.queries import brute

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
    wait_for_numbers(browser, world, Filters(state=(state,), hub=(hub["hub_code"],)))
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

    browser.find_element(By.XPATH, "//label[normalize-space()='Last FY']").click()
    settle(browser)
    today = today_in_india()
    fy_start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
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

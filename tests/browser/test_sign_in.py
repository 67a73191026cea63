"""Signing in and out in a real browser, as each of the demo's roles."""

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By

from dashboard.access.demo import DEMO_ACCOUNTS
from dashboard.store import accounts
from dashboard.store.database import Store
from tests import signin
from tests.browser.driver import choose, console_errors, settle, sign_in, wait_for

WORLD_STATE, WORLD_PARTNER = 29, "PA0"  # the small world holds no NIMHANS: its own partner


@pytest.fixture(scope="module")
def demo_users(world_store):
    """The demo's four accounts, made in the small world's store (partner: one it holds)."""
    store = Store(world_store[0])
    try:
        for demo in DEMO_ACCOUNTS:
            scope = {"states": (WORLD_STATE,) * bool(demo.states),
                     "partners": (WORLD_PARTNER,) * bool(demo.partners)}  # fmt: skip
            signin.user(store, demo.role, password=demo.password, email=demo.email, **scope)
    finally:
        store.dispose()
    return DEMO_ACCOUNTS


def test_each_demo_user_signs_in_sees_the_page_and_signs_out(browser, app_server, demo_users):
    for demo in demo_users:
        browser.get("about:blank")  # no page left asking the server while the cookie goes
        browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
        browser.get(app_server.url + "/?tab=trends")
        wait_for(lambda: "/login" in browser.current_url, message="sent to sign in")
        sign_in(browser, app_server, demo.email, demo.password)
        assert browser.current_url == app_server.url + "/?tab=trends"  # where they were going
        settle(browser)
        assert browser.find_element(By.ID, "dashboard-map").is_displayed(), demo.email
        browser.find_element(By.ID, "dashboard-sign-out").click()
        wait_for(lambda: browser.current_url.endswith("/logout"), message="the sign-out page")
        browser.find_element(By.ID, "sign-out").click()
        wait_for(lambda: browser.current_url.endswith("/login"), message="signed out")
        browser.get(app_server.url + "/")
        wait_for(lambda: "/login?next=" in browser.current_url, message="signed out for good")


def test_a_page_whose_session_ended_sends_the_user_to_sign_in(browser, app_server, world_store):
    """The user is disabled while the page is open: the next callback's 401 takes the page
    to /login, with the page it was on to come back to (assets/session.js)."""
    store = Store(world_store[0])
    try:
        person = signin.user(store, password=signin.PASSWORD)
        browser.get("about:blank")
        browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
        browser.get(app_server.url + "/?tab=trends&state=29")
        sign_in(browser, app_server, person.email, signin.PASSWORD)
        settle(browser)
        accounts.set_disabled(signin.writable(store), person.email)
    finally:
        store.dispose()
    choose(browser, "dashboard-partner", "PA3")  # the filter's callbacks ask the server
    wait_for(lambda: "/login?next=" in browser.current_url, message="sent to sign in")
    refused = console_errors(browser)  # the callbacks' 401s, and nothing else
    assert refused and all("401" in error for error in refused), refused
    (back_to,) = parse_qs(urlsplit(browser.current_url).query)["next"]
    kept = parse_qs(urlsplit(back_to).query)  # the page it was on, its filters and tab
    assert (kept["state"], kept["tab"]) == (["29"], ["trends"]), back_to
    assert browser.find_element(By.ID, "sign-in").is_displayed()

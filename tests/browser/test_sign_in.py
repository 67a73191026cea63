"""Signing in and out in a real browser, as each of the demo's roles."""

import pytest
from selenium.webdriver.common.by import By

from dashboard.access.demo import DEMO_ACCOUNTS
from dashboard.store.database import Store
from tests import signin
from tests.browser.driver import settle, sign_in, wait_for

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

"""A data manager imports from the browser: upload, see the counts, confirm, see the
dashboard's numbers change. On a store of its own (the GOOD files of the importer's
tests), so the shared world of the other browser tests stays as it is."""

import pytest
from selenium.webdriver.common.by import By

from dashboard.importer import import_path
from dashboard.numbers import indian
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from tests import signin
from tests.access.test_imports import NEW_ATTENDANCE, NEW_SESSIONS
from tests.browser.driver import (
    AppServer,
    assert_stayed_home,
    chromium,
    kpi,
    quit_reporting,
    settle,
    sign_in,
    wait_for,
)
from tests.importer.helpers import GOOD, write_files

KEY = "test-participant-key-0123456789"


@pytest.fixture(scope="module")
def good_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("import-page")
    url = f"sqlite:///{folder}/store.db"
    store = Store(url)
    migrate(store)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARTICIPANT_KEY", KEY)
        assert not import_path(store, write_files(folder / "good", GOOD)).refused
    manager = signin.user(store, "data_manager", partners=["PA2"], password=signin.PASSWORD)
    store.dispose()
    env = {"PARTICIPANT_KEY": KEY, "ECHO_UPLOADS": str(folder / "uploads")}
    server = AppServer(url, extra_env=env)
    yield server, manager.email, folder
    server.stop()


def test_a_data_manager_uploads_checks_confirms_and_sees_the_new_numbers(good_server):
    server, email, folder = good_server
    sent = {"sessions.csv": NEW_SESSIONS, "attendance.csv": NEW_ATTENDANCE}
    files = write_files(folder / "upload", sent)
    before = len(GOOD["attendance.csv"].splitlines()) - 1
    after = before + len(NEW_ATTENDANCE.splitlines()) - 1
    browser = chromium()
    try:
        sign_in(browser, server, email, signin.PASSWORD)
        settle(browser)
        assert kpi(browser, "attendances") == indian(before)
        browser.find_element(By.ID, "dashboard-import-link").click()
        wait_for(lambda: browser.current_url.endswith("/import"), message="the import page")
        paths = "\n".join(str(files / name) for name in ("sessions.csv", "attendance.csv"))
        browser.find_element(By.ID, "files").send_keys(paths)
        browser.find_element(By.ID, "check-upload").click()
        confirm = wait_for(
            lambda: browser.find_elements(By.ID, "confirm-import"), message="the check's report"
        )
        counts = browser.find_element(By.ID, "import-counts").text
        assert "attendance.csv 3 0 0" in counts and "sessions.csv 1 0 0" in counts
        confirm[0].click()

        def state() -> str:  # the page reloads itself while importing: found afresh
            return browser.find_element(By.ID, "import-state").get_attribute("data-state")

        wait_for(lambda: state() == "imported", timeout=60, message="imported")
        browser.get(server.url + "/")
        settle(browser)
        wait_for(lambda: kpi(browser, "attendances") == indian(after), message="the new numbers")
    finally:
        outside, errors = quit_reporting(browser)
    assert_stayed_home(outside, errors)

"""The live screen in Chromium: exact numbers, rotation and keys, an outage and its recovery.

The outage is real: the app reads PostgreSQL through a TCP relay written here,
which the test cuts and restores, so the shared PostgreSQL itself never stops.
"""

import contextlib
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.clock import now_in_india, today_in_india
from dashboard.numbers import indian
from dashboard.vocabulary.filters import Filters
from layouts.live import KPIS, PANELS
from tests.browser.conftest import _require_chromium
from tests.browser.driver import (
    AppServer,
    assert_stayed_home,
    chromium,
    quit_reporting,
    settle,
    text_of,
    wait_for,
)
from tests.conftest import own_postgres_world
from tests.queries import brute
from tests.serving.new_data import add_session

SHOWN_PANEL = "return document.querySelector('.live-panel.is-shown').id;"
VISIBLE_PANELS = (
    "return Array.from(document.querySelectorAll('.live-panel'))"
    ".filter(p => getComputedStyle(p).visibility === 'visible').map(p => p.id);"
)
STALE = re.compile(r"^Stale since \d\d:\d\d IST")


class Relay:
    """A TCP relay on 127.0.0.1 to PostgreSQL that the test can cut and restore."""

    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 5432)):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.links: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.lock:
                self.links |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._close(source)
            self._close(sink)

    def _close(self, link: socket.socket) -> None:
        with self.lock:
            self.links.discard(link)
        with contextlib.suppress(OSError):
            link.shutdown(socket.SHUT_RDWR)
        link.close()

    def cut(self) -> None:
        """Drop every open connection and refuse new ones, as a failed database would."""
        self.open = False
        with self.lock:
            links = list(self.links)
        for link in links:
            self._close(link)

    def restore(self) -> None:
        self.open = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


def kpis(driver) -> dict[str, str]:
    return {m: text_of(driver, f"live-kpi-{m}") for m, _ in KPIS}


def expected(world) -> dict[str, str]:
    counts = brute.metrics(brute.records(world, Filters()))
    return {m: indian(counts[m]) for m, _ in KPIS}


def wait_for_numbers(driver, world, timeout: float = 30) -> None:
    target = expected(world)
    wait_for(lambda: kpis(driver) == target, timeout, f"KPIs {target}")


def press(driver, key: str) -> None:
    ActionChains(driver).send_keys(key).perform()


def panel_index(driver) -> int:
    return [f"live-panel-{key}" for key, _ in PANELS].index(driver.execute_script(SHOWN_PANEL))


def test_numbers_rotation_keys_and_look(browser, app_server, world_store):
    _, world = world_store
    browser.set_window_size(1920, 1080)
    browser.get(app_server.url + "/live?rotate=2&refresh=30")
    settle(browser)
    wait_for_numbers(browser, world)
    latest = max(s["held_on"] for s in world.sessions)
    assert text_of(browser, "live-as-of") == f"Data as of {latest:%d %b %Y}"
    assert text_of(browser, "live-scope") == "All of India"
    now = now_in_india()
    minutes = {f"{now + timedelta(minutes=d):%H:%M}" for d in (-1, 0, 1)}
    clock = wait_for(lambda: text_of(browser, "live-clock"), message="the clock")
    assert clock.endswith(" IST") and clock[-9:-4] in minutes

    seen = [panel_index(browser)]
    deadline = time.monotonic() + 9
    while time.monotonic() < deadline and len(set(seen)) < 3:
        assert len(browser.execute_script(VISIBLE_PANELS)) == 1
        seen.append(panel_index(browser))
        time.sleep(0.3)
    assert len(set(seen)) >= 3, f"panels did not rotate: {seen}"

    press(browser, " ")
    wait_for(lambda: "paused" in text_of(browser, "live-status"), message="paused")
    held = panel_index(browser)
    time.sleep(4.5)
    assert panel_index(browser) == held
    press(browser, "\ue014")  # arrow right
    wait_for(lambda: panel_index(browser) == (held + 1) % len(PANELS), 15, "a step forward")
    press(browser, "\ue012")  # arrow left
    wait_for(lambda: panel_index(browser) == held, 15, "a step back")
    press(browser, "\ue012")
    wait_for(lambda: panel_index(browser) == (held - 1) % len(PANELS), 15, "two steps back")
    press(browser, " ")
    wait_for(lambda: "paused" not in text_of(browser, "live-status"), message="resumed")
    wait_for(lambda: panel_index(browser) != (held - 1) % len(PANELS), 5, "rotation again")

    style = browser.execute_script(
        "const v = getComputedStyle(document.querySelector('.live-kpi-value'));"
        "return [getComputedStyle(document.body).backgroundColor, v.color, v.fontSize];"
    )
    assert style[:2] == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert float(style[2].removesuffix("px")) >= 56  # legible from five metres at 1080p


@pytest.fixture
def postgres_world():
    _require_chromium()
    with own_postgres_world(seed=5) as found:
        yield found


@pytest.fixture
def relayed_app(postgres_world):
    """The app reading PostgreSQL through the relay."""
    _, _, url = postgres_world
    relay = Relay()
    server = AppServer(url.replace(":5432/", f":{relay.port}/"))
    yield server, relay
    server.stop()
    relay.close()


def health(url: str) -> int:
    try:
        return urllib.request.urlopen(url + "/healthz", timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def test_outage_keeps_the_numbers_marks_them_stale_and_recovers(postgres_world, relayed_app):
    store, world, _ = postgres_world
    server, relay = relayed_app
    driver = chromium(1920, 1080)
    try:
        driver.get(server.url + f"/live?refresh=2&rotate=600&token={server.token}")
        settle(driver)
        wait_for_numbers(driver, world)

        people = [p["participant_code"] for p in world.participants[:7]]
        add_session(store, world, "PR3", today_in_india(), people)
        wait_for_numbers(driver, world)
        today = f"Data as of {today_in_india():%d %b %Y}"
        wait_for(lambda: text_of(driver, "live-as-of") == today, message="new data as of")

        relay.cut()
        wait_for(lambda: STALE.match(text_of(driver, "live-stale")), 20, "the stale mark")
        assert health(server.url) == 503
        assert kpis(driver) == expected(world)  # the last numbers stay on screen
        add_session(store, world, "PR4", today_in_india(), people[:3])
        time.sleep(3)
        assert STALE.match(text_of(driver, "live-stale"))

        relay.restore()
        wait_for(lambda: text_of(driver, "live-stale") == "", 30, "the mark to clear")
        wait_for_numbers(driver, world)
        assert health(server.url) == 200
        assert driver.find_element(By.ID, "live-scope").text == "All of India"
    finally:
        outside, errors = quit_reporting(driver)
    assert_stayed_home(outside, errors)

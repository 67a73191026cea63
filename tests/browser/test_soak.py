"""The live screen left running for days: neither the page's memory nor the server's may creep.

`/live?rotate=2&refresh=3` stays open in Chromium for SOAK_MINUTES (10 by default)
while the data version is bumped every 20 seconds, so the server rebuilds every
figure and the page redraws it, as after an import. After a minute's warm-up the
test measures, once a minute and after a garbage collection, the page's JS heap
and DOM nodes (Chrome's Performance metrics) and the server's resident memory;
none may grow by more than 20% over the first measurement. It runs in its own
xdist group, so the rest of the suite runs beside it.
"""

import os
import threading
import time

import psutil
import pytest

from dashboard.numbers import indian
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from dashboard.store.writes import bump_data_version
from dashboard.vocabulary.filters import Filters
from layouts.live import KPIS
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
from tests.queries import brute
from tests.world import make_world, write_world

SOAK_MINUTES = float(os.environ.get("SOAK_MINUTES", "10"))
WARM_UP_SECONDS = 60
BUMP_SECONDS = 20
MAX_GROWTH = 1.20
MEASURES = ("js_heap_mb", "dom_nodes", "page_elements", "server_rss_mb")


def measure(driver, server: AppServer) -> dict[str, float]:
    """Memory that is still held after a garbage collection, in the page and the server."""
    assert server.process.poll() is None, f"the server stopped: see {server.log.name}"
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    values = {m["name"]: m["value"] for m in metrics}
    return {
        "js_heap_mb": values["JSHeapUsedSize"] / 2**20,
        "dom_nodes": values["Nodes"],
        "page_elements": driver.execute_script("return document.getElementsByTagName('*').length;"),
        "server_rss_mb": psutil.Process(server.process.pid).memory_info().rss / 2**20,
    }


def bump_every(store: Store, seconds: float, stop: threading.Event) -> None:
    """Stand in for imports: a new data version makes the screen rebuild everything."""
    while not stop.wait(seconds):
        with store.transaction() as conn:
            bump_data_version(conn)


def report(samples: list[dict[str, float]]) -> str:
    lines = ["minute  " + "  ".join(f"{m:>14}" for m in MEASURES)]
    for minute, sample in enumerate(samples):
        lines.append(f"{minute:>6}  " + "  ".join(f"{sample[m]:>14.1f}" for m in MEASURES))
    growth = {m: max(s[m] for s in samples) / samples[0][m] for m in MEASURES}
    lines.append("growth  " + "  ".join(f"{growth[m] - 1:>+14.1%}" for m in MEASURES))
    return "\n".join(lines)


@pytest.mark.soak
@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.xdist_group("soak")
def test_live_screen_memory_stays_flat_for_ten_minutes(tmp_path, record_property):
    _require_chromium()
    url = f"sqlite:///{tmp_path}/soak.db"
    store = Store(url)
    migrate(store)
    world = make_world(seed=7)
    write_world(store, world)
    server = AppServer(url)
    driver = chromium(1920, 1080)
    stop = threading.Event()
    writer = threading.Thread(target=bump_every, args=(store, BUMP_SECONDS, stop), daemon=True)
    try:
        driver.execute_cdp_cmd("Performance.enable", {})
        driver.get(server.url + f"/live?rotate=2&refresh=3&token={server.token}")
        settle(driver)
        counts = brute.metrics(brute.records(world, Filters()))
        target = {m: indian(counts[m]) for m, _ in KPIS}
        wait_for(lambda: {m: text_of(driver, f"live-kpi-{m}") for m, _ in KPIS} == target)
        writer.start()
        time.sleep(WARM_UP_SECONDS)
        samples = [measure(driver, server)]
        started = time.monotonic()
        for minute in range(1, int(SOAK_MINUTES) + 1):
            time.sleep(max(0.0, started + 60 * minute - time.monotonic()))
            samples.append(measure(driver, server))
        assert {m: text_of(driver, f"live-kpi-{m}") for m, _ in KPIS} == target
        assert text_of(driver, "live-stale") == ""
    finally:
        stop.set()
        outside, errors = quit_reporting(driver)
        server.stop()
        store.dispose()
    table = report(samples)
    print("\nLive screen soak, /live?rotate=2&refresh=3:\n" + table)
    record_property("soak", table)
    assert_stayed_home(outside, errors)
    for name in MEASURES:
        peak = max(s[name] for s in samples)
        assert peak <= MAX_GROWTH * samples[0][name], f"{name} grew by more than 20%:\n{table}"

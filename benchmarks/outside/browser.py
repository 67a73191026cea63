"""The first page in headless Chromium: compressed bytes transferred and time until fully drawn;
and on a phone (390x844, touch, Chromium's "Fast 3G" throttling) the time until usable.

Each run starts a new browser (a fresh profile, so an empty cache), with the same
flags as the browser tests. A script injected before the page's own watches the
page from its first instant and notes `performance.now()` (milliseconds since
navigation start) the first moment the page is fully drawn: every visible plotly
graph has its layout, the map, disease and matrix charts have drawn their data, the
KPI tiles hold numbers, and nothing is marked `data-dash-is-loading`; the moment
counts only if it lasts a full second (so a gap between two waves of callbacks is
not taken for the end). DOMContentLoaded and the load event are noted too, to tell
script loading from callbacks. Bytes are Chrome's own count of what came over the wire for
every request of the page (Network.loadingFinished encodedDataLength: compressed
bodies plus headers), read from its performance log.
"""

import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from benchmarks.dash_protocol import UPDATE, signed_in
from tests.browser.driver import chromium, phone

# Chromium DevTools' "Fast 3G" profile: 1.6 Mbit/s down and 750 kbit/s up at 90 % goodput,
# 150 ms round trip times 3.75 (the figures DevTools applies).
FAST_3G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1.6 * 1000 * 1000 / 8 * 0.9,
    "uploadThroughput": 750 * 1000 / 8 * 0.9,
}
PHONE = (390, 844)

# A phone's first page is usable when what it shows first is on screen: the KPI tiles hold
# numbers and a map of the states is drawn, either the first view the server puts in the
# page's HTML (callbacks/first_view.py: in the DOM, then painted, no earlier than the first
# contentful paint) or the app's own; it is interactive when the app's tiles hold numbers
# and its map (plotly) has drawn the states: the charts below the fold may follow.
USABLE_WATCH = """
(() => {
  const w = window.__echoPhone = {usable: null, interactive: null, painted: null, fcp: null};
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') w.fcp = e.startTime;
  }).observe({type: 'paint', buffered: true});
  const firstView = () => {
    const first = document.getElementById('first-view');
    if (!first) return false;
    const kpi = first.querySelector('[data-metric="attendances"]');
    return !!(kpi && /[0-9]/.test(kpi.textContent) && first.querySelector('svg path[data-state]'));
  };
  const app = () => {
    const kpi = document.getElementById('dashboard-kpi-attendances');
    if (!kpi || !/[0-9]/.test(kpi.textContent)) return false;
    const g = document.querySelector('#dashboard-map .js-plotly-plot');
    return !!(g && g._fullLayout && g.querySelector('.choroplethlocation'));
  };
  let asked = false;
  const timer = setInterval(() => {
    try {
      if (!asked && firstView()) {
        asked = true;  // painted in the frame after it is whole in the DOM
        requestAnimationFrame(() => setTimeout(() => { w.painted = performance.now(); }, 0));
      }
      if (w.interactive === null && app()) w.interactive = performance.now();
    } catch (e) { /* the DOM mid-render */ }
    if (w.usable === null && w.painted !== null && w.fcp !== null) {
      w.usable = Math.max(w.painted, w.fcp);
    }
    if (w.usable === null && w.interactive !== null) w.usable = w.interactive;
    if (w.usable !== null && w.interactive !== null) {
      window.__echoDrawn = w.usable;
      clearInterval(timer);
    }
  }, 20);
})();
"""

# What came over the wire until a moment (ms since navigation start): the page and every
# response ended by then (Resource Timing's transferSize: compressed bodies and headers).
BYTES_UNTIL = """
const until = arguments[0];
const nav = performance.getEntriesByType('navigation')[0];
let bytes = nav.transferSize;
for (const r of performance.getEntriesByType('resource')) {
  if (r.responseEnd <= until) bytes += r.transferSize;
}
return bytes;
"""

DRAWN_WATCH = """
(() => {
  const FILLED = ['dashboard-map', 'dashboard-diseases', 'dashboard-matrix'];
  const visible = el => el.offsetParent !== null;
  const drawn = () => {
    if (document.querySelector('[data-dash-is-loading="true"]')) return false;
    const kpi = document.getElementById('dashboard-kpi-attendances');
    if (!kpi || !/[0-9]/.test(kpi.textContent)) return false;
    const graphs = Array.from(document.querySelectorAll('.js-plotly-plot')).filter(visible);
    if (!graphs.every(g => g._fullLayout)) return false;
    return FILLED.every(id => {
      const g = document.querySelector('#' + id + ' .js-plotly-plot');
      if (!g || !g._fullLayout || !g.data || !g.data.length) return false;
      if (id === 'dashboard-map') return !!g.querySelector('.choroplethlocation');
      return !!g.querySelector('.trace, .hm');
    });
  };
  let since = null;
  const timer = setInterval(() => {
    let ok = false;
    try { ok = drawn(); } catch (e) { ok = false; }
    const now = performance.now();
    if (!ok) { since = null; return; }
    if (since === null) since = now;
    if (now - since >= 1000) { window.__echoDrawn = since; clearInterval(timer); }
  }, 20);
})();
"""


NAVIGATION = """
const n = performance.getEntriesByType('navigation')[0];
return {dom_ready_ms: Math.round(n.domContentLoadedEventEnd),
        loaded_ms: Math.round(n.loadEventEnd)};
"""


def network(log: list[dict]) -> dict[str, Any]:
    """From Chrome's performance log: total bytes received, requests, callback POSTs, the
    five largest responses (url, bytes), and every request that failed (url, why).

    A response whose body the page never reads (Dash's 204 for a callback that changes
    nothing) ends in `loadingFailed` net::ERR_ABORTED: that is no failure, since it was
    answered."""
    urls: dict[str, str] = {}
    status: dict[str, int] = {}
    sizes: dict[str, int] = {}
    failed: list[tuple[str, str]] = []
    for entry in log:
        message = json.loads(entry["message"])["message"]
        method, params = message["method"], message.get("params", {})
        request = params.get("requestId", "")
        if method == "Network.requestWillBeSent":
            urls[request] = params["request"]["url"]
        elif method == "Network.responseReceived":
            status[request] = params["response"]["status"]
            sizes.setdefault(request, int(params["response"].get("encodedDataLength", 0)))
        elif method == "Network.loadingFinished":
            sizes[request] = int(params.get("encodedDataLength", 0))
        elif method == "Network.loadingFailed" and request not in status:
            failed.append((urls.get(request, "?"), params.get("errorText", "")))
    failed += [(urls.get(r, "?"), f"HTTP {code}") for r, code in status.items() if code >= 400]
    largest = sorted(((urls.get(r, r), n) for r, n in sizes.items()), key=lambda x: -x[1])
    return {
        "bytes": sum(sizes.values()),
        "requests": len(sizes),
        "callbacks": sum(urlparse(urls.get(r, "")).path == UPDATE for r in sizes),
        "largest": largest[:5],
        "failed": failed,
    }


def first_page(base: str, timeout: float = 60, on_phone: bool = False) -> dict[str, Any]:
    """One fresh browser opening `/`: milliseconds until drawn, bytes and requests; when
    the page is never drawn, `drawn_ms` is None and `failed` says which requests failed.
    `on_phone`: at 390x844 as a touch phone over "Fast 3G", until usable (KPIs and a map
    of the states on screen: the server's first view or the app's), and when interactive
    (the app's own tiles and map), with the bytes received until usable."""
    driver = chromium(*PHONE) if on_phone else chromium()
    try:
        if on_phone:
            phone(driver, *PHONE)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": signed_in()})
        if on_phone:
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", FAST_3G)
        watch = USABLE_WATCH if on_phone else DRAWN_WATCH
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": watch})
        driver.get(base + "/")
        deadline = time.monotonic() + timeout
        drawn = None
        while drawn is None and time.monotonic() < deadline:
            time.sleep(0.2)
            drawn = driver.execute_script("return window.__echoDrawn ?? null;")
        time.sleep(0.5)  # let the last responses' loadingFinished events arrive
        timings = driver.execute_script(NAVIGATION)
        if on_phone:
            timings.update(_phone_timings(driver, drawn))
        sent = network(driver.get_log("performance"))
    finally:
        driver.quit()
    return {"drawn_ms": None if drawn is None else round(drawn), **timings, **sent}


def _phone_timings(driver, usable: float | None) -> dict[str, Any]:
    """When the app itself was interactive, and the bytes received until usable."""
    watched = driver.execute_script("return window.__echoPhone || {};")
    interactive = watched.get("interactive")
    return {
        "interactive_ms": None if interactive is None else round(interactive),
        "first_view_ms": None if watched.get("painted") is None else round(watched["painted"]),
        "usable_bytes": None if usable is None else driver.execute_script(BYTES_UNTIL, usable),
    }


MODES = ("cold", "warm", "phone")


def first_pages(
    base: str,
    runs: int,
    flush: Callable[[], None],
    progress: Callable[[str], None] = print,
    modes: tuple[str, ...] = MODES,
) -> dict[str, list[dict[str, Any]]]:
    """`runs` fresh browsers with the server's response cache emptied first (cold), then
    `runs` more with it full (warm); then `runs` phones on "Fast 3G", cache emptied (the
    `modes` asked for, of these)."""
    results: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
    first_page(base)  # untimed: Chromium's own first start on the machine is not the page's
    for mode in modes:
        for _ in range(runs):
            if mode != "warm":
                flush()
            results[mode].append(first_page(base, on_phone=mode == "phone"))
        progress(f"first page in Chromium, {mode}: {[r['drawn_ms'] for r in results[mode]]} ms")
        for failure in (f for r in results[mode] for f in r["failed"]):
            progress(f"first page in Chromium: failed request {failure[0]} ({failure[1]})")
    return results

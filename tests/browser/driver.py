"""Driving the real app in Debian's Chromium: start it, wait for Dash, click like a user.

Every request the page makes is recorded (Chrome's performance log), so a test can
prove the page never leaves its own server; hosts other than 127.0.0.1 do not even
resolve inside this browser. Every violation of the page's Content-Security-Policy is
recorded too (the console, and a listener in every page), and fails the test.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.store.database import Store
from tests import signin

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`python app.py` in a subprocess, on its own port, reading the given store; with
    `account`, a ministry user made in the store first (`email`, `password`, and a `token`
    for live screens' links)."""

    def __init__(self, database_url: str, extra_env: dict | None = None, account: bool = True):
        if account:
            self._make_account(database_url)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "PORT": str(self.port),
            **(extra_env or {}),
        }
        log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"app-{self.port}.log"
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "app.py"], cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_until_up()

    def _make_account(self, database_url: str) -> None:
        store = Store(database_url)
        try:
            owner = signin.user(store, password=signin.PASSWORD)
            self.email, self.password = owner.email, signin.PASSWORD
            self.token = signin.token(store, owner)
        finally:
            store.dispose()

    def _wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"app exited with {self.process.returncode}: see {self.log.name}"
                )
            try:
                urllib.request.urlopen(self.url + "/login", timeout=2)  # open to all
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"app did not start within {timeout}s: see {self.log.name}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# Runs in every page before its own scripts (the browser's, not the page's: no policy
# applies to it) and keeps what the page's Content-Security-Policy refused.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
  + (e.sample ? ` (${e.sample})` : '')));
"""


def chromium(width: int = 1366, height: int = 900) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_LISTENER})
    return driver


def sign_in(driver: webdriver.Chrome, server: AppServer, email: str = "", password: str = ""):
    """Sign in through /login as a person does (the server's own account by default), from
    the sign-in page the browser was sent to, if it was."""
    if not driver.current_url.startswith(server.url + "/login"):
        driver.get(server.url + "/login")
    driver.find_element(By.ID, "email").send_keys(email or server.email)
    driver.find_element(By.ID, "password").send_keys(password or server.password)
    driver.find_element(By.ID, "sign-in").click()
    wait_for(lambda: "/login" not in driver.current_url, message="signed in")


def csp_violations(driver: webdriver.Chrome) -> list[str]:
    """What the policy refused in the page now open."""
    return driver.execute_script("return window.__cspViolations || [];")


def settle(driver: webdriver.Chrome, timeout: float = 30) -> None:
    """Wait until no Dash callback is in flight (twice in a row, to catch chains)."""
    deadline = time.monotonic() + timeout
    quiet = 0
    time.sleep(0.3)
    while time.monotonic() < deadline:
        busy = driver.execute_script(
            "return document.querySelector('[data-dash-is-loading=\"true\"]') !== null;"
        )
        quiet = 0 if busy else quiet + 1
        if quiet >= 4:
            return
        time.sleep(0.25)
    raise TimeoutError("the page kept loading")


def wait_for(predicate, timeout: float = 20, message: str = "condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as error:  # the DOM may be mid-render
            last = error
        time.sleep(0.25)
    raise TimeoutError(f"waited {timeout}s for {message}; last: {last!r}")


def requested_urls(driver: webdriver.Chrome) -> list[str]:
    """Every URL the page asked for since the last call."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver: webdriver.Chrome) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def text_of(driver: webdriver.Chrome, element_id: str) -> str:
    return driver.find_element(By.ID, element_id).text


def kpi(driver: webdriver.Chrome, metric: str) -> str:
    """The exact number of a KPI tile (its title carries the full figure)."""
    return driver.find_element(By.ID, f"dashboard-kpi-{metric}").get_attribute("title")


TRACE_OF = (
    "const traceOf = el => { for (let n = el; n; n = n.parentNode) {"
    " const d = n.__data__; if (Array.isArray(d) && d[0] && d[0].trace) return d[0].trace; }"
    " return {}; };"
)


INSIDE_POINT = """
const path = arguments[0];
path.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
const box = path.getBBox(), ctm = path.getScreenCTM();
const markers = Array.from(document.querySelectorAll('#dashboard-map .scattergeo path.point'))
  .map(m => m.getBoundingClientRect()).map(r => [r.x + r.width / 2, r.y + r.height / 2]);
let best = null, bestDistance = -1;
for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
  const p = new DOMPoint(box.x + box.width * i / 20, box.y + box.height * j / 20);
  if (!path.isPointInFill(p)) continue;
  const s = p.matrixTransform(ctm);
  const distance = Math.min(1e9, ...markers.map(([x, y]) => Math.hypot(x - s.x, y - s.y)));
  if (distance > bestDistance) { best = [s.x, s.y]; bestDistance = distance; }
}
return best;
"""


MAP_CLICKS = """
const gd = document.querySelector('#dashboard-map .js-plotly-plot');
if (!gd) return -1;
if (!gd.__clicksTaken) {
  gd.__clicksTaken = {n: 0};
  gd.on('plotly_click', () => gd.__clicksTaken.n++);
}
return gd.__clicksTaken.n;
"""

READY_AT = """
const [x, y] = arguments;
const gd = document.querySelector('#dashboard-map .js-plotly-plot');
if (!gd || document.querySelector('[data-dash-is-loading="true"]')) return false;
const hit = document.elementFromPoint(x, y);
const quiet = Date.now() - (gd._mouseDownTime || 0) > (gd._context.doubleClickDelay || 300);
return Boolean(hit && gd.contains(hit) && quiet);
"""


def click_map_region(driver: webdriver.Chrome, location) -> None:
    """Click inside the state or district `location` on the map, away from hub markers."""

    def point():
        path = driver.execute_script(
            TRACE_OF
            + "return Array.from(document.querySelectorAll('#dashboard-map .choroplethlocation'))"
            ".find(p => p.__data__ && String(p.__data__.loc) === arguments[0]"
            " && traceOf(p).name !== 'States');",
            str(location),
        )
        return driver.execute_script(INSIDE_POINT, path) if path else None

    click_map(driver, point, f"map region {location}")


def click_map(driver: webdriver.Chrome, point, what: str, tries: int = 3) -> None:
    """Click the map at `point()` (viewport x, y, found afresh each try) once the page is
    still, the point is on the map and plotly's double-click window has passed; until plotly
    reports the click or the URL changes. A click that lands while the map is being drawn
    is lost, so waiting on the page's state, not a fixed time, makes map clicks dependable."""
    url = driver.current_url
    for _ in range(tries):
        taken = driver.execute_script(MAP_CLICKS)
        x, y = wait_for(
            lambda: (at := point()) and driver.execute_script(READY_AT, *at) and at,
            timeout=30,
            message=f"{what} ready to click",
        )
        _click_at(driver, x, y)
        try:
            wait_for(
                lambda t=taken: driver.current_url != url or driver.execute_script(MAP_CLICKS) > t,
                timeout=5,
                message=f"the map to take the click on {what}",
            )
            return
        except TimeoutError:
            continue
    raise TimeoutError(f"the map took none of {tries} clicks on {what}")


def _click_at(driver: webdriver.Chrome, x: float, y: float) -> None:
    """A mouse click at viewport coordinates (x, y)."""
    actions = ActionChains(driver)
    actions.w3c_actions.pointer_action.move_to_location(int(x), int(y))
    actions.w3c_actions.pointer_action.click()
    actions.perform()


HUB_MARKER = (
    TRACE_OF + "return Array.from(document.querySelectorAll("
    "'#dashboard-map .scattergeo path.point'))"
    ".find(p => { const t = traceOf(p);"
    " return t.customdata && t.customdata[p.__data__.i][0] === arguments[0]; });"
)
CENTRE = (
    "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});"
    "const r = arguments[0].getBoundingClientRect();"
    "return [r.x + r.width / 2, r.y + r.height / 2];"
)


def hub_centre(driver: webdriver.Chrome, hub_code: str) -> list[float] | None:
    """Where a hub's marker is drawn (viewport x, y), or None."""
    marker = driver.execute_script(HUB_MARKER, hub_code)
    return driver.execute_script(CENTRE, marker) if marker else None


def click_hub(driver: webdriver.Chrome, hub_code: str) -> None:
    """Click a hub's marker on the map."""
    click_map(driver, lambda: hub_centre(driver, hub_code), f"hub marker {hub_code}")


def choose(driver: webdriver.Chrome, dropdown_id: str, value: str) -> None:
    """Open a filter list and tick one value, then close it."""
    driver.find_element(By.ID, dropdown_id).click()
    option = wait_for(
        lambda: driver.find_element(By.CSS_SELECTOR, f"[role=option] input[value='{value}']"),
        message=f"option {value} of {dropdown_id}",
    )
    option.find_element(By.XPATH, "./ancestor::label").click()
    ActionChains(driver).send_keys("\ue00c").perform()  # Escape closes the list


def quit_reporting(driver: webdriver.Chrome) -> tuple[list[str], list[str]]:
    """Close the browser; what it asked beyond its own server, and its console errors
    (each violation of the page's Content-Security-Policy among them)."""
    urls = requested_urls(driver)
    errors = console_errors(driver) + [f"CSP violation: {v}" for v in csp_violations(driver)]
    driver.quit()
    return [u for u in urls if not u.startswith(("http://127.0.0.1", "data:", "blob:"))], errors


def assert_stayed_home(outside: list[str], errors: list[str]) -> None:
    assert not outside, f"the page asked for addresses beyond its own server: {outside}"
    refused = [e for e in errors if "Content Security Policy" in e or e.startswith("CSP ")]
    assert not refused, f"the page broke its Content-Security-Policy: {refused}"
    assert not errors, f"console errors: {errors}"


AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()  # `make axe`
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
     nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length}))))
  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: [], count: 1}]));
"""


def axe_violations(driver: webdriver.Chrome) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations in the page as it is now (the script is put
    into the page by the test, never served by the app): id, impact, help, where."""
    if not driver.execute_script("return typeof window.axe !== 'undefined';"):
        driver.execute_script(AXE)
    driver.set_script_timeout(60)
    return driver.execute_async_script(AXE_RUN, WCAG_AA)


def phone(driver: webdriver.Chrome, width: int = 390, height: int = 844) -> None:
    """Make the browser a phone: its width, a touch screen, a phone's pixel ratio."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True},
    )
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})


def swipe_up(driver: webdriver.Chrome, x: int, y: int, distance: int = 150) -> None:
    """A finger put down at (x, y) and drawn up by `distance` px, as on a touch screen."""

    def touch(kind: str, points: list[dict]) -> None:
        driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", [{"x": x, "y": y}])
    for step in range(1, 11):
        touch("touchMove", [{"x": x, "y": y - distance * step // 10}])
    touch("touchEnd", [])

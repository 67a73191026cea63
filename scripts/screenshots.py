"""Screenshots of the dashboard's main views, from the real app, for the README.

Usage: python scripts/screenshots.py [BASE_URL] [OUT_DIR] [VIEW ...]
(default http://127.0.0.1:8050, docs/screenshots and every view; the app must be running on
the demo store: `make run`). Signs in as the demo ministry account first. Views named
`phone` are taken at 390x844 as a touch phone.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from selenium.webdriver.common.by import By

from dashboard.access.demo import DEMO_ACCOUNTS
from tests.browser.driver import chromium, phone, settle, wait_for

VIEWS = {
    "india": "/",
    "state": "/?state=29",
    "district": "/?state=29&district=KA-mysuru",
    "hub": "/?hub=H-NIMHANS-01",
    "white-spots": "/?white=1",
    "coverage": "/?tab=coverage#dashboard-tabs",
    "trends": "/?tab=trends&split=disease#dashboard-tabs",
    "partner": "/?partner=NIMHANS&tab=partner#dashboard-tabs",
    "programmes": "/?tab=programmes&state=9#dashboard-tabs",
    "attention": "/?tab=attention&state=5#dashboard-tabs",
    "india-hi": "/?lang=hi",  # the India view in Hindi; last, as the language is remembered
}
PHONE_VIEWS = {"phone": "/"}  # 390x844, the first screen an official sees from a link


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    wanted = set(sys.argv[3:])
    out.mkdir(parents=True, exist_ok=True)
    for views, on_phone in ((VIEWS, False), (PHONE_VIEWS, True)):
        chosen = {name: path for name, path in views.items() if not wanted or name in wanted}
        if chosen:
            shoot(base, out, chosen, on_phone)


def shoot(base: str, out: Path, views: dict[str, str], on_phone: bool) -> None:
    """Each view's screenshot, in one browser: a 1920x1200 desktop or a 390x844 phone."""
    driver = chromium(390, 844) if on_phone else chromium(1920, 1200)
    if on_phone:
        phone(driver)
    try:
        sign_in(driver, base)
        for name, path in views.items():
            driver.get(base + path)
            settle(driver, timeout=180)
            if "#" in path:
                driver.execute_script(
                    "document.getElementById('dashboard-tabs')"
                    ".scrollIntoView({block: 'start', behavior: 'instant'})"
                )
            driver.save_screenshot(str(out / f"{name}.png"))
            print(out / f"{name}.png")
    finally:
        driver.quit()


def sign_in(driver, base: str) -> None:
    """Through /login, as the demo ministry account (all of India)."""
    ministry = next(a for a in DEMO_ACCOUNTS if a.role == "ministry")
    driver.get(base + "/login")
    driver.find_element(By.ID, "email").send_keys(ministry.email)
    driver.find_element(By.ID, "password").send_keys(ministry.password)
    driver.find_element(By.ID, "sign-in").click()
    wait_for(lambda: "/login" not in driver.current_url, message="signed in")


if __name__ == "__main__":
    main()

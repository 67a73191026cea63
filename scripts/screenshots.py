"""Screenshots of the main views, from the real app, for the README.

Usage: python scripts/screenshots.py [BASE_URL] [OUT_DIR]
(default http://127.0.0.1:8050 and docs/screenshots; the app must be running).
"""

import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

VIEWS = {
    "india": "/",
    "state": "/?state=29",
    "district": "/?state=29&district=KA-mysuru",
    "trends": "/?tab=trends&split=disease",
    "partner": "/?partner=NIMHANS&tab=partner",
    "programmes": "/?tab=programmes&state=9",
}


def browser(width: int = 1920, height: int = 1080) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def settle(driver: webdriver.Chrome, timeout: float = 30) -> None:
    """Wait until Dash has no callback in flight and no loading spinner shows."""
    deadline = time.monotonic() + timeout
    time.sleep(1)
    while time.monotonic() < deadline:
        busy = driver.execute_script(
            "return document.querySelector('[data-dash-is-loading=\"true\"]') !== null"
            " || document.querySelector('._dash-loading') !== null;"
        )
        if not busy:
            time.sleep(1.5)
            return
        time.sleep(0.3)


def main() -> None:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    driver = browser()
    try:
        for name, path in VIEWS.items():
            driver.get(base + path)
            settle(driver)
            driver.save_screenshot(str(out / f"{name}.png"))
            print(f"{out / name}.png")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()

"""The Content-Security-Policy in a real browser: an inline script the page did not ship
is refused, and the refusal is caught (so every other browser test fails on one)."""

from tests.browser.driver import chromium, console_errors, csp_violations, settle, sign_in


def test_an_injected_inline_script_is_refused_and_caught(app_server):
    driver = chromium()
    sign_in(driver, app_server)
    try:
        driver.get(app_server.url + "/?tab=trends")
        settle(driver)
        assert csp_violations(driver) == []  # the page itself keeps its policy
        driver.execute_script(
            "const s = document.createElement('script');"
            "s.textContent = 'window.injected = true;';"
            "document.body.appendChild(s);"
        )
        assert driver.execute_script("return window.injected === undefined;")
        refused = csp_violations(driver)
        assert refused and refused[0].startswith("script-src-elem refused inline"), refused
        assert any("Content Security Policy" in e for e in console_errors(driver))
    finally:
        driver.quit()

"""The language switch in a real browser: Hindi words, the Devanagari font from the app's
own assets, the language in the URL, and kept on reload and on a link without it."""

from selenium.webdriver.common.by import By

from tests.browser.driver import csp_violations, settle, wait_for

FONT_LOADED = (
    "const done = arguments[arguments.length - 1];"
    "document.fonts.ready.then(() => done([...document.fonts].some("
    "f => f.family.replace(/[\"']/g, '') === 'Noto Sans Devanagari' && f.status === 'loaded')));"
)


def _labels(browser) -> list[str]:
    return [e.text for e in browser.find_elements(By.CLASS_NAME, "kpi-label")]


def test_switch_to_hindi_on_the_india_view_and_keep_it(browser, app_server):
    browser.get(app_server.url + "/?state=29")
    settle(browser)
    assert "ATTENDANCES" in _labels(browser)  # English first (labels are upper-cased)
    switch = browser.find_element(By.ID, "page-language")
    wait_for(lambda: "state=29" in switch.get_attribute("href"), 10, "the switch's link")
    switch.click()
    wait_for(lambda: "lang=hi" in browser.current_url, 20, "lang=hi in the URL")
    settle(browser)
    assert "state=29" in browser.current_url  # the view is kept
    wait_for(lambda: "उपस्थिति" in _labels(browser), 20, "Hindi KPI labels")
    crumbs = browser.find_element(By.ID, "dashboard-breadcrumb").text
    assert "भारत" in crumbs and "कर्नाटक" in crumbs, crumbs
    assert "तक का डेटा" in browser.find_element(By.ID, "dashboard-data-as-of").text
    assert browser.execute_async_script(FONT_LOADED), "Noto Sans Devanagari not loaded"
    browser.refresh()
    settle(browser)
    assert "lang=hi" in browser.current_url
    wait_for(lambda: "उपस्थिति" in _labels(browser), 20, "Hindi after a reload")
    browser.get(app_server.url + "/live")  # no lang: the language chosen is remembered
    wait_for(lambda: "lang=hi" in browser.current_url, 20, "the live screen in Hindi")
    assert csp_violations(browser) == []

"""Pages are chosen by path; a known page's layout is built once and sent as plain JSON."""

import json
import re

import pytest
from dash.exceptions import PreventUpdate

from app import server
from callbacks.common import as_sent
from callbacks.pages import first_layout, page_for, show_page
from layouts import ids


def components(tree) -> list[dict]:
    """Every component in a tree as sent (plain JSON), depth first."""
    if isinstance(tree, list):
        return [c for item in tree for c in components(item)]
    if not isinstance(tree, dict) or "props" not in tree:
        return []
    return [tree, *(c for value in tree["props"].values() for c in components(value))]


def _ids(tree) -> set[str]:
    return {c["props"]["id"] for c in components(tree) if isinstance(c["props"].get("id"), str)}


def test_the_dashboard_is_built_once_and_sent_as_plain_json():
    first, shown = show_page("/")
    assert shown == "/" and show_page(None)[0] is first is page_for("/")
    assert json.loads(json.dumps(first)) == first
    assert {"dashboard-map", "dashboard-programmes-tab", "dashboard-url"} <= _ids(first)
    assert "dashboard-grid" not in _ids(first)  # built when its tab opens


def test_the_live_screen_and_an_unknown_path():
    assert "live-refresh" in _ids(page_for("/live"))
    missing = page_for("/no-such-page")
    assert "/no-such-page" in json.dumps(missing.to_plotly_json(), default=str)


def test_a_path_with_no_page_answers_404_and_its_page_links_home(signed_in_http):
    client = signed_in_http
    assert client.get("/").status_code == 200 and client.get("/live").status_code == 200
    missing = client.get("/nonexistent")
    assert missing.status_code == 404
    assert b"react-entry-point" in missing.data  # the page loads and says so (below)
    page = as_sent(page_for("/nonexistent"))
    assert any(c["props"].get("children") == "Page not found" for c in components(page))
    assert any(c["props"].get("href") == "/" for c in components(page))


def test_the_layout_comes_with_the_page_being_opened_and_the_router_keeps_it():
    with server.test_request_context("/_dash-layout", headers={"Referer": "http://x/live?lang=hi"}):
        layout = as_sent(first_layout())
    assert "live-refresh" in _ids(layout) and "dashboard-map" not in _ids(layout)
    shown = next(c for c in components(layout) if c["props"].get("id") == ids.PAGE_SHOWN)
    assert shown["props"]["data"] == "/live"
    with pytest.raises(PreventUpdate):  # the page's first call of the router changes nothing
        show_page("/live", "?lang=hi", "/live")
    assert "dashboard-map" in _ids(show_page("/", "", "/live")[0])  # a link to another page


def test_without_a_referer_the_router_fills_the_page():
    with server.test_request_context("/_dash-layout"):
        layout = as_sent(first_layout())
    assert not {"dashboard-map", "live-refresh"} & _ids(layout)
    assert show_page("/", "", None)[1] == "/"


def test_the_dashboard_asks_early_for_what_its_first_view_fetches(signed_in_http):
    """Each preloaded address is served (a renamed chunk of dcc would be fetched twice)."""
    client = signed_in_http
    india = re.findall(r'<link rel="preload" href="([^"]+)"', client.get("/").get_data(True))
    assert "/assets/geo/states.geojson" in india and any("async-graph" in u for u in india)
    for url in india:
        assert client.get(url).status_code == 200, url
    state = client.get("/?state=29").get_data(True)
    assert "/assets/geo/districts.geojson" in state and "states.geojson" not in state
    assert 'rel="preload"' not in client.get("/live").get_data(True)

"""Pages are chosen by path; a known page's layout is built once and sent as plain JSON."""

import json

from callbacks.common import as_sent
from callbacks.pages import show_page


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
    first = show_page("/")
    assert show_page(None) is first is show_page("/")
    assert json.loads(json.dumps(first)) == first
    assert {"dashboard-map", "dashboard-programmes-tab", "dashboard-url"} <= _ids(first)
    assert "dashboard-grid" not in _ids(first)  # built when its tab opens


def test_the_live_screen_and_an_unknown_path():
    assert "live-refresh" in _ids(show_page("/live"))
    missing = show_page("/no-such-page")
    assert "/no-such-page" in json.dumps(missing.to_plotly_json(), default=str)


def test_a_path_with_no_page_answers_404_and_its_page_links_home(signed_in_http):
    client = signed_in_http
    assert client.get("/").status_code == 200 and client.get("/live").status_code == 200
    missing = client.get("/nonexistent")
    assert missing.status_code == 404
    assert b"react-entry-point" in missing.data  # the page loads and says so (below)
    page = as_sent(show_page("/nonexistent"))
    assert any(c["props"].get("children") == "Page not found" for c in components(page))
    assert any(c["props"].get("href") == "/" for c in components(page))

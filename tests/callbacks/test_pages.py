"""Pages are chosen by path; a known page's layout is built once and sent as plain JSON."""

import json

from callbacks.pages import show_page


def _ids(tree) -> set[str]:
    found = set()
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if isinstance(props.get("id"), str):
            found.add(props["id"])
        for value in (*props.values(), *tree.values()):
            found |= _ids(value)
    elif isinstance(tree, list):
        for item in tree:
            found |= _ids(item)
    return found


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

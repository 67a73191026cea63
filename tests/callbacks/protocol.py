"""Calling the app's Dash callbacks over HTTP, in-process, as the page does (signed in)."""

import json
from typing import Any

from app import server
from benchmarks.dash_protocol import find, payload, server_callbacks, split_output
from layouts import ids
from tests.signin import signed_in

UPDATE = "/_dash-update-component"


def callbacks(http) -> list[dict]:
    """Every server callback the page knows (pattern-matching ones included)."""
    dependencies = http.get("/_dash-dependencies").get_json()
    return [c for c in dependencies if not c.get("clientside_function")]


def ask(http, output: str, values: dict[str, Any], changed: str | None = None):
    """POST the callback that updates `output` with these values; the raw answer."""
    spec = find(server_callbacks(callbacks(http)), output)
    first = [f"{d['id']}.{d['property']}" for d in spec["inputs"]][:1]
    return http.post(UPDATE, json=payload(spec, values, [changed] if changed else first))


def download(http, chart: str, search: str):
    """POST a click on a chart's CSV link, as the page does."""
    body = {
        "output": f"{ids.DOWNLOAD_FILE}.data",
        "outputs": {"id": ids.DOWNLOAD_FILE, "property": "data"},
        "inputs": [[{"id": ids.download(chart), "property": "n_clicks", "value": 1}]],
        "state": [{"id": ids.URL, "property": "search", "value": search}],
        "changedPropIds": [json.dumps(ids.download(chart), separators=(",", ":")) + ".n_clicks"],
    }
    return http.post(UPDATE, json=body)


def client():
    """A test client of the app, signed in as a ministry user of the store it reads."""
    return signed_in(server.test_client())


__all__ = ["ask", "callbacks", "client", "download", "split_output"]

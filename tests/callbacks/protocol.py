"""Calling the app's Dash callbacks over HTTP, in-process, as the page does."""

from typing import Any

from app import server
from benchmarks.dash_protocol import find, payload, server_callbacks, split_output

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


def client():
    return server.test_client()


__all__ = ["ask", "callbacks", "client", "split_output"]

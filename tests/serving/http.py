"""Asking a running server as a browser would: JSON over HTTP, Dash callbacks by output."""

import json
import urllib.error
import urllib.request
from typing import Any

from benchmarks.dash_protocol import find, payload, server_callbacks, updates

UPDATE = "/_dash-update-component"
TOKENS: dict[str, str] = {}  # a server's address -> the bearer token sent to it


def authorize(base: str, token: str) -> None:
    """Send `token` with every request to the server at `base` (README "Tokens")."""
    TOKENS[base] = token


def _signed(url: str, headers: dict | None = None) -> dict:
    token = next((t for base, t in TOKENS.items() if url.startswith(base + "/")), None)
    return {**(headers or {}), **({"Authorization": f"Bearer {token}"} if token else {})}


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body of a GET, without raising on 4xx and 5xx."""
    request = urllib.request.Request(url, headers=_signed(url, headers))
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get_json(url: str) -> Any:
    status, _, body = get(url)
    assert status == 200, f"{url}: {status} {body[:300]!r}"
    return json.loads(body)


def callback(base: str, output: str, values: dict[str, Any]) -> dict[str, Any]:
    """Run the callback that updates `output`, with these input values; its answer by prop."""
    spec = find(server_callbacks(get_json(base + "/_dash-dependencies")), output)
    changed = [f"{d['id']}.{d['property']}" for d in spec["inputs"]][:1]
    body = json.dumps(payload(spec, values, changed)).encode()
    request = urllib.request.Request(
        base + UPDATE,
        data=body,
        headers=_signed(base + UPDATE, {"Content-Type": "application/json"}),
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return updates(json.loads(response.read()))


def dashboard_kpis(base: str, search: str) -> dict[str, Any]:
    """The dashboard's KPI tiles for a deep link, as the page asks for them."""
    values = {"dashboard-url.search": search, "dashboard-version.data": None}
    return callback(base, "dashboard-kpi-attendances.title", values)


def live_kpis(base: str, search: str) -> dict[str, str]:
    """The live screen's big numbers for a deep link."""
    answer = callback(base, "live-kpi-attendances.children", {"live-url.search": search})
    return {k: v for k, v in answer.items() if k.startswith("live-kpi-")}

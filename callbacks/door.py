"""A callback request checked before Dash reads it: the shape of Dash's protocol and the
kinds of value our callbacks read.

The page POSTs `{"output", "outputs", "inputs", "state", "changedPropIds"}` to
/_dash-update-component. Dash trusts that body: a missing key, a list where it wants an
object or an output no callback has ends in a 500 from inside Dash. Here a body that is
not what the page sends is a 400 naming the part at fault, before any callback runs; the
callbacks then only meet values of the kind their component sends (a string for a URL's
search, a number for a click count, an object for a click on a chart), and check what
those values say themselves.
"""

import json
from collections.abc import Mapping
from typing import Any

from dash import Dash
from flask import Response, request

UPDATE_PATH = "/_dash-update-component"
STRING = (str, type(None))
COUNT = (int, type(None))
OBJECT = (dict, type(None))
# the kind of value each property our callbacks read may hold; others may hold anything
KINDS: dict[str, tuple[type, ...]] = {
    "search": STRING,
    "pathname": STRING,
    "start_date": STRING,
    "end_date": STRING,
    "active_tab": STRING,
    "n_clicks": COUNT,
    "n_intervals": COUNT,
    "clickData": OBJECT,
    "getRowsRequest": OBJECT,
}


class Refused(ValueError):
    """What is wrong with a callback request, and which part of it."""

    def __init__(self, part: str, message: str):
        super().__init__(f"{part}: {message}")
        self.part = part


def install(app: Dash) -> None:
    """Check every callback request before Dash dispatches it."""

    def check() -> Response | None:
        if request.path != UPDATE_PATH or request.method != "POST":
            return None
        try:
            check_body(request.get_json(silent=True), app.callback_map)
        except Refused as refused:
            body = json.dumps({"error": str(refused), "parameter": refused.part})
            return Response(body, status=400, mimetype="application/json")
        return None

    app.server.before_request(check)


def check_body(body: Any, callbacks: Mapping[str, Mapping]) -> None:
    """Raise `Refused` unless `body` asks a server callback of `callbacks` as the page does."""
    if not isinstance(body, dict):
        raise Refused("body", "not a JSON object")
    output = body.get("output")
    spec = callbacks.get(output) if isinstance(output, str) else None
    if spec is None or "callback" not in spec:
        raise Refused("output", "no server callback updates it")
    _check_outputs(body.get("outputs"))
    for part in ("inputs", "state"):
        _check_dependencies(part, body.get(part, []), spec.get(part, []))
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        raise Refused("changedPropIds", "not a list of strings")


def _check_outputs(outputs: Any) -> None:
    items = outputs if isinstance(outputs, list) else [outputs]
    for item in items:
        for one in item if isinstance(item, list) else [item]:
            if not _is_dependency(one):
                raise Refused("outputs", "each output needs an id and a property")


def _check_dependencies(part: str, given: Any, declared: list[Mapping]) -> None:
    """Each input (or state) as declared, in order, each value of its kind."""
    if not isinstance(given, list) or len(given) != len(declared):
        raise Refused(part, f"{len(declared)} expected, as the callback declares")
    for position, (item, wanted) in enumerate(zip(given, declared, strict=True)):
        where = f"{part}[{position}]"
        pattern = wanted["id"].startswith("{")
        items = item if pattern and isinstance(item, list) else [item]
        if pattern and not isinstance(item, list):
            raise Refused(where, "a list of matching components expected")
        for one in items:
            _check_one(where, one, wanted, pattern)


def _check_one(where: str, item: Any, wanted: Mapping, pattern: bool) -> None:
    if not _is_dependency(item) or item["property"] != wanted["property"]:
        raise Refused(where, f"expected {wanted['id']}.{wanted['property']}")
    if pattern:
        _check_pattern_id(where, item["id"], json.loads(wanted["id"]))
    elif item["id"] != wanted["id"]:
        raise Refused(where, f"expected {wanted['id']}.{wanted['property']}")
    kinds = KINDS.get(item["property"])
    value = item.get("value")
    if kinds and (not isinstance(value, kinds) or isinstance(value, bool)):
        raise Refused(where, f"{item['property']} of the wrong kind ({type(value).__name__})")


def _check_pattern_id(where: str, given: Any, declared: dict) -> None:
    """A component of a pattern: its fixed keys as declared, its wildcards plain values."""
    if not isinstance(given, dict) or set(given) != set(declared):
        raise Refused(where, f"expected an id with the keys {sorted(declared)}")
    for key, value in declared.items():
        wildcard = isinstance(value, list)
        if (wildcard and not isinstance(given[key], str | int)) or (
            not wildcard and given[key] != value
        ):
            raise Refused(where, f"the id's {key} is not that of {declared}")


def _is_dependency(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str | dict)
        and isinstance(item.get("property"), str)
    )

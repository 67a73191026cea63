"""The HTTP API described for machines: the OpenAPI 3.1 document served at /api/v1/openapi.json.

It is built from the same words the API checks requests with: the view list and each
view's columns (here), the filters and their limits, the metrics, sectors, partner kinds
and trend intervals (`dashboard.vocabulary`). tests/test_openapi.py checks every
view's real answers against it, so a column added to a view without its description fails
there; docs/api.md says the same for people.
"""

from typing import Any

from dashboard.vocabulary.attention import DAYS, FIGURES, RULES, SHARES
from dashboard.vocabulary.filters import (
    EARLIEST_DATE,
    LATEST_DATE,
    LIST_PARAMETERS,
    MAX_VALUE_LENGTH,
    MAX_VALUES,
    VALUES_TAKEN,
)
from dashboard.vocabulary.kinds import PARTNER_KINDS, SECTORS
from dashboard.vocabulary.metrics import METRICS
from dashboard.vocabulary.periods import INTERVALS

INTEGER: dict[str, Any] = {"type": "integer"}
NUMBER: dict[str, Any] = {"type": "number"}
STRING: dict[str, Any] = {"type": "string"}
DATE: dict[str, Any] = {"type": "string", "format": "date"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


SECTOR = {"type": "string", "enum": list(SECTORS)}
# The figures of what needs attention that are not counts: shares, and days.
FIGURE_TYPES = {**dict.fromkeys(SHARES, NUMBER), **dict.fromkeys(DAYS, DATE)}
PLACE = {"latitude": nullable(NUMBER), "longitude": nullable(NUMBER)}
# Each view's columns besides its metrics (every metric, unless the view names its own).
ROWS: dict[str, dict[str, Any]] = {
    "summary": {"data_as_of": nullable(DATE)},
    "states": {"state_code": INTEGER, "state": STRING},
    "districts": {
        "district_code": STRING,
        "district_lgd": nullable(INTEGER),
        "district": STRING,
        "state_code": INTEGER,
        "state": STRING,
        **PLACE,
    },
    "diseases": {"disease_area": STRING},
    "partners": {
        "partner_code": STRING,
        "partner": STRING,
        "kind": {"type": "string", "enum": list(PARTNER_KINDS)},
    },
    "hubs": {
        "hub_code": STRING,
        "name": STRING,
        "state_code": INTEGER,
        "district_code": STRING,
        **PLACE,
        "host_partner_code": STRING,
        "host_partner": STRING,
        "sector": {"type": "string", "enum": [*SECTORS, "mixed"]},
    },
    "programs": {
        "program_code": STRING,
        "name": STRING,
        "hub_code": STRING,
        "hub": STRING,
        "disease_area": STRING,
        "sector": SECTOR,
        "start_date": DATE,
        "end_date": nullable(DATE),
        "partner_codes": STRING,
        "retention": nullable({"type": "number", "minimum": 0, "maximum": 1}),
    },
    "trend": {"period": STRING},
    "attention": {
        "rule": {"type": "string", "enum": list(RULES)},
        "code": STRING,
        "name": STRING,
        **{name: nullable(FIGURE_TYPES.get(name, INTEGER)) for name in FIGURES},
        "link": STRING,
    },
}
VIEW_METRICS = {"trend": ("sessions", "attendances", "participants"), "attention": ()}
API_VIEWS = tuple(ROWS)
SUMMARY = {
    "summary": "The selection's metrics, with the date of the latest session in the store.",
    "states": "One row per state or union territory (every one, with zeros).",
    "districts": "One row per district (every one, with zeros; of the chosen states only).",
    "diseases": "One row per disease area with attendances in the selection.",
    "partners": "One row per partner institution: its programmes' and hosted hubs'.",
    "hubs": "One row per hub with attendances, at the hub's own location.",
    "programs": "One row per programme with attendances, with its partners and retention.",
    "trend": "One row per period: sessions, attendances and participants.",
    "attention": "What needs attention as of the data's date (or `to`): one row per item.",
}


def row_schema(view: str) -> dict[str, Any]:
    """One row of a view's JSON answer: exactly these columns, each always present."""
    metrics = VIEW_METRICS.get(view, METRICS)
    columns = {**ROWS[view], **{m: {"type": "integer", "minimum": 0} for m in metrics}}
    return {
        "type": "object",
        "properties": columns,
        "required": sorted(columns),
        "additionalProperties": False,
    }


def answer_schema(view: str) -> dict[str, Any]:
    """A view's whole JSON answer: one object for the summary, a list of rows otherwise."""
    return row_schema(view) if view == "summary" else {"type": "array", "items": row_schema(view)}


ERROR = {
    "type": "object",
    "properties": {"error": STRING, "parameter": STRING},
    "required": ["error", "parameter"],
}
UNAUTHORIZED = {
    "type": "object",
    "properties": {"error": STRING},
    "required": ["error"],
}
# How a script signs in: a token made with `python -m dashboard token create` (docs/api.md).
BEARER = {
    "type": "http",
    "scheme": "bearer",
    "description": "An API token made with `python -m dashboard token create`; it sees its "
    "user's scope, or a narrower one. A signed-in browser's session cookie works too.",
}
UNAVAILABLE = {
    "type": "object",
    "properties": {"error": STRING, "database": {"const": "unavailable"}},
    "required": ["error", "database"],
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _parameters(view: str) -> list[dict[str, Any]]:
    listed = {"type": "string", "maxLength": MAX_VALUE_LENGTH}
    day = {
        **DATE,
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": f"{EARLIEST_DATE} to {LATEST_DATE}",
    }
    dates = [
        {"name": "from", "in": "query", "schema": day, "description": "first session date"},
        {"name": "to", "in": "query", "schema": day, "description": "last session date"},
    ]
    values = {
        name: {"type": "array", "maxItems": MAX_VALUES, "items": listed} for name in LIST_PARAMETERS
    }
    values["state"]["items"] = {"type": "string", "pattern": "^[0-9]{1,4}$"}
    values["sector"]["items"] = SECTOR
    filters = [
        {
            "name": name,
            "in": "query",
            "style": "form",
            "explode": True,
            "schema": values[name],
            "description": f"{VALUES_TAKEN[name]}; repeat for several (OR)",
        }
        for name in LIST_PARAMETERS
    ]
    output = {"type": "string", "enum": ["json", "csv"], "default": "json"}
    extra = [{"name": "format", "in": "query", "schema": output}]
    if view == "trend":
        interval = {"type": "string", "enum": list(INTERVALS), "default": "month"}
        extra.append({"name": "interval", "in": "query", "schema": interval})
    return [*dates, *filters, *extra]


def _operation(view: str) -> dict[str, Any]:
    ok = _json(answer_schema(view), SUMMARY[view])
    ok["content"]["text/csv"] = {"schema": {"type": "string"}}
    return {
        "operationId": view,
        "summary": SUMMARY[view],
        "parameters": _parameters(view),
        "security": [{"bearer": []}],
        "responses": {
            "200": ok,
            "400": _json(ERROR, "A parameter is malformed, unknown, or names nothing stored."),
            "401": _unauthorized(),
            "403": _json(
                ERROR,
                "A filter names a state, district or partner outside the caller's access "
                "(parameter: that filter), or the caller's account sees no data at all "
                "(parameter: scope).",
            ),
            "503": _json(UNAVAILABLE, "The store cannot be read; try again later."),
        },
    }


def _unauthorized() -> dict[str, Any]:
    answer = _json(
        UNAUTHORIZED,
        "No credentials, or a token that is unknown, expired, revoked or whose user is "
        "disabled (or a session that ended).",
    )
    challenge = {"schema": {"type": "string", "pattern": "^Bearer "}}
    return {**answer, "headers": {"WWW-Authenticate": challenge}}


def _health() -> dict[str, Any]:
    healthy = {
        "type": "object",
        "properties": {
            "status": {"const": "ok"},
            "database": {"const": "ok"},
            "data_as_of": nullable(DATE),
        },
        "required": ["status", "database"],  # data_as_of only for a caller signed in
        "additionalProperties": False,
    }
    down = {
        "type": "object",
        "properties": {"status": {"const": "error"}, "database": {"const": "unavailable"}},
        "required": ["status", "database"],
    }
    return {
        "operationId": "healthz",
        "summary": "Whether the store can be read, and how recent its data is.",
        "security": [],  # open: it shows nothing of the data
        "responses": {
            "200": _json(healthy, "The store answers."),
            "503": _json(down, "The store cannot be read."),
        },
    }


def document() -> dict[str, Any]:
    """The OpenAPI document of /healthz and every /api/v1 view."""
    paths = {f"/api/v1/{view}": {"get": _operation(view)} for view in API_VIEWS}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ECHO India dashboard API",
            "version": "1",
            "description": "The dashboard's numbers for any selection; see docs/api.md.",
        },
        "paths": {"/healthz": {"get": _health()}, **paths},
        "components": {"securitySchemes": {"bearer": BEARER}},
    }

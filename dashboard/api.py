"""HTTP: `/healthz` and the `/api/v1/<view>` views (docs/api.md).

Every failure is an answer in words: 400 naming the bad parameter, 403 naming a filter
outside the caller's scope (every view reads through `dashboard.access.scoped`), 404 for an
unknown view or path, 405 for a method the path does not take, 413 for a body
too large, 503 when the store cannot be read (its detail goes to the server's
log only: a driver's message names hosts and databases). Never a 500 with a
traceback. Under `/api/`, `/healthz` and Dash's callback endpoint every error is JSON;
a bad filter (400) or an unreadable store (503) is JSON whichever code raised it.
"""

import logging

import pandas as pd
from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException, NotFound

from dashboard.access.audit import downloaded
from dashboard.access.current import current_scope
from dashboard.access.scoped import ScopedData, scoped_data
from dashboard.attention import needs_attention
from dashboard.config import attention_thresholds
from dashboard.openapi import API_VIEWS, document
from dashboard.tabular import json_value, records, safe_csv
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import LIST_PARAMETERS, BadFilter, parse_filters, values_of
from dashboard.vocabulary.periods import INTERVALS
from dashboard.vocabulary.scope import OutOfScope

api = Blueprint("api", __name__)
logger = logging.getLogger("echo.web")
JSON_PATHS = ("/api/", "/healthz", "/_dash-update-component")  # read by scripts, not people

KNOWN_PARAMETERS = {"from", "to", "format", "interval", *LIST_PARAMETERS}


def data() -> ScopedData:
    """The data as the request's scope may see it (every view reads through it)."""
    return scoped_data()


@api.app_errorhandler(BadFilter)
def bad_filter(error: BadFilter):
    return jsonify(error=str(error), parameter=error.parameter), 400


@api.app_errorhandler(OutOfScope)
def out_of_scope(error: OutOfScope):
    """A filter outside the caller's scope: 403, whichever door raised it (Flask picks the
    handler of the most derived class, so this one wins over BadFilter's 400)."""
    return jsonify(error=str(error), parameter=error.parameter), 403


@api.app_errorhandler(StoreUnavailable)
def store_unavailable(error: StoreUnavailable):
    logger.warning("%s %s: the store cannot be read: %s", request.method, request.path, error)
    return jsonify(error="the store is unavailable", database="unavailable"), 503


@api.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """JSON under the API's paths (a script reads it), the framework's own page elsewhere."""
    if not request.path.startswith(JSON_PATHS):
        return error
    answer = jsonify(error=error.description or error.name)
    answer.status_code = error.code or 500
    for name, value in error.get_headers():  # such as a 405's Allow
        if name.lower() != "content-type":
            answer.headers[name] = value
    return answer


@api.get("/api/", defaults={"rest": ""})
@api.get("/api/<path:rest>")
def no_such_path(rest: str):
    """Paths under /api/ that name nothing: without this, the page's catch-all answers."""
    raise NotFound(f"no such path /api/{rest[:100]}; the views are under /api/v1/")


@api.get("/healthz")
def healthz():
    try:
        as_of = data().data_as_of()
    except StoreUnavailable:
        return jsonify(status="error", database="unavailable"), 503
    if current_scope().sees_nothing:  # open to all: nothing about the data without sign-in
        return jsonify(status="ok", database="ok")
    return jsonify(status="ok", database="ok", data_as_of=json_value(as_of))


@api.get("/api/v1/openapi.json")
def openapi():
    """The API described for machines (OpenAPI 3.1), built from what the views check."""
    return jsonify(document())


@api.get("/api/v1/<view>")
def api_view(view: str):
    if view not in API_VIEWS:
        return jsonify(error=f"unknown view {view!r}; views: {', '.join(API_VIEWS)}"), 404
    params = request.args.to_dict(flat=False)
    unknown = sorted(set(params) - KNOWN_PARAMETERS)
    if unknown:
        raise BadFilter(
            unknown[0][:60],
            f"unknown parameter {unknown[0][:60]!r} (known: {', '.join(sorted(KNOWN_PARAMETERS))})",
        )
    output = _single(params, "format", "json", ("json", "csv"))
    filters = parse_filters(params)
    scoped = data()
    scoped.check(filters)  # OutOfScope (403) before BadFilter (400)
    options = _options(view, params)
    if view == "attention":
        answer = needs_attention(scoped, filters, attention_thresholds()).frame()
        return _respond(view, answer, output)
    answer = scoped.shared_answer(view, filters, **options)
    if view == "summary":
        answer = {**answer, "data_as_of": json_value(scoped.data_as_of())}
    return _respond(view, answer, output)


def _options(view: str, params: dict[str, list[str]]) -> dict[str, str]:
    if view == "trend":
        return {"interval": _single(params, "interval", "month", INTERVALS)}
    if "interval" in params:
        raise BadFilter("interval", "only the trend view takes an interval")
    return {}


def _single(params: dict[str, list[str]], name: str, default: str, allowed: tuple[str, ...]) -> str:
    values = values_of(params, name) or [default]
    if len(values) > 1 or values[0] not in allowed:
        raise BadFilter(name, f"{values[0]!r} is not one of {', '.join(allowed)}")
    return values[0]


def _respond(view: str, answer: dict | pd.DataFrame, output: str) -> Response:
    frame = answer if isinstance(answer, pd.DataFrame) else pd.DataFrame([answer])
    if output == "csv":
        downloaded(f"api/{view}", request.query_string.decode(errors="replace"))
        return Response(
            safe_csv(frame),
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename=echo-india-{view}.csv"},
        )
    if isinstance(answer, dict):
        return jsonify({k: json_value(v) for k, v in answer.items()})
    return jsonify(records(frame))


@api.app_errorhandler(500)
def internal_error(error: Exception):
    return jsonify(error="the server could not answer this request; it has been logged"), 500

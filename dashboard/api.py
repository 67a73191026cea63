"""HTTP: `/healthz` and the `/api/v1/<view>` views of CONTRACT section 3.

Every failure is an answer in words: 400 naming the bad parameter, 404 for an
unknown view, 503 when the store cannot be read. Never a 500 with a traceback.
"""

import pandas as pd
from flask import Blueprint, Response, jsonify, request

from dashboard.service import DashboardData, dashboard_data
from dashboard.tabular import json_value, records, safe_csv
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import LIST_PARAMETERS, BadFilter, parse_filters
from dashboard.vocabulary.periods import INTERVALS

api = Blueprint("api", __name__)

API_VIEWS = ("summary", "states", "districts", "diseases", "partners", "hubs", "programs", "trend")
KNOWN_PARAMETERS = {"from", "to", "format", "interval", *LIST_PARAMETERS}


def data() -> DashboardData:
    return dashboard_data()


@api.errorhandler(BadFilter)
def bad_filter(error: BadFilter):
    return jsonify(error=str(error), parameter=error.parameter), 400


@api.errorhandler(StoreUnavailable)
def store_unavailable(error: StoreUnavailable):
    return jsonify(error=f"the store cannot be read: {error}", database="unavailable"), 503


@api.get("/healthz")
def healthz():
    try:
        as_of = data().data_as_of()
    except StoreUnavailable:
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok", data_as_of=json_value(as_of))


@api.get("/api/v1/<view>")
def api_view(view: str):
    if view not in API_VIEWS:
        return jsonify(error=f"unknown view {view!r}; views: {', '.join(API_VIEWS)}"), 404
    params = request.args.to_dict(flat=False)
    unknown = sorted(set(params) - KNOWN_PARAMETERS)
    if unknown:
        raise BadFilter(
            unknown[0],
            f"unknown parameter (known: {', '.join(sorted(KNOWN_PARAMETERS))})",
        )
    output = _single(params, "format", "json", ("json", "csv"))
    filters = parse_filters(params)
    data().check(filters)
    options = _options(view, params)
    answer = data().shared_view(view, filters, **options)
    if view == "summary":
        answer = {**answer, "data_as_of": json_value(data().data_as_of())}
    return _respond(view, answer, output)


def _options(view: str, params: dict[str, list[str]]) -> dict[str, str]:
    if view == "trend":
        return {"interval": _single(params, "interval", "month", INTERVALS)}
    if "interval" in params:
        raise BadFilter("interval", "only the trend view takes an interval")
    return {}


def _single(params: dict[str, list[str]], name: str, default: str, allowed: tuple[str, ...]) -> str:
    values = params.get(name) or [default]
    if len(values) > 1 or values[0] not in allowed:
        raise BadFilter(name, f"{values!r} is not one of {', '.join(allowed)}")
    return values[0]


def _respond(view: str, answer: dict | pd.DataFrame, output: str) -> Response:
    frame = answer if isinstance(answer, pd.DataFrame) else pd.DataFrame([answer])
    if output == "csv":
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

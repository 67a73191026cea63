"""The router: keeps the URL and the controls in step.

The URL is the single source of truth. A change to a control (or a click on the
map, a disease bar, a month) becomes a new URL, which the browser records in its
history; a URL that changes by itself (first load, back, forward, a pasted link)
sets the controls. Rendering callbacks read only the URL.
"""

from dataclasses import replace
from datetime import date

from dash import Input, Output, callback, ctx, no_update

from callbacks.common import view_of
from dashboard.clock import today_in_india
from dashboard.queries.filters import BadFilter
from dashboard.viewstate import (
    ViewState,
    date_preset,
    drill_to_district,
    drill_to_state,
    matching_preset,
    select_hub,
)

FILTER_DROPDOWNS = ("state", "partner", "disease", "sector", "cadre")
CONTROLS = (
    ("dashboard-preset", "value"),
    ("dashboard-dates", "start_date"),
    ("dashboard-dates", "end_date"),
    *((f"dashboard-{name}", "value") for name in FILTER_DROPDOWNS),
    ("dashboard-map-metric", "value"),
    ("dashboard-white-spots", "value"),
    ("dashboard-tabs", "active_tab"),
    ("dashboard-split", "value"),
    ("dashboard-partner-pick", "value"),
)
EVENTS = (
    ("dashboard-clear", "n_clicks"),
    ("dashboard-map", "clickData"),
    ("dashboard-diseases", "clickData"),
    ("dashboard-trend", "clickData"),
)


@callback(
    Output("dashboard-url", "search"),
    *(Output(i, p) for i, p in CONTROLS),
    Input("dashboard-url", "search"),
    *(Input(i, p) for i, p in CONTROLS),
    *(Input(i, p) for i, p in EVENTS),
)
def route(search: str | None, *values):
    try:
        view = view_of(search)
    except BadFilter:
        return (no_update,) * (1 + len(CONTROLS))
    trigger = ctx.triggered_id
    if trigger in (None, "dashboard-url"):
        return (no_update, *controls_of(view))
    value = ctx.triggered[0]["value"]
    new_view = apply_event(view, trigger, value, ctx.inputs)
    new_search = new_view.to_query()
    return (new_search if new_search != (search or "") else no_update, *controls_of(new_view))


def controls_of(view: ViewState) -> tuple:
    f = view.filters
    today = today_in_india()
    return (
        matching_preset(f, today),
        f.date_from.isoformat() if f.date_from else None,
        f.date_to.isoformat() if f.date_to else None,
        list(f.state),
        list(f.partner),
        list(f.disease),
        list(f.sector),
        list(f.cadre),
        view.metric,
        view.white_spots_only,
        view.tab,
        view.split,
        f.partner[0] if len(f.partner) == 1 else None,
    )


def apply_event(view: ViewState, trigger: str, value, inputs: dict) -> ViewState:
    """The view after one user action."""
    handlers = {
        "dashboard-preset": lambda: _with_dates(view, *date_preset(value, today_in_india())),
        "dashboard-clear": lambda: ViewState(metric=view.metric, tab=view.tab),
        "dashboard-map": lambda: _map_click(view, value),
        "dashboard-diseases": lambda: _filter(view, disease=_clicked_label(value)),
        "dashboard-trend": lambda: replace(view, month=_clicked_month(value)),
        "dashboard-map-metric": lambda: replace(view, metric=value),
        "dashboard-white-spots": lambda: replace(view, white_spots_only=bool(value)),
        "dashboard-tabs": lambda: replace(view, tab=value),
        "dashboard-split": lambda: replace(view, split=value),
        "dashboard-partner-pick": lambda: _filter(view, partner=(value,) if value else ()),
        "dashboard-state": lambda: _filter(
            view, state=tuple(int(v) for v in value or ()), district=(), hub=()
        ),
    }
    if trigger == "dashboard-dates":
        start, end = (
            ctx.inputs["dashboard-dates.start_date"],
            ctx.inputs["dashboard-dates.end_date"],
        )
        return _with_dates(view, _date(start), _date(end))
    if trigger in ("dashboard-partner", "dashboard-disease", "dashboard-sector", "dashboard-cadre"):
        return _filter(view, **{trigger.removeprefix("dashboard-"): tuple(value or ())})
    handler = handlers.get(trigger)
    return handler() if handler else view


def _filter(view: ViewState, **changes) -> ViewState:
    return replace(view, filters=view.filters.replace(**changes), month=None)


def _with_dates(view: ViewState, start: date | None, end: date | None) -> ViewState:
    if start and end and start > end:
        start, end = end, start
    return _filter(view, date_from=start, date_to=end)


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _map_click(view: ViewState, click: dict | None) -> ViewState:
    point = (click or {}).get("points", [{}])[0]
    location = point.get("location")
    customdata = point.get("customdata")
    if location is None and customdata:
        return select_hub(view, customdata[0])
    if location is None:
        return view
    if view.level == "india":
        return drill_to_state(view, int(location))
    return drill_to_district(view, str(location))


def _clicked_label(click: dict | None) -> tuple[str, ...]:
    point = (click or {}).get("points", [{}])[0]
    return (point["y"],) if "y" in point else ()


def _clicked_month(click: dict | None) -> int | None:
    point = (click or {}).get("points", [{}])[0]
    x = str(point.get("x", ""))
    return int(x[:4] + x[5:7]) if len(x) >= 7 else None

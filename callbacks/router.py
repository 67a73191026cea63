"""The router: keeps the URL and the controls in step.

The URL is the single source of truth. A change to a control (or a click on the
map, a disease bar, a month) becomes a new URL, which the browser records in its
history; a URL that changes by itself (first load, back, forward, a pasted link)
sets the controls. Rendering callbacks read only the URL.

The router also sets the filter lists' options in the same answer as their values:
a dropdown drops any value missing from its options, so the two must arrive together.

A control's value or a click is the browser's word, not ours: the view it makes goes
through the URL's own checks (`from_query`), so a value the page would never send is a
400 naming its parameter (`BadFilter`), never a crash.
"""

from dataclasses import replace
from datetime import date

from dash import Input, Output, callback, ctx, no_update

from callbacks.common import ATTENDANCES_ONLY, data, remembered
from callbacks.links import read_link
from callbacks.phone import filter_button
from dashboard.clock import today_in_india
from dashboard.numbers import indian
from dashboard.viewstate import (
    ViewState,
    date_preset,
    drill_to_district,
    drill_to_state,
    from_query,
    matching_preset,
    month_of,
    select_hub,
    up_to,
)
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import STATE_CODE, BadFilter, Filters, parse_filters
from dashboard.vocabulary.scope import OutOfScope
from layouts import ids
from layouts.filters import DROPDOWNS, preset_options

FILTER_DROPDOWNS = tuple(name for name, _ in DROPDOWNS)
CONTROLS = {  # each control by name: the component and the property holding its value
    "preset": (ids.PRESET, "value"),
    "date_from": (ids.DATES, "start_date"),
    "date_to": (ids.DATES, "end_date"),
    **{name: (ids.filter_list(name), "value") for name in FILTER_DROPDOWNS},
    "metric": (ids.MAP_METRIC, "value"),
    "white_spots": (ids.WHITE_SPOTS, "value"),
    "map_state": (ids.MAP_STATE, "value"),
    "tab": (ids.TABS, "active_tab"),
    "split": (ids.SPLIT, "value"),
    "partner_pick": (ids.PARTNER_PICK, "value"),
}
EVENTS = (
    (ids.CLEAR, "n_clicks"),
    (ids.MAP, "clickData"),
    (ids.DISEASES, "clickData"),
    (ids.TREND, "clickData"),
)
# the lists of values to choose from, by the control they belong to
OPTION_LISTS = {
    **{name: ids.filter_list(name) for name in FILTER_DROPDOWNS},
    "partner_pick": ids.PARTNER_PICK,
    "map_state": ids.MAP_STATE,
}


@callback(
    {
        "search": Output(ids.URL, "search"),
        "presets": Output(ids.PRESET, "options"),
        "controls": {name: Output(i, p) for name, (i, p) in CONTROLS.items()},
        "options": {name: Output(i, "options") for name, i in OPTION_LISTS.items()},
        "filter_button": Output(ids.FILTERS_OPEN, "children"),
    },
    Input(ids.URL, "search"),
    *(Input(i, p) for i, p in CONTROLS.values()),
    *(Input(i, p) for i, p in EVENTS),
)
def route(search: str | None, *_values):
    trigger = ctx.triggered_id
    return routed(search, trigger, ctx.triggered[0]["value"], ctx.inputs)


def routed(search: str | None, trigger: str | None, value, inputs: dict) -> dict:
    """The URL, the controls and the filter lists after one change. The lists are sent
    only when the filters may have changed: a tab, a metric or a month leaves them as
    they are, and working them out was most of the router's time.

    The controls show only what the page can use of a link: a link with unusable parts
    stays as it is (the banner names them) until the user changes the view, which drops
    them."""
    link = read_link(search)
    before = link.view
    from_url = trigger in (None, ids.URL)
    view = before if from_url else apply_event(before, trigger, value, inputs)
    new_search = view.to_query()
    changed = new_search != (search or "") and not (from_url and link.bad)
    same_filters = not from_url and view.filters == before.filters
    options = dict.fromkeys(OPTION_LISTS, no_update) if same_filters else options_of(view)
    return {
        "search": new_search if changed else no_update,
        "presets": preset_options(today_in_india()),  # named by the years they are in
        "controls": controls_of(view),
        "options": options,
        "filter_button": filter_button(view.filters),
    }


def controls_of(view: ViewState) -> dict:
    """Each control's value for the view, by the control's name."""
    f = view.filters
    return {
        "preset": matching_preset(f, today_in_india()),
        "date_from": f.date_from.isoformat() if f.date_from else None,
        "date_to": f.date_to.isoformat() if f.date_to else None,
        **{name: list(getattr(f, name)) for name in FILTER_DROPDOWNS},
        "metric": view.metric,
        "white_spots": view.white_spots_only,
        "map_state": f.state[0] if len(f.state) == 1 else None,
        "tab": view.tab,
        "split": view.split,
        "partner_pick": f.partner[0] if len(f.partner) == 1 else None,
    }


def options_of(view: ViewState) -> dict:
    """Each list offers what has attendances under the other filters, plus its own
    chosen values (so nothing chosen is silently dropped), with attendance counts."""
    return _option_lists(view.filters)


@remembered
def _option_lists(filters: Filters) -> dict:
    try:
        options = data().options(filters)
        states = data().states(Filters(), metrics=ATTENDANCES_ONLY)
    except (StoreUnavailable, OutOfScope):  # the banner says why (show_kpis)
        options, states = {}, None
    lists = {name: _options(options.get(name), getattr(filters, name)) for name in FILTER_DROPDOWNS}
    unbracketed = [{**o, "label": o["label"].rsplit(" (", 1)[0]} for o in lists["partner"]]
    return {**lists, "partner_pick": unbracketed, "map_state": _every_state(states)}


def _every_state(states) -> list[dict]:
    """The map's way into every state and UT, reached or not, by name: the small ones
    (Delhi, Chandigarh, Goa) are hard to point at on a map of India."""
    if states is None:
        return []
    named = sorted(zip(states["state"], states["state_code"], strict=True))
    return [{"label": name, "value": int(code)} for name, code in named]


def _options(frame, chosen: tuple) -> list[dict]:
    columns = [] if frame is None else [frame[c].tolist() for c in ("value", "label", "n")]
    rows = zip(*columns, strict=True) if columns else []
    shown = [(value, label, n) for value, label, n in rows if n > 0 or value in chosen]
    known = {value for value, _, _ in shown}
    missing = [{"label": f"{v} (0)", "value": v} for v in chosen if v not in known]
    listed = [{"label": f"{label} ({indian(n)})", "value": value} for value, label, n in shown]
    return listed + missing


def apply_event(view: ViewState, trigger: str, value, inputs: dict) -> ViewState:
    """The view after one user action: what the browser sent makes a link, checked as any
    link is (`BadFilter`, a 400, for a value the page would never send)."""
    return from_query(_changed(view, trigger, value, inputs).to_query())


def _changed(view: ViewState, trigger: str, value, inputs: dict) -> ViewState:
    handlers = {
        ids.PRESET: lambda: _with_dates(view, *date_preset(value, today_in_india())),
        ids.CLEAR: lambda: ViewState(metric=view.metric, tab=view.tab),
        ids.MAP: lambda: _map_click(view, value),
        ids.DISEASES: lambda: _filter(view, disease=_clicked_label(value)),
        ids.TREND: lambda: replace(view, month=_clicked_month(value)),
        ids.MAP_METRIC: lambda: replace(view, metric=value),
        ids.WHITE_SPOTS: lambda: replace(view, white_spots_only=bool(value)),
        ids.MAP_STATE: lambda: _to_state(view, value),
        ids.TABS: lambda: replace(view, tab=value),
        ids.SPLIT: lambda: replace(view, split=value),
        ids.PARTNER_PICK: lambda: _filter(view, partner=_listed("partner", value, one=True)),
        ids.filter_list("state"): lambda: _filter(
            view, state=_listed("state", value), district=(), hub=()
        ),
        **{
            ids.filter_list(name): lambda name=name: _filter(view, **{name: _listed(name, value)})
            for name in ("partner", "disease", "sector", "cadre")
        },
    }
    if trigger == ids.DATES:
        start, end = inputs[f"{ids.DATES}.start_date"], inputs[f"{ids.DATES}.end_date"]
        return _with_dates(view, _date("from", start), _date("to", end))
    handler = handlers.get(trigger)
    return handler() if handler else view


def _filter(view: ViewState, **changes) -> ViewState:
    return replace(view, filters=view.filters.replace(**changes), month=None)


def _with_dates(view: ViewState, start: date | None, end: date | None) -> ViewState:
    if start and end and start > end:
        start, end = end, start
    return _filter(view, date_from=start, date_to=end)


def _to_state(view: ViewState, value) -> ViewState:
    """The "Go to" list's state (its values are LGD state codes), or India when cleared."""
    if value is None or value == "":
        return up_to(view, "india")
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise BadFilter("state", "expected an LGD state code from the list")
    return drill_to_state(view, int(value))


def _listed(name: str, value, one: bool = False) -> tuple:
    """A list's chosen values (or a single pick's), as the URL writes them."""
    values = [value] if one and value else (value or [])
    if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
        raise BadFilter(name, "expected a list of values")
    return tuple(str(v) for v in values)


def _date(name: str, text) -> date | None:
    """A date picker's day (it may carry a time after the date); checked by the URL's rules."""
    if not text:
        return None
    if not isinstance(text, str):
        raise BadFilter(name, "expected a date in the form YYYY-MM-DD")
    filters = parse_filters({name: [text[:10]]})
    return filters.date_from or filters.date_to


def _point(click) -> dict:
    """The first point of a click on a chart, or nothing."""
    points = click.get("points") if isinstance(click, dict) else None
    first = points[0] if isinstance(points, list) and points else None
    return first if isinstance(first, dict) else {}


def _map_click(view: ViewState, click) -> ViewState:
    point = _point(click)
    location = point.get("location")
    customdata = point.get("customdata")
    if location is None and isinstance(customdata, list) and customdata:
        return select_hub(view, str(customdata[0]))
    if location is None:
        return view
    state = str(location)  # states are keyed by LGD code, districts by their project key
    if STATE_CODE.fullmatch(state):
        return drill_to_state(view, int(state))
    return drill_to_district(view, state)


def _clicked_label(click) -> tuple[str, ...]:
    label = _point(click).get("y")
    return (str(label),) if label is not None else ()


def _clicked_month(click) -> int | None:
    """The month of a click on the trend chart (its x is the month's first day)."""
    x = str(_point(click).get("x", ""))
    return month_of(x[:4] + x[5:7])

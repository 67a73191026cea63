"""KPI tiles, the map with its breadcrumb and side panel, filter options, and the heartbeat."""

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html, no_update

from callbacks.common import ATTENDANCES_ONLY, UNAVAILABLE, data, remembered, view_of
from dashboard.figures.maps import METRIC_LABELS, districts_map, hub_reach_map, states_map
from dashboard.figures.style import empty
from dashboard.figures.trends import small_trend
from dashboard.numbers import change, compact, indian
from dashboard.queries.filters import BadFilter, Filters, previous_period
from dashboard.store.database import StoreUnavailable
from dashboard.viewstate import ViewState, select_hub, up_to
from layouts import panels
from layouts.dashboard import KPIS, download_button

URL = Input("dashboard-url", "search")
VERSION = Input("dashboard-version", "data")
HEARTBEAT_MS, RETRY_MS = 30_000, 5_000
STORE_DOWN = "The data store cannot be read right now; the page will try again by itself."
NEVER_REACHED_CSV = download_button("never-reached")


@callback(
    Output("dashboard-version", "data"),
    Output("dashboard-heartbeat", "interval"),
    Input("dashboard-heartbeat", "n_intervals"),
    State("dashboard-version", "data"),
)
def heartbeat(_ticks, shown=None):
    """Notice new data (an import) and a store that comes back; look often while it is down.
    The version the page holds is not set again: every chart would be drawn anew each
    30 s, and a click landing on that redraw could be lost."""
    try:
        version = data().version()
    except StoreUnavailable:
        return UNAVAILABLE, RETRY_MS
    if version == shown:
        return no_update, no_update
    return version, HEARTBEAT_MS


@callback(
    *(Output(f"dashboard-kpi-{m}", "children") for m, _ in KPIS),
    *(Output(f"dashboard-kpi-{m}", "title") for m, _ in KPIS),
    *(Output(f"dashboard-kpi-{m}-change", "children") for m, _ in KPIS),
    Output("dashboard-data-as-of", "children"),
    Output("dashboard-banner", "children"),
    Output("dashboard-version", "data", allow_duplicate=True),
    Output("dashboard-heartbeat", "interval", allow_duplicate=True),
    URL,
    VERSION,
    prevent_initial_call="initial_duplicate",
)
@remembered
def show_kpis(search, _version):
    """The tiles, and the page's state in words; a store failure makes the heartbeat
    look again within seconds, and its recovery redraws everything."""
    blank = ("-",) * len(KPIS) + (None,) * len(KPIS) * 2
    try:
        view = view_of(search)
        data().check(view.filters)
        summary = data().view("summary", view.filters)
        earlier = previous_period(view.filters)
        before = data().view("summary", earlier) if earlier else None
        as_of = data().data_as_of()
    except BadFilter as error:
        text = f"This link has a filter the page cannot use: {error}."
        return (*blank, no_update, _banner(text), no_update, no_update)
    except StoreUnavailable:
        return (*blank, no_update, _banner(STORE_DOWN), UNAVAILABLE, RETRY_MS)
    values = tuple(compact(summary[m]) for m, _ in KPIS)
    titles = tuple(indian(summary[m]) for m, _ in KPIS)
    changes = tuple(
        f"{change(summary[m], before[m])} vs previous period" if before else "" for m, _ in KPIS
    )
    as_of_text = f"Data as of {as_of:%d %b %Y}" if as_of else "No sessions in the store yet"
    banner = _nothing_matches(view) if summary["attendances"] == 0 else None
    return (*values, *titles, *changes, as_of_text, banner, no_update, no_update)


def _banner(text: str, color: str = "warning", extra=None) -> dbc.Alert:
    return dbc.Alert([text, *([extra] if extra else [])], color=color, className="my-2")


def _nothing_matches(view: ViewState) -> dbc.Alert:
    """Say so in words, with one button per active filter that removes it."""
    buttons = []
    for key, values in view.filters.to_params().items():
        field = {"from": "date_from", "to": "date_to"}.get(key, key)
        cleared = view.filters.replace(**{field: None if key in ("from", "to") else ()})
        href = "/" + ViewState(filters=cleared, metric=view.metric, tab=view.tab).to_query()
        label = f"Remove {FILTER_WORDS.get(key, key)}: {', '.join(_names(key, values))}"
        buttons.append(dbc.Button(label, href=href, size="sm", color="light", className="me-2"))
    buttons.append(dbc.Button("Clear all filters", href="/", size="sm", color="primary"))
    text = "No attendance matches these filters."
    return _banner(text, "info", html.Div(buttons, className="mt-2"))


@callback(
    Output("dashboard-map", "figure"),
    Output("dashboard-breadcrumb", "items"),
    Output("dashboard-panel", "children"),
    URL,
    VERSION,
)
@remembered
def show_map(search, _version):
    try:
        view = view_of(search)
        figure, panel = LEVELS[view.level](view)
        crumbs = breadcrumb(view)
    except BadFilter:
        return empty("This link cannot be shown"), no_update, None
    except StoreUnavailable:
        return empty("The data store cannot be read right now"), no_update, None
    return figure, crumbs, panel


def _india(view: ViewState):
    d, f, metric = data(), view.filters, view.metric
    shown = (metric,)  # a map shades one metric: the others are not counted
    states, districts = d.view("states", f, metrics=shown), d.view("districts", f, metrics=shown)
    if view.white_spots_only:
        hubs = _hub_markers(f)
        figure = districts_map(districts, hubs, metric, None, True, hubs_clickable=False)
        return figure, panels.never_reached_panel("India", districts, NEVER_REACHED_CSV)
    figure = states_map(states, _hub_markers(f), metric)
    return figure, panels.india_panel(states, districts, metric, METRIC_LABELS[metric])


def _hub_markers(filters):
    """The hubs as the maps mark them: sized by attendances, coloured by sector."""
    return data().view("hubs", filters, metrics=ATTENDANCES_ONLY)


def _districts_in_view(view: ViewState):
    """The districts of the selected states (or of the selected district's state)."""
    districts = data().view("districts", view.filters.replace(district=()), metrics=(view.metric,))
    if view.filters.state:
        return districts
    chosen = districts[districts.district_code.isin(view.filters.district)]
    return districts[districts.state_code.isin(chosen.state_code)]


def districts_in_scope(view: ViewState):
    """The districts the map of `view` draws: India's, or those of the state(s) in view."""
    if view.level == "india":
        return data().view("districts", view.filters, metrics=(view.metric,))
    return _districts_in_view(view)


def _state(view: ViewState):
    figure, districts, local_hubs = _state_map(view, _hub_markers(view.filters))
    label = METRIC_LABELS[view.metric]
    names = _state_names(view.filters.state)
    if view.white_spots_only:
        return figure, panels.never_reached_panel(names, districts, NEVER_REACHED_CSV)
    return figure, panels.state_panel(names, districts, local_hubs, view.metric, label)


def _state_map(view: ViewState, hubs):
    """The districts of the state(s) in view, shaded, with the selection's `hubs` located
    there; and those frames."""
    f = view.filters
    districts = _districts_in_view(view)
    local_hubs = hubs[hubs.state_code.isin(districts.state_code.unique())]
    highlight = f.district[0] if f.district else None
    figure = districts_map(districts, local_hubs, view.metric, highlight, view.white_spots_only)
    return figure, districts, local_hubs


def _district(view: ViewState):
    d, f = data(), view.filters
    hubs = _hub_markers(f)  # the panel lists them by attendances too
    figure, _, _ = _state_map(view, hubs)
    districts = d.view("districts", f, metrics=ATTENDANCES_ONLY)
    row = districts[districts.district_code == f.district[0]]
    name = row.iloc[0]["district"] if len(row) else f.district[0]
    state = _state_names(tuple(row.state_code)) if len(row) else ""
    panel = panels.district_panel(
        name,
        state,
        d.view("programs", f, metrics=ATTENDANCES_ONLY),
        hubs,
        d.view("cadres", f, metrics=("participants",)),
        small_trend(d.view("trend", f)),
    )
    return figure, panel


def _hub(view: ViewState):
    d, f, metric = data(), view.filters, view.metric
    hubs = d.view("hubs", f)
    if hubs.empty:
        text = "This hub has no attendance in the selection; widen the filters."
        return empty(text), panels.message_panel(text)
    hub = hubs.iloc[0]
    reached = d.view("districts", f)
    summary, limited = d.view("summary", f), _reach_limited(view, hub["hub_code"])
    panel = panels.hub_panel(hub, hub["host_partner"], reached, summary, limited)
    return hub_reach_map(reached, hub, metric), panel


def _reach_limited(view: ViewState, hub_code: str):
    """When a state or district filter keeps part of a hub's reach out: words that say so,
    with the hub's whole reach (under the other filters) and a link to it."""
    f = view.filters
    if not (f.state or f.district):
        return None
    whole = select_hub(view, hub_code)
    if f.district:
        places, label = ", ".join(_names("district", list(f.district))), "district"
    else:
        places, label = _state_names(f.state), "State / UT"
    reach = data().view("summary", whole.filters)
    return panels.limited_reach(places, label, reach, "/" + whole.to_query())


LEVELS = {"india": _india, "state": _state, "district": _district, "hub": _hub}


FILTER_WORDS = {"program": "programme", "disease": "disease area"}
NAMED_CODES = {  # filter: (view, code column, name column)
    "state": ("states", "state_code", "state"),
    "district": ("districts", "district_code", "district"),
    "partner": ("partners", "partner_code", "partner"),
    "hub": ("hubs", "hub_code", "name"),
    "program": ("programs", "program_code", "name"),
}


def _names(key: str, values: list[str]) -> list[str]:
    """The names of the codes in a filter, as the page shows them (codes it cannot name stay)."""
    if key not in NAMED_CODES:
        return list(values)
    view, code, name = NAMED_CODES[key]
    frame = data().view(view, Filters())
    found = dict(zip(frame[code].astype(str), frame[name], strict=True))
    return [found.get(str(v), str(v)) for v in values]


def _state_names(codes: tuple[int, ...]) -> str:
    return ", ".join(_names("state", list(codes)))


def breadcrumb(view: ViewState) -> list[dict]:
    """India > State > District > Hub, each a link back up (the last one is where you are)."""
    f = view.filters
    items = [("India", up_to(view, "india"))]
    if f.state:
        items.append((_state_names(f.state), up_to(view, "state")))
    if f.district:
        districts = data().view("districts", Filters())
        names = districts.loc[districts.district_code.isin(f.district), "district"]
        items.append((", ".join(names), view))
    if f.hub:
        hubs = data().view("hubs", Filters())
        names = hubs.loc[hubs.hub_code.isin(f.hub), "name"]
        items.append((", ".join(names) or f.hub[0], view))
    crumbs = [
        {"label": label, "href": "/" + target.to_query(), "external_link": False}
        for label, target in items
    ]
    crumbs[-1] = {"label": crumbs[-1]["label"], "active": True}
    return crumbs

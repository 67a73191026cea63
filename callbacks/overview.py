"""KPI tiles, the map with its breadcrumb and side panel, filter options, and the heartbeat."""

from datetime import date

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, html, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import (
    ATTENDANCES_ONLY,
    UNAVAILABLE,
    covered_by,
    data,
    refusal,
    remembered,
)
from callbacks.links import Link, read_link
from callbacks.names import names
from dashboard.clock import day_text
from dashboard.figures.maps import METRIC_LABELS, districts_map, hub_reach_map, states_map
from dashboard.figures.style import empty
from dashboard.figures.trends import small_trend
from dashboard.tiles import METRICS, tiles
from dashboard.viewstate import ViewState, page_link, select_hub, up_to
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.language import N_, _, ngettext
from dashboard.vocabulary.scope import OutOfScope
from layouts import ids, panels
from layouts.dashboard import download_button

URL = Input(ids.URL, "search")
VERSION = Input(ids.VERSION, "data")
HEARTBEAT_MS, RETRY_MS = 30_000, 5_000
STORE_DOWN = N_("The data store cannot be read right now; the page will try again by itself.")
NEVER_REACHED_CSV = download_button("never-reached")


@callback(
    {"version": Output(ids.VERSION, "data"), "interval": Output(ids.HEARTBEAT, "interval")},
    Input(ids.HEARTBEAT, "n_intervals"),
    State(ids.VERSION, "data"),
)
def heartbeat(_ticks, shown=None):
    """Notice new data (an import) and a store that comes back; look often while it is down.
    The version the page holds is not set again: every chart would be drawn anew each
    30 s, and a click landing on that redraw could be lost."""
    try:
        version = data().version()
    except StoreUnavailable:
        return {"version": UNAVAILABLE, "interval": RETRY_MS}
    if version == shown:
        return {"version": no_update, "interval": no_update}
    return {"version": version, "interval": HEARTBEAT_MS}


@callback(
    {
        "values": {m: Output(ids.kpi(m), "children") for m in METRICS},
        "titles": {m: Output(ids.kpi(m), "title") for m in METRICS},
        "changes": {m: Output(ids.kpi_change(m), "children") for m in METRICS},
        "as_of": Output(ids.DATA_AS_OF, "children"),
        "banner": Output(ids.BANNER, "children"),
        "version": Output(ids.VERSION, "data", allow_duplicate=True),
        "interval": Output(ids.HEARTBEAT, "interval", allow_duplicate=True),
    },
    URL,
    VERSION,
    prevent_initial_call="initial_duplicate",
)
@remembered
def show_kpis(search, _version):
    """The tiles, and the page's state in words; a store failure makes the heartbeat
    look again within seconds, and its recovery redraws everything."""
    try:
        as_of = data().data_as_of()
        link = read_link(search)
        if link.bad:
            return _blank_tiles(_as_of(as_of), _bad_link(link))
        view = link.view
        shown = tiles(data(), view.filters, as_of)
    except OutOfScope as error:
        return _blank_tiles(_as_of(as_of), _banner(refusal(error)))
    except StoreUnavailable:
        blank = _blank_tiles(no_update, _banner(_(STORE_DOWN)))
        return {**blank, "version": UNAVAILABLE, "interval": RETRY_MS}
    attendances = next(t.count for t in shown if t.metric == "attendances")
    return {
        "values": {t.metric: t.value for t in shown},
        "titles": {t.metric: t.full for t in shown},
        "changes": {t.metric: t.change for t in shown},
        "as_of": _as_of(as_of),
        "banner": _nothing_matches(view) if attendances == 0 else None,
        "version": no_update,
        "interval": no_update,
    }


def _as_of(day: date | None) -> str:
    return (
        _("Data as of {day}").format(day=day_text(day))
        if day
        else _("No sessions in the store yet")
    )


def _blank_tiles(as_of, banner: dbc.Alert) -> dict:
    """No numbers, and the banner saying why."""
    return {
        "values": dict.fromkeys(METRICS, "-"),
        "titles": dict.fromkeys(METRICS),
        "changes": dict.fromkeys(METRICS),
        "as_of": as_of,
        "banner": banner,
        "version": no_update,
        "interval": no_update,
    }


def _banner(text: str, color: str = "warning", extra=None) -> dbc.Alert:
    return dbc.Alert([text, *([extra] if extra else [])], color=color, className="my-2")


def _bad_link(link: Link) -> dbc.Alert:
    """Each part of the link the page cannot use, in words, with a button removing it."""
    items = [
        html.Li(
            [
                f"{_filter_word(part.parameter)}: {part.why} ",
                _remove_button(part.parameter, [part.value], link.without(part)),
            ]
        )
        for part in link.bad
    ]
    several = len(link.bad) > 1
    buttons = [dbc.Button(_("Clear all filters"), href=page_link("/"), size="sm", color="primary")]
    if several:
        everything = dbc.Button(
            _("Remove all of them"), href=link.without(*link.bad), size="sm", color="light"
        )
        buttons.insert(0, everything)
    text = ngettext(
        "This link has a filter the page cannot use:",
        "This link has {count} filters the page cannot use:",
        len(link.bad),
    ).format(count=len(link.bad))
    if all(part.denied for part in link.bad):
        text = ngettext(
            "This link has a filter outside the data your account may see:",
            "This link has {count} filters outside the data your account may see:",
            len(link.bad),
        ).format(count=len(link.bad))
    extra = html.Div([html.Ul(items, className="mb-2"), *buttons], className="mt-1")
    return _banner(text, extra=extra)


def _remove_button(key: str, values: list[str], href: str) -> dbc.Button:
    label = _("Remove {filter}: {values}").format(
        filter=_filter_word(key), values=", ".join(values)
    )
    return dbc.Button(label, href=href, size="sm", color="light", className="me-2")


def _nothing_matches(view: ViewState) -> dbc.Alert:
    """Say so in words, with one button per active filter that removes it."""
    buttons = []
    for key, values in view.filters.to_params().items():
        field = {"from": "date_from", "to": "date_to"}.get(key, key)
        cleared = view.filters.replace(**{field: None if key in ("from", "to") else ()})
        kept = ViewState(filters=cleared, metric=view.metric, tab=view.tab, lang=view.lang)
        href = "/" + kept.to_query()
        buttons.append(_remove_button(key, names(key, values), href))
    buttons.append(
        dbc.Button(_("Clear all filters"), href=page_link("/"), size="sm", color="primary")
    )
    text = _("No attendance matches these filters.")
    return _banner(text, "info", html.Div(buttons, className="mt-2"))


@callback(
    {
        "map": Output(ids.MAP, "figure"),
        "breadcrumb": Output(ids.BREADCRUMB, "items"),
        "panel": Output(ids.PANEL, "children"),
    },
    URL,
    VERSION,
)
@remembered
def show_map(search, _version):
    """The map at the link's level, its side panel, and the breadcrumb of the link's usable
    parts (a link with parts the page cannot use is drawn as nothing: the banner says why)."""
    try:
        link = read_link(search)
        crumbs = breadcrumb(link.view)
        if link.bad:
            return {
                "map": empty(_("This link cannot be shown")),
                "breadcrumb": crumbs,
                "panel": None,
            }
        figure, panel = LEVELS[link.view.level](link.view)
    except OutOfScope as error:
        return {"map": empty(refusal(error)), "breadcrumb": no_update, "panel": None}
    except StoreUnavailable:
        figure = empty(_("The data store cannot be read right now"))
        return {"map": figure, "breadcrumb": no_update, "panel": None}
    return {"map": figure, "breadcrumb": crumbs, "panel": panel}


@callback(
    Output(ids.PANEL, "children", allow_duplicate=True),
    Input(ids.more(panels.PANEL, ALL), "n_clicks"),
    State(ids.URL, "search"),
    State(ids.VERSION, "data"),
    prevent_initial_call=True,
)
def show_whole_panel(clicks, search, version):
    """The side panel with every row of its lists, when an "and N more" is clicked."""
    if not ctx.triggered_id or not any(clicks):
        raise PreventUpdate
    return _whole_panel(search, version)


@remembered
def _whole_panel(search, _version):
    link = read_link(search)
    if link.bad:
        raise PreventUpdate
    _, panel = LEVELS[link.view.level](link.view, whole=True)
    return panel


def _india(view: ViewState, whole: bool = False):
    d, f, metric = data(), view.filters, view.metric
    shown = (metric,)  # a map shades one metric: the others are not counted
    states, districts = d.states(f, metrics=shown), d.districts(f, metrics=shown)
    if view.white_spots_only:
        hubs = _hub_markers(f)
        figure = districts_map(districts, hubs, metric, None, True, hubs_clickable=False)
        return figure, panels.never_reached_panel("India", districts, NEVER_REACHED_CSV)
    figure = states_map(states, _hub_markers(f), metric)
    panel = panels.india_panel(states, districts, metric, METRIC_LABELS[metric], whole)
    return figure, panel


def _hub_markers(filters):
    """The hubs as the maps mark them: sized by attendances, coloured by sector."""
    return data().hubs(filters, metrics=ATTENDANCES_ONLY)


def _districts_in_view(view: ViewState):
    """The districts of the selected states (or of the selected district's state)."""
    districts = data().districts(view.filters.replace(district=()), metrics=(view.metric,))
    if view.filters.state:
        return districts
    chosen = districts[districts.district_code.isin(view.filters.district)]
    return districts[districts.state_code.isin(chosen.state_code)]


def districts_in_scope(view: ViewState):
    """The districts the map of `view` draws: India's, or those of the state(s) in view."""
    if view.level == "india":
        return data().districts(view.filters, metrics=(view.metric,))
    return _districts_in_view(view)


def _state(view: ViewState, whole: bool = False):
    figure, districts, local_hubs = _state_map(view, _hub_markers(view.filters))
    label = METRIC_LABELS[view.metric]
    named = _state_names(view.filters.state)
    if view.white_spots_only:
        return figure, panels.never_reached_panel(named, districts, NEVER_REACHED_CSV)
    return figure, panels.state_panel(named, districts, local_hubs, view.metric, label, whole)


def _state_map(view: ViewState, hubs):
    """The districts of the state(s) in view, shaded, with the selection's `hubs` located
    there; and those frames."""
    f = view.filters
    districts = _districts_in_view(view)
    local_hubs = hubs[hubs.state_code.isin(districts.state_code.unique())]
    highlight = f.district[0] if f.district else None
    figure = districts_map(districts, local_hubs, view.metric, highlight, view.white_spots_only)
    return figure, districts, local_hubs


def _district(view: ViewState, whole: bool = False):
    d, f = data(), view.filters
    hubs = _hub_markers(f)  # the panel lists them by attendances too
    figure, _, _ = _state_map(view, hubs)
    districts = d.districts(f, metrics=ATTENDANCES_ONLY)
    row = districts[districts.district_code == f.district[0]]
    name = names("district", f.district[:1])[0]
    state = _state_names(tuple(row.state_code)) if len(row) else ""
    panel = panels.district_panel(
        name,
        state,
        d.programs(f, metrics=ATTENDANCES_ONLY),
        hubs,
        d.cadres(f, metrics=("participants",)),
        small_trend(d.trend(f), covered_by(f)),
        whole,
    )
    return figure, panel


def _hub(view: ViewState, whole: bool = False):
    d, f, metric = data(), view.filters, view.metric
    hubs = d.hubs(f)
    if hubs.empty:
        text = _("This hub has no attendance in the selection; widen the filters.")
        return empty(text), panels.message_panel(text)
    hub = hubs.iloc[0]
    reached = d.districts(f)
    summary, limited = d.summary(f), _reach_limited(view, hub["hub_code"])
    panel = panels.hub_panel(hub, hub["host_partner"], reached, summary, whole, limited)
    return hub_reach_map(reached, hub, metric), panel


def _reach_limited(view: ViewState, hub_code: str):
    """When a state or district filter keeps part of a hub's reach out: words that say so,
    with the hub's whole reach (under the other filters) and a link to it."""
    f = view.filters
    if not (f.state or f.district):
        return None
    whole = select_hub(view, hub_code)
    if f.district:
        places, label = ", ".join(names("district", f.district)), _("district")
    else:
        places, label = _state_names(f.state), _("State / UT")
    reach = data().summary(whole.filters)
    return panels.limited_reach(places, label, reach, "/" + whole.to_query())


LEVELS = {"india": _india, "state": _state, "district": _district, "hub": _hub}


FILTER_WORDS = {  # a link's parameters in words
    "state": N_("state"),
    "district": N_("district"),
    "hub": N_("hub"),
    "program": N_("programme"),
    "partner": N_("partner"),
    "disease": N_("disease area"),
    "sector": N_("sector"),
    "cadre": N_("cadre"),
    "from": N_("from"),
    "to": N_("to"),
}


def _filter_word(parameter: str) -> str:
    return _(FILTER_WORDS[parameter]) if parameter in FILTER_WORDS else parameter


def _state_names(codes: tuple[int, ...]) -> str:
    return ", ".join(names("state", codes))


def breadcrumb(view: ViewState) -> list[dict]:
    """India > State > District > Hub, each a link back up (the last one is where you are)."""
    f = view.filters
    items = [(_("India"), up_to(view, "india"))]
    if f.state:
        items.append((_state_names(f.state), up_to(view, "state")))
    if f.district:
        items.append((", ".join(names("district", f.district)), view))
    if f.hub:
        items.append((", ".join(names("hub", f.hub)), view))
    crumbs = [
        {"label": label, "href": "/" + target.to_query(), "external_link": False}
        for label, target in items
    ]
    crumbs[-1] = {"label": crumbs[-1]["label"], "active": True}
    return crumbs

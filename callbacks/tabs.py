"""The tabs under the map: coverage, trends, partner view, programme table.

Each renders only while its tab is open, so a filter change costs only what is seen.
"""

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import data, remembered, view_of
from dashboard.figures.coverage import disease_ranking, state_disease_matrix
from dashboard.figures.maps import districts_map
from dashboard.figures.style import empty
from dashboard.figures.trends import financial_years, monthly_trend, split_trend
from dashboard.queries.filters import BadFilter, Filters
from dashboard.store.database import StoreUnavailable
from layouts import grids, panels

URL = Input("dashboard-url", "search")
VERSION = Input("dashboard-version", "data")
UNREADABLE = "The data store cannot be read right now"


def _view_for(search: str | None, tab: str):
    view = view_of(search)
    if view.tab != tab:
        raise PreventUpdate
    return view


@callback(
    Output("dashboard-diseases", "figure"), Output("dashboard-matrix", "figure"), URL, VERSION
)
@remembered
def show_coverage(search, _version):
    try:
        view = _view_for(search, "coverage")
        diseases = data().view("diseases", view.filters)
        matrix = data().view("matrix", view.filters)
        states = data().view("states", Filters())
    except (BadFilter, StoreUnavailable) as error:
        return empty(_why(error)), empty(_why(error))
    return (
        disease_ranking(diseases, view.metric),
        state_disease_matrix(matrix, list(states.state), "programs"),
    )


@callback(
    Output("dashboard-trend", "figure"),
    Output("dashboard-fy", "figure"),
    Output("dashboard-month-sessions", "children"),
    URL,
    VERSION,
)
@remembered
def show_trends(search, _version):
    try:
        view = _view_for(search, "trends")
        f = view.filters
        if view.split == "none":
            trend = monthly_trend(data().view("trend", f))
        else:
            trend = split_trend(data().view("split", f, by=view.split))
        fy = financial_years(data().view("trend", f, interval="fy"))
        sessions = data().view("month_sessions", f, month=view.month) if view.month else None
    except (BadFilter, StoreUnavailable) as error:
        return empty(_why(error)), empty(_why(error)), None
    listing = (
        grids.session_list(sessions, view.month)
        if sessions is not None
        else html.P(
            "Click a month on the chart above to list its sessions.", className="text-muted"
        )
    )
    return trend, fy, listing


@callback(Output("dashboard-partner-view", "children"), URL, VERSION)
@remembered
def show_partner(search, _version):
    try:
        view = _view_for(search, "partner")
        f = view.filters
        if len(f.partner) != 1:
            return html.P("Choose one partner institution to see its hubs, programmes and reach.")
        d = data()
        partner = d.view("partners", f)
        partner = partner[partner.partner_code == f.partner[0]]
        summary = d.view("summary", f)
        hubs, programs = d.view("hubs", f), d.view("programs", f)
        reach = districts_map(d.view("districts", f), hubs, view.metric)
        trend = monthly_trend(d.view("trend", f))
    except (BadFilter, StoreUnavailable) as error:
        return dbc.Alert(_why(error), color="warning")
    name = partner.iloc[0]["partner"] if len(partner) else f.partner[0]
    return panels.partner_view(name, summary, hubs, programs, reach, trend)


@callback(
    Output("dashboard-grid", "rowData"),
    Output("dashboard-grid", "columnDefs"),
    URL,
    VERSION,
)
@remembered
def show_programmes(search, _version):
    try:
        view = _view_for(search, "programmes")
        programs = data().view("programs", view.filters)
    except (BadFilter, StoreUnavailable):
        return [], no_update
    return grids.programme_rows(programs), grids.PROGRAMME_COLUMNS


@callback(Output("dashboard-grid", "dashGridOptions"), Input("dashboard-grid-search", "value"))
def search_programmes(text):
    return {"quickFilterText": text or "", "pagination": True, "paginationPageSize": 20}


def _why(error: Exception) -> str:
    return UNREADABLE if isinstance(error, StoreUnavailable) else "This link cannot be shown"

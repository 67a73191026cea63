"""The tabs under the map: coverage, trends, partner view, programme table.

Each renders only while its tab is open, so a filter change costs only what is seen.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, html
from dash.exceptions import PreventUpdate

from callbacks.common import ATTENDANCES_ONLY, covered_by, data, refusal, remembered, view_of
from callbacks.links import known_view
from callbacks.names import names
from dashboard.figures.coverage import disease_ranking, state_disease_matrix
from dashboard.figures.maps import districts_map
from dashboard.figures.style import empty
from dashboard.figures.trends import financial_years, monthly_trend, split_trend
from dashboard.table_pages import BadPage, PageRequest, page_request, table_page, table_rows
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import BadFilter, Filters
from dashboard.vocabulary.language import N_, _
from dashboard.vocabulary.scope import OutOfScope
from layouts import grids, ids, panels
from layouts.dashboard import programmes_tab

URL = Input(ids.URL, "search")
VERSION = Input(ids.VERSION, "data")
UNREADABLE = N_("The data store cannot be read right now")
EMPTY_PAGE = {"rowData": [], "rowCount": 0}
PROGRAMME_KEY = "program_code"  # ties in the programme table's order go by code


def _view_for(search: str | None, tab: str):
    """The link's view while `tab` is open; BadFilter when the page cannot use all of it."""
    view = known_view(search)
    if view.tab != tab:
        raise PreventUpdate
    return view


def while_open(tab: str) -> Callable[[Callable], Callable]:
    """A tab's renderer runs only while its tab is open: every click fires all of them,
    and a closed tab answers before any cache or store read (a malformed link goes on to
    the renderer, which says what is wrong)."""

    def decorate(render: Callable) -> Callable:
        @wraps(render)
        def answer(search: str | None, *rest: Any) -> Any:
            try:
                shown = view_of(search).tab
            except BadFilter:
                shown = tab
            if shown != tab:
                raise PreventUpdate
            return render(search, *rest)

        return answer

    return decorate


@callback(
    {"diseases": Output(ids.DISEASES, "figure"), "matrix": Output(ids.MATRIX, "figure")},
    URL,
    VERSION,
)
@while_open("coverage")
@remembered
def show_coverage(search, _version):
    try:
        view = _view_for(search, "coverage")
        diseases = data().diseases(view.filters, metrics=(view.metric,))
        matrix = data().matrix(view.filters, metrics=("programs",))
        states, areas = states_covered(view.filters), areas_elsewhere(view.filters)
    except (BadFilter, StoreUnavailable) as error:
        return {"diseases": empty(_why(error)), "matrix": empty(_why(error))}
    return {
        "diseases": disease_ranking(diseases, view.metric),
        "matrix": state_disease_matrix(matrix, states, "programs", areas),
    }


def states_covered(filters: Filters) -> list[str]:
    """The names of the states a selection covers: those of its state or district filter,
    else every state (so a state no programme reached shows as a row of gaps)."""
    states = data().states(Filters(), metrics=ATTENDANCES_ONLY)  # names: no counts
    if filters.district:
        districts = data().districts(Filters(), metrics=ATTENDANCES_ONLY)
        chosen = districts.loc[districts.district_code.isin(filters.district), "state_code"]
        states = states[states.state_code.isin(chosen)]
    if filters.state:
        states = states[states.state_code.isin(filters.state)]
    return list(states.state)


def areas_elsewhere(filters: Filters) -> list[str]:
    """With a state or district chosen, the disease areas its programmes could have reached
    (those with attendances anywhere under the other filters), so its gaps show as columns."""
    if not (filters.state or filters.district):
        return []
    anywhere = data().diseases(filters.replace(state=(), district=()), metrics=ATTENDANCES_ONLY)
    return list(anywhere.loc[anywhere.attendances > 0, "disease_area"])


@callback(
    {
        "trend": Output(ids.TREND, "figure"),
        "fy": Output(ids.FY, "figure"),
        "month": Output(ids.MONTH_SESSIONS, "children"),
    },
    URL,
    VERSION,
)
@while_open("trends")
@remembered
def show_trends(search, _version):
    try:
        view = _view_for(search, "trends")
        f = view.filters
        days = covered_by(f)
        if view.split == "none":
            trend = monthly_trend(data().trend(f), days)
        else:
            trend = split_trend(data().split(f, by=view.split), view.split, days)
        fy = financial_years(data().trend(f, interval="fy"), days)
        sessions = data().month_sessions(f, month=view.month) if view.month else None
    except (BadFilter, StoreUnavailable) as error:
        return {"trend": empty(_why(error)), "fy": empty(_why(error)), "month": None}
    listing = (
        grids.session_list(sessions, view.month)
        if sessions is not None
        else html.P(
            _("Click a month on the chart above to list its sessions."), className="text-muted"
        )
    )
    return {"trend": trend, "fy": fy, "month": listing}


@callback(Output(ids.PARTNER_VIEW, "children"), URL, VERSION)
@while_open("partner")
@remembered
def show_partner(search, _version):
    return _partner_view(search)


@callback(
    Output(ids.PARTNER_VIEW, "children", allow_duplicate=True),
    Input(ids.more(panels.PARTNER, ALL), "n_clicks"),
    State(ids.URL, "search"),
    State(ids.VERSION, "data"),
    prevent_initial_call=True,
)
def show_whole_partner(clicks, search, version):
    """The partner view with every row of its lists, when an "and N more" is clicked."""
    if not ctx.triggered_id or not any(clicks):
        raise PreventUpdate
    return _whole_partner(search, version)


@remembered
def _whole_partner(search, _version):
    return _partner_view(search, whole=True)


def _partner_view(search: str | None, whole: bool = False):
    try:
        view = _view_for(search, "partner")
        f = view.filters
        if len(f.partner) != 1:
            return html.P(
                _("Choose one partner institution to see its hubs, programmes and reach.")
            )
        d, listed = data(), ATTENDANCES_ONLY  # the lists show attendances (and retention)
        name = names("partner", f.partner)[0]
        summary = d.summary(f)
        hubs, programs = d.hubs(f, metrics=listed), d.programs(f, metrics=listed)
        reach = districts_map(d.districts(f, metrics=(view.metric,)), hubs, view.metric)
        trend = monthly_trend(d.trend(f), covered_by(f))
    except (BadFilter, StoreUnavailable) as error:
        return dbc.Alert(_why(error), color="warning")
    return panels.partner_view(name, summary, hubs, programs, reach, trend, whole)


@callback(
    Output(ids.PROGRAMMES_TAB, "children"),
    Input(ids.TABS, "active_tab"),
    State(ids.PROGRAMMES_TAB, "children"),
)
def open_programmes(tab, shown):
    """The programme table is built when its tab is first opened, and kept: AG Grid's
    script (230 KB) and its set-up stay off the first page, which draws 0.2 s sooner."""
    if tab != "programmes" or shown:
        raise PreventUpdate
    return programmes_tab()


@callback(
    Output(ids.GRID, "getRowsResponse"),
    Input(ids.GRID, "getRowsRequest"),
    State(ids.URL, "search"),
    State(ids.VERSION, "data"),
    State(ids.GRID_SEARCH, "value"),
    prevent_initial_call=True,
)
def programme_page(request, search, version, text):
    """The page of programmes the grid asks for: it asks again (its cache purged, below)
    whenever the filters, the data or the search change, so those are read as they are."""
    try:
        wanted = page_request(request)
    except BadPage:
        return EMPTY_PAGE
    return _programme_page(wanted, search, version, search_text(text))


def search_text(text) -> str:
    """What the programme table's search box holds: text (any other kind, which the page
    never sends, is no search)."""
    return text.strip() if isinstance(text, str) else ""


@remembered
def _programme_page(wanted: PageRequest, search, _version, text):
    try:
        view = _view_for(search, "programmes")
        programs = data().programs(view.filters)
    except (BadFilter, StoreUnavailable):
        return EMPTY_PAGE
    table = grids.programme_table(programs)
    page = table_page(table, wanted, text, grids.PROGRAMME_SEARCHED, key=PROGRAMME_KEY)
    return {"rowData": grids.programme_rows(page.rows), "rowCount": page.total}


def programmes_shown(filters: Filters, asked, text):
    """Every row the programme table shows, in its order: the grid's last request (`asked`)
    carries its sort and column filters, `text` is its search box."""
    try:
        wanted = page_request(asked)
    except BadPage:  # the grid has not asked yet: no sort, no filter
        wanted = PageRequest(0, 0)
    table = grids.programme_table(data().programs(filters))
    searched = search_text(text)
    return table_rows(table, wanted, searched, grids.PROGRAMME_SEARCHED, key=PROGRAMME_KEY)


# The grid keeps the pages it has; a new query (filters in the URL, new data, the search
# text) empties that cache and takes it back to page 1, and the grid asks again. The
# heartbeat sets the version every 30 s unchanged, so only a real change purges.
clientside_callback(
    """function (search, version, text, asked) {
        const query = JSON.stringify([search || "", version, (text || "").trim()]);
        if (query === asked) {
            return window.dash_clientside.no_update;
        }
        try {
            const grid = window.dash_ag_grid.getApi(GRID);
            grid.paginationGoToFirstPage();
            grid.purgeInfiniteCache();
        } catch (notReadyYet) {
            // a grid not ready yet asks for its first page when it is
        }
        return query;
    }""".replace("GRID", json.dumps(ids.GRID)),
    Output(ids.GRID_QUERY, "data"),
    URL,
    VERSION,
    Input(ids.GRID_SEARCH, "value"),
    State(ids.GRID_QUERY, "data"),
)


def _why(error: Exception) -> str:
    if isinstance(error, OutOfScope):
        return refusal(error)
    return _(UNREADABLE) if isinstance(error, StoreUnavailable) else _("This link cannot be shown")

"""The dashboard page (ids prefixed `dashboard-`): filters, KPI tiles, map and panels."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.figures.style import graph_config
from dashboard.tiles import KPIS
from dashboard.viewstate import page_link
from dashboard.vocabulary.language import N_, _
from dashboard.vocabulary.metrics import LABELS, SHADED
from layouts import grids, ids
from layouts.filters import filter_bar

MAP_METRICS = tuple((name, LABELS[name]) for name in SHADED)


def kpi_tile(metric: str, label: str) -> dbc.Col:
    body = dbc.CardBody(
        [
            html.Div(_(label), className="kpi-label"),
            html.Div("…", id=ids.kpi(metric), className="kpi-value"),
            html.Div(id=ids.kpi_change(metric), className="kpi-change"),
        ]
    )
    return dbc.Col(dbc.Card(body, className="kpi-tile h-100"), xs=6, md=3, xxl=True)


def header() -> html.Header:
    return html.Header(
        dbc.Container(
            [
                html.H1("ECHO India", className="h4 mb-0"),
                html.Span(
                    _("Hubs, programmes and reach across India"),
                    className="text-muted d-none d-md-inline",
                ),
                html.Span(id=ids.DATA_AS_OF, className="ms-auto small text-muted"),
                dbc.Button(
                    _("Download brief (PDF)"),
                    id=ids.BRIEF_DOWNLOAD,
                    color="link",
                    size="sm",
                    className="p-0",
                    title=_("A few A4 pages of this view, to hand round"),
                ),
                html.A(_("Live screen"), href=page_link("/live"), className="small"),
                html.A(
                    _("Import data"),
                    href="/import",
                    className="small",
                    id=ids.IMPORT_LINK,
                    hidden=True,
                ),
                html.A(_("Sign out"), href="/logout", className="small", id=ids.SIGN_OUT),
            ],
            fluid=True,
            className="d-flex align-items-baseline gap-3 py-2",
        ),
        className="border-bottom bg-white",
    )


def download_button(view: str) -> dbc.Button:
    return csv_button(ids.download(view), _("Download this chart's data as CSV"))


def csv_button(button_id: str | dict, title: str) -> dbc.Button:
    return dbc.Button(
        "CSV", id=button_id, color="link", size="sm", className="p-0 ms-2", title=title
    )


def card(title: str, body, view: str | None = None, extra=None) -> dbc.Card:
    tools = [extra] if extra is not None else []
    if view:
        tools.append(download_button(view))
    head = dbc.CardHeader(
        html.Div(
            [html.H2(title, className="h6 mb-0 me-auto"), *tools],
            className="d-flex align-items-center gap-2",
        )
    )
    return dbc.Card([head, dbc.CardBody(body)], className="mb-3")


def graph(graph_id: str, height: str | None = None, described: bool = False):
    """A chart; `described`, with its text alternative beside it (read by screen readers,
    not shown; callbacks write it from the answer the chart draws)."""
    style = {"height": height} if height else None
    chart = dcc.Loading(dcc.Graph(id=graph_id, config=graph_config(), style=style), delay_show=400)
    if not described:
        return chart
    return html.Div([html.P(id=ids.chart_text(graph_id), className="visually-hidden"), chart])


def state_list() -> html.Div:
    """Every state and UT by name, a way into each that does not need a pointer on a
    small shape (Delhi, Chandigarh, Goa) and that the keyboard reaches; the router fills it."""
    picker = dcc.Dropdown(
        id=ids.MAP_STATE,
        placeholder=_("Choose a state or UT"),
        clearable=True,
        searchable=True,
        style={"minWidth": "14rem"},
    )
    label = dbc.Label(_("Go to"), html_for=ids.MAP_STATE, className="small mb-0")
    return html.Div([label, picker], className="d-flex align-items-center gap-2 small")


def map_card() -> dbc.Card:
    controls = html.Div(
        [
            dbc.RadioItems(
                id=ids.MAP_METRIC,
                options=[{"label": _(label), "value": value} for value, label in MAP_METRICS],
                value="attendances",
                inline=True,
                className="small",
            ),
            dbc.Switch(
                id=ids.WHITE_SPOTS,
                label=_("Only districts never reached"),
                value=False,
                className="small",
            ),
            state_list(),
        ],
        className="d-flex flex-wrap align-items-center gap-3",
    )
    return card(
        _("Map"),
        [
            html.Div(
                [
                    dbc.Breadcrumb(
                        id=ids.BREADCRUMB,
                        items=[{"label": _("India"), "active": True}],
                        className="mb-0",
                    ),
                    dbc.Button(
                        _("Reset to India"),
                        id=ids.RESET,
                        href=page_link("/"),
                        size="sm",
                        color="secondary",
                        outline=True,
                        className="ms-auto",
                    ),
                ],
                className="d-flex align-items-center gap-2 mb-2",
            ),
            controls,
            graph(ids.MAP, "62vh", described=True),
        ],
        view="map",
    )


MATRIX_NOTE = N_(
    "Each cell counts the programmes of a disease area that had participants from a state "
    "in this selection. A white cell is a gap: no such programme."
)


def coverage_tab() -> html.Div:
    """The ranking, then the matrix across the whole width: its every column needs room."""
    ranking = card(
        _("Disease areas (click one to filter)"), graph(ids.DISEASES, described=True), "diseases"
    )
    matrix = html.Div(
        [
            html.P(_(MATRIX_NOTE), className="small text-muted mb-1", id=ids.MATRIX_NOTE),
            html.Div(graph(ids.MATRIX), className="matrix-scroll"),
        ]
    )
    return html.Div([ranking, card(_("Programmes by state and disease area"), matrix, "matrix")])


def trends_tab() -> html.Div:
    split = dbc.RadioItems(
        id=ids.SPLIT,
        options=[
            {"label": _("Total"), "value": "none"},
            {"label": _("By disease area"), "value": "disease"},
            {"label": _("By partner"), "value": "partner"},
        ],
        value="none",
        inline=True,
        className="small",
    )
    return html.Div(
        [
            card(
                _("Attendance over time (click a month to list its sessions)"),
                graph(ids.TREND),
                "trend",
                extra=split,
            ),
            dbc.Row(
                [
                    dbc.Col(card(_("Financial years (April to March)"), graph(ids.FY), "fy"), lg=5),
                    dbc.Col(
                        card(
                            _("Sessions of the chosen month"),
                            html.Div(id=ids.MONTH_SESSIONS),
                            "month",
                        ),
                        lg=7,
                    ),
                ]
            ),
        ]
    )


def partner_tab() -> html.Div:
    picker = dcc.Dropdown(
        id=ids.PARTNER_PICK, placeholder=_("Choose a partner institution"), clearable=True
    )
    return html.Div(
        [
            html.Div(picker, className="mb-3", style={"maxWidth": "32rem"}),
            html.Div(id=ids.PARTNER_VIEW),
        ]
    )


def programmes_tab() -> html.Div:
    search = dbc.Input(
        id=ids.GRID_SEARCH,
        placeholder=_("Search programmes…"),
        size="sm",
        type="search",
        debounce=300,
        style={"maxWidth": "20rem"},
    )
    asked = dcc.Store(id=ids.GRID_QUERY)  # the query the grid's pages are cut for
    body = [search, asked, html.Div(grids.programme_grid(), className="mt-2")]
    csv = csv_button(ids.GRID_DOWNLOAD, _("Download the programmes the table shows, as CSV"))
    return card(_("Programmes"), body, extra=csv)


def attention_tab() -> dbc.Card:
    return card(_("Needs attention"), html.Div(id=ids.ATTENTION), "attention")


def tabs() -> dbc.Tabs:
    return dbc.Tabs(
        [
            dbc.Tab(
                coverage_tab(),
                label=_("Coverage by disease"),
                tab_id="coverage",
                id=ids.tab("coverage"),
            ),
            dbc.Tab(trends_tab(), label=_("Trends"), tab_id="trends", id=ids.tab("trends")),
            dbc.Tab(
                partner_tab(), label=_("Partner view"), tab_id="partner", id=ids.tab("partner")
            ),
            dbc.Tab(
                html.Div(id=ids.PROGRAMMES_TAB),
                label=_("Programmes"),
                tab_id="programmes",
                id=ids.tab("programmes"),
            ),
            dbc.Tab(
                attention_tab(),
                label=_("Needs attention"),
                tab_id="attention",
                id=ids.tab("attention"),
            ),
        ],
        id=ids.TABS,
        active_tab="coverage",
        className="mb-3",
    )


def filter_drawer() -> html.Div:
    """The filter bar: beside the page from 992 px, and below that a drawer the phone bar's
    button opens (Bootstrap's responsive offcanvas, one filter bar for both widths; the
    clientside callback in callbacks.phone shows and hides it)."""
    head = html.Div(
        [
            html.H2(_("Filters"), className="h5 offcanvas-title"),
            dbc.Button(
                _("Show the results"),
                id=ids.FILTERS_CLOSE,
                color="primary",
                className="tap-target",
            ),
        ],
        className="offcanvas-header",
    )
    return html.Div(
        [head, html.Div(filter_bar(), className="offcanvas-body")],
        id=ids.FILTER_DRAWER,
        className="offcanvas-lg offcanvas-start filter-drawer",
        tabIndex="-1",
        **{"aria-label": _("Filters")},
    )


def phone_bar() -> html.Div:
    """Below 992 px, at the top of the screen however far down the page: the button opening
    the filters (it counts those on), where the map is, and the way back to India."""
    return html.Div(
        [
            html.Button(
                _("Filters"),
                id=ids.FILTERS_OPEN,
                type="button",
                className="btn btn-primary tap-target",
                **{"aria-controls": ids.FILTER_DRAWER, "aria-expanded": "false"},
            ),
            dbc.Breadcrumb(
                id=ids.PHONE_BREADCRUMB,
                items=[{"label": _("India"), "active": True}],
                className="mb-0 phone-breadcrumb",
            ),
            dbc.Button(
                _("Reset"),
                href=page_link("/"),
                color="secondary",
                outline=True,
                className="tap-target ms-auto",
                title=_("Reset to India"),
            ),
        ],
        id=ids.PHONE_BAR,
        className="phone-bar d-lg-none",
    )


def layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Interval(id=ids.HEARTBEAT, interval=30_000),
            dcc.Store(id=ids.VERSION),
            dcc.Download(id=ids.DOWNLOAD_FILE),
            header(),
            dbc.Container(
                dbc.Row(
                    [
                        dbc.Col(filter_drawer(), lg=3, xl=2, className="pt-lg-3"),
                        dbc.Col(
                            [
                                phone_bar(),
                                html.Div(id=ids.BANNER, role="status", **{"aria-live": "polite"}),
                                dbc.Row(
                                    [kpi_tile(m, label) for m, label in KPIS], className="g-2 my-2"
                                ),
                                dbc.Row(
                                    [
                                        dbc.Col(map_card(), xl=8),
                                        dbc.Col(html.Div(id=ids.PANEL), xl=4),
                                    ]
                                ),
                                tabs(),
                            ],
                            lg=9,
                            xl=10,
                        ),
                    ]
                ),
                fluid=True,
            ),
        ]
    )

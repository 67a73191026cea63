"""The dashboard page (ids prefixed `dashboard-`): filters, KPI tiles, map and panels."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.figures.style import GRAPH_CONFIG
from layouts import grids
from layouts.filters import filter_bar

KPIS = (
    ("hubs", "Hubs"),
    ("programs", "Programmes"),
    ("sessions", "Sessions"),
    ("attendances", "Attendances"),
    ("participants", "Unique participants"),
    ("districts_reached", "Districts reached"),
    ("states_reached", "States reached"),
    ("disease_areas", "Disease areas"),
)
MAP_METRICS = (
    ("attendances", "Attendances"),
    ("participants", "Participants"),
    ("programs", "Programmes"),
    ("districts_reached", "Districts reached"),
)


def kpi_tile(metric: str, label: str) -> dbc.Col:
    body = dbc.CardBody(
        [
            html.Div(label, className="kpi-label"),
            html.Div("…", id=f"dashboard-kpi-{metric}", className="kpi-value"),
            html.Div(id=f"dashboard-kpi-{metric}-change", className="kpi-change"),
        ]
    )
    return dbc.Col(dbc.Card(body, className="kpi-tile h-100"), xs=6, md=3, xxl=True)


def header() -> html.Header:
    return html.Header(
        dbc.Container(
            [
                html.H1("ECHO India", className="h4 mb-0"),
                html.Span(
                    "Hubs, programmes and reach across India",
                    className="text-muted d-none d-md-inline",
                ),
                html.Span(id="dashboard-data-as-of", className="ms-auto small text-muted"),
                html.A("Live screen", href="/live", className="small"),
            ],
            fluid=True,
            className="d-flex align-items-baseline gap-3 py-2",
        ),
        className="border-bottom bg-white",
    )


def download_button(view: str) -> dbc.Button:
    return dbc.Button(
        "CSV",
        id={"type": "dashboard-download", "view": view},
        color="link",
        size="sm",
        className="p-0 ms-2",
        title="Download this chart's data as CSV",
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


def graph(graph_id: str, height: str | None = None) -> dcc.Loading:
    style = {"height": height} if height else None
    return dcc.Loading(dcc.Graph(id=graph_id, config=GRAPH_CONFIG, style=style), delay_show=400)


def state_list() -> html.Div:
    """Every state and UT by name, a way into each that does not need a pointer on a
    small shape (Delhi, Chandigarh, Goa) and that the keyboard reaches; the router fills it."""
    picker = dcc.Dropdown(
        id="dashboard-map-state",
        placeholder="Choose a state or UT",
        clearable=True,
        searchable=True,
        style={"minWidth": "14rem"},
    )
    label = dbc.Label("Go to", html_for="dashboard-map-state", className="small mb-0")
    return html.Div([label, picker], className="d-flex align-items-center gap-2 small")


def map_card() -> dbc.Card:
    controls = html.Div(
        [
            dbc.RadioItems(
                id="dashboard-map-metric",
                options=[{"label": label, "value": value} for value, label in MAP_METRICS],
                value="attendances",
                inline=True,
                className="small",
            ),
            dbc.Switch(
                id="dashboard-white-spots",
                label="Only districts never reached",
                value=False,
                className="small",
            ),
            state_list(),
        ],
        className="d-flex flex-wrap align-items-center gap-3",
    )
    return card(
        "Map",
        [
            html.Div(
                [
                    dbc.Breadcrumb(
                        id="dashboard-breadcrumb",
                        items=[{"label": "India", "active": True}],
                        className="mb-0",
                    ),
                    dbc.Button(
                        "Reset to India",
                        id="dashboard-reset",
                        href="/",
                        size="sm",
                        color="secondary",
                        outline=True,
                        className="ms-auto",
                    ),
                ],
                className="d-flex align-items-center gap-2 mb-2",
            ),
            controls,
            graph("dashboard-map", "62vh"),
        ],
        view="map",
    )


MATRIX_NOTE = (
    "Each cell counts the programmes of a disease area that had participants from a state "
    "in this selection. A white cell is a gap: no such programme."
)


def coverage_tab() -> html.Div:
    """The ranking, then the matrix across the whole width: its every column needs room."""
    ranking = card("Disease areas (click one to filter)", graph("dashboard-diseases"), "diseases")
    matrix = html.Div(
        [
            html.P(MATRIX_NOTE, className="small text-muted mb-1", id="dashboard-matrix-note"),
            html.Div(graph("dashboard-matrix"), className="matrix-scroll"),
        ]
    )
    return html.Div([ranking, card("Programmes by state and disease area", matrix, "matrix")])


def trends_tab() -> html.Div:
    split = dbc.RadioItems(
        id="dashboard-split",
        options=[
            {"label": "Total", "value": "none"},
            {"label": "By disease area", "value": "disease"},
            {"label": "By partner", "value": "partner"},
        ],
        value="none",
        inline=True,
        className="small",
    )
    return html.Div(
        [
            card(
                "Attendance over time (click a month to list its sessions)",
                graph("dashboard-trend"),
                "trend",
                extra=split,
            ),
            dbc.Row(
                [
                    dbc.Col(
                        card("Financial years (April to March)", graph("dashboard-fy"), "fy"), lg=5
                    ),
                    dbc.Col(
                        card(
                            "Sessions of the chosen month",
                            html.Div(id="dashboard-month-sessions"),
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
        id="dashboard-partner-pick", placeholder="Choose a partner institution", clearable=True
    )
    return html.Div(
        [
            html.Div(picker, className="mb-3", style={"maxWidth": "32rem"}),
            html.Div(id="dashboard-partner-view"),
        ]
    )


PROGRAMMES_TAB = "dashboard-programmes-tab"  # filled when the tab is first opened


def programmes_tab() -> html.Div:
    search = dbc.Input(
        id="dashboard-grid-search",
        placeholder="Search programmes…",
        size="sm",
        type="search",
        debounce=300,
        style={"maxWidth": "20rem"},
    )
    asked = dcc.Store(id="dashboard-grid-query")  # the query the grid's pages are cut for
    body = [search, asked, html.Div(grids.programme_grid(), className="mt-2")]
    return card("Programmes", body, view="programs")


def tabs() -> dbc.Tabs:
    return dbc.Tabs(
        [
            dbc.Tab(coverage_tab(), label="Coverage by disease", tab_id="coverage"),
            dbc.Tab(trends_tab(), label="Trends", tab_id="trends"),
            dbc.Tab(partner_tab(), label="Partner view", tab_id="partner"),
            dbc.Tab(html.Div(id=PROGRAMMES_TAB), label="Programmes", tab_id="programmes"),
        ],
        id="dashboard-tabs",
        active_tab="coverage",
        className="mb-3",
    )


def layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id="dashboard-url", refresh=False),
            dcc.Interval(id="dashboard-heartbeat", interval=30_000),
            dcc.Store(id="dashboard-version"),
            dcc.Download(id="dashboard-download-file"),
            header(),
            dbc.Container(
                dbc.Row(
                    [
                        dbc.Col(filter_bar(), lg=3, xl=2, className="pt-3"),
                        dbc.Col(
                            [
                                html.Div(
                                    id="dashboard-banner", role="status", **{"aria-live": "polite"}
                                ),
                                dbc.Row(
                                    [kpi_tile(m, label) for m, label in KPIS], className="g-2 my-2"
                                ),
                                dbc.Row(
                                    [
                                        dbc.Col(map_card(), xl=8),
                                        dbc.Col(html.Div(id="dashboard-panel"), xl=4),
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

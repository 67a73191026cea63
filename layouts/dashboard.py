"""The dashboard page: KPI tiles and the India map (ids prefixed `dashboard-`)."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.figures.style import GRAPH_CONFIG

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


def kpi_tile(metric: str, label: str) -> dbc.Col:
    return dbc.Col(
        dbc.Card(
            dbc.CardBody(
                [
                    html.Div(label, className="kpi-label"),
                    html.Div("…", id=f"dashboard-kpi-{metric}", className="kpi-value"),
                ]
            ),
            className="kpi-tile h-100",
        ),
        xs=6,
        md=3,
        xl=True,
    )


def header() -> html.Header:
    return html.Header(
        dbc.Container(
            [
                html.H1("ECHO India", className="h4 mb-0"),
                html.Span("Hubs, programmes and reach across India", className="text-muted"),
                html.Span(id="dashboard-data-as-of", className="ms-auto small text-muted"),
            ],
            fluid=True,
            className="d-flex align-items-baseline gap-3 py-2",
        ),
        className="border-bottom bg-white",
    )


def layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id="dashboard-url"),
            dcc.Interval(id="dashboard-retry", interval=10_000, disabled=True),
            header(),
            dbc.Container(
                [
                    html.Div(id="dashboard-banner", role="status", **{"aria-live": "polite"}),
                    dbc.Row([kpi_tile(m, label) for m, label in KPIS], className="g-2 my-2"),
                    dbc.Card(
                        dcc.Loading(
                            dcc.Graph(
                                id="dashboard-map",
                                config=GRAPH_CONFIG,
                                style={"height": "72vh"},
                            ),
                            delay_show=300,
                        ),
                        body=True,
                    ),
                ],
                fluid=True,
            ),
        ]
    )

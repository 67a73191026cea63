"""The live screen (ids prefixed `live-`): big numbers and rotating panels for a wall screen.

Every panel is in the page from the start and only its visibility changes, so a
rotation is instant and costs the server nothing; the browser's clock drives it
(assets/live.js), and the server is asked only every `refresh` seconds.
"""

from dash import dcc, html

from dashboard.figures.live import waiting
from dashboard.figures.maps import CREDIT

DEFAULT_ROTATE = 20
DEFAULT_REFRESH = 60
LATEST_SESSIONS = 8
BLANK = "-"  # a KPI with no number yet
PANELS = (
    ("map", "Reach across India, with the hubs"),
    ("diseases", "Coverage by disease area"),
    ("trend", "Attendance per month"),
    ("states", "Top states and UTs"),
    ("partners", "Top partner institutions"),
    ("sessions", "Latest sessions"),
)
KPIS = (
    ("attendances", "Attendances"),
    ("participants", "Participants"),
    ("sessions", "Sessions"),
    ("programs", "Programmes"),
    ("hubs", "Hubs"),
    ("districts_reached", "Districts reached"),
    ("states_reached", "States and UTs"),
)
GRAPH_CONFIG = {
    "staticPlot": True,
    "displayModeBar": False,
    "responsive": True,
    "topojsonURL": "/assets/topojson/",
}


def config(rotate: int = DEFAULT_ROTATE, refresh: int = DEFAULT_REFRESH) -> dict:
    """What the browser needs to rotate on its own."""
    return {"rotate": rotate, "refresh": refresh, "panels": [title for _, title in PANELS]}


def header() -> html.Header:
    return html.Header(
        [
            html.Div(
                [html.Span("ECHO India", className="live-brand"), html.Span(id="live-scope")],
                className="live-title",
            ),
            html.Span(id="live-stale", className="live-stale", role="status"),
            html.Span(id="live-as-of", className="live-as-of"),
            html.Span(id="live-clock", className="live-clock"),
        ],
        className="live-header",
    )


def kpi(metric: str, label: str) -> html.Div:
    return html.Div(
        [
            html.Div(BLANK, id=f"live-kpi-{metric}", className="live-kpi-value"),
            html.Div(label, className="live-kpi-label"),
        ],
        className="live-kpi",
    )


def panel(key: str, title: str, shown: bool) -> html.Section:
    if key == "sessions":
        body = html.Div(id="live-sessions", className="live-table-wrap")
    else:
        body = dcc.Graph(
            id=f"live-{key}",
            figure=waiting(),
            config=GRAPH_CONFIG,
            className="live-graph",
            style={"height": "100%", "width": "100%"},
        )
    heading = [html.H2(title, className="live-panel-title")]
    if key == "map":
        heading.append(html.Span(CREDIT, className="live-credit"))
    return html.Section(
        [html.Div(heading, className="live-panel-head"), html.Div(body, className="live-panel-body")],
        id=f"live-panel-{key}",
        className="live-panel is-shown" if shown else "live-panel",
    )


def layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id="live-url", refresh=False),
            dcc.Interval(id="live-refresh", interval=DEFAULT_REFRESH * 1000),
            dcc.Interval(id="live-tick", interval=1000),
            dcc.Store(id="live-config", data=config()),
            dcc.Store(id="live-state", data={"index": 0, "paused": False, "next": None}),
            dcc.Store(id="live-keys"),
            dcc.Store(id="live-shown"),
            header(),
            html.Div([kpi(m, label) for m, label in KPIS], className="live-kpis"),
            html.Div(
                [panel(key, title, i == 0) for i, (key, title) in enumerate(PANELS)],
                className="live-panels",
            ),
            html.Footer(id="live-status", className="live-status", role="status"),
        ],
        id="live-screen",
        className="live-screen",
    )

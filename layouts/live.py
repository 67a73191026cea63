"""The live screen (ids prefixed `live-`): big numbers and rotating panels for a wall screen.

Every panel is in the page from the start and only its visibility changes, so a
rotation is instant and costs the server nothing; the browser's clock drives it
(assets/live.js), and the server is asked only every `refresh` seconds.
"""

from dash import dcc, html

from dashboard.figures.live import waiting
from dashboard.figures.maps import CREDIT
from dashboard.vocabulary.attention import LIVE_HEADING
from layouts import ids

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
    ("attention", LIVE_HEADING),
)
TABLES = ("sessions", "attention")  # panels showing a table, not a figure
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
                [html.Span("ECHO India", className="live-brand"), html.Span(id=ids.LIVE_SCOPE)],
                className="live-title",
            ),
            html.Span(id=ids.LIVE_STALE, className=ids.LIVE_STALE, role="status"),
            html.Span(id=ids.LIVE_AS_OF, className=ids.LIVE_AS_OF),
            html.Span(id=ids.LIVE_CLOCK, className=ids.LIVE_CLOCK),
        ],
        className="live-header",
    )


def kpi(metric: str, label: str) -> html.Div:
    return html.Div(
        [
            html.Div(BLANK, id=ids.live_kpi(metric), className="live-kpi-value"),
            html.Div(label, className="live-kpi-label"),
        ],
        className="live-kpi",
    )


def panel(key: str, title: str, shown: bool) -> html.Section:
    if key in TABLES:
        body = html.Div(id=ids.live_content(key), className="live-table-wrap")
    else:
        body = dcc.Graph(
            id=ids.live_content(key),
            figure=waiting(),
            config=GRAPH_CONFIG,
            className="live-graph",
            style={"height": "100%", "width": "100%"},
        )
    heading = [html.H2(title, className="live-panel-title")]
    if key == "map":
        heading.append(html.Span(CREDIT, className="live-credit"))
    return html.Section(
        [
            html.Div(heading, className="live-panel-head"),
            html.Div(body, className="live-panel-body"),
        ],
        id=ids.live_panel(key),
        className="live-panel is-shown" if shown else "live-panel",
    )


def layout() -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.LIVE_URL, refresh=False),
            dcc.Interval(id=ids.LIVE_REFRESH, interval=DEFAULT_REFRESH * 1000),
            dcc.Interval(id=ids.LIVE_TICK, interval=1000),
            dcc.Store(id=ids.LIVE_CONFIG, data=config()),
            dcc.Store(id=ids.LIVE_STATE, data={"index": 0, "paused": False, "next": None}),
            dcc.Store(id=ids.LIVE_KEYS),
            dcc.Store(id=ids.LIVE_SHOWN),
            header(),
            html.Div([kpi(m, label) for m, label in KPIS], className="live-kpis"),
            html.Div(
                [panel(key, title, i == 0) for i, (key, title) in enumerate(PANELS)],
                className="live-panels",
            ),
            html.Footer(id=ids.LIVE_STATUS, className=ids.LIVE_STATUS, role="status"),
        ],
        id=ids.LIVE_SCREEN,
        className="live-screen",
    )

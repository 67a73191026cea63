"""The live screen (ids prefixed `live-`): big numbers and rotating panels for a wall screen.

Every panel is in the page from the start and only its visibility changes, so a
rotation is instant and costs the server nothing; the browser's clock drives it
(assets/live.js), and the server is asked only every `refresh` seconds.
"""

from dash import dcc, html

from dashboard.figures.live import waiting
from dashboard.figures.maps import CREDIT
from dashboard.figures.style import graph_config
from dashboard.vocabulary.attention import LIVE_HEADING
from dashboard.vocabulary.language import N_, _, date_locale
from layouts import ids

DEFAULT_ROTATE = 20
DEFAULT_REFRESH = 60
LATEST_SESSIONS = 8
BLANK = "-"  # a KPI with no number yet
PANELS = (
    ("map", N_("Reach across India, with the hubs")),
    ("diseases", N_("Coverage by disease area")),
    ("trend", N_("Attendance per month")),
    ("states", N_("Top states and UTs")),
    ("partners", N_("Top partner institutions")),
    ("sessions", N_("Latest sessions")),
    ("attention", LIVE_HEADING),
)
TABLES = ("sessions", "attention")  # panels showing a table, not a figure
KPIS = (
    ("attendances", N_("Attendances")),
    ("participants", N_("Participants")),
    ("sessions", N_("Sessions")),
    ("programs", N_("Programmes")),
    ("hubs", N_("Hubs")),
    ("districts_reached", N_("Districts reached")),
    ("states_reached", N_("States and UTs")),
)
GRAPH_CONFIG = {
    "staticPlot": True,
    "displayModeBar": False,
    "responsive": True,
    "topojsonURL": "/assets/topojson/",
}


def config(rotate: int = DEFAULT_ROTATE, refresh: int = DEFAULT_REFRESH) -> dict:
    """What the browser needs to rotate on its own, and its clock's and status line's words
    in the language being spoken (assets/live.js fills in {panel} and {seconds})."""
    names = date_locale()
    return {
        "rotate": rotate,
        "refresh": refresh,
        "panels": [_(title) for _key, title in PANELS],
        "months": [names.months["format"]["abbreviated"][m] for m in range(1, 13)],
        "days": [names.days["format"]["abbreviated"][d] for d in (6, 0, 1, 2, 3, 4, 5)],
        "paused": _("Rotation paused (space resumes)"),
        "next": _("next: {panel}"),
        "next_in": _("next: {panel} in {seconds} s"),
    }


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
            html.Div(_(label), className="live-kpi-label"),
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
            config=graph_config(GRAPH_CONFIG),
            className="live-graph",
            style={"height": "100%", "width": "100%"},
        )
    heading = [html.H2(_(title), className="live-panel-title")]
    if key == "map":
        heading.append(html.Span(_(CREDIT), className="live-credit"))
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

"""The panel beside the map: what the current drill level is about, in words and small tables."""

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.figures.style import GRAPH_CONFIG
from dashboard.numbers import indian
from layouts import ids

LIMIT = 8  # rows a list shows until its "and N more" is clicked


def _table(
    frame: pd.DataFrame, columns: dict[str, str], more: dict, whole: bool, limit: int = LIMIT
) -> dbc.Table | html.Div | html.P:
    """The frame's first `limit` rows, or all of them when the panel is shown `whole`; the
    rest behind an "and N more" button (id `more`), which asks for the panel whole (the
    rows are sent only then: a hub's hundreds of districts would slow every drill)."""
    if frame.empty:
        return html.P("None in this selection.", className="text-muted small")
    shown = frame if whole else frame.head(limit)
    rows = zip(*(shown[column].tolist() for column in columns), strict=True)
    head = html.Thead(html.Tr([html.Th(label) for label in columns.values()]))
    body = html.Tbody([html.Tr([html.Td(_cell(value)) for value in row]) for row in rows])
    rest = len(frame) - len(shown)
    table = dbc.Table([head, body], size="sm", striped=True, className="small mb-1")
    if not rest:
        return table
    button = dbc.Button(
        f"and {indian(rest)} more", id=more, color="link", size="sm", className="p-0 small"
    )
    return html.Div([table, button])


# a programme by its code too: two programmes may share a name
PROGRAMME_COLUMNS = {"program_code": "Code", "name": "Programme", "attendances": "Attendances"}
PANEL, PARTNER = "panel", "partner"  # where a list is: the map's side panel, the partner view


def _more(listed: str, place: str = PANEL) -> dict:
    return ids.more(place, listed)


def _cell(value) -> str:
    return (
        indian(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else str(value)
    )


def _section(title: str, content) -> html.Div:
    return html.Div([html.H3(title, className="h6 mt-3"), content])


def _card(title: str, subtitle: str, sections: list) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, className="h5 mb-0"),
                html.P(subtitle, className="text-muted small"),
                *sections,
            ]
        ),
        className="mb-3 side-panel",
    )


def white_spot_line(districts: pd.DataFrame) -> html.P:
    unreached = int((districts["attendances"] == 0).sum())
    return html.P(
        f"{indian(unreached)} of {indian(len(districts))} districts never reached "
        "in this selection.",
        className="small",
        id=ids.WHITE_SPOT_COUNT,
    )


def never_reached_panel(place: str, districts: pd.DataFrame, download) -> dbc.Card:
    """The districts of `place` never reached in this selection, by name and grouped by
    state, with their count and `download` (their CSV link)."""
    unreached = districts[districts["attendances"] == 0].sort_values(["state", "district"])
    groups: dict[str, list[str]] = {}
    for state, district in zip(unreached["state"], unreached["district"], strict=True):
        groups.setdefault(state, []).append(district)
    listed = [
        html.Div(
            [
                html.H3(f"{state} ({indian(len(names))})", className="h6 mt-2 mb-0"),
                html.P(", ".join(names), className="small mb-1"),
            ],
            className="never-reached-state",
        )
        for state, names in groups.items()
    ]
    if not listed:
        listed = [html.P("Every district was reached in this selection.", className="small")]
    return _card(
        place,
        "Districts from which no one attended in this selection, by state.",
        [
            html.Div([white_spot_line(districts), download], className="d-flex gap-2"),
            html.Div(listed, id=ids.NEVER_REACHED),
        ],
    )


def india_panel(
    states: pd.DataFrame, districts: pd.DataFrame, metric: str, label: str, whole: bool = False
) -> dbc.Card:
    top = states[states[metric] > 0].sort_values(metric, ascending=False)
    return _card(
        "India",
        'Click a state on the map, or choose it in "Go to", to see its districts.',
        [
            white_spot_line(districts),
            _section(
                f"States by {label.lower()}",
                _table(top, {"state": "State", metric: label}, _more("states"), whole, 10),
            ),
        ],
    )


def state_panel(
    name: str,
    districts: pd.DataFrame,
    hubs: pd.DataFrame,
    metric: str,
    label: str,
    whole: bool = False,
) -> dbc.Card:
    top = districts[districts[metric] > 0].sort_values(metric, ascending=False)
    return _card(
        name,
        "Click a district for its programmes, hubs and cadres; click a hub for its reach.",
        [
            white_spot_line(districts),
            _section(
                f"Districts by {label.lower()}",
                _table(top, {"district": "District", metric: label}, _more("districts"), whole),
            ),
            _section(
                "Hubs located here",
                _table(hubs, {"name": "Hub", "attendances": "Attendances"}, _more("hubs"), whole),
            ),
        ],
    )


def district_panel(
    name: str,
    state: str,
    programs: pd.DataFrame,
    hubs: pd.DataFrame,
    cadres: pd.DataFrame,
    trend_figure,
    whole: bool = False,
) -> dbc.Card:
    """Each programme once, with its code (two programmes may share a name); the cadres by
    participants, the number shown."""
    return _card(
        name,
        f"District of {state}: who reached it, and whom.",
        [
            _section(
                "Programmes that reached it",
                _table(
                    programs.sort_values(["attendances", "program_code"], ascending=[False, True]),
                    PROGRAMME_COLUMNS,
                    _more("programmes"),
                    whole,
                ),
            ),
            _section(
                "Hubs that reached it",
                _table(hubs, {"name": "Hub", "attendances": "Attendances"}, _more("hubs"), whole),
            ),
            _section(
                "Cadres",
                _table(
                    cadres.sort_values(["participants", "cadre"], ascending=[False, True]),
                    {"cadre": "Cadre", "participants": "Participants"},
                    _more("cadres"),
                    whole,
                ),
            ),
            _section(
                "Attendances by month",
                dcc.Graph(
                    figure=trend_figure, config=GRAPH_CONFIG, style={"height": "210px"}
                ),  # 30 px for the toolbar
            ),
        ],
    )


def reach_words(summary: dict) -> str:
    """ "391 districts in 32 states", "1 district in 1 state"."""
    return (
        f"{counted(summary['districts_reached'], 'district')} in "
        f"{counted(summary['states_reached'], 'state')}"
    )


def counted(n: int, noun: str) -> str:
    return f"{indian(n)} {noun}" + ("" if n == 1 else "s")


def hub_panel(
    hub: pd.Series,
    host: str,
    districts: pd.DataFrame,
    summary: dict,
    whole: bool = False,
    limited=None,
) -> dbc.Card:
    """A hub's facts and the districts it reached (all of them when `whole`); `limited`,
    when the home-place filters keep part of its reach out, says so and offers the whole."""
    reached = districts[districts["attendances"] > 0].sort_values("attendances", ascending=False)
    n = {k: indian(v) for k, v in summary.items()}
    facts = html.Ul(
        [
            html.Li(f"Host: {host}"),
            html.Li(f"Programmes: {n['programs']}, sessions: {n['sessions']}"),
            html.Li(f"Participants: {n['participants']}, attendances: {n['attendances']}"),
            html.Li(f"Reach: {reach_words(summary)}", id=ids.HUB_REACH),
        ],
        className="small",
    )
    return _card(
        hub["name"],
        "The hub and its spokes: lines join the hub to every district its programmes reached.",
        [
            *([limited] if limited is not None else []),
            facts,
            _section(
                "Districts reached",
                _table(
                    reached,
                    {"district": "District", "state": "State", "attendances": "Attendances"},
                    _more("districts"),
                    whole,
                ),
            ),
        ],
    )


def limited_reach(places: str, filter_label: str, whole: dict, href: str) -> dbc.Alert:
    """Words for a hub view narrowed by a home-place filter, with its whole reach a click
    away."""
    return dbc.Alert(
        [
            html.Div(
                f"Only participants from {places} are counted ({filter_label} filter). "
                f"Its whole reach: {reach_words(whole)}."
            ),
            dcc.Link(
                "Show its whole reach",
                href=href,
                className="alert-link",
                id=ids.WHOLE_REACH,
            ),
        ],
        color="info",
        className="small py-2",
        id=ids.REACH_LIMITED,
    )


def message_panel(text: str) -> dbc.Card:
    return _card("Nothing to show", text, [])


def partner_view(
    name: str,
    summary: dict,
    hubs: pd.DataFrame,
    programs: pd.DataFrame,
    reach,
    trend,
    whole: bool = False,
) -> html.Div:
    n = {k: indian(v) for k, v in summary.items()}
    facts = (
        f"{n['hubs']} hubs, {n['programs']} programmes, {n['sessions']} sessions, "
        f"{n['participants']} participants, {n['attendances']} attendances; "
        f"reach: {n['districts_reached']} districts in {n['states_reached']} states."
    )
    top_programs = programs.sort_values(["attendances", "program_code"], ascending=[False, True])
    top_programs = top_programs.assign(retention=[f"{r:.0%}" for r in top_programs.retention])
    return html.Div(
        [
            html.H2(name, className="h5", id=ids.PARTNER_NAME),
            html.P(facts, id=ids.PARTNER_FACTS),
            dbc.Row(
                [
                    dbc.Col(
                        dcc.Graph(figure=reach, config=GRAPH_CONFIG, style={"height": "460px"}),
                        lg=7,
                    ),
                    dbc.Col(
                        [
                            _section(
                                "Hubs",
                                _table(
                                    hubs,
                                    {"name": "Hub", "attendances": "Attendances"},
                                    _more("hubs", PARTNER),
                                    whole,
                                ),
                            ),
                            _section(
                                "Programmes",
                                _table(
                                    top_programs,
                                    {**PROGRAMME_COLUMNS, "retention": "Retention"},
                                    _more("programmes", PARTNER),
                                    whole,
                                ),
                            ),
                        ],
                        lg=5,
                    ),
                ]
            ),
            dcc.Graph(figure=trend, config=GRAPH_CONFIG),
        ]
    )

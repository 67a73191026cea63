"""The panel beside the map: what the current drill level is about, in words and small tables."""

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.figures.style import graph_config
from dashboard.numbers import indian
from dashboard.vocabulary.language import N_, _, ngettext
from layouts import ids

LIMIT = 8  # rows a list shows until its "and N more" is clicked


def _table(
    frame: pd.DataFrame, columns: dict[str, str], more: dict, whole: bool, limit: int = LIMIT
) -> dbc.Table | html.Div | html.P:
    """The frame's first `limit` rows, or all of them when the panel is shown `whole`; the
    rest behind an "and N more" button (id `more`), which asks for the panel whole (the
    rows are sent only then: a hub's hundreds of districts would slow every drill)."""
    if frame.empty:
        return html.P(_("None in this selection."), className="text-muted small")
    shown = frame if whole else frame.head(limit)
    rows = zip(*(shown[column].tolist() for column in columns), strict=True)
    head = html.Thead(html.Tr([html.Th(_(label)) for label in columns.values()]))
    body = html.Tbody([html.Tr([html.Td(_cell(value)) for value in row]) for row in rows])
    rest = len(frame) - len(shown)
    table = dbc.Table([head, body], size="sm", striped=True, className="small mb-1")
    if not rest:
        return table
    button = dbc.Button(
        _("and {count} more").format(count=indian(rest)),
        id=more,
        color="link",
        size="sm",
        className="p-0 small",
    )
    return html.Div([table, button])


# a programme by its code too: two programmes may share a name
PROGRAMME_COLUMNS = {
    "program_code": N_("Code"),
    "name": N_("Programme"),
    "attendances": N_("Attendances"),
}
HUB_COLUMNS = {"name": N_("Hub"), "attendances": N_("Attendances")}
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
        ngettext(
            "{count} of {total} district never reached in this selection.",
            "{count} of {total} districts never reached in this selection.",
            len(districts),
        ).format(count=indian(unreached), total=indian(len(districts))),
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
        listed = [html.P(_("Every district was reached in this selection."), className="small")]
    return _card(
        place,
        _("Districts from which no one attended in this selection, by state."),
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
        _("India"),
        _('Click a state on the map, or choose it in "Go to", to see its districts.'),
        [
            white_spot_line(districts),
            _section(
                _("States by {metric}").format(metric=_(label).lower()),
                _table(top, {"state": N_("State"), metric: label}, _more("states"), whole, 10),
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
        _("Click a district for its programmes, hubs and cadres; click a hub for its reach."),
        [
            white_spot_line(districts),
            _section(
                _("Districts by {metric}").format(metric=_(label).lower()),
                _table(top, {"district": N_("District"), metric: label}, _more("districts"), whole),
            ),
            _section(
                _("Hubs located here"),
                _table(
                    hubs,
                    HUB_COLUMNS,
                    _more("hubs"),
                    whole,
                ),
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
        _("District of {state}: who reached it, and whom.").format(state=state),
        [
            _section(
                _("Programmes that reached it"),
                _table(
                    programs.sort_values(["attendances", "program_code"], ascending=[False, True]),
                    PROGRAMME_COLUMNS,
                    _more("programmes"),
                    whole,
                ),
            ),
            _section(
                _("Hubs that reached it"),
                _table(
                    hubs,
                    HUB_COLUMNS,
                    _more("hubs"),
                    whole,
                ),
            ),
            _section(
                _("Cadres"),
                _table(
                    cadres.sort_values(["participants", "cadre"], ascending=[False, True]),
                    {"cadre": N_("Cadre"), "participants": N_("Participants")},
                    _more("cadres"),
                    whole,
                ),
            ),
            _section(
                _("Attendances by month"),
                dcc.Graph(
                    figure=trend_figure, config=graph_config(), style={"height": "210px"}
                ),  # 30 px for the toolbar
            ),
        ],
    )


def reach_words(summary: dict) -> str:
    """ "391 districts in 32 states", "1 district in 1 state"."""
    districts, states = summary["districts_reached"], summary["states_reached"]
    return _("{districts} in {states}").format(
        districts=ngettext("{count} district", "{count} districts", districts).format(
            count=indian(districts)
        ),
        states=ngettext("{count} state", "{count} states", states).format(count=indian(states)),
    )


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
            html.Li(_("Host: {partner}").format(partner=host)),
            html.Li(_("Programmes: {programs}, sessions: {sessions}").format(**n)),
            html.Li(_("Participants: {participants}, attendances: {attendances}").format(**n)),
            html.Li(_("Reach: {reach}").format(reach=reach_words(summary)), id=ids.HUB_REACH),
        ],
        className="small",
    )
    return _card(
        hub["name"],
        _("The hub and its spokes: lines join the hub to every district its programmes reached."),
        [
            *([limited] if limited is not None else []),
            facts,
            _section(
                _("Districts reached"),
                _table(
                    reached,
                    {
                        "district": N_("District"),
                        "state": N_("State"),
                        "attendances": N_("Attendances"),
                    },
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
                _(
                    "Only participants from {places} are counted ({filter} filter). "
                    "Its whole reach: {reach}."
                ).format(places=places, filter=filter_label, reach=reach_words(whole))
            ),
            dcc.Link(
                _("Show its whole reach"),
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
    return _card(_("Nothing to show"), text, [])


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
    facts = _(
        "{hubs} hubs, {programs} programmes, {sessions} sessions, "
        "{participants} participants, {attendances} attendances; "
        "reach: {districts_reached} districts in {states_reached} states."
    ).format(**n)
    top_programs = programs.sort_values(["attendances", "program_code"], ascending=[False, True])
    top_programs = top_programs.assign(retention=[f"{r:.0%}" for r in top_programs.retention])
    return html.Div(
        [
            html.H2(name, className="h5", id=ids.PARTNER_NAME),
            html.P(facts, id=ids.PARTNER_FACTS),
            dbc.Row(
                [
                    dbc.Col(
                        dcc.Graph(figure=reach, config=graph_config(), style={"height": "460px"}),
                        lg=7,
                    ),
                    dbc.Col(
                        [
                            _section(
                                _("Hubs"),
                                _table(
                                    hubs,
                                    HUB_COLUMNS,
                                    _more("hubs", PARTNER),
                                    whole,
                                ),
                            ),
                            _section(
                                _("Programmes"),
                                _table(
                                    top_programs,
                                    {**PROGRAMME_COLUMNS, "retention": N_("Retention")},
                                    _more("programmes", PARTNER),
                                    whole,
                                ),
                            ),
                        ],
                        lg=5,
                    ),
                ]
            ),
            dcc.Graph(figure=trend, config=graph_config()),
        ]
    )

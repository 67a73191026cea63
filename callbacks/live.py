"""The live screen: one server callback on the refresh beat, one clientside callback for the rest.

The browser rotates panels, reads the keys and runs the clock (assets/live.js),
so a rotation never reaches the server. Every `refresh` seconds the server reads
the data version and rebuilds the screen only when the version or the link has
changed. When the store cannot be read, the screen keeps its last numbers and
says since when they are stale, and asks again sooner; the first beat that reads
the store clears the mark, with no one touching the screen.
"""

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    html,
    no_update,
)
from dash.exceptions import PreventUpdate

from callbacks.attention import attention_for
from callbacks.common import data, refusal
from callbacks.names import names
from dashboard.clock import day_text, now_in_india
from dashboard.figures import live as figures
from dashboard.figures.style import Figure
from dashboard.numbers import indian
from dashboard.periods import covered
from dashboard.viewstate import ViewState, from_query
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import BadFilter, Filters
from dashboard.vocabulary.language import _
from dashboard.vocabulary.scope import OutOfScope
from layouts import ids
from layouts.attention import live_summary
from layouts.live import (
    BLANK,
    DEFAULT_REFRESH,
    DEFAULT_ROTATE,
    KPIS,
    LATEST_SESSIONS,
    PANELS,
    TABLES,
    config,
)

RETRY_SECONDS = 10
LIMITS = {"rotate": (2, 3600), "refresh": (2, 3600)}
METRICS = tuple(m for m, _ in KPIS)
PANEL_KEYS = tuple(key for key, _ in PANELS)


@dataclass(frozen=True)
class Screen:
    """Everything the server puts on the live screen."""

    scope: str
    as_of: str
    kpis: dict[str, str]  # by metric
    panels: dict[str, Any]  # by panel: a figure, or the latest sessions' table

    def outputs(self) -> dict:
        """The screen as the refresh callback's outputs."""
        return {"scope": self.scope, "as_of": self.as_of, "kpis": self.kpis, "panels": self.panels}


# The screen as it is: no output changes.
KEEP = {
    "scope": no_update,
    "as_of": no_update,
    "kpis": dict.fromkeys(METRICS, no_update),
    "panels": dict.fromkeys(PANEL_KEYS, no_update),
}


def timing(search: str | None) -> tuple[int, int]:
    """Seconds per panel (`rotate`) and between store reads (`refresh`) from the link."""
    params = parse_qs((search or "").lstrip("?"))
    defaults = {"rotate": DEFAULT_ROTATE, "refresh": DEFAULT_REFRESH}
    chosen = []
    for name, (low, high) in LIMITS.items():
        raw = (params.get(name) or [""])[0]
        number = re.fullmatch(r"[0-9]{1,6}", raw, re.ASCII)  # ASCII digits only: not "²"
        chosen.append(min(max(int(raw), low), high) if number else defaults[name])
    return chosen[0], chosen[1]


def screen(view: ViewState) -> Screen:
    """The screen for this view, read through the cached data manager."""
    d, f = data(), view.filters
    summary = d.summary(f)
    as_of = d.data_as_of()
    panels = {
        "map": reach_map(f),
        "diseases": figures.disease_bars(d.diseases(f)),
        "trend": figures.attendance_trend(d.trend(f), covered(f.date_from, f.date_to, as_of)),
        "states": figures.top_ranked(d.states(f), "state"),
        "partners": figures.top_ranked(d.partners(f), "partner", figures.LINE),
        "sessions": sessions_table(d.latest_sessions(f, count=LATEST_SESSIONS)),
        "attention": live_summary(attention_for(f)),
    }
    return Screen(
        scope=scope(d.within(f)),  # a state account's screen names its states, not India
        as_of=_("Data as of {day}").format(day=day_text(as_of))
        if as_of
        else _("No sessions in the store yet"),
        kpis={m: indian(summary[m]) for m in METRICS},
        panels={key: panels[key] for key in PANEL_KEYS},
    )


def reach_map(filters: Filters) -> Figure:
    """India by state; the chosen states by district when the link names states."""
    d = data()
    hubs = d.hubs(filters)
    if not filters.state:
        return figures.reach_map(d.states(filters), hubs)
    districts = d.districts(filters)
    chosen = districts[districts["state_code"].isin(filters.state)]
    return figures.reach_map(chosen, hubs[hubs["state_code"].isin(filters.state)], True)


def scope(filters: Filters) -> str:
    """The selection in words, names rather than codes where the store has them."""
    if filters == Filters():
        return _("All of India")
    parts = [
        ", ".join(names(key, values))
        for key, values in filters.to_params().items()
        if key not in ("from", "to")
    ]
    dates = _dates(filters)
    return " · ".join(parts + ([dates] if dates else []))


def _dates(filters: Filters) -> str:
    start, end = filters.date_from, filters.date_to
    if start and end:
        return _("{start} to {end}").format(start=day_text(start), end=day_text(end))
    if start:
        return _("from {day}").format(day=day_text(start))
    return _("until {day}").format(day=day_text(end)) if end else ""


def sessions_table(sessions: pd.DataFrame) -> html.Table | html.P:
    """The latest sessions as a plain, large table: as many rows as fit whole on the
    screen are shown (assets/live.js hides the rest, never half a row)."""
    if sessions.empty:
        return html.P(_("No sessions in this selection."), className="live-message")
    head = (_("Date"), _("Programme"), _("Hub"), _("Attendances"))
    rows = [
        html.Tr(
            [
                html.Td(day_text(pd.Timestamp(s.held_on).date()), className="live-date"),
                html.Td(s.programme),
                html.Td(s.hub),
                html.Td(indian(s.attendances), className="num"),
            ]
        )
        for s in sessions.itertuples()
    ]
    header = html.Tr([html.Th(h, className="num" if h == head[-1] else None) for h in head])
    return html.Table([html.Thead(header), html.Tbody(rows)], className="live-table")


def stale_mark(since: str) -> str:
    return _("Stale since {time} IST: the data store cannot be read; retrying").format(time=since)


@callback(
    {
        "config": Output(ids.LIVE_CONFIG, "data"),
        "interval": Output(ids.LIVE_REFRESH, "interval"),
        "shown": Output(ids.LIVE_SHOWN, "data"),
        "stale": Output(ids.LIVE_STALE, "children"),
        "scope": Output(ids.LIVE_SCOPE, "children"),
        "as_of": Output(ids.LIVE_AS_OF, "children"),
        "kpis": {m: Output(ids.live_kpi(m), "children") for m in METRICS},
        "panels": {
            key: Output(ids.live_content(key), "children" if key in TABLES else "figure")
            for key in PANEL_KEYS
        },
    },
    Input(ids.LIVE_URL, "search"),
    Input(ids.LIVE_REFRESH, "n_intervals"),
    State(ids.LIVE_SHOWN, "data"),
)
def refresh(search: str | None, _beats, shown: dict | None):
    """New numbers when the data or the link changed; a stale mark while the store is down."""
    shown = shown if isinstance(shown, dict) else {}  # what this screen last showed, if any
    rotate, every = timing(search)
    settings = {"config": config(rotate, every), "interval": every * 1000}
    try:
        view = from_query(search)
        key = f"{data().version()}|{data().scope.key()}|{search or ''}"
        if key == shown.get("key") and not shown.get("stale_since"):
            raise PreventUpdate
        if key == shown.get("key"):
            return {**settings, "shown": {"key": key}, "stale": None, **KEEP}
        data().check(view.filters)
        content = screen(view)
    except BadFilter as error:
        return {**settings, "shown": {"key": None}, "stale": None, **_cannot_show(error)}
    except StoreUnavailable:
        since = shown.get("stale_since") or f"{now_in_india():%H:%M}"
        return {
            "config": settings["config"],
            "interval": min(every, RETRY_SECONDS) * 1000,
            "shown": {**shown, "stale_since": since},
            "stale": stale_mark(since),
            **KEEP,
        }
    return {**settings, "shown": {"key": key}, "stale": None, **content.outputs()}


def _cannot_show(error: BadFilter) -> dict:
    message = _("This link has a filter the screen cannot use: {error}").format(error=error)
    if isinstance(error, OutOfScope):
        message = refusal(error)
    blank = figures.waiting(_("This link cannot be shown"))
    sessions = html.P(message, className="live-message")
    panels = {key: sessions if key in TABLES else blank for key in PANEL_KEYS}
    return Screen(message, "", dict.fromkeys(METRICS, BLANK), panels).outputs()


clientside_callback(
    ClientsideFunction(namespace="live", function_name="tick"),
    Output(ids.LIVE_STATE, "data"),
    *(Output(ids.live_panel(key), "className") for key in PANEL_KEYS),
    Output(ids.LIVE_CLOCK, "children"),
    Output(ids.LIVE_STATUS, "children"),
    Output(ids.LIVE_STATUS, "className"),
    Input(ids.LIVE_TICK, "n_intervals"),
    Input(ids.LIVE_KEYS, "data"),
    Input(ids.LIVE_CONFIG, "data"),
    State(ids.LIVE_STATE, "data"),
)

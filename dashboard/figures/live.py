"""Figures for the live screen: read from five metres on a dark wall screen, with nothing to click.

The same data frames as the dashboard's, drawn larger and lighter: a dark theme, text
of at least 28 px at 1920x1080, Okabe-Ito colours that stay apart for colour-blind
readers, and numbers on bars and axes in Indian style (12,34,567 and 12L), not 1,234,567.
Names are written whole, on two lines when long, never cut short.
"""

import textwrap
from typing import Any

import pandas as pd

from dashboard.figures import maps, trends
from dashboard.figures.style import (
    CLEAR,
    ISO_DATE,
    Figure,
    colour_ticks,
    font_family,
    template,
    value_axis,
)
from dashboard.numbers import indian
from dashboard.periods import WHOLE, Covered
from dashboard.vocabulary.language import _

INK = "#ffffff"
MUTED = "#bdbdbd"
GRID = "#3a3a3a"
BAR = "#56B4E9"  # Okabe-Ito sky blue: bright on black
LINE = "#E69F00"  # Okabe-Ito orange
NOT_REACHED = "#2e2e2e"
REGION_BORDER = "#000000"
# Viridis without its darkest end, which would vanish into a black screen.
SCALE = [
    [0.0, "#3e4989"],
    [0.17, "#31688e"],
    [0.33, "#26828e"],
    [0.5, "#1f9e89"],
    [0.67, "#35b779"],
    [0.83, "#b5de2b"],
    [1.0, "#fde725"],
]
HUB_COLOURS = {"health": "#D55E00", "education": "#CC79A7", "other": "#E69F00"}
FONT_SIZE = 28  # the smallest text on the screen: legible from five metres at 1080p
TOP = 10
TREND_MONTHS = 36
NAME_LINE = 44  # characters of a name on one line before it wraps onto a second


def dark(**layout: Any) -> dict[str, Any]:
    """The live screen's look: dark template, large light type, no legend, no hover, no
    margins wasted; `layout`'s entries replace these."""
    return {
        "template": template("plotly_dark"),
        "font": {"family": font_family(), "size": FONT_SIZE, "color": INK},
        "paper_bgcolor": CLEAR,
        "plot_bgcolor": CLEAR,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "showlegend": False,
        "hovermode": False,
        **layout,
    }


def waiting(message: str | None = None) -> Figure:
    """A dark figure with a word in it, so no white plot flashes on the screen."""
    note = {
        "text": message or _("Loading…"),
        "showarrow": False,
        "font": {"size": 32, "color": MUTED},
    }
    hidden = {"visible": False}
    return {"data": [], "layout": dark(annotations=[note], xaxis=hidden, yaxis=hidden)}


def reach_map(regions: pd.DataFrame, hubs: pd.DataFrame, by_district: bool = False) -> Figure:
    """India (or the chosen states) shaded by attendances, with the hubs as bright markers;
    the map fills its panel, the legend and colour bar at its sides (the boundaries' credit
    is written under the panel, not in the figure)."""
    if regions.empty:
        return waiting(_("No place to show"))
    if by_district:
        figure = maps.districts_map(regions, hubs, "attendances")
    else:
        figure = maps.states_map(regions, hubs, "attendances")
    layout = figure["layout"]
    legend = {"orientation": "v", "x": 0, "y": 1, "yanchor": "top", "font": {"size": FONT_SIZE}}
    screen = dark(showlegend=True, legend=legend, dragmode=False, margin=NO_MARGIN)
    geo = {**layout["geo"], "domain": {"x": [0.18, 0.86], "y": [0, 1]}}
    return {
        "data": [_darken(trace) for trace in figure["data"]],
        "layout": {**layout, **screen, "geo": geo, "annotations": []},
    }


NO_MARGIN = {"l": 0, "r": 0, "t": 0, "b": 0}


def _darken(trace: dict) -> dict:
    """A dashboard map trace in the live screen's colours."""
    if trace["type"] == "choropleth":
        return _darken_region(trace)
    if trace["type"] == "scattergeo" and trace.get("legendgroup"):  # a flat region's legend entry
        edge = {"color": "#5c5c5c", "width": 1.5}
        return {**trace, "marker": {**trace["marker"], "color": NOT_REACHED, "line": edge}}
    if trace["type"] == "scattergeo":
        marker = trace["marker"]
        sector = trace.get("meta", "")
        return {
            **trace,
            "marker": {
                **marker,
                "color": HUB_COLOURS.get(sector, "#F0E442"),
                "line": {"color": INK, "width": 1.5},
                "size": [s * 1.5 for s in marker["size"]],
                "opacity": 1,
            },
        }
    return trace


def _darken_region(trace: dict) -> dict:
    """Reached regions on the bright scale, ticked the Indian way; the rest dark grey."""
    line = trace["marker"]["line"]
    if trace.get("showscale") is False:
        return {
            **trace,
            "colorscale": [[0, NOT_REACHED], [1, NOT_REACHED]],
            "marker": {**trace["marker"], "line": {**line, "color": "#5c5c5c"}},
        }
    colorbar = {
        **trace["colorbar"],
        **colour_ticks(trace["z"], 4),
        "tickfont": {"size": FONT_SIZE, "color": INK},
        "title": {"text": _("Attendances"), "font": {"size": FONT_SIZE, "color": INK}},
        "thickness": 24,
        "len": 0.8,
        "x": 1,
        "xanchor": "right",
    }
    return {
        **trace,
        "colorscale": SCALE,
        "marker": {**trace["marker"], "line": {**line, "color": REGION_BORDER}},
        "colorbar": colorbar,
    }


def disease_bars(diseases: pd.DataFrame) -> Figure:
    """Disease areas ranked by attendances, the number written on each bar."""
    reached = diseases[diseases["attendances"] > 0]
    if reached.empty:
        return waiting(_("No disease area in this selection"))
    ranked = reached.nlargest(12, "attendances").iloc[::-1]
    bars = _bars(ranked["disease_area"], ranked["attendances"])
    layout = dark(xaxis=_value_axis(ranked["attendances"].max()), yaxis=_name_axis())
    return {"data": [bars], "layout": layout}


def _bars(names: pd.Series, values: pd.Series, colour: str = BAR) -> dict:
    numbers = values.tolist()
    return {
        "type": "bar",
        "x": numbers,
        "y": [_wrapped(n) for n in names.tolist()],
        "orientation": "h",
        "marker": {"color": colour},
        "text": [indian(v) for v in numbers],
        "textposition": "auto",
        "insidetextfont": {"size": FONT_SIZE, "color": "#000000"},
        "outsidetextfont": {"size": FONT_SIZE, "color": INK},
        "insidetextanchor": "end",
        "constraintext": "none",  # plotly would shrink a number to fit a short bar
        "cliponaxis": False,
    }


def _wrapped(name: str) -> str:
    """A name whole, on two lines (or more) when it is long: never cut short."""
    return "<br>".join(textwrap.wrap(name, NAME_LINE)) or name


def _value_axis(top: float) -> dict:
    """An axis of numbers up to `top`, ticked the Indian way."""
    return {**value_axis(top, 4), "gridcolor": GRID, "zeroline": False}


def _name_axis() -> dict:
    return {"automargin": True, "tickfont": {"size": FONT_SIZE}}


def attendance_trend(
    trend: pd.DataFrame, covered: Covered = WHOLE, months: int = TREND_MONTHS
) -> Figure:
    """Attendances per month over the last `months` months, with a 3-month average of the
    whole months; a month the data holds only in part is hatched and labelled ("to 07 Dec")."""
    if trend.empty:
        return waiting(_("No sessions in this selection"))
    frame = monthly(trend).tail(months)
    first_days = [m.start_time.date() for m in frame["month"]]
    x = [day.strftime(ISO_DATE) for day in first_days]
    notes = trends.month_notes(first_days, covered)
    bars = {
        "type": "bar",
        "x": x,
        "y": frame["attendances"].tolist(),
        "marker": {"color": BAR, **trends.partial_marker(notes, fade=0.75)},
        "name": _("Attendances"),
    }
    line = {
        "type": "scatter",
        "x": x,
        "y": trends.complete_average(frame["attendances"], notes, 3),
        "line": {"color": LINE, "width": 5},
        "name": _("3-month average of whole months"),
    }
    layout = dark(
        yaxis=_value_axis(frame["attendances"].max()),
        xaxis={"dtick": "M3", "tickformat": "%b<br>%Y", "gridcolor": GRID},
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
        bargap=0.15,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        annotations=trends.partial_labels(
            x, bars["y"], notes, font={"size": FONT_SIZE, "color": INK}, backdrop="rgba(0,0,0,0.7)"
        ),
    )
    return {"data": [bars, line], "layout": layout}


def monthly(trend: pd.DataFrame) -> pd.DataFrame:
    """One row per month from the first to the last, months without sessions as zeros."""
    months = pd.PeriodIndex(trend["period"], freq="M")
    full = pd.period_range(months.min(), months.max(), freq="M")
    filled = trend.set_index(months).drop(columns="period").reindex(full, fill_value=0)
    return filled.rename_axis("month").reset_index()


def top_ranked(frame: pd.DataFrame, name: str, colour: str = BAR) -> Figure:
    """The TOP rows of `frame` with most attendances, named by its column `name`."""
    ranked = frame[frame["attendances"] > 0].nlargest(TOP, "attendances").iloc[::-1]
    if ranked.empty:
        return waiting(_("No attendance in this selection"))
    bars = _bars(ranked[name], ranked["attendances"], colour)
    layout = dark(xaxis=_value_axis(ranked["attendances"].max()), yaxis=_name_axis())
    return {"data": [bars], "layout": layout}

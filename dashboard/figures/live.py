"""Figures for the live screen: read from five metres on a dark wall screen, with nothing to click.

The same data frames as the dashboard's, drawn larger and lighter: a dark theme,
large type, Okabe-Ito colours that stay apart for colour-blind readers, and
numbers on bars and axes in Indian grouping (12,34,567 and 12L), not 1,234,567.
"""

import math
from typing import Any

import pandas as pd

from dashboard.figures import maps
from dashboard.figures.style import CLEAR, FONT, Figure, iso_dates, subplot_grid, template
from dashboard.numbers import compact, indian

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
FONT_SIZE = 24
TOP = 10
TREND_MONTHS = 36
TOP_GRID = subplot_grid(
    rows=1, cols=2, subplot_titles=["States and UTs", "Partners"], horizontal_spacing=0.22
)


def dark(**layout: Any) -> dict[str, Any]:
    """The live screen's look: dark template, large light type, no legend, no hover, no
    margins wasted; `layout`'s entries replace these."""
    return {
        "template": template("plotly_dark"),
        "font": {"family": FONT, "size": FONT_SIZE, "color": INK},
        "paper_bgcolor": CLEAR,
        "plot_bgcolor": CLEAR,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "showlegend": False,
        "hovermode": False,
        **layout,
    }


def waiting(message: str = "Loading…") -> Figure:
    """A dark figure with a word in it, so no white plot flashes on the screen."""
    note = {"text": message, "showarrow": False, "font": {"size": 32, "color": MUTED}}
    hidden = {"visible": False}
    return {"data": [], "layout": dark(annotations=[note], xaxis=hidden, yaxis=hidden)}


def reach_map(regions: pd.DataFrame, hubs: pd.DataFrame, by_district: bool = False) -> Figure:
    """India (or the chosen states) shaded by attendances, with the hubs as bright markers."""
    if regions.empty:
        return waiting("No place to show")
    if by_district:
        figure = maps.districts_map(regions, hubs, "attendances")
    else:
        figure = maps.states_map(regions, hubs, "attendances")
    layout = figure["layout"]
    notes = [{**note, "font": {"size": 14, "color": MUTED}} for note in layout["annotations"]]
    legend = {"orientation": "h", "x": 0, "y": 1, "font": {"size": 20}, "yanchor": "top"}
    screen = dark(annotations=notes, showlegend=True, legend=legend, dragmode=False)
    return {"data": [_darken(trace) for trace in figure["data"]], "layout": {**layout, **screen}}


def _darken(trace: dict) -> dict:
    """A dashboard map trace in the live screen's colours."""
    if trace["type"] == "choropleth":
        return _darken_region(trace)
    if trace["type"] == "scattergeo" and trace.get("legendgroup"):  # a flat region's legend entry
        edge = {"color": "#5c5c5c", "width": 1.5}
        return {**trace, "marker": {**trace["marker"], "color": NOT_REACHED, "line": edge}}
    if trace["type"] == "scattergeo":
        marker = trace["marker"]
        sector = trace["name"].removeprefix("Hubs: ")
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
    values, labels = indian_ticks(max(trace["z"], default=0))
    colorbar = {
        **trace["colorbar"],
        "tickfont": {"size": 18, "color": INK},
        "title": {"text": "Attendances", "font": {"size": 20, "color": INK}},
        "thickness": 20,
        "len": 0.6,
        "tickvals": values,
        "ticktext": labels,
    }
    return {
        **trace,
        "colorscale": SCALE,
        "marker": {**trace["marker"], "line": {**line, "color": REGION_BORDER}},
        "colorbar": colorbar,
    }


def indian_ticks(top: float, count: int = 5) -> tuple[list[float], list[str]]:
    """Round tick values up to `top`, labelled the Indian way (5K, 1L, 2.5L, 1Cr)."""
    if top <= 0:
        return [0], ["0"]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    values = [i * step for i in range(int(top // step) + 1)]
    return values, [compact(v) for v in values]


def disease_bars(diseases: pd.DataFrame) -> Figure:
    """Disease areas ranked by attendances, the number written on each bar."""
    reached = diseases[diseases["attendances"] > 0]
    if reached.empty:
        return waiting("No disease area in this selection")
    ranked = reached.nlargest(12, "attendances").iloc[::-1]
    bars = _bars(ranked["disease_area"], ranked["attendances"])
    layout = dark(xaxis=_value_axis(ranked["attendances"].max()), yaxis=_name_axis())
    return {"data": [bars], "layout": layout}


def _bars(names: pd.Series, values: pd.Series, colour: str = BAR) -> dict:
    numbers = values.tolist()
    return {
        "type": "bar",
        "x": numbers,
        "y": [_short(n) for n in names.tolist()],
        "orientation": "h",
        "marker": {"color": colour},
        "text": [indian(v) for v in numbers],
        "textposition": "auto",
        "textfont": {"size": FONT_SIZE, "color": "#000000"},
        "insidetextanchor": "end",
        "cliponaxis": False,
    }


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _value_axis(top: float) -> dict:
    """An axis of numbers up to `top`, ticked the Indian way."""
    values, labels = indian_ticks(top)
    return {"tickvals": values, "ticktext": labels, "gridcolor": GRID, "zeroline": False}


def _name_axis() -> dict:
    return {"automargin": True, "tickfont": {"size": FONT_SIZE}}


def attendance_trend(trend: pd.DataFrame, months: int = TREND_MONTHS) -> Figure:
    """Attendances per month over the last `months` months, with a 3-month average line."""
    if trend.empty:
        return waiting("No sessions in this selection")
    frame = monthly(trend).tail(months)
    x = iso_dates(frame["month"].dt.to_timestamp())
    average = frame["attendances"].rolling(3, min_periods=1).mean()
    bars = {
        "type": "bar",
        "x": x,
        "y": frame["attendances"].tolist(),
        "marker": {"color": BAR},
        "name": "Attendances",
    }
    line = {
        "type": "scatter",
        "x": x,
        "y": average.tolist(),
        "line": {"color": LINE, "width": 5},
        "name": "3-month average",
    }
    layout = dark(
        yaxis=_value_axis(frame["attendances"].max()),
        xaxis={"dtick": "M3", "tickformat": "%b\n%Y", "gridcolor": GRID},
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.08, "font": {"size": 22}},
        bargap=0.15,
    )
    return {"data": [bars, line], "layout": layout}


def monthly(trend: pd.DataFrame) -> pd.DataFrame:
    """One row per month from the first to the last, months without sessions as zeros."""
    months = pd.PeriodIndex(trend["period"], freq="M")
    full = pd.period_range(months.min(), months.max(), freq="M")
    filled = trend.set_index(months).drop(columns="period").reindex(full, fill_value=0)
    return filled.rename_axis("month").reset_index()


def top_states_and_partners(states: pd.DataFrame, partners: pd.DataFrame) -> Figure:
    """The ten states and the ten partners with most attendances, side by side."""
    states = states[states["attendances"] > 0].nlargest(TOP, "attendances").iloc[::-1]
    partners = partners[partners["attendances"] > 0].nlargest(TOP, "attendances").iloc[::-1]
    if states.empty and partners.empty:
        return waiting("No attendance in this selection")
    traces = [
        {**_bars(states["state"], states["attendances"]), "xaxis": "x", "yaxis": "y"},
        {**_bars(partners["partner"], partners["attendances"], LINE), "xaxis": "x2", "yaxis": "y2"},
    ]
    grid = TOP_GRID
    layout = dark(
        xaxis={**grid["xaxis"], **_value_axis(_largest(states))},
        yaxis={**grid["yaxis"], **_name_axis()},
        xaxis2={**grid["xaxis2"], **_value_axis(_largest(partners))},
        yaxis2={**grid["yaxis2"], **_name_axis()},
        annotations=[{**note, "font": {"size": 28, "color": INK}} for note in grid["annotations"]],
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return {"data": traces, "layout": layout}


def _largest(frame: pd.DataFrame) -> float:
    return frame["attendances"].max() if len(frame) else 0

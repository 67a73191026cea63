"""Figures for the live screen: read from five metres on a dark wall screen, with nothing to click.

The same data frames as the dashboard's, drawn larger and lighter: a dark theme,
large type, Okabe-Ito colours that stay apart for colour-blind readers, and
numbers on bars and axes in Indian grouping (12,34,567 and 12L), not 1,234,567.
"""

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures import maps
from dashboard.figures.style import FONT
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


def dark(figure: go.Figure) -> go.Figure:
    """The live screen's look: dark template, large light type, no toolbar, no margins wasted."""
    figure.update_layout(
        template="plotly_dark",
        font={"family": FONT, "size": FONT_SIZE},
        font_color=INK,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        showlegend=False,
        hovermode=False,
    )
    return figure


def waiting(message: str = "Loading…") -> go.Figure:
    """A dark figure with a word in it, so no white plot flashes on the screen."""
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, font={"size": 32, "color": MUTED})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return dark(figure)


def reach_map(regions: pd.DataFrame, hubs: pd.DataFrame, by_district: bool = False) -> go.Figure:
    """India (or the chosen states) shaded by attendances, with the hubs as bright markers."""
    if regions.empty:
        return waiting("No place to show")
    if by_district:
        figure = maps.districts_map(regions, hubs, "attendances")
    else:
        figure = maps.states_map(regions, hubs, "attendances")
    for trace in figure.data:
        _darken_map_trace(trace)
    figure.update_geos(bgcolor="rgba(0,0,0,0)")
    for note in figure.layout.annotations:
        note.font = {"size": 14, "color": MUTED}
    dark(figure)
    figure.update_layout(
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1, "font": {"size": 20}, "yanchor": "top"},
        dragmode=False,
    )
    return figure


def _darken_map_trace(trace) -> None:
    if trace.type == "choropleth" and trace.showscale is False:
        trace.colorscale = [[0, NOT_REACHED], [1, NOT_REACHED]]
        trace.marker.line.color = "#5c5c5c"
    elif trace.type == "choropleth":
        trace.colorscale = SCALE
        trace.marker.line.color = REGION_BORDER
        trace.colorbar.update(
            tickfont={"size": 18, "color": INK},
            title={"text": "Attendances", "font": {"size": 20, "color": INK}},
            thickness=20,
            len=0.6,
        )
        _indian_colorbar(trace)
    elif trace.type == "scattergeo":
        sector = trace.name.removeprefix("Hubs: ")
        trace.marker.color = HUB_COLOURS.get(sector, "#F0E442")
        trace.marker.line = {"color": INK, "width": 1.5}
        trace.marker.size = [s * 1.5 for s in trace.marker.size]
        trace.marker.opacity = 1


def _indian_colorbar(trace) -> None:
    values, labels = indian_ticks(max(trace.z, default=0))
    trace.colorbar.update(tickvals=values, ticktext=labels)


def indian_ticks(top: float, count: int = 5) -> tuple[list[float], list[str]]:
    """Round tick values up to `top`, labelled the Indian way (5K, 1L, 2.5L, 1Cr)."""
    if top <= 0:
        return [0], ["0"]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    values = [i * step for i in range(int(top // step) + 1)]
    return values, [compact(v) for v in values]


def disease_bars(diseases: pd.DataFrame) -> go.Figure:
    """Disease areas ranked by attendances, the number written on each bar."""
    reached = diseases[diseases["attendances"] > 0]
    if reached.empty:
        return waiting("No disease area in this selection")
    ranked = reached.nlargest(12, "attendances").iloc[::-1]
    figure = go.Figure(_bars(ranked["disease_area"], ranked["attendances"]))
    return _bar_axes(dark(figure), ranked["attendances"].max())


def _bars(names: pd.Series, values: pd.Series, colour: str = BAR) -> go.Bar:
    return go.Bar(
        x=values,
        y=[_short(n) for n in names],
        orientation="h",
        marker_color=colour,
        text=[indian(v) for v in values],
        textposition="auto",
        textfont={"size": FONT_SIZE, "color": "#000000"},
        insidetextanchor="end",
        cliponaxis=False,
    )


def _short(name: str, limit: int = 34) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _bar_axes(figure: go.Figure, top: float, col: int | None = None) -> go.Figure:
    values, labels = indian_ticks(top)
    where = {"row": 1, "col": col} if col else {}
    figure.update_xaxes(tickvals=values, ticktext=labels, gridcolor=GRID, zeroline=False, **where)
    figure.update_yaxes(automargin=True, tickfont={"size": FONT_SIZE}, **where)
    return figure


def attendance_trend(trend: pd.DataFrame, months: int = TREND_MONTHS) -> go.Figure:
    """Attendances per month over the last `months` months, with a 3-month average line."""
    if trend.empty:
        return waiting("No sessions in this selection")
    frame = monthly(trend).tail(months)
    x = frame["month"].dt.to_timestamp()
    average = frame["attendances"].rolling(3, min_periods=1).mean()
    figure = go.Figure(
        [
            go.Bar(x=x, y=frame["attendances"], marker_color=BAR, name="Attendances"),
            go.Scatter(x=x, y=average, line={"color": LINE, "width": 5}, name="3-month average"),
        ]
    )
    values, labels = indian_ticks(frame["attendances"].max())
    figure.update_yaxes(tickvals=values, ticktext=labels, gridcolor=GRID, zeroline=False)
    figure.update_xaxes(dtick="M3", tickformat="%b\n%Y", gridcolor=GRID)
    dark(figure).update_layout(
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.08, "font": {"size": 22}},
        bargap=0.15,
    )
    return figure


def monthly(trend: pd.DataFrame) -> pd.DataFrame:
    """One row per month from the first to the last, months without sessions as zeros."""
    months = pd.PeriodIndex(trend["period"], freq="M")
    full = pd.period_range(months.min(), months.max(), freq="M")
    filled = trend.set_index(months).drop(columns="period").reindex(full, fill_value=0)
    return filled.rename_axis("month").reset_index()


def top_states_and_partners(states: pd.DataFrame, partners: pd.DataFrame) -> go.Figure:
    """The ten states and the ten partners with most attendances, side by side."""
    states = states[states["attendances"] > 0].nlargest(TOP, "attendances").iloc[::-1]
    partners = partners[partners["attendances"] > 0].nlargest(TOP, "attendances").iloc[::-1]
    if states.empty and partners.empty:
        return waiting("No attendance in this selection")
    figure = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=["States and UTs", "Partners"],
        horizontal_spacing=0.22,
    )
    figure.add_trace(_bars(states["state"], states["attendances"]), row=1, col=1)
    figure.add_trace(_bars(partners["partner"], partners["attendances"], LINE), row=1, col=2)
    dark(figure)
    _bar_axes(figure, states["attendances"].max() if len(states) else 0, col=1)
    _bar_axes(figure, partners["attendances"].max() if len(partners) else 0, col=2)
    figure.update_annotations(font={"size": 28, "color": INK})
    return figure.update_layout(margin={"t": 50})

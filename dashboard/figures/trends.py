"""Attendance over time: monthly lines with a rolling average, splits, financial-year totals."""

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.style import base_layout, empty

SERIES = (
    ("attendances", "Attendances", "#0072B2"),
    ("sessions", "Sessions", "#009E73"),
    ("participants", "Participants", "#D55E00"),
)
SPLIT_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
)  # Okabe-Ito, then grey for "Other"


def _every_month(trend: pd.DataFrame) -> pd.DataFrame:
    """Months with no session appear as zeros, so lines do not bridge gaps."""
    months = pd.PeriodIndex(trend["period"], freq="M")
    full = pd.period_range(months.min(), months.max(), freq="M")
    filled = trend.set_index(months).drop(columns="period").reindex(full, fill_value=0)
    return filled.rename_axis("month").reset_index()


def monthly_trend(trend: pd.DataFrame, rolling: int = 3) -> go.Figure:
    """Attendances, sessions and participants per month, each with a rolling average."""
    if trend.empty:
        return empty("No sessions in this selection")
    frame = _every_month(trend)
    x = frame["month"].dt.to_timestamp()
    figure = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.05,
        subplot_titles=[label for _, label, _ in SERIES],
    )
    for row, (column, label, colour) in enumerate(SERIES, start=1):
        figure.add_trace(
            go.Bar(
                x=x,
                y=frame[column],
                name=label,
                marker_color=colour,
                opacity=0.45,
                hovertemplate=f"%{{x|%b %Y}}<br>{label}: %{{y:,}}<extra></extra>",
            ),
            row=row,
            col=1,
        )
        figure.add_trace(
            go.Scatter(
                x=x,
                y=frame[column].rolling(rolling, min_periods=1).mean(),
                name=f"{label}, {rolling}-month average",
                line={"color": colour, "width": 2},
                hovertemplate=f"%{{x|%b %Y}}<br>{rolling}-month average: %{{y:,.0f}}"
                "<extra></extra>",
            ),
            row=row,
            col=1,
        )
    figure.update_layout(height=620, showlegend=False, hovermode="x", clickmode="event")
    return base_layout(figure).update_layout(margin={"t": 30})


def split_trend(split: pd.DataFrame, top: int = 8) -> go.Figure:
    """Attendances per month stacked by group: the `top` largest and "Other"."""
    if split.empty:
        return empty("No sessions in this selection")
    totals = split.groupby("group")["attendances"].sum().sort_values(ascending=False)
    keep = set(totals.index[:top])
    split = split.assign(group=split["group"].where(split["group"].isin(keep), "Other"))
    wide = split.pivot_table(index="period", columns="group", values="attendances", aggfunc="sum")
    order = [g for g in totals.index[:top]] + (["Other"] if "Other" in wide else [])
    months = pd.PeriodIndex(wide.index, freq="M")
    wide = wide.set_index(months).reindex(pd.period_range(months.min(), months.max(), freq="M"))
    x = wide.index.to_timestamp()
    figure = go.Figure()
    for colour, group in zip(SPLIT_COLOURS, order, strict=False):
        figure.add_trace(
            go.Scatter(
                x=x,
                y=wide[group].fillna(0),
                name=group,
                stackgroup="all",
                line={"width": 0.5, "color": colour},
                hovertemplate=f"{group}<br>%{{x|%b %Y}}: %{{y:,}}<extra></extra>",
            )
        )
    figure.update_layout(height=420, hovermode="x unified", legend={"orientation": "h", "y": -0.15})
    figure.update_yaxes(title="Attendances")
    return base_layout(figure)


def financial_years(fy: pd.DataFrame) -> go.Figure:
    """Attendances per April-March financial year, with participants in the hover."""
    if fy.empty:
        return empty("No sessions in this selection")
    figure = go.Figure(
        go.Bar(
            x=fy["period"],
            y=fy["attendances"],
            marker_color="#0072B2",
            customdata=fy[["participants", "sessions"]].to_numpy(),
            hovertemplate=(
                "%{x}<br>Attendances: %{y:,}<br>Participants: %{customdata[0]:,}"
                "<br>Sessions: %{customdata[1]:,}<extra></extra>"
            ),
        )
    )
    figure.update_layout(height=320)
    figure.update_yaxes(title="Attendances")
    return base_layout(figure)


def small_trend(trend: pd.DataFrame) -> go.Figure:
    """Attendances per month as one small line, for side panels."""
    if trend.empty:
        return empty("No sessions")
    frame = _every_month(trend)
    figure = go.Figure(
        go.Scatter(
            x=frame["month"].dt.to_timestamp(),
            y=frame["attendances"],
            mode="lines",
            line={"color": "#0072B2", "width": 1.5},
            hovertemplate="%{x|%b %Y}: %{y:,}<extra></extra>",
        )
    )
    figure.update_layout(height=170, showlegend=False)
    return base_layout(figure)

"""Attendance over time: monthly lines with a rolling average, splits, financial-year totals."""

from datetime import date

import pandas as pd

from dashboard.figures.style import (
    ISO_DATE,
    MARGIN,
    Figure,
    base_layout,
    empty,
    iso_dates,
    subplot_grid,
)

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
MONTHLY_GRID = subplot_grid(
    rows=3,
    cols=1,
    shared_xaxes=True,
    vertical_spacing=0.05,
    subplot_titles=[label for _, label, _ in SERIES],
)


def _every_month(trend: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    """Every month from the first to the last, as the ISO dates plotly writes, and the counts
    (months with no session as zeros, so lines do not bridge gaps). Months are numbered
    here: pandas periods took half of a trend figure's time."""
    months = [int(period[:4]) * 12 + int(period[5:7]) - 1 for period in trend["period"]]
    every = range(min(months), max(months) + 1)
    counts = trend.drop(columns="period").set_axis(months).reindex(every, fill_value=0)
    return [date(m // 12, m % 12 + 1, 1).strftime(ISO_DATE) for m in every], counts


def monthly_trend(trend: pd.DataFrame, rolling: int = 3) -> Figure:
    """Attendances, sessions and participants per month, each with a rolling average."""
    if trend.empty:
        return empty("No sessions in this selection")
    x, frame = _every_month(trend)
    traces = []
    for row, (column, label, colour) in enumerate(SERIES, start=1):
        subplot = "" if row == 1 else str(row)
        axes = {"xaxis": f"x{subplot}", "yaxis": f"y{subplot}"}
        average = frame[column].rolling(rolling, min_periods=1).mean()
        bars = {
            "type": "bar",
            "x": x,
            "y": frame[column].tolist(),
            "name": label,
            "marker": {"color": colour},
            "opacity": 0.45,
            "hovertemplate": f"%{{x|%b %Y}}<br>{label}: %{{y:,}}<extra></extra>",
            **axes,
        }
        line = {
            "type": "scatter",
            "x": x,
            "y": average.tolist(),
            "name": f"{label}, {rolling}-month average",
            "line": {"color": colour, "width": 2},
            "hovertemplate": (
                f"%{{x|%b %Y}}<br>{rolling}-month average: %{{y:,.0f}}<extra></extra>"
            ),
            **axes,
        }
        traces += [bars, line]
    layout = base_layout(
        **MONTHLY_GRID,
        height=620,
        showlegend=False,
        hovermode="x",
        clickmode="event",
        margin={**MARGIN, "t": 30},
    )
    return {"data": traces, "layout": layout}


def split_trend(split: pd.DataFrame, top: int = 8) -> Figure:
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
    x = iso_dates(wide.index.to_timestamp())
    traces = [
        {
            "type": "scatter",
            "x": x,
            "y": wide[group].fillna(0).tolist(),
            "name": group,
            "stackgroup": "all",
            "line": {"width": 0.5, "color": colour},
            "hovertemplate": f"{group}<br>%{{x|%b %Y}}: %{{y:,}}<extra></extra>",
        }
        for colour, group in zip(SPLIT_COLOURS, order, strict=False)
    ]
    layout = base_layout(
        height=420,
        hovermode="x unified",
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": {"text": "Attendances"}},
    )
    return {"data": traces, "layout": layout}


def financial_years(fy: pd.DataFrame) -> Figure:
    """Attendances per April-March financial year, with participants in the hover."""
    if fy.empty:
        return empty("No sessions in this selection")
    bars = {
        "type": "bar",
        "x": fy["period"].tolist(),
        "y": fy["attendances"].tolist(),
        "marker": {"color": "#0072B2"},
        "customdata": fy[["participants", "sessions"]].to_numpy().tolist(),
        "hovertemplate": (
            "%{x}<br>Attendances: %{y:,}<br>Participants: %{customdata[0]:,}"
            "<br>Sessions: %{customdata[1]:,}<extra></extra>"
        ),
    }
    layout = base_layout(height=320, yaxis={"title": {"text": "Attendances"}})
    return {"data": [bars], "layout": layout}


def small_trend(trend: pd.DataFrame) -> Figure:
    """Attendances per month as one small line, for side panels."""
    if trend.empty:
        return empty("No sessions")
    x, frame = _every_month(trend)
    line = {
        "type": "scatter",
        "x": x,
        "y": frame["attendances"].tolist(),
        "mode": "lines",
        "line": {"color": "#0072B2", "width": 1.5},
        "hovertemplate": "%{x|%b %Y}: %{y:,}<extra></extra>",
    }
    return {"data": [line], "layout": base_layout(height=170, showlegend=False)}

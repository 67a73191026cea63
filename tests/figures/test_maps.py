"""Map figures: every district lands in exactly one trace, with its own number."""

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.maps import REACHED_GREY, districts_map, hub_reach_map
from dashboard.figures.style import WHITE_SPOT, WHITE_SPOT_EDGE
from tests.figures.frames import HUBS

DISTRICTS = pd.DataFrame(
    {
        "district_code": ["KA-a", "KA-b", "KA-c", "KA-d"],
        "district": ["A", "B", "C", "D"],
        "attendances": [120, 0, 7, 0],
        "participants": [40, 0, 3, 0],
    }
)


def _map(*args, **kwargs) -> go.Figure:
    """The spec through plotly's object layer, which rejects any invalid property."""
    return go.Figure(districts_map(*args, **kwargs))


def _trace(figure, name):
    return next(t for t in figure.data if t.name == name)


def test_reached_districts_carry_their_numbers_and_white_spots_show_white():
    figure = _map(DISTRICTS, HUBS, "attendances")
    reached = _trace(figure, "Attendances")
    assert list(reached.locations) == ["KA-a", "KA-c"]
    assert list(reached.z) == [120.0, 7.0]
    spots = _trace(figure, "Not reached")
    assert list(spots.locations) == ["KA-b", "KA-d"]
    assert spots.colorscale[0][1] == WHITE_SPOT
    assert spots.marker.line.color == WHITE_SPOT_EDGE and spots.marker.line.width >= 1


def test_a_white_legend_swatch_has_a_dark_edge():
    """plotly draws a choropleth's legend swatch in its colour alone: white on white. The
    entry is a square marker of the same fill with an edge, one legend group with the map."""
    figure = _map(DISTRICTS, HUBS, "attendances", white_spots_only=True)
    for label, fill in (("Not reached", WHITE_SPOT), ("Reached", REACHED_GREY)):
        shaded, swatch = (t for t in figure.data if t.name == label)
        assert not shaded.showlegend and swatch.showlegend
        assert swatch.type == "scattergeo" and list(swatch.lon) == [None]
        assert swatch.marker.color == fill and swatch.marker.symbol == "square"
        assert swatch.marker.line.width >= 1 and swatch.legendgroup == shaded.legendgroup
    edge = next(t for t in figure.data if t.name == "Not reached" and t.type == "scattergeo")
    assert edge.marker.line.color == WHITE_SPOT_EDGE


def test_every_hub_is_a_marker_in_its_sector():
    figure = _map(DISTRICTS, HUBS, "participants")
    markers = [t for t in figure.data if t.name.startswith("Hubs")]
    assert sorted(code for t in markers for code, *_ in t.customdata) == ["HB1", "HB2"]
    assert list(_trace(figure, "Participants").z) == [40.0, 3.0]


def test_white_spots_only_greys_the_reached():
    figure = _map(DISTRICTS, HUBS, "attendances", white_spots_only=True)
    assert list(_trace(figure, "Reached").locations) == ["KA-a", "KA-c"]
    assert list(_trace(figure, "Not reached").locations) == ["KA-b", "KA-d"]


def test_a_hubs_reach_is_framed_by_the_states_it_and_its_districts_lie_in():
    """The map fits its locations: outlining all of India squeezed a reach within one state."""
    reached = DISTRICTS.assign(
        state_code=[29, 32, 29, 33], latitude=[12.9, 10.0, 14.0, 11.0], longitude=[77.0] * 4
    )
    hub = HUBS.iloc[0].copy()
    hub["state_code"] = 27
    figure = go.Figure(hub_reach_map(reached, hub))
    outlines = _trace(figure, "States")
    assert sorted(outlines.locations) == [27, 29]  # the reached districts' (A, C) and the hub's
    assert list(_trace(figure, "Attendances").locations) == ["KA-a", "KA-c"]
    assert figure.layout.geo.fitbounds == "locations"


def test_hubs_drawn_only_leave_hover_and_clicks_to_the_places_beneath():
    """plotly lets a hover template override hoverinfo "skip": a marker drawn only has none."""
    drawn = _map(DISTRICTS, HUBS, "attendances", hubs_clickable=False)
    for markers in (t for t in drawn.data if t.name.startswith("Hubs")):
        assert markers.hoverinfo == "skip" and markers.hovertemplate is None
    clickable = _map(DISTRICTS, HUBS, "attendances")
    for markers in (t for t in clickable.data if t.name.startswith("Hubs")):
        assert markers.hoverinfo != "skip" and "customdata[1]" in markers.hovertemplate

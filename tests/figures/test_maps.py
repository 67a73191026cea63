"""Map figures: every district lands in exactly one trace, with its own number."""

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.maps import districts_map
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
    assert spots.colorscale[0][1] == WHITE_SPOT and spots.showlegend
    assert spots.marker.line.color == WHITE_SPOT_EDGE and spots.marker.line.width >= 1


def test_every_hub_is_a_marker_in_its_sector():
    figure = _map(DISTRICTS, HUBS, "participants")
    markers = [t for t in figure.data if t.type == "scattergeo"]
    assert sorted(code for t in markers for code, *_ in t.customdata) == ["HB1", "HB2"]
    assert list(_trace(figure, "Participants").z) == [40.0, 3.0]


def test_white_spots_only_greys_the_reached():
    figure = _map(DISTRICTS, HUBS, "attendances", white_spots_only=True)
    assert list(_trace(figure, "Reached").locations) == ["KA-a", "KA-c"]
    assert list(_trace(figure, "Not reached").locations) == ["KA-b", "KA-d"]

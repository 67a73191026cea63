"""Map figures: every district lands in exactly one trace, with its own number."""

import pandas as pd

from dashboard.figures.maps import districts_map
from dashboard.figures.style import WHITE_SPOT, WHITE_SPOT_EDGE

DISTRICTS = pd.DataFrame(
    {
        "district_code": ["KA-a", "KA-b", "KA-c", "KA-d"],
        "district": ["A", "B", "C", "D"],
        "attendances": [120, 0, 7, 0],
        "participants": [40, 0, 3, 0],
    }
)
HUBS = pd.DataFrame(
    {
        "hub_code": ["HB1", "HB2"],
        "name": ["Hub one", "Hub two"],
        "latitude": [12.9, 13.1],
        "longitude": [77.5, 77.7],
        "attendances": [100, 27],
        "sector": ["health", "education"],
    }
)


def _trace(figure, name):
    return next(t for t in figure.data if t.name == name)


def test_reached_districts_carry_their_numbers_and_white_spots_show_white():
    figure = districts_map(DISTRICTS, HUBS, "attendances")
    reached = _trace(figure, "Attendances")
    assert list(reached.locations) == ["KA-a", "KA-c"]
    assert list(reached.z) == [120.0, 7.0]
    spots = _trace(figure, "Not reached")
    assert list(spots.locations) == ["KA-b", "KA-d"]
    assert spots.colorscale[0][1] == WHITE_SPOT and spots.showlegend
    assert spots.marker.line.color == WHITE_SPOT_EDGE and spots.marker.line.width >= 1


def test_every_hub_is_a_marker_in_its_sector():
    figure = districts_map(DISTRICTS, HUBS, "participants")
    markers = [t for t in figure.data if t.type == "scattergeo"]
    assert sorted(code for t in markers for code, *_ in t.customdata) == ["HB1", "HB2"]
    assert list(_trace(figure, "Participants").z) == [40.0, 3.0]


def test_white_spots_only_greys_the_reached():
    figure = districts_map(DISTRICTS, HUBS, "attendances", white_spots_only=True)
    assert list(_trace(figure, "Reached").locations) == ["KA-a", "KA-c"]
    assert list(_trace(figure, "Not reached").locations) == ["KA-b", "KA-d"]

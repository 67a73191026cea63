"""Every figure is a valid plotly spec in plain JSON types, with plotly.py's template in it.

Figures are written as dicts, so nothing checks their property names while the app runs:
go.Figure does it here, and rejects any name or value plotly does not know.
"""

import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard.figures import coverage, live, maps, style, trends
from dashboard.periods import covered
from tests.figures.frames import HUBS

STATES = pd.DataFrame(
    {
        "state_code": [29, 32, 33],
        "state": ["Karnataka", "Kerala", "Tamil Nadu"],
        "attendances": [1_500, 0, 80],
        "participants": [600, 0, 30],
        "programs": [12, 0, 2],
        "districts_reached": [20, 0, 3],
    }
)
DISTRICTS = pd.DataFrame(
    {
        "district_code": ["KA-a", "KA-b", "KA-c"],
        "district": ["A", "B", "C"],
        "state_code": [29, 29, 29],
        "state": ["Karnataka"] * 3,
        "latitude": [12.9, 13.4, 14.0],
        "longitude": [77.5, 76.1, 75.2],
        "attendances": [120, 0, 7],
        "participants": [40, 0, 3],
    }
)
DISEASES = pd.DataFrame({"disease_area": ["HIV", "Tuberculosis"], "attendances": [90, 300]})
MATRIX = pd.DataFrame(
    {
        "state": ["Karnataka", "Karnataka", "Tamil Nadu"],
        "disease_area": ["HIV", "Tuberculosis", "HIV"],
        "programs": [2, 5, 1],
    }
)
TREND = pd.DataFrame(
    {
        "period": ["2023-01", "2023-02", "2023-05"],
        "sessions": [3, 1, 2],
        "attendances": [40, 12, 25],
        "participants": [20, 9, 14],
    }
)
SPLIT = pd.DataFrame(
    {
        "period": ["2023-01"] * 10 + ["2023-03"] * 10,
        "group": [f"Partner {i}" for i in range(10)] * 2,
        "attendances": list(range(1, 21)),
    }
)
FY = pd.DataFrame(
    {"period": ["FY2022-23", "FY2023-24"], "attendances": [70, 7], "participants": [30, 5]}
).assign(sessions=[6, 1])
PARTIAL = covered(None, None, date(2023, 5, 7))  # data as of 7 May 2023: May is partial
PARTNERS = pd.DataFrame({"partner": ["AIIMS Delhi", "NHM Kerala"], "attendances": [200, 0]})

DASHBOARD = {
    "states_map": lambda: maps.states_map(STATES, HUBS, "participants"),
    "districts_map": lambda: maps.districts_map(DISTRICTS, HUBS, "attendances", "KA-c", True),
    "hub_reach_map": lambda: maps.hub_reach_map(DISTRICTS, HUBS.iloc[0], "attendances"),
    "disease_ranking": lambda: coverage.disease_ranking(DISEASES),
    "state_disease_matrix": lambda: coverage.state_disease_matrix(MATRIX, list(STATES.state)),
    "monthly_trend": lambda: trends.monthly_trend(TREND),
    "split_trend": lambda: trends.split_trend(SPLIT, "partner"),
    "split_trend, a partial month": lambda: trends.split_trend(SPLIT, "disease", PARTIAL),
    "monthly_trend, a partial month": lambda: trends.monthly_trend(TREND, PARTIAL),
    "financial_years, a partial year": lambda: trends.financial_years(FY, PARTIAL),
    "small_trend, a partial month": lambda: trends.small_trend(TREND, PARTIAL),
    "financial_years": lambda: trends.financial_years(FY),
    "small_trend": lambda: trends.small_trend(TREND),
}
LIVE = {
    "reach_map": lambda: live.reach_map(STATES, HUBS),
    "reach_map by district": lambda: live.reach_map(DISTRICTS, HUBS, by_district=True),
    "disease_bars": lambda: live.disease_bars(DISEASES),
    "attendance_trend": lambda: live.attendance_trend(TREND),
    "attendance_trend, a partial month": lambda: live.attendance_trend(TREND, PARTIAL),
    "top_ranked states": lambda: live.top_ranked(STATES, "state"),
    "top_ranked partners": lambda: live.top_ranked(PARTNERS, "partner", live.LINE),
}
NOTHING = {
    "style.empty": lambda: style.empty("Nothing to draw"),
    "states_map": lambda: maps.states_map(STATES.iloc[:0], HUBS),
    "hub_reach_map": lambda: maps.hub_reach_map(DISTRICTS.iloc[:0], HUBS.iloc[0]),
    "monthly_trend": lambda: trends.monthly_trend(TREND.iloc[:0]),
    "live.waiting": lambda: live.waiting(),
    "live.disease_bars": lambda: live.disease_bars(DISEASES.iloc[:0]),
}


def _checked(spec: style.Figure, template: str) -> go.Figure:
    assert set(spec) == {"data", "layout"}
    json.dumps(spec, allow_nan=False)  # lists, strings, numbers: cheap to cache and to send
    assert spec["layout"]["template"] == pio.templates[template].to_plotly_json()
    return go.Figure(spec)  # raises on a property name or value plotly does not know


@pytest.mark.parametrize("name", DASHBOARD)
def test_dashboard_figures_are_valid_plain_specs_on_plotlys_template(name):
    assert _checked(DASHBOARD[name](), "plotly").data


@pytest.mark.parametrize("name", LIVE)
def test_live_figures_are_valid_plain_specs_on_the_dark_template(name):
    assert _checked(LIVE[name](), "plotly_dark").data


@pytest.mark.parametrize("name", NOTHING)
def test_nothing_to_draw_is_said_in_words(name):
    figure = _checked(NOTHING[name](), "plotly_dark" if "live" in name else "plotly")
    assert not figure.data and figure.layout.annotations[0].text


def test_an_invalid_property_fails_the_check():
    spec = maps.states_map(STATES, HUBS)
    with pytest.raises(ValueError, match="colour"):
        go.Figure({**spec, "data": [{**spec["data"][0], "colour": "red"}]})


def test_monthly_trend_shows_every_month_on_three_linked_rows():
    figure = go.Figure(trends.monthly_trend(TREND))
    bars = [t for t in figure.data if t.type == "bar"]
    assert [t.yaxis for t in bars] == ["y", "y2", "y3"]
    assert [x[:7] for x in bars[0].x] == ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05"]
    assert list(bars[0].y) == [40, 12, 0, 0, 25]
    assert figure.layout.xaxis.matches == figure.layout.xaxis2.matches == "x3"
    across = TREND.iloc[[0, -1]].assign(period=["2023-11", "2024-02"])
    line = trends.small_trend(across)["data"][0]
    assert line["x"] == [f"{m}-01T00:00:00" for m in ("2023-11", "2023-12", "2024-01", "2024-02")]
    assert line["y"] == [across["attendances"].iloc[0], 0, 0, across["attendances"].iloc[1]]


def test_live_map_keeps_the_numbers_in_dark_colours():
    figure = go.Figure(live.reach_map(STATES, HUBS))
    shaded = next(t for t in figure.data if t.name == "Attendances")
    assert dict(zip(shaded.locations, shaded.z, strict=True)) == {29: 1_500, 33: 80}
    assert shaded.colorscale[0][1] == live.SCALE[0][1]
    assert list(shaded.colorbar.ticktext) == ["500", "1,000", "1,500"]
    markers = [t for t in figure.data if t.name.startswith("Hubs")]
    assert {t.marker.color for t in markers} == {live.HUB_COLOURS[s] for s in HUBS.sector}


def _value_axes(spec: style.Figure) -> list[str]:
    """The layout axes the figure's bars and lines measure counts on."""
    found = []
    for trace in spec["data"]:
        if trace["type"] not in ("bar", "scatter"):
            continue
        across = trace.get("orientation") == "h"
        name = trace.get("xaxis" if across else "yaxis", "x" if across else "y")
        found.append(name[0] + "axis" + name[1:])
    return found


@pytest.mark.parametrize("name", [*DASHBOARD, *LIVE])
def test_numbers_on_axes_colour_bars_and_hovers_are_in_the_indian_style(name):
    """Axes and colour bars carry their ticks' text (plotly's own would be 20k and 100k,
    a one-value scale 711.6 ... 712.4); hovers show numbers formatted here, not by d3."""
    spec = {**DASHBOARD, **LIVE}[name]()
    for axis in _value_axes(spec):
        ticks = spec["layout"][axis]
        assert ticks["tickmode"] == "array" and len(ticks["ticktext"]) == len(ticks["tickvals"])
        assert not any(unit in text for text in ticks["ticktext"] for unit in "kKM"), ticks
    for trace in spec["data"]:
        if "colorbar" in trace and trace.get("showscale") is not False:
            assert trace["colorbar"]["ticktext"], trace["colorbar"]
        template = trace.get("hovertemplate", "")
        assert ":," not in template and ":." not in template, template


def test_a_colour_scale_over_one_value_shows_that_value():
    one = STATES.assign(attendances=[712, 0, 0])
    shaded = maps.states_map(one, HUBS)["data"][0]
    assert shaded["colorbar"]["ticktext"] == ["712"]
    matrix = coverage.state_disease_matrix(MATRIX.assign(programs=3), list(STATES.state))
    assert matrix["data"][0]["colorbar"]["ticktext"] == ["3"]

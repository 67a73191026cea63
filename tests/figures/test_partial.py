"""Partial periods: marked plainly and kept out of averages, so an unfinished month never
reads as a fall. The clock is pinned: the data is as of 7 May 2023."""

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import live, trends
from dashboard.periods import covered

AS_OF = date(2023, 5, 7)
TREND = pd.DataFrame(
    {
        "period": ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05"],
        "sessions": [3, 1, 4, 2, 1],
        "attendances": [40, 12, 30, 26, 5],
        "participants": [20, 9, 15, 14, 4],
    }
)
FY = pd.DataFrame(
    {
        "period": ["FY2021-22", "FY2022-23", "FY2023-24"],
        "attendances": [70, 90, 7],
        "participants": [30, 40, 5],
        "sessions": [6, 9, 1],
    }
)


def _hatched(bars) -> list[bool]:
    return [shape == "/" for shape in bars.marker.pattern.shape]


def test_the_unfinished_month_is_hatched_labelled_and_left_out_of_the_average():
    figure = go.Figure(trends.monthly_trend(TREND, covered(None, None, AS_OF)))
    bars = [t for t in figure.data if t.type == "bar"]
    lines = [t for t in figure.data if t.type == "scatter"]
    for bar in bars:
        assert _hatched(bar) == [False] * 4 + [True]
        assert bar.marker.opacity[-1] < bar.marker.opacity[0]
    labels = [a for a in figure.layout.annotations if a.text == "to 07 May"]
    assert [a.yref for a in labels] == ["y", "y2", "y3"]
    attendances = lines[0].y
    assert attendances[-1] is None  # no average over a week's data
    assert attendances[3] == (12 + 30 + 26) / 3  # whole months only
    assert "Hatched" in " ".join(a.text for a in figure.layout.annotations)
    whole = go.Figure(trends.monthly_trend(TREND))  # no as-of date: nothing partial
    assert not any(_hatched(whole.data[0])) and whole.data[1].y[-1] == (30 + 26 + 5) / 3


def test_a_month_cut_by_the_date_filter_is_partial_too():
    days = covered(date(2023, 1, 10), date(2023, 4, 30), AS_OF)
    figure = go.Figure(trends.monthly_trend(TREND.iloc[:4], days))
    assert _hatched(figure.data[0]) == [True, False, False, False]
    assert "from 10 Jan" in [a.text for a in figure.layout.annotations]
    assert figure.data[1].y[0] is None and figure.data[1].y[1] == 12


def test_the_current_financial_year_is_named_and_marked():
    figure = go.Figure(trends.financial_years(FY, covered(None, None, AS_OF)))
    bars = figure.data[0]
    assert list(bars.x) == ["FY 2021-22", "FY 2022-23", "FY 2023-24"]
    assert _hatched(bars) == [False, False, True]
    assert [a.text for a in figure.layout.annotations if a.x == "FY 2023-24"] == ["to 07 May"]
    assert "FY 2023-24 (to 07 May)" in bars.customdata[-1][0]


def test_the_split_marks_the_partial_month_above_its_stack():
    split = TREND.assign(group="Partner 1")[["period", "group", "attendances"]]
    figure = go.Figure(trends.split_trend(split, "partner", covered(None, None, AS_OF)))
    assert _hatched(figure.data[0])[-1]
    note = next(a for a in figure.layout.annotations if a.text == "to 07 May")
    assert note.y == 5


def test_the_side_panels_small_trend_draws_the_partial_month_apart():
    figure = go.Figure(trends.small_trend(TREND, covered(None, None, AS_OF)))
    whole, partial = figure.data
    assert whole.y[-1] is None and partial.y[-1] == 5 and partial.text[-1] == "to 07 May"
    assert partial.line.dash == "dot"


def test_the_live_trend_marks_the_partial_month_and_averages_whole_months():
    figure = go.Figure(live.attendance_trend(TREND, covered(None, None, AS_OF)))
    bars, average = figure.data
    assert _hatched(bars) == [False] * 4 + [True]
    assert average.y[-1] is None and average.y[3] == (12 + 30 + 26) / 3
    assert [a.text for a in figure.layout.annotations] == ["to 07 May"]
    assert figure.layout.annotations[0].font.size >= live.FONT_SIZE

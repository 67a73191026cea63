"""Frames made safe for the outside."""

from datetime import date

import pandas as pd

from dashboard.tabular import records, safe_csv


def test_csv_neutralises_formulas():
    frame = pd.DataFrame({"name": ["=SUM(A1)", "+1", "@x", "-2", "ok"], "n": [1, -2, 3, 4, 5]})
    lines = safe_csv(frame).splitlines()
    assert lines[1:] == ["'=SUM(A1),1", "'+1,-2", "'@x,3", "'-2,4", "ok,5"]


def test_records_are_json_friendly():
    frame = pd.DataFrame({"d": [date(2024, 4, 1), None], "x": [1.5, float("nan")]})
    assert records(frame) == [{"d": "2024-04-01", "x": 1.5}, {"d": None, "x": None}]

"""Frames made safe for the outside: JSON records and spreadsheet-safe CSV."""

import math
from datetime import date
from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def json_value(value: Any) -> Any:
    """A JSON-friendly scalar: ISO dates, None for missing, plain ints and floats."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return json_value(value.item())
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {column: json_value(value) for column, value in row.items()}
        for row in frame.to_dict("records")
    ]


def neutralise(value: Any) -> Any:
    """Prefix text a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> str:
    """CSV text whose cells cannot be run as spreadsheet formulas."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe.to_csv(index=False)

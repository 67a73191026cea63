"""Periods a trend is counted by, and the groups its attendances can be split into."""

from dashboard.vocabulary.filters import BadFilter

# month: YYYYMM; quarter: YYYYQ; year: YYYY; fy: the Indian financial year's first year
# (April 2024 to March 2025 is 2024).
INTERVALS = ("month", "quarter", "year", "fy")
SPLITS = ("disease", "partner")  # attendances per disease area, or per partner


def check_interval(interval: str) -> None:
    if interval not in INTERVALS:
        raise BadFilter("interval", f"unknown interval {interval!r} (use {', '.join(INTERVALS)})")


def check_split(by: str) -> None:
    if by not in SPLITS:
        raise BadFilter("split", f"unknown split {by!r} (use disease or partner)")


def period_label(interval: str, key: int) -> str:
    """`2024-04`, `2024-Q2`, `2024`, or `FY2024-25` (April 2024 to March 2025)."""
    if interval == "month":
        return f"{key // 100}-{key % 100:02d}"
    if interval == "quarter":
        return f"{key // 10}-Q{key % 10}"
    if interval == "fy":
        return f"FY{key}-{(key + 1) % 100:02d}"
    return str(key)

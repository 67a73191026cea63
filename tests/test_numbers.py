"""Indian number formats."""

import pytest

from dashboard.numbers import change, compact, indian


@pytest.mark.parametrize(
    "number, text", [(0, "0"), (999, "999"), (1234567, "12,34,567"), (123456789, "12,34,56,789")]
)
def test_indian_grouping(number, text):
    assert indian(number) == text


@pytest.mark.parametrize(
    "number, text", [(999, "999"), (12345, "12.3K"), (1234567, "12.3L"), (123456789, "12.3Cr")]
)
def test_compact_lakh_and_crore(number, text):
    assert compact(number) == text


@pytest.mark.parametrize(
    "now, before, text",
    [
        (112, 100, "▲ 12%"),
        (97, 100, "▼ 3%"),
        (100, 100, "= 0%"),
        (5, 0, "new"),
        (0, 0, "no change"),
    ],
)
def test_change(now, before, text):
    assert change(now, before) == text

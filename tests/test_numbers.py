"""Indian number formats."""

import numpy as np
import pytest
from babel.numbers import format_decimal

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


def test_whole_numbers_are_grouped_as_babel_groups_them():
    rng = np.random.default_rng(3)
    values = [0, 7, -7, 999, 1000, -1000, 99_999, 100_000, 10**12, -(10**15) - 1]
    values += [int(v) for v in rng.integers(-(10**13), 10**13, 2000)]
    values += [int(10 ** rng.uniform(0, 12)) for _ in range(2000)]
    for value in values:
        assert indian(value) == format_decimal(value, locale="en_IN"), value
    assert indian(np.int64(1234567)) == "12,34,567"

"""Indian number formats."""

import numpy as np
import pytest
from babel.numbers import format_decimal

from dashboard.numbers import change, compact, indian, tick_label, ticks
from dashboard.vocabulary.language import speaking


@pytest.mark.parametrize(
    "number, text", [(0, "0"), (999, "999"), (1234567, "12,34,567"), (123456789, "12,34,56,789")]
)
def test_indian_grouping(number, text):
    assert indian(number) == text


@pytest.mark.parametrize(
    "number, text",
    [
        (999, "999"),
        (15_200, "15,200"),  # full grouping below a lakh, never 15.2K beside 10L
        (99_999, "99,999"),
        (1_00_000, "1L"),
        (10_00_000, "10L"),
        (12_34_567, "12.3L"),
        (99_96_000, "1Cr"),  # not 100L
        (12_34_56_789, "12.3Cr"),
        (-1_50_000, "-1.5L"),
    ],
)
def test_compact_is_grouped_below_a_lakh_then_lakh_and_crore(number, text):
    assert compact(number) == text


@pytest.mark.parametrize(
    "low, high, values, labels",
    [
        (
            0,
            23_943,
            [0, 5_000, 10_000, 15_000, 20_000],
            ["0", "5,000", "10,000", "15,000", "20,000"],
        ),
        (
            0,
            12_34_567,
            [0, 2_50_000, 5_00_000, 7_50_000, 10_00_000],
            ["0", "2.5L", "5L", "7.5L", "10L"],
        ),
        (
            0,
            2_10_000,
            [0, 50_000, 1_00_000, 1_50_000, 2_00_000],
            ["0", "50,000", "1L", "1.5L", "2L"],
        ),
        (0, 3, [0, 1, 2, 3], ["0", "1", "2", "3"]),  # counts: whole ticks only
        (711.6, 712.4, [712], ["712"]),  # a scale over one value shows that value
        (712, 712, [712], ["712"]),
        (0, 0, [0], ["0"]),
    ],
)
def test_ticks_are_round_and_written_in_the_indian_style(low, high, values, labels):
    assert ticks(low, high) == (values, labels)


def test_tick_labels_are_exact_never_k_or_m():
    assert [tick_label(v) for v in (1_25_000, 2_50_00_000, 75_000, 1_02_500)] == [
        "1.25L",
        "2.5Cr",
        "75,000",
        "1.025L",
    ]
    for top in (7, 95, 4_321, 87_654, 3_21_000, 45_67_890, 9_87_65_432):
        values, labels = ticks(0, top)
        assert values[0] == 0 and values[-1] <= top and len(values) >= 3
        assert not any(unit in label for label in labels for unit in "kKM")


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
    for language, name in (("en", "en_IN"), ("hi", "hi_IN")):
        with speaking(language):
            for value in values:
                assert indian(value) == format_decimal(value, locale=name), (language, value)
    assert indian(np.int64(1234567)) == "12,34,567"


@pytest.mark.parametrize(
    "number, english, hindi",
    [
        (12_34_567, "12.3L", "12.3 लाख"),
        (12_34_56_789, "12.3Cr", "12.3 करोड़"),
        (25_688, "25,688", "25,688"),  # international digits, Indian grouping, in both
    ],
)
def test_lakh_and_crore_in_each_language(number, english, hindi):
    assert compact(number) == english
    with speaking("hi"):
        assert compact(number) == hindi
        assert indian(number) == format_decimal(number, locale="hi_IN")
        assert indian(1234567) == "12,34,567"
        assert tick_label(2_50_00_000) == "2.5 करोड़"
        assert change(5, 0) == "नया"

"""Percentiles as the benchmarks report them: one definition for the load test and `make bench`."""

from collections.abc import Sequence


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` of `values` lie, taken from the values themselves
    (no interpolation, rounding up: with ten runs p95 is the slowest, p50 the sixth)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

"""Percentiles as the benchmarks report them: one definition for the load test and `make bench`."""

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest of `values` with at least `share` of them
    at or below it, no interpolation (with 20 runs p95 is the 19th, p50 the 10th)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)] if ordered else 0.0

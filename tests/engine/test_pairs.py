"""The pair helpers against numpy's own answers on data built here."""

import numpy as np
import pytest

from dashboard.engine.pairs import distinct


@pytest.mark.parametrize("size", [0, 1, 2, 1000])
@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.int64])
def test_distinct_gives_the_values_once_ascending(size, dtype):
    values = np.random.default_rng(size).integers(0, 50, size).astype(dtype)
    found = distinct(values)
    assert found.dtype == dtype
    assert found.tolist() == sorted(set(values.tolist()))

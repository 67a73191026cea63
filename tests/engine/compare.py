"""Engine answers against the SQL query layer's, frame for frame."""

import pandas as pd

from dashboard.engine import Engine
from dashboard.engine.backend import IN_MEMORY, EngineBackend
from dashboard.queries.backend import SqlBackend
from dashboard.store.database import Store
from dashboard.vocabulary.filters import Filters

VIEW_OPTIONS = {
    "trend": [{"interval": i} for i in ("month", "quarter", "year", "fy")],
    "split": [{"interval": i, "by": b} for i in ("month", "fy") for b in ("disease", "partner")],
}


def assert_same(expected, got, label: str) -> None:
    if isinstance(expected, dict):
        assert expected.keys() == got.keys(), label
        for key in expected:
            assert_same(expected[key], got[key], f"{label}.{key}")
        return
    if not isinstance(expected, pd.DataFrame):
        assert got == expected, label
        return
    assert list(got.columns) == list(expected.columns), label
    if expected.empty:
        assert got.empty, label
        return
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), obj=label, check_exact=False
    )


def assert_every_view_equal(store: Store, engine: Engine, filters: Filters) -> None:
    sql = SqlBackend(store)
    from_memory = EngineBackend(lambda: engine, sql)
    for name in IN_MEMORY:
        for options in VIEW_OPTIONS.get(name, [{}]):
            expected = getattr(sql, name)(filters, **options)
            got = getattr(from_memory, name)(filters, **options)
            assert_same(expected, got, f"{name}{options} {filters}")

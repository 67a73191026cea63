"""The metrics as SQL aggregates over the selected attendances.

Every distinct count is a true COUNT(DISTINCT ...) over the selection, computed
per group in the database: never a sum of per-group distinct counts.
"""

from sqlalchemy import ColumnElement, Select, distinct, func, select

from dashboard.queries.conditions import conditions
from dashboard.store.database import Store
from dashboard.store.schema import attendance_fact
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import METRICS, TABLE

fact = attendance_fact.c


def metric_columns() -> list[ColumnElement[int]]:
    """One labelled aggregate per metric, in the order of METRICS: the rows, or the
    distinct values of the column the metric counts."""
    return [
        (func.count(distinct(fact[m.distinct])) if m.distinct else func.count()).label(m.name)
        for m in TABLE
    ]


def selected(filters: Filters, *columns: ColumnElement) -> Select:
    """SELECT columns FROM the filtered attendances."""
    return select(*columns).select_from(attendance_fact).where(*conditions(filters))


def summary(store: Store, filters: Filters) -> dict[str, int]:
    """Every metric over the whole selection."""
    row = store.read(selected(filters, *metric_columns())).iloc[0]
    return {name: int(row[name]) for name in METRICS}

"""The metrics of CONTRACT section 5 as SQL aggregates over the selected attendances.

Every distinct count is a true COUNT(DISTINCT ...) over the selection, computed
per group in the database: never a sum of per-group distinct counts.
"""

import pandas as pd
from sqlalchemy import ColumnElement, Select, distinct, func, select

from dashboard.queries.filters import BadFilter, Filters, conditions
from dashboard.store.database import Store
from dashboard.store.schema import attendance_fact

fact = attendance_fact.c

METRICS = (
    "attendances",
    "participants",
    "sessions",
    "programs",
    "hubs",
    "districts_reached",
    "states_reached",
    "disease_areas",
)


def only(frame: pd.DataFrame, metrics: tuple[str, ...]) -> pd.DataFrame:
    """The frame with attendances and `metrics` of its metric columns, every other column
    kept: what a chart of one metric needs. Breakdowns take `metrics=` because counting
    distinct participants per group is most of their cost at scale; attendances always
    come along, since rows are kept and ranked by them."""
    check_metrics(metrics)
    wanted = {"attendances", *metrics}
    return frame[[c for c in frame.columns if c not in METRICS or c in wanted]]


def check_metrics(metrics: tuple[str, ...]) -> None:
    """Refuse a metric name that CONTRACT section 5 does not define."""
    unknown = [m for m in metrics if m not in METRICS]
    if unknown:
        raise BadFilter("metrics", f"unknown metric {unknown[0]!r} (use {', '.join(METRICS)})")


def metric_columns() -> list[ColumnElement[int]]:
    """One labelled aggregate per metric, in the order of METRICS."""
    return [
        func.count().label("attendances"),
        func.count(distinct(fact.participant_id)).label("participants"),
        func.count(distinct(fact.session_id)).label("sessions"),
        func.count(distinct(fact.program_id)).label("programs"),
        func.count(distinct(fact.hub_id)).label("hubs"),
        func.count(distinct(fact.district_id)).label("districts_reached"),
        func.count(distinct(fact.state_code)).label("states_reached"),
        func.count(distinct(fact.disease_area_id)).label("disease_areas"),
    ]


def selected(filters: Filters, *columns: ColumnElement) -> Select:
    """SELECT columns FROM the filtered attendances."""
    return select(*columns).select_from(attendance_fact).where(*conditions(filters))


def summary(store: Store, filters: Filters) -> dict[str, int]:
    """Every metric over the whole selection."""
    row = store.read(selected(filters, *metric_columns())).iloc[0]
    return {name: int(row[name]) for name in METRICS}

"""The metrics of CONTRACT section 5 as SQL aggregates over the selected attendances.

Every distinct count is a true COUNT(DISTINCT ...) over the selection, computed
per group in the database: never a sum of per-group distinct counts.
"""

from sqlalchemy import ColumnElement, Select, distinct, func, select

from dashboard.queries.filters import Filters, conditions
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

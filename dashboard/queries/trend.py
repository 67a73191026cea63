"""Sessions, attendances and participants per period (month, quarter, year, Indian FY)."""

import pandas as pd
from sqlalchemy import case, distinct, func, select

from dashboard.queries.filters import BadFilter, Filters, conditions
from dashboard.queries.metrics import selected
from dashboard.store.database import Store
from dashboard.store.schema import attendance_fact, disease_area, partner

fact = attendance_fact.c
YEAR = fact.month // 100
MONTH = fact.month % 100

PERIOD_KEYS = {
    "month": fact.month,
    "quarter": YEAR * 10 + (MONTH + 2) // 3,
    "year": YEAR,
    "fy": YEAR - case((MONTH < 4, 1), else_=0),
}


def period_label(interval: str, key: int) -> str:
    """`2024-04`, `2024-Q2`, `2024`, or `FY2024-25` (April 2024 to March 2025)."""
    if interval == "month":
        return f"{key // 100}-{key % 100:02d}"
    if interval == "quarter":
        return f"{key // 10}-Q{key % 10}"
    if interval == "fy":
        return f"FY{key}-{(key + 1) % 100:02d}"
    return str(key)


def trend(store: Store, filters: Filters, interval: str = "month") -> pd.DataFrame:
    """Columns: period, sessions, attendances, participants; oldest period first."""
    if interval not in PERIOD_KEYS:
        raise BadFilter("interval", f"unknown interval {interval!r} (use {', '.join(PERIOD_KEYS)})")
    key = PERIOD_KEYS[interval].label("period_key")
    query = (
        selected(
            filters,
            key,
            func.count(distinct(fact.session_id)).label("sessions"),
            func.count().label("attendances"),
            func.count(distinct(fact.participant_id)).label("participants"),
        )
        .group_by(key)
        .order_by(key)
    )
    frame = store.read(query)
    frame.insert(0, "period", [period_label(interval, int(k)) for k in frame.pop("period_key")])
    return frame.astype({"sessions": int, "attendances": int, "participants": int})


def attendance_split(
    store: Store, filters: Filters, interval: str = "month", by: str = "disease"
) -> pd.DataFrame:
    """Attendances per period and disease area or partner: period, group, attendances.

    Only attendances are split: they add up across groups, distinct counts do not. Each
    attendance is in one group, so a period's groups add up to its attendances: a
    programme's disease area, or the partner hosting its hub (not each of its partners,
    which would count an attendance once per partner).
    """
    if interval not in PERIOD_KEYS:
        raise BadFilter("interval", f"unknown interval {interval!r} (use {', '.join(PERIOD_KEYS)})")
    key = PERIOD_KEYS[interval].label("period_key")
    if by == "disease":
        group = disease_area.c.name.label("group")
        source = attendance_fact.join(disease_area, disease_area.c.id == fact.disease_area_id)
    elif by == "partner":
        group = partner.c.name.label("group")
        source = attendance_fact.join(partner, partner.c.id == fact.host_partner_id)
    else:
        raise BadFilter("split", f"unknown split {by!r} (use disease or partner)")
    query = (
        select(key, group, func.count().label("attendances"))
        .select_from(source)
        .where(*conditions(filters))
        .group_by(key, group)
        .order_by(key, group)
    )
    frame = store.read(query)
    frame.insert(0, "period", [period_label(interval, int(k)) for k in frame.pop("period_key")])
    return frame

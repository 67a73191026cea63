"""Sessions, attendances and participants per period (month, quarter, year, Indian FY)."""

import pandas as pd
from sqlalchemy import case, distinct, func, select

from dashboard.queries.conditions import conditions
from dashboard.queries.metrics import selected
from dashboard.store.database import Store
from dashboard.store.schema import attendance_fact, disease_area, partner
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.periods import check_interval, check_split, period_label

fact = attendance_fact.c
YEAR = fact.month // 100
MONTH = fact.month % 100

PERIOD_KEYS = {  # each interval's key as SQL (see vocabulary.periods)
    "month": fact.month,
    "quarter": YEAR * 10 + (MONTH + 2) // 3,
    "year": YEAR,
    "fy": YEAR - case((MONTH < 4, 1), else_=0),
}


def trend(store: Store, filters: Filters, interval: str = "month") -> pd.DataFrame:
    """Columns: period, sessions, attendances, participants; oldest period first."""
    check_interval(interval)
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
    check_interval(interval)
    check_split(by)
    key = PERIOD_KEYS[interval].label("period_key")
    if by == "disease":
        group = disease_area.c.name.label("group")
        source = attendance_fact.join(disease_area, disease_area.c.id == fact.disease_area_id)
    else:
        group = partner.c.name.label("group")
        source = attendance_fact.join(partner, partner.c.id == fact.host_partner_id)
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

"""Lists of sessions: the ones held in a month, the latest ones."""

import pandas as pd
from sqlalchemy import func, select

from dashboard.queries.metrics import selected
from dashboard.store.database import Store
from dashboard.store.schema import attendance_fact, disease_area, hub, program, session
from dashboard.vocabulary.filters import Filters

fact = attendance_fact.c


def sessions_of_month(store: Store, filters: Filters, month: int) -> pd.DataFrame:
    """Sessions in the selection held in `month` (YYYYMM), with their attendances."""
    return _listed(store, filters, fact.month == month, session.c.held_on.asc(), limit=500)


def latest_sessions(store: Store, filters: Filters, count: int = 10) -> pd.DataFrame:
    return _listed(store, filters, None, session.c.held_on.desc(), limit=count)


def _listed(store: Store, filters: Filters, extra, order, limit: int) -> pd.DataFrame:
    per_session = selected(filters, fact.session_id, func.count().label("attendances"))
    if extra is not None:
        per_session = per_session.where(extra)
    sub = per_session.group_by(fact.session_id).subquery()
    query = (
        select(
            session.c.session_code,
            session.c.held_on,
            program.c.program_code,
            program.c.name.label("programme"),
            hub.c.name.label("hub"),
            disease_area.c.name.label("disease_area"),
            sub.c.attendances,
        )
        .join(sub, sub.c.session_id == session.c.id)
        .join(program, program.c.id == session.c.program_id)
        .join(hub, hub.c.id == program.c.hub_id)
        .join(disease_area, disease_area.c.id == program.c.disease_area_id)
        .order_by(order, session.c.session_code)
        .limit(limit)
    )
    return store.read(query)

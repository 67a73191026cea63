"""Retention per programme (docs/metrics.md).

Of a programme's participants in the selection, the share who attended at least
80% of all the programme's sessions in the store; sessions nobody attended count
as held. Attendance is counted over the whole store, not only the selection; as of a
day (`up_to`, for what needs attention on past data) the store ends that day.
"""

from datetime import date

import pandas as pd
from sqlalchemy import case, func, select

from dashboard.queries.conditions import conditions
from dashboard.store.database import Store
from dashboard.store.schema import attendance_fact, session
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import RETAINED_SHARE

fact = attendance_fact.c


def program_retention(store: Store, filters: Filters, up_to: date | None = None) -> pd.DataFrame:
    """Columns: program_id, participants (of the selection), retention (0..1); with `up_to`,
    in the store as it was at the end of that day."""
    ended = [fact.held_on <= up_to] if up_to else []
    chosen = (
        select(fact.program_id, fact.participant_id)
        .where(*conditions(filters), *ended)
        .distinct()
        .subquery("chosen")
    )
    attended = (
        select(fact.program_id, fact.participant_id, func.count().label("attended"))
        .join(
            chosen,
            (chosen.c.program_id == fact.program_id)
            & (chosen.c.participant_id == fact.participant_id),
        )
        .where(*ended)
        .group_by(fact.program_id, fact.participant_id)
        .subquery("attended")
    )
    held = (
        select(session.c.program_id, func.count().label("held"))
        .where(*([session.c.held_on <= up_to] if up_to else []))
        .group_by(session.c.program_id)
        .subquery("held")
    )
    numerator, denominator = RETAINED_SHARE
    retained = case((attended.c.attended * denominator >= held.c.held * numerator, 1.0), else_=0.0)
    query = (
        select(
            attended.c.program_id,
            func.count().label("participants"),
            func.avg(retained).label("retention"),
        )
        .join(held, held.c.program_id == attended.c.program_id)
        .group_by(attended.c.program_id)
    )
    frame = store.read(query)
    frame["retention"] = frame["retention"].astype(float)
    return frame

"""The store's answers the attention rules need beyond the breakdowns (docs/metrics.md,
"What needs attention"): each hub's last session and running programmes, retention as of a
day, and how many of a cohort came back. Each is as of a day: the store ends that day.
"""

from datetime import date

import pandas as pd
from sqlalchemy import case, func, select

from dashboard.backend import hubs_running
from dashboard.queries.conditions import conditions
from dashboard.queries.retention import program_retention
from dashboard.store.database import Store
from dashboard.store.schema import attendance_fact, hub, program
from dashboard.vocabulary.filters import Filters

fact = attendance_fact.c


def hub_silence(store: Store, filters: Filters, as_of: date) -> pd.DataFrame:
    """Hubs of the selection with a programme running on `as_of`: hub_code, hub,
    last_session (the selection's latest session up to `as_of`) and running_since (the
    earliest start of those running programmes). A programme is the selection's when it
    has an attendance in it up to `as_of`."""
    per_program = (
        select(fact.hub_id, fact.program_id, func.max(fact.held_on).label("last_session"))
        .where(*conditions(filters), fact.held_on <= as_of)
        .group_by(fact.hub_id, fact.program_id)
        .subquery("per_program")
    )
    query = (
        select(
            hub.c.hub_code,
            hub.c.name.label("hub"),
            per_program.c.last_session,
            program.c.start_date,
            program.c.end_date,
        )
        .join(per_program, per_program.c.hub_id == hub.c.id)
        .join(program, program.c.id == per_program.c.program_id)
    )
    return hubs_running(store.read(query), as_of)


def retention_as_of(store: Store, filters: Filters, as_of: date) -> pd.DataFrame:
    """Per programme of the selection up to `as_of`: program_code, name, participants,
    retention (the metric, in the store as it was at the end of `as_of`)."""
    retention = program_retention(store, filters, up_to=as_of)
    codes = store.read(
        select(program.c.id.label("program_id"), program.c.program_code, program.c.name)
    )
    joined = codes.merge(retention, on="program_id").drop(columns="program_id")
    return joined.sort_values("program_code", ignore_index=True)


def cohorts(store: Store, filters: Filters, first: date, last: date, as_of: date) -> pd.DataFrame:
    """Per programme (program_code, name), the selection's participants who first attended
    it from `first` to `last` (cohort) and how many of them attended it once up to `as_of`
    (once)."""
    per_person = (
        select(
            fact.program_id,
            func.min(fact.held_on).label("first_seen"),
            func.count().label("attended"),
        )
        .where(*conditions(filters), fact.held_on <= as_of)
        .group_by(fact.program_id, fact.participant_id)
        .subquery("per_person")
    )
    once = func.sum(case((per_person.c.attended == 1, 1), else_=0))
    query = (
        select(
            program.c.program_code,
            program.c.name,
            func.count().label("cohort"),
            once.label("once"),
        )
        .join(per_person, per_person.c.program_id == program.c.id)
        .where(per_person.c.first_seen.between(first, last))
        .group_by(program.c.program_code, program.c.name)
        .order_by(program.c.program_code)
    )
    return store.read(query).astype({"cohort": int, "once": int})

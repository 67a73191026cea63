"""The store's state for `check`: row counts, date range and the problems worth fixing."""

import pandas as pd
from sqlalchemy import and_, func, select

from dashboard.store.database import Store
from dashboard.store.schema import (
    attendance,
    attendance_fact,
    disease_area,
    district,
    hub,
    metadata,
    participant,
    partner,
    program,
    program_partner,
    session,
)
from dashboard.vocabulary.language import N_

COUNTED_TABLES = (
    "state",
    "district",
    "partner",
    "hub",
    "disease_area",
    "program",
    "program_partner",
    "session",
    "participant",
    "attendance",
    "attendance_fact",
)


def row_counts(store: Store) -> dict[str, int]:
    counts = {}
    for name in COUNTED_TABLES:
        table = metadata.tables[name]
        counts[name] = int(store.scalar(select(func.count()).select_from(table)))
    return counts


def session_dates(store: Store) -> tuple:
    frame = store.read(select(func.min(session.c.held_on), func.max(session.c.held_on)))
    return tuple(frame.iloc[0])


ORPHANS = {  # finding -> (child table, its reference, parent table, the parent's key)
    N_("attendance without session"): (attendance, attendance.c.session_id, session, session.c.id),
    N_("attendance without participant"): (
        attendance, attendance.c.participant_id, participant, participant.c.id
    ),
    N_("sessions without programme"): (session, session.c.program_id, program, program.c.id),
    N_("programmes without hub"): (program, program.c.hub_id, hub, hub.c.id),
    N_("programmes without disease area"): (
        program, program.c.disease_area_id, disease_area, disease_area.c.id
    ),
    N_("programme partners without partner"): (
        program_partner, program_partner.c.partner_id, partner, partner.c.id
    ),
    N_("hubs without host partner"): (hub, hub.c.host_partner_id, partner, partner.c.id),
    N_("hubs without district"): (hub, hub.c.district_id, district, district.c.id),
    N_("participants without district"): (
        participant, participant.c.district_id, district, district.c.id
    ),
}  # fmt: skip


def _orphans(child, column, parent, parent_column, *shown):
    """Rows of `child` whose reference finds no parent: counted, or `shown` columns."""
    return (
        select(*shown or (func.count(),))
        .select_from(child.outerjoin(parent, column == parent_column))
        .where(parent_column.is_(None))
    )


def orphan_counts(store: Store) -> dict[str, int]:
    """References to rows that do not exist (possible when foreign keys were off)."""
    return {name: int(store.scalar(_orphans(*found))) for name, found in ORPHANS.items()}


def orphan_rows(store: Store, name: str, limit: int) -> pd.DataFrame:
    """The first `limit` rows of one finding of `orphan_counts`, every column of the child."""
    child, *_ = found = ORPHANS[name]
    return store.read(_orphans(*found, *child.columns).limit(limit))


def programs_without_sessions(store: Store) -> list[str]:
    query = (
        select(program.c.program_code)
        .outerjoin(session, session.c.program_id == program.c.id)
        .where(session.c.id.is_(None))
        .order_by(program.c.program_code)
    )
    return list(store.read(query).program_code)


def _outside_dates(*shown):
    return (
        select(*shown)
        .select_from(session.join(program, program.c.id == session.c.program_id))
        .where(
            (session.c.held_on < program.c.start_date)
            | and_(program.c.end_date.is_not(None), session.c.held_on > program.c.end_date)
        )
    )


def sessions_outside_programme_dates(store: Store) -> int:
    return int(store.scalar(_outside_dates(func.count())))


def sessions_outside_programme_rows(store: Store, limit: int) -> pd.DataFrame:
    """The first `limit` sessions held outside their programme's dates, with those dates."""
    shown = (
        session.c.session_code,
        session.c.held_on,
        program.c.program_code,
        program.c.start_date,
        program.c.end_date,
    )
    return store.read(_outside_dates(*shown).order_by(session.c.session_code).limit(limit))


def hub_locations(store: Store) -> pd.DataFrame:
    query = select(hub.c.hub_code, district.c.district_code, hub.c.latitude, hub.c.longitude).join(
        district, district.c.id == hub.c.district_id
    )
    return store.read(query)


def read_model_lag(store: Store) -> int:
    """Attendances missing from (or extra in) the read model the dashboard reads."""
    base = store.scalar(select(func.count()).select_from(attendance))
    facts = store.scalar(select(func.count()).select_from(attendance_fact))
    return int(base) - int(facts)

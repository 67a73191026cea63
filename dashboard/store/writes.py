"""Writes shared by `migrate`, `demo` and `import`: upserts, the read model, the data version."""

from collections.abc import Iterable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Table, delete, extract, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from dashboard.store.schema import (
    attendance,
    attendance_fact,
    data_version,
    district,
    hub,
    participant,
    program,
    session,
)


def upsert(conn: Connection, table: Table, rows: pd.DataFrame, key: str) -> None:
    """Insert rows, updating those whose `key` already exists (idempotent by code)."""
    if rows.empty:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    records = rows.astype(object).where(rows.notna(), None).to_dict("records")
    statement = dialect.insert(table)
    changes = {c: statement.excluded[c] for c in rows.columns if c != key}
    if changes:
        statement = statement.on_conflict_do_update(index_elements=[key], set_=changes)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=[key])
    conn.execute(statement, records)


def refresh_read_model(conn: Connection) -> None:
    """Rebuild `attendance_fact` from the base tables and bump the data version.

    Runs inside the writer's transaction: readers see the old facts or the new,
    never a mix, and caches keyed by the data version turn over with it.
    """
    conn.execute(delete(attendance_fact))
    facts = (
        select(
            attendance.c.session_id,
            attendance.c.participant_id,
            session.c.program_id,
            program.c.hub_id,
            hub.c.host_partner_id,
            program.c.disease_area_id,
            program.c.sector,
            session.c.held_on,
            (extract("year", session.c.held_on) * 100 + extract("month", session.c.held_on)),
            participant.c.district_id,
            district.c.state_code,
            participant.c.cadre,
        )
        .join(session, session.c.id == attendance.c.session_id)
        .join(program, program.c.id == session.c.program_id)
        .join(hub, hub.c.id == program.c.hub_id)
        .join(participant, participant.c.id == attendance.c.participant_id)
        .join(district, district.c.id == participant.c.district_id)
    )
    conn.execute(insert(attendance_fact).from_select(list(attendance_fact.c.keys()), facts))
    bump_data_version(conn)


def bump_data_version(conn: Connection) -> None:
    now = datetime.now(UTC)
    changed = conn.execute(
        update(data_version).values(version=data_version.c.version + 1, written_at=now)
    )
    if changed.rowcount == 0:
        conn.execute(insert(data_version).values(id=1, version=1, written_at=now))


def reset_sequences(conn: Connection, tables: Iterable[Table]) -> None:
    """After rows written with explicit ids, point PostgreSQL's sequences past them so
    later inserts can take new ids."""
    for table in tables:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE(MAX(id), 0) + 1, false) FROM {table.name}"
            )
        )

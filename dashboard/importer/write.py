"""The one transaction of an import: upserts by code, attendance, then the read model.

Everything happens on one connection inside one transaction (on SQLite taken
with BEGIN IMMEDIATE, on PostgreSQL with the data version locked: no other writer
can slip in between, nor a second import rebuild beside this one), and the read
model is rebuilt inside it: a dashboard reading meanwhile sees the old data
until the commit and the new data after it, never a mix. A killed import
leaves the transaction uncommitted, which both databases roll back.
"""

from collections.abc import Callable

import pandas as pd
from sqlalchemy import Column, Connection, Integer, MetaData, Table, delete, select, text

from dashboard.importer.attendance import AttendanceFile, id_chunks
from dashboard.importer.context import Context
from dashboard.importer.diff import Change, Counts
from dashboard.importer.report import ImportFailed
from dashboard.store.database import Store, chunks
from dashboard.store.schema import (
    disease_area,
    district,
    hub,
    participant,
    partner,
    program,
    program_partner,
    session,
)
from dashboard.store.writes import refresh_read_model, upsert
from dashboard.vocabulary.language import _

UPSERT_ROWS = 20_000
# Tables whose planner statistics an import refreshes (PostgreSQL).
ANALYZED = ("partner", "hub", "program", "session", "participant", "attendance", "attendance_fact")
IN_LIST = 500

staging = Table(
    "import_attendance",
    MetaData(),
    Column("session_id", Integer, nullable=False),
    Column("participant_id", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)
MOVE_ATTENDANCE = text(
    "INSERT INTO attendance (session_id, participant_id) "
    "SELECT session_id, participant_id FROM import_attendance WHERE true "
    "ORDER BY session_id, participant_id ON CONFLICT DO NOTHING"
)


class StoreNotReady(ImportFailed):
    """The store lacks geography the import refers to."""


def write(
    store: Store,
    changes: dict[str, Change],
    attendance: AttendanceFile | None,
    ctx: Context,
    commit: bool,
    advance: Callable[[int], None],
) -> dict[str, Counts]:
    """Apply the changes and the attendance; commit only when `commit` and something
    changed (an import that changes nothing leaves even the data version alone)."""
    counts = {name: c.counts for name, c in changes.items()}
    with store.exclusive_transaction(lambda: commit and _changed(counts)) as conn:
        _entities(conn, changes)
        if attendance is not None:
            counts["attendance"] = _attendance(store, conn, attendance, ctx, advance)
        if commit and _changed(counts):
            refresh_read_model(conn)
    if commit and _changed(counts):
        store.analyze(ANALYZED)
    return counts


def _changed(counts: dict[str, Counts]) -> bool:
    return any(c.inserted or c.updated for c in counts.values())


def _entities(conn: Connection, changes: dict[str, Change]) -> None:
    if "partners" in changes:
        _upsert(conn, partner, changes["partners"].rows, "partner_code")
    if "hubs" in changes:
        _hubs(conn, changes["hubs"].rows)
    if "programs" in changes:
        _programs(conn, changes["programs"].rows)
    if "sessions" in changes:
        rows = changes["sessions"].rows
        rows = _with_ids(conn, rows, "program_code", program, "program_id")
        _upsert(conn, session, rows, "session_code")
    if "participants" in changes:
        rows = _with_ids(
            conn, changes["participants"].rows, "district_code", district, "district_id"
        )
        _upsert(conn, participant, rows, "participant_code")


def _hubs(conn: Connection, rows: pd.DataFrame) -> None:
    rows = _with_ids(conn, rows, "host_partner_code", partner, "host_partner_id", "partner_code")
    rows = _with_ids(conn, rows, "district_code", district, "district_id")
    _upsert(conn, hub, rows, "hub_code")


def _programs(conn: Connection, rows: pd.DataFrame) -> None:
    if rows.empty:
        return
    names = pd.DataFrame({"name": rows["disease_area"].unique()})
    _upsert(conn, disease_area, names, "name")
    rows = _with_ids(conn, rows, "hub_code", hub, "hub_id")
    rows = _with_ids(conn, rows, "disease_area", disease_area, "disease_area_id", "name")
    _upsert(conn, program, rows.drop(columns="partner_codes", errors="ignore"), "program_code")
    if "partner_codes" in rows:
        _partner_links(conn, rows)


def _partner_links(conn: Connection, rows: pd.DataFrame) -> None:
    """Each written programme's partners become exactly the listed ones."""
    program_ids = _code_ids(conn, program, "program_code")
    partner_ids = _code_ids(conn, partner, "partner_code")
    ids = [program_ids[code] for code in rows["program_code"]]
    for some in chunks(ids, IN_LIST):
        conn.execute(delete(program_partner).where(program_partner.c.program_id.in_(some)))
    links = [
        {"program_id": program_ids[code], "partner_id": partner_ids[listed]}
        for code, codes in zip(rows["program_code"], rows["partner_codes"], strict=True)
        for listed in filter(None, codes.split(";"))
    ]
    if links:
        conn.execute(program_partner.insert(), links)


def _with_ids(
    conn: Connection,
    rows: pd.DataFrame,
    column: str,
    table: Table,
    id_column: str,
    code: str | None = None,
) -> pd.DataFrame:
    """Replace a code column by the ids its codes have in the store."""
    ids = rows[column].map(_code_ids(conn, table, code or column))
    if ids.isna().any():
        missing = sorted(set(rows.loc[ids.isna(), column]))[:5]
        not_ready = _(
            "the store has no {table} {codes}: run `python -m dashboard migrate` and retry"
        )
        raise StoreNotReady(not_ready.format(table=table.name, codes=", ".join(missing)))
    return rows.drop(columns=column).assign(**{id_column: ids.astype("int64")})


def _code_ids(conn: Connection, table: Table, code: str) -> dict[str, int]:
    return dict(conn.execute(select(table.c[code], table.c.id)).all())


def _upsert(conn: Connection, table: Table, rows: pd.DataFrame, key: str) -> None:
    for start in range(0, len(rows), UPSERT_ROWS):
        upsert(conn, table, rows.iloc[start : start + UPSERT_ROWS], key)


def _attendance(
    store: Store,
    conn: Connection,
    found: AttendanceFile,
    ctx: Context,
    advance: Callable[[int], None],
) -> Counts:
    """Stage each chunk of ids, then move it in; a pair already present stays as it is."""
    session_ids = _code_ids(conn, session, "session_code")
    participant_ids = _code_ids(conn, participant, "participant_code")
    staging.create(conn)
    inserted, done = 0, 0
    for frame, position in id_chunks(found, ctx, session_ids, participant_ids):
        store.insert_rows(conn, staging, frame)
        inserted += conn.execute(MOVE_ATTENDANCE).rowcount
        conn.execute(delete(staging))
        advance(position - done)
        done = position
    staging.drop(conn)
    return Counts(inserted=inserted, unchanged=found.rows - inserted)

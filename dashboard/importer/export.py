"""`python -m dashboard export DIR`: the store written out as the six import files.

Importing the folder into an empty migrated store gives the same numbers:
codes are kept, states are LGD codes, districts their LGD code where they have
one and the project's district_code where not, dates are ISO.

The files are for importing again, not for a spreadsheet, which would run a
name such as `=HYPERLINK(...)` as a formula. `for_spreadsheet` writes files to
open in one instead: such cells start with a quote, as the dashboard's CSV
downloads do (dashboard/tabular.py), and so no longer import as they were.
"""

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Select, String, cast, func, select
from tqdm import tqdm

from dashboard.importer.columns import BY_NAME
from dashboard.importer.templates import prepare, write_csv
from dashboard.store.database import Store
from dashboard.store.schema import (
    attendance,
    disease_area,
    district,
    hub,
    participant,
    partner,
    program,
    program_partner,
    session,
)
from dashboard.tabular import neutralise

STREAM_ROWS = 50_000
_district_value = func.coalesce(cast(district.c.lgd_code, String), district.c.district_code)


def export_store(
    store: Store, folder: Path, progress: bool = False, for_spreadsheet: bool = False
) -> dict[str, int]:
    """Write every import file into `folder`; return the rows written per file."""
    prepare(folder)
    counts = {}
    with store.engine.connect() as conn, conn.begin():
        links = _partner_codes(conn)
        for name, query in _queries().items():
            rows = _rows(conn, query, links if name == "programs" else None, for_spreadsheet)
            bar = tqdm(
                rows,
                desc=f"writing {name}.csv",
                disable=not progress,
                file=sys.stderr,
                unit=" rows",
                leave=False,
                delay=1.0,
            )
            counts[name] = write_csv(folder / f"{name}.csv", BY_NAME[name].columns, bar)
    return counts


def _queries() -> dict[str, Select]:
    return {
        "partners": select(partner.c.partner_code, partner.c.name, partner.c.kind).order_by(
            partner.c.partner_code
        ),
        "hubs": select(
            hub.c.hub_code,
            hub.c.name,
            partner.c.partner_code,
            district.c.state_code,
            _district_value,
            hub.c.latitude,
            hub.c.longitude,
            hub.c.launched_on,
        )
        .join(partner, partner.c.id == hub.c.host_partner_id)
        .join(district, district.c.id == hub.c.district_id)
        .order_by(hub.c.hub_code),
        "programs": select(
            program.c.program_code,
            program.c.name,
            hub.c.hub_code,
            disease_area.c.name,
            program.c.sector,
            program.c.id,
            program.c.start_date,
            program.c.end_date,
        )
        .join(hub, hub.c.id == program.c.hub_id)
        .join(disease_area, disease_area.c.id == program.c.disease_area_id)
        .order_by(program.c.program_code),
        "sessions": select(
            session.c.session_code,
            program.c.program_code,
            session.c.held_on,
            session.c.duration_minutes,
        )
        .join(program, program.c.id == session.c.program_id)
        .order_by(session.c.session_code),
        "participants": select(
            participant.c.participant_code,
            participant.c.cadre,
            district.c.state_code,
            _district_value,
        )
        .join(district, district.c.id == participant.c.district_id)
        .order_by(participant.c.participant_code),
        "attendance": select(session.c.session_code, participant.c.participant_code)
        .select_from(attendance)
        .join(session, session.c.id == attendance.c.session_id)
        .join(participant, participant.c.id == attendance.c.participant_id)
        .order_by(attendance.c.session_id, attendance.c.participant_id),
    }


def _partner_codes(conn: Connection) -> dict[int, str]:
    """program id -> its partners' codes, sorted and `;`-joined."""
    found: dict[int, list[str]] = {}
    query = select(program_partner.c.program_id, partner.c.partner_code).join(
        partner, partner.c.id == program_partner.c.partner_id
    )
    for program_id, code in conn.execute(query):
        found.setdefault(program_id, []).append(code)
    return {program_id: ";".join(sorted(codes)) for program_id, codes in found.items()}


def _rows(
    conn: Connection, query: Select, links: dict[int, str] | None, for_spreadsheet: bool
) -> Iterator[list[str]]:
    """Each row as text; for a spreadsheet, text it would run as a formula neutralised
    (numbers such as a longitude of -0.13 are not text, and stay as they are)."""
    result = conn.execution_options(yield_per=STREAM_ROWS).execute(query)
    for row in result:
        values = list(row)
        if links is not None:
            values[5] = links.get(values[5], "")
        if for_spreadsheet:
            values = [neutralise(value) for value in values]
        yield [_text(value) for value in values]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)

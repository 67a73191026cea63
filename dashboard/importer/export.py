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

from sqlalchemy import Select, String, cast, func, select
from tqdm import tqdm

from dashboard.importer.columns import BY_NAME
from dashboard.importer.templates import prepare, write_csv
from dashboard.store import dimensions
from dashboard.store.database import Store
from dashboard.store.schema import (
    attendance,
    district,
    hub,
    participant,
    partner,
    program,
    session,
)
from dashboard.store.snapshot import Snapshot
from dashboard.tabular import neutralise

STREAM_ROWS = 50_000
_district_value = func.coalesce(cast(district.c.lgd_code, String), district.c.district_code)


def export_store(
    store: Store, folder: Path, progress: bool = False, for_spreadsheet: bool = False
) -> dict[str, int]:
    """Write every import file into `folder`; return the rows written per file."""
    prepare(folder)
    counts = {}
    with store.snapshot() as snap:
        links = dimensions.partner_codes(snap.frame(dimensions.program_partners(False)))
        for name, query in _queries().items():
            by_program = links.to_dict() if name == "programs" else None
            rows = _rows(snap, query, by_program, for_spreadsheet)
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
        "hubs": dimensions.hubs(
            "hub_code",
            "name",
            "host_partner_code",
            "state_code",
            _district_value,
            "latitude",
            "longitude",
            "launched_on",
        ).order_by(hub.c.hub_code),
        "programs": dimensions.programs(
            "program_code",
            "name",
            "hub_code",
            "disease_area",
            "sector",
            "id",  # becomes the partner codes
            "start_date",
            "end_date",
        ).order_by(program.c.program_code),
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


def _rows(
    snap: Snapshot, query: Select, links: dict[int, str] | None, for_spreadsheet: bool
) -> Iterator[list[str]]:
    """Each row as text; for a spreadsheet, text it would run as a formula neutralised
    (numbers such as a longitude of -0.13 are not text, and stay as they are)."""
    for row in snap.rows(query, STREAM_ROWS):
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

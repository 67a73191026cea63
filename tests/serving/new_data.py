"""An import in miniature: one new session with its attendances, written as the importer writes.

The rows go into the base tables and `refresh_read_model` rebuilds the read model
and bumps the data version, in one transaction; the World gains the same rows,
so brute-force counts follow.
"""

from datetime import date

import pandas as pd

from dashboard.store.database import Store
from dashboard.store.schema import attendance, session
from dashboard.store.writes import refresh_read_model
from tests.world import World


def add_session(
    store: Store, world: World, program_code: str, held_on: date, participants: list[str]
) -> str:
    """Write one session of `program_code` attended by `participants`; return its code."""
    code = f"{program_code}-N{len(world.sessions)}"
    world.sessions.append({"session_code": code, "program_code": program_code, "held_on": held_on})
    session_id = len(world.sessions)
    program_id = [p["program_code"] for p in world.programs].index(program_code) + 1
    person_ids = {p["participant_code"]: n + 1 for n, p in enumerate(world.participants)}
    row = {
        "id": session_id,
        "session_code": code,
        "program_id": program_id,
        "held_on": held_on,
        "duration_minutes": 60,
    }
    present = pd.DataFrame(
        [(session_id, person_ids[p]) for p in participants],
        columns=["session_id", "participant_id"],
    )
    with store.transaction() as conn:
        store.insert_rows(conn, session, pd.DataFrame([row]))
        store.insert_rows(conn, attendance, present)
        refresh_read_model(conn)
    world.attendance.extend((code, p) for p in participants)
    return code

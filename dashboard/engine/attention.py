"""What needs attention, as of a past day, answered from memory: the store as it was at the
end of that day is a prefix of the rows (they are in date order) and the sessions held by
then. The SQL backend answers the same questions (dashboard.queries.attention); at 10M
attendances it takes tens of seconds for each, here a few passes over the rows."""

from datetime import date

import numpy as np
import pandas as pd

from dashboard.backend import hubs_running
from dashboard.engine.core import Engine
from dashboard.engine.model import Facts, retained
from dashboard.engine.pairs import counts, seen
from dashboard.engine.rows import Rows, between
from dashboard.vocabulary.filters import Filters

EPOCH = date(1970, 1, 1)  # the engine's days count from it


def hub_silence(engine: Engine, filters: Filters, as_of: date) -> pd.DataFrame:
    """As `Backend.hub_silence`: per programme of the selection, its last session up to
    `as_of`, then per hub (dashboard.backend.hubs_running)."""
    facts, day = engine.facts, _day(as_of)
    sessions = engine.selection(filters).sessions
    sessions = sessions[facts.session_day[sessions] <= day]
    last = np.full(len(facts.program_hub), -1, dtype=np.int64)
    np.maximum.at(last, facts.session_program[sessions], facts.session_day[sessions])
    programs = engine.dims.programs
    last = last[programs["id"].to_numpy()]
    held = last >= 0
    chosen = programs.loc[held, ["hub_code", "hub", "start_date", "end_date"]]
    chosen.insert(2, "last_session", pd.to_datetime(last[held], unit="D"))
    return hubs_running(chosen, as_of)


def retention_as_of(engine: Engine, filters: Filters, as_of: date) -> pd.DataFrame:
    """As `Backend.retention_as_of`: the selection's participants of each programme up to
    `as_of`, each retained by all their attendances of it and its sessions held by then."""
    facts, pairs, day = engine.facts, engine.pairs, _day(as_of)
    end = _rows_through(facts, day)
    size = len(pairs.program.group)
    chosen = np.flatnonzero(seen(_selected(engine, filters, 0, end).take(pairs.program_row), size))
    attended = np.bincount(pairs.program_row[:end], minlength=size)[chosen]
    n = len(facts.program_hub)
    held = counts(facts.session_program[facts.session_day <= day], n)
    program = pairs.program.group[chosen]
    people = counts(program, n)
    kept = np.bincount(program, weights=retained(attended, held[program]), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = kept / people
    frame = _per_programme(engine, {"participants": people, "retention": share})
    return frame[frame.participants > 0].reset_index(drop=True)


def cohorts(engine: Engine, filters: Filters, first: date, last: date, as_of: date) -> pd.DataFrame:
    """As `Backend.cohorts`: a participant's first attendance of a programme in the
    selection falls from `first` to `last` when they have one then and none before."""
    facts, pairs = engine.facts, engine.pairs
    size = len(pairs.program.group)
    before, start = _rows_through(facts, _day(first) - 1), _rows_through(facts, _day(last))
    end = _rows_through(facts, _day(as_of))
    earlier, within, upto = (
        counts(_selected(engine, filters, *span).take(pairs.program_row), size)
        for span in ((0, min(before, end)), (before, min(start, end)), (0, end))
    )
    cohort = np.flatnonzero((within > 0) & (earlier == 0))
    program = pairs.program.group[cohort]
    n = len(facts.program_hub)
    values = {"cohort": counts(program, n), "once": counts(program[upto[cohort] == 1], n)}
    frame = _per_programme(engine, values)
    return frame[frame.cohort > 0].reset_index(drop=True)


def _day(day: date) -> int:
    return (day - EPOCH).days


def _rows_through(facts: Facts, day: int) -> int:
    """How many rows are of sessions held on or before `day`."""
    found = int(np.searchsorted(facts.day_sessions_day, day, side="right"))
    return int(facts.day_sessions_end[found - 1]) if found else 0


def _selected(engine: Engine, filters: Filters, start: int, stop: int) -> Rows:
    return between(engine.selection(filters).selected, start, stop)


def _per_programme(engine: Engine, values: dict[str, np.ndarray]) -> pd.DataFrame:
    """program_code, name and `values` (each per programme id), in program_code order."""
    programs = engine.dims.programs
    ids = programs["id"].to_numpy()
    frame = programs[["program_code", "name"]].reset_index(drop=True)
    for name, per_id in values.items():
        frame[name] = per_id[ids]
    return frame

"""Filters (docs/metrics.md) as boolean masks over programmes, sessions, participants, rows.

Codes the store does not know match nothing, as in the SQL query layer.
"""

import numpy as np

from dashboard.engine.dims import Dimensions
from dashboard.engine.model import Facts
from dashboard.engine.rows import Rows, spans
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.kinds import SECTORS


def _ids(lookup: dict, values: tuple) -> list[int]:
    return [int(lookup[v]) for v in values if v in lookup]


def _member(values: np.ndarray, wanted: list[int], size: int) -> np.ndarray:
    allowed = np.zeros(size, dtype=bool)
    allowed[[w for w in wanted if 0 <= w < size]] = True
    return allowed[values]


def program_mask(facts: Facts, dims: Dimensions, filters: Filters) -> np.ndarray | None:
    """Per programme id: matches the programme-side filters (None = no such filter)."""
    n = len(facts.program_hub)
    mask = np.ones(n, dtype=bool)
    if filters.program:
        mask &= _member(
            np.arange(n), _ids(dims.codes("programs", "program_code"), filters.program), n
        )
    if filters.hub:
        hubs = _ids(dims.codes("hubs", "hub_code"), filters.hub)
        mask &= _member(facts.program_hub, hubs, len(facts.hub_host))
    if filters.disease:
        diseases = _ids(dims.codes("diseases", "disease_area"), filters.disease)
        mask &= _member(facts.program_disease, diseases, facts.sizes["disease"])
    if filters.sector:
        sectors = [SECTORS.index(s) for s in filters.sector if s in SECTORS]
        mask &= np.isin(facts.program_sector, sectors)
    if filters.partner:
        mask &= _partnered(facts, _ids(dims.codes("partners", "partner_code"), filters.partner))
    return mask if _any_program_filter(filters) else None


def _any_program_filter(f: Filters) -> bool:
    return bool(f.program or f.hub or f.disease or f.sector or f.partner)


def _partnered(facts: Facts, partners: list[int]) -> np.ndarray:
    """Programmes listing one of the partners or whose hub one of them hosts."""
    n = len(facts.program_hub)
    linked = _member(facts.link_partner, partners, facts.sizes["partner"])
    return np.bincount(facts.link_program[linked], minlength=n)[:n] > 0


def participant_mask(facts: Facts, dims: Dimensions, filters: Filters) -> np.ndarray | None:
    """Per participant id: home state, home district and cadre match."""
    homes, cadres = home_and_cadre(facts, dims, filters)
    return _people_flags(homes, cadres, facts.participant_district, facts.participant_cadre)


def home_and_cadre(facts: Facts, dims: Dimensions, filters: Filters):
    """Per district and per cadre: chosen by the people-side filters (None = no such filter)."""
    homes = None
    if filters.state:
        homes = np.isin(facts.district_state, list(filters.state))
    if filters.district:
        n = len(facts.district_state)
        wanted = _ids(dims.codes("districts", "district_code"), filters.district)
        homes = _and(homes, _member(np.arange(n), wanted, n))
    cadres = None
    if filters.cadre:
        wanted = [facts.cadres.index(c) for c in filters.cadre if c in facts.cadres]
        cadres = _member(np.arange(len(facts.cadres)), wanted, max(len(facts.cadres), 1))
    return homes, cadres


def _people_flags(homes, cadres, district: np.ndarray, cadre: np.ndarray) -> np.ndarray | None:
    """Flags looked up in the small per-district and per-cadre tables."""
    flags = None if homes is None else homes[district]
    if cadres is not None:
        flags = _and(flags, cadres[cadre])
    return flags


def selected_rows(
    facts: Facts, dims: Dimensions, filters: Filters, people: np.ndarray | None
) -> Rows:
    """The attendance rows matching every filter: a run for dates alone, else the rows
    listed through the narrower side (sessions' row ranges or participants' rows), or a
    mask when even that side holds a large share of the store. `people` is the filters'
    `participant_mask`, which the selection has already made."""
    total = len(facts.session)
    first, last = _date_window(facts, filters)
    run = (_row_at(facts, first), _row_at(facts, last))
    programs = program_mask(facts, dims, filters)
    if programs is None and people is None:
        return Rows(total, run=run)
    sessions = None
    if programs is not None:
        sessions = facts.day_sessions[first:last]
        sessions = sessions[programs[facts.session_program[sessions]]]
    session_side = run[1] - run[0] if sessions is None else int(facts.session_rows[sessions].sum())
    chosen = None if people is None else np.flatnonzero(people)
    people_side = total if chosen is None else int(facts.participant_count[chosen].sum())
    if min(session_side, people_side) * WIDE > total:
        homes_cadres = None if people is None else home_and_cadre(facts, dims, filters)
        return Rows(total, mask=_row_mask(facts, run, sessions, homes_cadres))
    if chosen is not None and through_people(people_side, session_side):
        return Rows(total, index=_rows_of_people(facts, chosen, run, sessions))
    return Rows(total, index=_rows_of_sessions(facts, run, sessions, people))


def _rows_of_people(facts: Facts, chosen: np.ndarray, run, sessions) -> np.ndarray:
    """The chosen participants' rows, kept where they fall in the date run or the sessions."""
    index = facts.participant_rows[
        spans(facts.participant_start[chosen], facts.participant_count[chosen])
    ].astype(np.int64)
    if sessions is None:
        return index[(index >= run[0]) & (index < run[1])]
    wanted = np.zeros(len(facts.session_rows), dtype=bool)
    wanted[sessions] = True
    return index[wanted[facts.session[index]]]


def _rows_of_sessions(facts: Facts, run, sessions, people) -> np.ndarray:
    """The rows of the sessions (or of the date run), kept where their participant is chosen."""
    if sessions is None:
        index = np.arange(run[0], run[1], dtype=np.int64)
    else:
        index = _session_rows(facts, sessions)
    return index if people is None else index[people[facts.participant[index]]]


WIDE = 3  # a side holding more than 1/WIDE of the rows is read as a mask (measured at 10M)


def _row_mask(facts: Facts, run: tuple[int, int], sessions, people) -> np.ndarray:
    """One flag per row: in a chosen session (or in the date run), and of a chosen person."""
    if sessions is None:
        mask = np.zeros(len(facts.session), dtype=bool)
        mask[run[0] : run[1]] = True
    else:
        chosen = np.zeros(len(facts.session_rows), dtype=bool)
        chosen[sessions] = True
        order = facts.day_sessions
        mask = np.repeat(chosen[order], facts.session_rows[order])
    if people is not None:
        start, stop = run
        homes, cadres = people
        rows = slice(start, stop)
        mask[rows] &= _people_flags(homes, cadres, facts.row_district[rows], facts.row_cadre[rows])
    return mask


def programmes_only(facts: Facts, dims: Dimensions, filters: Filters) -> np.ndarray | None:
    """Per programme: chosen, when programme-side filters are the only ones (else None)."""
    if filters.date_from or filters.date_to or filters.state or filters.district or filters.cadre:
        return None
    return program_mask(facts, dims, filters)


def people_only(filters: Filters, people: np.ndarray | None) -> np.ndarray | None:
    """The filters' participant mask when home and cadre filters are the only ones."""
    session_side = filters.replace(state=(), district=(), cadre=())
    return people if session_side == Filters() else None


def districts_only(facts: Facts, dims: Dimensions, filters: Filters) -> np.ndarray | None:
    """Per district: chosen, when home state and district are the only filters (else None)."""
    others = filters.replace(state=(), district=())
    if others != Filters() or not (filters.state or filters.district):
        return None
    return home_and_cadre(facts, dims, filters)[0]


def through_people(people_rows: int, session_rows: int) -> bool:
    """Start from the participants' rows when they are no more than the sessions' rows."""
    return people_rows <= session_rows


def _date_window(facts: Facts, filters: Filters) -> tuple[int, int]:
    """The positions, among sessions in date order, of the first and after the last in range."""
    days = facts.day_sessions_day
    first = np.searchsorted(days, _day(filters.date_from), "left") if filters.date_from else 0
    last = np.searchsorted(days, _day(filters.date_to), "right") if filters.date_to else len(days)
    return int(first), int(max(first, last))


def _row_at(facts: Facts, position: int) -> int:
    """The first row of the session at this position in date order (the end after the last)."""
    return 0 if position == 0 else int(facts.day_sessions_end[position - 1])


def _session_rows(facts: Facts, sessions: np.ndarray) -> np.ndarray:
    return spans(facts.session_start[sessions], facts.session_rows[sessions])


def _and(mask: np.ndarray | None, other: np.ndarray) -> np.ndarray:
    return other if mask is None else mask & other


def _day(value) -> int:
    return int(np.datetime64(value, "D").astype(np.int64))

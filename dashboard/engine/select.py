"""Filters (CONTRACT section 3) as boolean masks over programmes, sessions, participants, rows.

Codes the store does not know match nothing, as in the SQL query layer.
"""

import numpy as np

from dashboard.engine.dims import Dimensions
from dashboard.engine.model import Facts
from dashboard.queries.filters import Filters
from dashboard.store.schema import SECTORS


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


def session_mask(facts: Facts, dims: Dimensions, filters: Filters) -> np.ndarray | None:
    """Per session id: matches the dates and the programme-side filters."""
    programs = program_mask(facts, dims, filters)
    mask = None if programs is None else programs[facts.session_program]
    if filters.date_from:
        mask = _and(mask, facts.session_day >= _day(filters.date_from))
    if filters.date_to:
        mask = _and(mask, facts.session_day <= _day(filters.date_to))
    return mask


def participant_mask(facts: Facts, dims: Dimensions, filters: Filters) -> np.ndarray | None:
    """Per participant id: home state, home district and cadre match."""
    mask = None
    if filters.state:
        mask = np.isin(facts.district_state, list(filters.state))[facts.participant_district]
    if filters.district:
        wanted = _ids(dims.codes("districts", "district_code"), filters.district)
        mask = _and(mask, _member(facts.participant_district, wanted, len(facts.district_state)))
    if filters.cadre:
        wanted = [facts.cadres.index(c) for c in filters.cadre if c in facts.cadres]
        mask = _and(mask, np.isin(facts.participant_cadre, wanted))
    return mask


def row_mask(facts: Facts, dims: Dimensions, filters: Filters) -> np.ndarray | None:
    """Per attendance row (in the facts' order): matches every filter; None = all rows."""
    sessions = session_mask(facts, dims, filters)
    people = participant_mask(facts, dims, filters)
    mask = None if sessions is None else np.repeat(sessions, facts.session_rows)
    if people is not None:
        mask = _and(mask, people[facts.participant])
    return mask


def _and(mask: np.ndarray | None, other: np.ndarray) -> np.ndarray:
    return other if mask is None else mask & other


def _day(value) -> int:
    return int(np.datetime64(value, "D").astype(np.int64))

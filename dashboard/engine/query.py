"""The metrics of CONTRACT section 5 per group, computed from one row mask.

Participant-side groups (state, district, cadre) count people through a per-
participant tally; programme-side groups (programme, hub, disease area, partner)
count sessions through a per-session tally. The other side's distinct counts
come from the numbered pairs: which (group, participant) or (district, session)
pairs the selection contains. Every count is exact.
"""

from functools import cached_property

import numpy as np

from dashboard.engine.model import Facts, PairSets, period_key
from dashboard.engine.pairs import count_distinct, counts, distinct_per_group, seen

Metrics = dict[str, np.ndarray]


class Selection:
    """The attendances matching one set of filters, with lazily computed tallies."""

    def __init__(self, facts: Facts, pairs: PairSets, mask: np.ndarray | None):
        self.facts = facts
        self.pairs = pairs
        self.mask = mask
        self.sizes = facts.sizes

    def rows(self, values: np.ndarray) -> np.ndarray:
        return values if self.mask is None else values[self.mask]

    @cached_property
    def attendances(self) -> int:
        return len(self.facts.session) if self.mask is None else int(np.count_nonzero(self.mask))

    @cached_property
    def participant_counts(self) -> np.ndarray:
        return np.bincount(self.rows(self.facts.participant), minlength=self.sizes["participant"])

    @cached_property
    def people(self) -> np.ndarray:
        """Ids of the participants in the selection."""
        return np.flatnonzero(self.participant_counts)

    @cached_property
    def session_counts(self) -> np.ndarray:
        if self.mask is None:
            return self.facts.session_rows
        return np.bincount(self.rows(self.facts.session), minlength=self.sizes["session"])

    @cached_property
    def sessions(self) -> np.ndarray:
        """Ids of the sessions in the selection."""
        return np.flatnonzero(self.session_counts)

    @cached_property
    def program_counts(self) -> np.ndarray:
        facts = self.facts
        return counts(facts.session_program, self.sizes["program"], self.session_counts)

    @cached_property
    def program_sessions(self) -> np.ndarray:
        return counts(self.facts.session_program[self.sessions], self.sizes["program"])

    def _pairs_in(self, per_row: np.ndarray, size: int) -> np.ndarray:
        if self.mask is None:
            return np.ones(size, dtype=bool)
        return seen(per_row[self.mask], size)

    @cached_property
    def program_pairs(self) -> np.ndarray:
        """Indices of the (programme, participant) pairs in the selection."""
        p = self.pairs
        return np.flatnonzero(self._pairs_in(p.program_row, len(p.program)))

    def mapped_pairs(self, name: str) -> np.ndarray:
        """Indices of the (hub or disease, participant) pairs in the selection."""
        mapping = getattr(self.pairs, f"{name}_map")
        return np.flatnonzero(seen(mapping[self.program_pairs], len(getattr(self.pairs, name))))

    @cached_property
    def partner_pairs(self) -> np.ndarray:
        p = self.pairs
        chosen = np.zeros(len(p.program), dtype=bool)
        chosen[self.program_pairs] = True
        expanded = np.repeat(chosen, p.partner_repeat)
        return np.flatnonzero(seen(p.partner_map[expanded], len(p.partner)))

    @cached_property
    def month_pairs(self) -> np.ndarray:
        p = self.pairs
        return np.flatnonzero(self._pairs_in(p.month_row, len(p.month)))

    @cached_property
    def district_pair_counts(self) -> np.ndarray:
        """Attendances per (district, session) pair in the selection."""
        p = self.pairs
        return np.bincount(self.rows(p.district_row), minlength=len(p.district))

    @cached_property
    def district_pairs(self) -> np.ndarray:
        return np.flatnonzero(self.district_pair_counts)


def summary(sel: Selection) -> dict[str, int]:
    """Every metric over the whole selection."""
    facts = sel.facts
    programs = np.flatnonzero(sel.program_counts)
    districts = np.unique(facts.participant_district[sel.people])
    return {
        "attendances": sel.attendances,
        "participants": len(sel.people),
        "sessions": len(sel.sessions),
        "programs": len(programs),
        "hubs": len(np.unique(facts.program_hub[programs])),
        "districts_reached": len(districts),
        "states_reached": len(np.unique(facts.district_state[districts])),
        "disease_areas": len(np.unique(facts.program_disease[programs])),
    }


def by_participant_group(sel: Selection, kind: str) -> Metrics:
    """Metrics per state, district or cadre (groups of participants)."""
    facts, sizes = sel.facts, sel.sizes
    group_of, n = participant_groups(facts, kind)
    people = sel.people
    group = group_of[people]
    district = facts.participant_district[people]
    out = {
        "attendances": counts(group_of, n, sel.participant_counts),
        "participants": counts(group, n),
    }
    group_sessions = _group_sessions(sel, kind, group_of, n)
    out |= _session_side(facts, group_sessions, n)
    out["districts_reached"] = count_distinct(group, district, n, sizes["district"])
    out["states_reached"] = count_distinct(group, facts.district_state[district], n, sizes["state"])
    return out


def participant_groups(facts: Facts, kind: str) -> tuple[np.ndarray, int]:
    if kind == "state":
        return facts.district_state[facts.participant_district], facts.sizes["state"]
    if kind == "district":
        return facts.participant_district, facts.sizes["district"]
    return facts.participant_cadre.astype(np.int64), facts.sizes["cadre"]


def _group_sessions(sel: Selection, kind: str, group_of: np.ndarray, n: int):
    """The distinct (group, session) pairs of the selection."""
    sizes = sel.sizes
    if kind == "cadre":
        group = group_of[sel.rows(sel.facts.participant)]
        return distinct_per_group(group, sel.rows(sel.facts.session), n, sizes["session"])
    found = sel.district_pairs
    district = sel.pairs.district.group[found]
    session = sel.pairs.district.member[found]
    if kind == "district":
        return district.astype(np.int64), session
    state = sel.facts.district_state[district]
    return distinct_per_group(state, session, n, sizes["session"])


def _session_side(facts: Facts, group_sessions, n: int) -> Metrics:
    """Sessions, programmes, hubs, disease areas per group from (group, session) pairs."""
    group, session = group_sessions
    program = facts.session_program[session]
    programs = distinct_per_group(group, program, n, facts.sizes["program"])
    hub_of = facts.program_hub[programs[1]]
    disease_of = facts.program_disease[programs[1]]
    return {
        "sessions": counts(group, n),
        "programs": counts(programs[0], n),
        "hubs": count_distinct(programs[0], hub_of, n, facts.sizes["hub"]),
        "disease_areas": count_distinct(programs[0], disease_of, n, facts.sizes["disease"]),
    }


def program_links(facts: Facts, kind: str) -> tuple[np.ndarray, np.ndarray, int]:
    """(programme, group) links of a programme-side grouping, and the number of groups."""
    programs = np.arange(facts.sizes["program"])
    if kind == "program":
        return programs, programs, facts.sizes["program"]
    if kind == "hub":
        return programs, facts.program_hub, facts.sizes["hub"]
    if kind == "disease":
        return programs, facts.program_disease, facts.sizes["disease"]
    return facts.link_program, facts.link_partner, facts.sizes["partner"]


def by_program_group(sel: Selection, kind: str) -> Metrics:
    """Metrics per programme, hub, disease area or partner (a programme counts for each
    of its partners)."""
    facts = sel.facts
    program, group, n = program_links(facts, kind)
    present = sel.program_counts[program] > 0
    chosen_program, chosen_group = program[present], group[present]
    out = {
        "attendances": counts(group, n, sel.program_counts[program]),
        "sessions": counts(group, n, sel.program_sessions[program]),
        "programs": counts(chosen_group, n),
        "hubs": count_distinct(
            chosen_group, facts.program_hub[chosen_program], n, sel.sizes["hub"]
        ),
        "disease_areas": count_distinct(
            chosen_group, facts.program_disease[chosen_program], n, sel.sizes["disease"]
        ),
    }
    pair_group, people = _group_people(sel, kind)
    return out | _people_side(facts, pair_group, people, n)


def _group_people(sel: Selection, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (group, participant) pairs of the selection."""
    if kind == "program":
        found, pairs = sel.program_pairs, sel.pairs.program
    elif kind == "partner":
        found, pairs = sel.partner_pairs, sel.pairs.partner
    else:
        found, pairs = sel.mapped_pairs(kind), getattr(sel.pairs, kind)
    return pairs.group[found], pairs.member[found]


def _people_side(facts: Facts, group: np.ndarray, people: np.ndarray, n: int) -> Metrics:
    district = facts.participant_district[people]
    sizes = facts.sizes
    return {
        "participants": counts(group, n),
        "districts_reached": count_distinct(group, district, n, sizes["district"]),
        "states_reached": count_distinct(group, facts.district_state[district], n, sizes["state"]),
    }


def retention(sel: Selection) -> np.ndarray:
    """Per programme id: share of its selected participants retained (NaN without any)."""
    found = sel.program_pairs
    program = sel.pairs.program.group[found]
    n = sel.sizes["program"]
    people = np.bincount(program, minlength=n)
    kept = np.bincount(program, weights=sel.pairs.retained[found], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return kept / people


def hub_sectors(sel: Selection) -> np.ndarray:
    """Per hub id: the one sector index of its selected programmes, -1 when mixed."""
    facts = sel.facts
    chosen = np.flatnonzero(sel.program_counts)
    hub, sector = facts.program_hub[chosen], facts.program_sector[chosen].astype(np.int64)
    n = sel.sizes["hub"]
    kinds = count_distinct(hub, sector, n, sel.sizes["sector"])
    lowest = np.full(n, 99, dtype=np.int64)
    np.minimum.at(lowest, hub, sector)
    return np.where(kinds > 1, -1, np.where(kinds == 0, 0, lowest))


def periods(sel: Selection, interval: str) -> tuple[np.ndarray, Metrics]:
    """Period keys with attendances, and sessions, attendances, participants per period."""
    facts = sel.facts
    p = sel.pairs.periods[interval]
    if interval == "month":
        found = sel.month_pairs
    else:
        found = np.flatnonzero(seen(p.from_month[sel.month_pairs], p.size))
    n = len(p.keys)
    session_period = np.searchsorted(p.keys, period_key(facts.session_month, interval))
    chosen = sel.sessions
    metrics = {
        "sessions": counts(session_period[chosen], n),
        "attendances": counts(session_period[chosen], n, sel.session_counts[chosen]),
        "participants": counts(p.index[found], n),
    }
    keep = metrics["attendances"] > 0
    return p.keys[keep], {k: v[keep] for k, v in metrics.items()}

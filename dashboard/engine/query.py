"""The metrics of docs/metrics.md per group, computed from one selection of rows.

Participant-side groups (state, district, cadre) count people through a per-
participant tally; programme-side groups (programme, hub, disease area, partner)
count sessions through a per-session tally. The other side's distinct counts
come from the numbered pairs: which (group, participant) or (district, session)
pairs the selection contains. Every count is exact.
"""

import threading
from collections.abc import Callable
from functools import wraps

import numpy as np

from dashboard.engine.model import Facts, PairSets, period_key
from dashboard.engine.pairs import count_distinct, counts, distinct, distinct_per_group, seen
from dashboard.engine.rows import Rows, spans
from dashboard.vocabulary.metrics import METRICS, TABLE, counts_people

Metrics = dict[str, np.ndarray]
# The distinct counts that are not of people: for groups of participants, counted from the
# selection's (group, session) pairs. Those of people (a pass over the selection's
# participants or (group, participant) pairs) are computed only when asked for.
SESSION_METRICS = frozenset(m.name for m in TABLE if m.distinct and not m.people)
FEW = 8  # a selection below 1/FEW of an array's length is sorted, not tallied over it


def _once(compute: Callable) -> property:
    """A tally computed once per selection, also when several threads of a worker ask for
    it together (they render the same page's charts): the others wait and share it."""
    name = compute.__name__

    @wraps(compute)
    def tally(self):
        found = self.__dict__.get(name, _MISSING)
        if found is _MISSING:
            with self._lock:
                found = self.__dict__.get(name, _MISSING)
                if found is _MISSING:
                    found = self.__dict__[name] = compute(self)
        return found

    return property(tally)


_MISSING = object()


class Selection:
    """The attendances matching one set of filters, with lazily computed tallies.

    Filters on programmes alone (`programs`: a flag per programme), on people alone
    (`people`: a flag per participant, from home state, district and cadre) or on home
    states and districts alone (`districts`: a flag per district) are answered from the
    numbered pairs, whose number follows the data's variety, not its volume, as far as
    they go; the rest reads the matching rows, and so do programme filters holding few
    rows (`_few_rows`). A date range alone is one run of rows, whose sessions and pairs
    are blocks of the numbering (`_run`).
    """

    def __init__(
        self,
        facts: Facts,
        pairs: PairSets,
        rows_of: Callable[[], Rows],
        programs: np.ndarray | None = None,
        people: np.ndarray | None = None,
        districts: np.ndarray | None = None,
    ):
        self.facts = facts
        self.pairs = pairs
        self.sizes = facts.sizes
        self._rows_of = rows_of
        self.programs = programs
        self.chosen_people = people
        self.districts = districts
        self._lock = threading.RLock()

    @_once
    def selected(self) -> Rows:
        return self._rows_of()

    def rows(self, values: np.ndarray) -> np.ndarray:
        return self.selected.take(values)

    @_once
    def attendances(self) -> int:
        if self.programs is not None or self.districts is not None:
            return int(self.session_counts.sum())
        if self._through_pairs(self.chosen_people):
            return int(self._people[1].sum())
        return len(self.selected)

    @_once
    def _people(self) -> tuple[np.ndarray, np.ndarray | None]:
        """The selection's participants and, where a tally gives them for free, their
        attendances; from rows, only who is there (a per-participant tally would pass over
        every participant), as attendances per group come from the rows themselves."""
        facts = self.facts
        if self._through_pairs(self.programs):
            found = self.program_pairs
            tally = np.bincount(
                self.pairs.program.member[found],
                weights=self.pairs.program_attended[found],
                minlength=self.sizes["participant"],
            )
            ids = np.flatnonzero(tally)
            return _compact(ids), _compact(tally[ids])
        if self._through_pairs(self.chosen_people):  # no date or programme filter: all rows
            ids = np.flatnonzero(self.chosen_people & (facts.participant_count > 0))
            return _compact(ids), facts.participant_count[ids]
        if self.selected.everything:
            ids = np.flatnonzero(facts.participant_count)
            return _compact(ids), facts.participant_count[ids]
        attended = self.rows(facts.participant)
        if len(attended) * FEW < self.sizes["participant"]:  # few rows: sorting beats marking
            return _compact(distinct(attended)), None
        return _compact(np.flatnonzero(seen(attended, self.sizes["participant"]))), None

    @property
    def people(self) -> np.ndarray:
        """Ids of the participants in the selection, ascending."""
        return self._people[0]

    @_once
    def people_per_district(self) -> np.ndarray:
        """Participants per home district: the districts and states reached and the
        states' and districts' participant counts all follow from it, in one pass over
        the participants. Home states and districts alone keep or drop each district's
        participants whole."""
        if self.districts is not None:
            return np.where(self.districts, self.facts.district_people, 0)
        return counts(self.facts.participant_district[self.people], self.sizes["district"])

    @property
    def participant_count(self) -> int:
        """How many participants the selection holds (home filters alone: without listing
        them)."""
        if self.districts is not None:
            return int(self.people_per_district.sum())
        return len(self.people)

    @_once
    def districts_reached(self) -> np.ndarray:
        """Ids of the home districts with participants in the selection. A date range alone
        reads them off its (district, session) pairs, a block of the numbering, instead of
        looking up a million participants' homes."""
        through_pairs = self.districts is not None or self._people_tallied()
        if through_pairs or (run := self._run()) is None:
            return np.flatnonzero(self.people_per_district)
        start, stop = _pair_block_of_run(self.pairs.district_row, len(self.pairs.district), run)
        return np.flatnonzero(counts(self.pairs.district.group[start:stop], self.sizes["district"]))

    def _people_tallied(self) -> bool:
        """Whether `_people` comes with each participant's attendances (from a tally), as
        its branches decide; otherwise attendances per group are counted from the rows,
        without finding the participants (a pass over a date range's rows)."""
        chosen = self._through_pairs(self.programs) or self._through_pairs(self.chosen_people)
        return chosen or self.selected.everything

    def attendances_by(self, kind: str) -> np.ndarray:
        """Attendances per state, district or cadre of the participants."""
        group_of, n = participant_groups(self.facts, kind)
        if self._people_tallied():
            people, attended = self._people
            return counts(group_of[people], n, attended)
        if kind == "cadre":
            return counts(self.rows(self.facts.row_cadre), n)
        if kind == "district":
            return self._district_attendances
        return counts(self.facts.district_state, n, self._district_attendances)

    @_once
    def _district_attendances(self) -> np.ndarray:
        """Attendances per home district, from the (district, session) pairs the views
        count anyway (a date range's are one block; the per-row column is 20 MB more to
        map at 10M)."""
        district = self.pairs.district.group[self.district_pairs]
        return counts(district, self.sizes["district"], self.district_pair_attendances)

    @_once
    def session_counts(self) -> np.ndarray:
        facts = self.facts
        if self.programs is not None:
            return facts.session_rows * self.programs[facts.session_program]
        if self.districts is not None:
            return counts(
                self.pairs.district.member[self.district_pairs],
                self.sizes["session"],
                self.district_pair_attendances,
            )
        if self.selected.everything:
            return facts.session_rows
        run = self._run()
        if run is not None:  # whole sessions: count them, not their rows
            return _sessions_of_run(facts, run)
        return np.bincount(self.rows(facts.session), minlength=self.sizes["session"])

    def _run(self) -> tuple[int, int] | None:
        """The selected rows as one run of whole sessions (a date range alone), else None."""
        rows = self.selected
        return rows.run if rows.index is None and rows.mask is None else None

    @_once
    def sessions(self) -> np.ndarray:
        """Ids of the sessions in the selection."""
        return np.flatnonzero(self.session_counts)

    @_once
    def program_counts(self) -> np.ndarray:
        facts = self.facts
        return counts(facts.session_program, self.sizes["program"], self.session_counts)

    @_once
    def program_sessions(self) -> np.ndarray:
        return counts(self.facts.session_program[self.sessions], self.sizes["program"])

    def _pairs_in(self, per_row: np.ndarray, size: int) -> np.ndarray:
        if self.selected.everything:
            return np.ones(size, dtype=bool)
        return seen(self.rows(per_row), size)

    @_once
    def program_pairs(self) -> np.ndarray:
        """Indices of the (programme, participant) pairs in the selection."""
        p = self.pairs
        if self._through_pairs(self.programs):
            chosen = np.flatnonzero(self.programs)
            first, stop = p.program_first[chosen], p.program_first[chosen + 1]
            return _compact(spans(first, stop - first))
        if self._through_pairs(self.chosen_people):
            return _compact(np.flatnonzero(self.chosen_people[p.program.member]))
        return _compact(np.flatnonzero(self._pairs_in(p.program_row, len(p.program))))

    def _through_pairs(self, chosen: np.ndarray | None) -> bool:
        """Whether to count from `chosen` (programmes, people or districts alone) through
        the numbered pairs: not when programmes choose so few rows (a hub, a small
        partner) that reading them beats a pass over every pair."""
        return chosen is not None and not self._few_rows

    @_once
    def _few_rows(self) -> bool:
        """Programme filters holding few rows: their sessions' rows lie together, so reading
        them maps a few pages of the per-row arrays. A few people's rows lie all over the
        dates: reading them made every worker map most of two 40 MB arrays (80 MB more
        server memory at 10M), so people always go through the pairs."""
        if self.programs is None:
            return False
        return int(self.session_counts.sum()) * FEW < len(self.pairs.district)

    def mapped_pairs(self, name: str) -> np.ndarray:
        """Indices of the (hub or disease, participant) pairs in the selection."""
        mapping = getattr(self.pairs, f"{name}_map")
        return np.flatnonzero(seen(mapping[self.program_pairs], len(getattr(self.pairs, name))))

    @_once
    def partner_pairs(self) -> np.ndarray:
        p = self.pairs
        chosen = self.program_pairs
        if len(chosen) * FEW > len(p.program):  # many: one pass over every pair is cheaper
            mapped = p.partner_map[np.repeat(seen(chosen, len(p.program)), p.partner_repeat)]
        else:
            mapped = p.partner_map[spans(p.partner_first[chosen], p.partner_repeat[chosen])]
        return _compact(np.flatnonzero(seen(mapped, len(p.partner))))

    @_once
    def month_pairs(self) -> np.ndarray:
        """Indices of the (month, participant) pairs in the selection."""
        p = self.pairs
        run = self._run()
        if run is not None:
            return _compact(_month_pairs_of_run(self.facts, p.month_row, p.months, run))
        return _compact(np.flatnonzero(self._pairs_in(p.month_row, p.months)))

    @_once
    def _district_tally(self) -> tuple[np.ndarray, np.ndarray]:
        """The (district, session) pairs in the selection and their attendances (only
        those: a full-length tally would hold 9 MB per selection at 10M attendances)."""
        p = self.pairs
        if self._through_pairs(self.programs):  # whole sessions: each one's pairs are a range
            chosen = self.sessions
            found = spans(p.session_district_first[chosen], p.session_districts[chosen])
        elif self._through_pairs(self.districts):
            found = np.flatnonzero(self.districts[p.district.group])
        elif (run := self._run()) is not None:
            found = _pairs_of_run(p.district_row, len(p.district), run)
        else:
            found, tally = _tally(self.rows(p.district_row), len(p.district))
            return _compact(found), _compact(tally)
        return _compact(found), p.district_attended[found]

    @property
    def district_pairs(self) -> np.ndarray:
        """Indices of the (district, session) pairs in the selection."""
        return self._district_tally[0]

    @property
    def district_pair_attendances(self) -> np.ndarray:
        """Attendances of each of `district_pairs` in the selection."""
        return self._district_tally[1]


def _sessions_of_run(facts: Facts, run: tuple[int, int]) -> np.ndarray:
    """Attendances per session id for a run of whole sessions in date order."""
    ends = facts.day_sessions_end
    first, last = np.searchsorted(ends, run[0], "right"), np.searchsorted(ends, run[1], "right")
    chosen = facts.day_sessions[first:last]
    tally = np.zeros(len(facts.session_rows), dtype=np.int64)
    tally[chosen] = facts.session_rows[chosen]
    return tally


def _pairs_of_run(pair_row: np.ndarray, size: int, run: tuple[int, int]) -> np.ndarray:
    """The (district, session) pairs of a run of whole sessions, as indices."""
    return np.arange(*_pair_block_of_run(pair_row, size, run), dtype=np.int64)


def _pair_block_of_run(pair_row: np.ndarray, size: int, run: tuple[int, int]) -> tuple[int, int]:
    """The first and after the last (district, session) pair of a run of whole sessions:
    pairs are numbered in order of first appearance and each lies within one session, so
    a run's pairs are the numbers from its first row's pair to the next run's."""
    start, stop = (int(pair_row[row]) if row < len(pair_row) else size for row in run)
    return start, max(start, stop)


def _month_pairs_of_run(
    facts: Facts, month_row: np.ndarray, months: int, run: tuple[int, int]
) -> np.ndarray:
    """The (month, participant) pairs of a run of whole sessions. Pairs are numbered in
    order of first appearance and each lies within one month, so the pairs of the run's
    whole months are the numbers from its first row's pair to the next month's; only the
    rows of a month the run starts or ends inside are read."""
    start, stop = _whole_months(facts, run)
    if start >= stop:
        return distinct(month_row[run[0] : run[1]])
    total = len(month_row)
    block = np.arange(month_row[start], month_row[stop] if stop < total else months)
    edges = [distinct(month_row[run[0] : start]), distinct(month_row[stop : run[1]])]
    return np.concatenate([edges[0], block, edges[1]])


def _whole_months(facts: Facts, run: tuple[int, int]) -> tuple[int, int]:
    """The rows [start, stop) of the calendar months a run of sessions covers whole."""
    first, after = run
    if first >= after:
        return first, first
    start = _first_row_on(facts, _month_start(_day_of_row(facts, first)))
    if start != first:
        start = _first_row_on(facts, _month_start(_day_of_row(facts, first), 1))
    stop = after
    if after < len(facts.session):
        stop = _first_row_on(facts, _month_start(_day_of_row(facts, after)))
    return start, stop


def _day_of_row(facts: Facts, row: int) -> int:
    return int(facts.session_day[facts.session[row]])


def _month_start(day: int, later: int = 0) -> int:
    """The day number of the first of `day`'s month, or of the month `later` months on."""
    month = np.datetime64(day, "D").astype("datetime64[M]") + later
    return int(month.astype("datetime64[D]").astype(np.int64))


def _first_row_on(facts: Facts, day: int) -> int:
    """The first row of the first session held on `day` or later (the end when none)."""
    position = int(np.searchsorted(facts.day_sessions_day, day, "left"))
    return int(facts.day_sessions_end[position - 1]) if position else 0


def _tally(ids: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ids below `size`, ascending, and how often each occurs: sorted when
    they are few, counted in a full-length tally when many."""
    if len(ids) * FEW < size:
        return np.unique(ids, return_counts=True)
    tally = np.bincount(ids, minlength=size)
    found = np.flatnonzero(tally)
    return found, tally[found]


def _compact(values: np.ndarray) -> np.ndarray:
    """Ids and tallies kept with a selection as int32 (all below 2**31): half the memory."""
    return values.astype(np.int32, copy=False)


def summary(sel: Selection) -> dict[str, int]:
    """Every metric over the whole selection."""
    facts = sel.facts
    programs = np.flatnonzero(sel.program_counts)
    districts = sel.districts_reached
    return {
        "attendances": sel.attendances,
        "participants": sel.participant_count,
        "sessions": len(sel.sessions),
        "programs": len(programs),
        "hubs": len(distinct(facts.program_hub[programs])),
        "districts_reached": len(districts),
        "states_reached": len(distinct(facts.district_state[districts])),
        "disease_areas": len(distinct(facts.program_disease[programs])),
    }


def by_participant_group(sel: Selection, kind: str, metrics: tuple[str, ...] = METRICS) -> Metrics:
    """Metrics per state, district or cadre (groups of participants): attendances and
    `metrics` (others may come along)."""
    facts = sel.facts
    group_of, n = participant_groups(facts, kind)
    out = {"attendances": sel.attendances_by(kind)}
    if counts_people(metrics) and kind == "cadre":
        out |= _people_side(facts, group_of[sel.people], sel.people, n)
    elif counts_people(metrics):  # a home state or district: from participants per district
        out |= _home_people(facts, sel.people_per_district, kind)
    if not SESSION_METRICS.isdisjoint(metrics):
        out |= _session_side(facts, _group_sessions(sel, kind, group_of, n), n)
    return out


def _home_people(facts: Facts, per_district: np.ndarray, kind: str) -> Metrics:
    """Participants, districts and states reached per home state or district, from the
    participants per home district (each participant has one)."""
    reached = (per_district > 0).astype(np.int64)
    if kind == "district":
        return {
            "participants": per_district,
            "districts_reached": reached,
            "states_reached": reached,
        }
    state, n = facts.district_state, facts.sizes["state"]
    districts = counts(state, n, reached)
    return {
        "participants": counts(state, n, per_district),
        "districts_reached": districts,
        "states_reached": (districts > 0).astype(np.int64),
    }


def participant_groups(facts: Facts, kind: str) -> tuple[np.ndarray, int]:
    if kind == "state":
        return facts.participant_state, facts.sizes["state"]
    if kind == "district":
        return facts.participant_district, facts.sizes["district"]
    return facts.participant_cadre, facts.sizes["cadre"]


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


def by_program_group(sel: Selection, kind: str, metrics: tuple[str, ...] = METRICS) -> Metrics:
    """Metrics per programme, hub, disease area or partner (a programme counts for each
    of its partners): those counted per programme, and the participants' only when
    `metrics` asks for them."""
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
    if not counts_people(metrics):
        return out
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
    """Participants, districts and states reached per group, from (group, participant) pairs;
    states come from the few distinct (group, district) pairs, not from every person."""
    sizes = facts.sizes
    reached, district = distinct_per_group(
        group, facts.participant_district[people], n, sizes["district"]
    )
    return {
        "participants": counts(group, n),
        "districts_reached": counts(reached, n),
        "states_reached": count_distinct(
            reached, facts.district_state[district], n, sizes["state"]
        ),
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
    if p.from_month is None:
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

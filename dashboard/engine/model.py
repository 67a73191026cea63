"""The attendance facts in memory: integer columns indexed by the store's own ids.

Attendances are kept in date order, each session's rows together, so a date range
is one run of rows and a filter on sessions (programmes, hubs, disease areas,
sectors, partners) is a list of row ranges. A permutation by participant gives
each participant's rows as one range too, for filters on people (state,
district, cadre). Everything a session or participant implies is looked up
through small per-session and per-participant arrays.
"""

from dataclasses import dataclass

import numpy as np

from dashboard.engine.pairs import Pairs, distinct, number_pairs
from dashboard.engine.rows import spans
from dashboard.engine.spill import IN_MEMORY, Spill
from dashboard.store.snapshot import Snapshot
from dashboard.vocabulary.kinds import SECTORS
from dashboard.vocabulary.metrics import RETAINED_SHARE
from dashboard.vocabulary.periods import INTERVALS

SHIFT = 1 << 32  # attendance packed as session_id * SHIFT + participant_id


@dataclass
class Facts:
    """Attendance rows plus the per-session, per-programme and per-participant attributes."""

    version: int
    session: np.ndarray  # per row; rows in (date, session) order
    participant: np.ndarray  # per row
    row_district: np.ndarray  # per row: the participant's home district (wide filters read it)
    row_cadre: np.ndarray  # per row: the participant's cadre
    session_rows: np.ndarray  # per session id: its attendances
    session_start: np.ndarray  # per session id: its first row
    day_sessions: np.ndarray  # session ids in row order
    day_sessions_day: np.ndarray  # their days, ascending
    day_sessions_end: np.ndarray  # the row after each of them
    participant_rows: np.ndarray  # row positions grouped by participant
    participant_start: np.ndarray  # per participant id: where its rows begin there
    participant_count: np.ndarray  # per participant id: its attendances
    session_program: np.ndarray
    session_day: np.ndarray  # days since 1970-01-01
    session_month: np.ndarray  # YYYYMM
    program_hub: np.ndarray
    program_disease: np.ndarray
    program_sector: np.ndarray  # index into SECTORS
    program_held: np.ndarray  # sessions held per programme, attended or not
    hub_host: np.ndarray
    link_program: np.ndarray  # (programme, partner) links, the hub's host included
    link_partner: np.ndarray
    participant_district: np.ndarray
    participant_cadre: np.ndarray  # index into cadres
    participant_state: np.ndarray  # state code of the home district
    district_state: np.ndarray
    district_people: np.ndarray  # per district: its participants with any attendance
    cadres: list[str]  # in the store's collation order

    @property
    def sizes(self) -> dict[str, int]:
        return {
            "session": len(self.session_program),
            "program": len(self.program_hub),
            "hub": len(self.hub_host),
            "partner": int(self.link_partner.max(initial=0)) + 1,
            "disease": int(self.program_disease.max(initial=0)) + 1,
            "participant": len(self.participant_district),
            "district": len(self.district_state),
            "state": int(self.district_state.max(initial=0)) + 1,
            "cadre": max(len(self.cadres), 1),
            "sector": len(SECTORS),
        }


def retained(attended: np.ndarray, held: np.ndarray) -> np.ndarray:
    """Whether a participant who attended `attended` of a programme's `held` sessions is
    retained: at least RETAINED_SHARE of them (docs/metrics.md)."""
    numerator, denominator = RETAINED_SHARE
    return attended * denominator >= held * numerator


def _by_id(ids: np.ndarray, values: np.ndarray, size: int, dtype=np.int32) -> np.ndarray:
    out = np.zeros(size, dtype=dtype)
    out[ids] = values
    return out


def _size(ids: np.ndarray, floor: int = 0) -> int:
    return max(int(ids.max(initial=0)) + 1, floor)


def read_facts(snap: Snapshot) -> Facts:
    """Every array the engine needs, read in one snapshot."""
    version = int(snap.scalar("SELECT version FROM data_version") or 0)
    sessions = snap.ints(["id", "program_id", snap.days("held_on")], "session", "id")
    programs = snap.ints(["id", "hub_id", "disease_area_id", _sector_sql()], "program", "id")
    hubs = snap.ints(["id", "host_partner_id"], "hub", "id")
    listed = snap.ints(["program_id", "partner_id"], "program_partner", "program_id")
    districts = snap.ints(["id", "state_code"], "district", "id")
    cadres = list(snap.frame("SELECT DISTINCT cadre FROM participant ORDER BY cadre")["cadre"])
    people = snap.ints(["id", "district_id", _cadre_sql(cadres)], "participant", "id")
    packed = snap.ints([f"session_id * {SHIFT} + participant_id"], "attendance", "session_id")
    return _assemble(version, sessions, programs, hubs, listed, districts, people, packed, cadres)


def _sector_sql() -> str:
    cases = " ".join(f"WHEN '{name}' THEN {i}" for i, name in enumerate(SECTORS))
    return f"CASE sector {cases} END"


def _cadre_sql(cadres: list[str]) -> str:
    if not cadres:
        return "0"
    cases = " ".join(
        f"WHEN '{c.replace(chr(39), chr(39) * 2)}' THEN {i}" for i, c in enumerate(cadres)
    )
    return f"CASE cadre {cases} END"


def _assemble(
    version, sessions, programs, hubs, listed, districts, people, packed, cadres
) -> Facts:
    packed = packed.ravel()
    if len(packed) and np.any(packed[1:] < packed[:-1]):
        packed = np.sort(packed)
    by_id = (packed // SHIFT).astype(np.int32)
    n_sessions = _size(sessions[:, 0], _size(by_id))
    n_programs = _size(programs[:, 0], _size(sessions[:, 1]))
    n_hubs = _size(hubs[:, 0], _size(programs[:, 1]))
    session_program = _by_id(sessions[:, 0], sessions[:, 1], n_sessions)
    session_day = _by_id(sessions[:, 0], sessions[:, 2], n_sessions)
    program_hub = _by_id(programs[:, 0], programs[:, 1], n_programs)
    hub_host = _by_id(hubs[:, 0], hubs[:, 1], n_hubs)
    link_program, link_partner = _links(listed, program_hub, hub_host, programs[:, 0])
    session_rows = np.bincount(by_id, minlength=n_sessions).astype(np.int64)
    order = _DayOrder(session_day, session_rows)
    session, participant = order.rows(by_id, (packed % SHIFT).astype(np.int32))
    del packed, by_id
    n_people = _size(people[:, 0], _size(participant))
    participant_count = np.bincount(participant, minlength=n_people)
    participant_district = _by_id(people[:, 0], people[:, 1], n_people)
    participant_cadre = _by_id(people[:, 0], people[:, 2], n_people, np.int16)
    district_state = _by_id(districts[:, 0], districts[:, 1], _size(districts[:, 0]))
    return Facts(
        version=version,
        session=session,
        participant=participant,
        row_district=participant_district[participant].astype(_narrowest(district_state)),
        row_cadre=participant_cadre[participant].astype(np.int8 if len(cadres) < 127 else np.int16),
        session_rows=session_rows,
        session_start=order.start,
        day_sessions=order.sessions,
        day_sessions_day=session_day[order.sessions],
        day_sessions_end=order.start[order.sessions] + session_rows[order.sessions],
        participant_rows=np.argsort(participant, kind="stable").astype(np.int32),
        participant_start=_starts(participant_count).astype(np.int32),
        participant_count=participant_count.astype(np.int32),
        session_program=session_program,
        session_day=session_day,
        session_month=_months(session_day),
        program_hub=program_hub,
        program_disease=_by_id(programs[:, 0], programs[:, 2], n_programs),
        program_sector=_by_id(programs[:, 0], programs[:, 3], n_programs, np.int8),
        program_held=np.bincount(sessions[:, 1], minlength=n_programs).astype(np.int64),
        hub_host=hub_host,
        link_program=link_program,
        link_partner=link_partner,
        participant_district=participant_district,
        participant_cadre=participant_cadre,
        participant_state=district_state[participant_district].astype(np.int16),
        district_state=district_state,
        district_people=np.bincount(
            participant_district[participant_count > 0], minlength=len(district_state)
        ).astype(np.int64),
        cadres=cadres,
    )


def _narrowest(ids: np.ndarray):
    """int16 for ids below 32,768 (districts: about 800), else int32."""
    return np.int16 if len(ids) < np.iinfo(np.int16).max else np.int32


def _starts(lengths: np.ndarray) -> np.ndarray:
    """Where each of consecutive blocks of these lengths begins."""
    return (np.cumsum(lengths) - lengths).astype(np.int64)


class _DayOrder:
    """Sessions ordered by (day, id), and the rows moved into that order block by block."""

    def __init__(self, session_day: np.ndarray, session_rows: np.ndarray):
        self.sessions = np.lexsort((np.arange(len(session_day)), session_day)).astype(np.int32)
        self.start = np.zeros(len(session_day), dtype=np.int64)
        self.start[self.sessions] = _starts(session_rows[self.sessions])
        self.old_start = _starts(session_rows)

    def rows(self, session: np.ndarray, participant: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows sorted by session id, moved to date order (O(rows), no sort)."""
        moved = self.start[session] - self.old_start[session] + np.arange(len(session))
        new_session = np.empty_like(session)
        new_participant = np.empty_like(participant)
        new_session[moved] = session
        new_participant[moved] = participant
        return new_session, new_participant


def _links(listed, program_hub, hub_host, program_ids) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (programme, partner) links sorted by programme: listed partners and hosts."""
    programs = np.concatenate([listed[:, 0], program_ids]).astype(np.int64)
    partners = np.concatenate([listed[:, 1], hub_host[program_hub[program_ids]]])
    width = int(partners.max(initial=0)) + 1
    unique = distinct(programs * width + partners)
    return (unique // width).astype(np.int32), (unique % width).astype(np.int32)


def _months(days: np.ndarray) -> np.ndarray:
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return ((months // 12 + 1970) * 100 + months % 12 + 1).astype(np.int32)


@dataclass
class PairSets:
    """Pair numbers per row and the pairs they stand for, plus coarser pairs mapped from them."""

    program_row: np.ndarray  # per row: its (programme, participant) pair
    program: Pairs  # sorted by programme: a programme's pairs are one range of numbers
    program_first: np.ndarray  # per programme id, and one past the last: its first pair
    hub_map: np.ndarray  # per (programme, participant) pair: its (hub, participant) pair
    hub: Pairs
    disease_map: np.ndarray
    disease: Pairs
    partner_repeat: np.ndarray  # per programme pair: how many (partner, participant) pairs
    partner_first: np.ndarray  # per programme pair: where its partner pairs begin in partner_map
    partner_map: np.ndarray  # the programme pairs' partner pairs, in programme pair order
    partner: Pairs
    month_row: np.ndarray  # per row: its (month, participant) pair
    months: int  # how many (month, participant) pairs; periods['month'] describes them
    periods: dict[str, "Periods"]  # month, quarter, year, fy
    district_row: np.ndarray  # per row: its (district, session) pair
    district: Pairs  # numbered in row order: a session's pairs are one range of numbers
    session_district_first: np.ndarray  # per session id: its first (district, session) pair
    session_districts: np.ndarray  # per session id: how many (district, session) pairs
    retained: np.ndarray  # per programme pair: attended >= 80% of the programme's sessions
    program_attended: np.ndarray  # per programme pair: its attendances
    district_attended: np.ndarray  # per (district, session) pair: its attendances


def build_pairs(facts: Facts, spill: Spill = IN_MEMORY) -> PairSets:
    """Number every (group, member) pair the answers count distinctly; each finished array
    goes to `spill` at once, so the builder holds only the step it is working on."""
    keep = spill.keep
    n_people = len(facts.participant_district)
    program_row, program_pairs = _spilled(
        spill, _row_pairs(facts.session_program, facts, by_group=True)
    )
    hub_map, hub = _spilled(
        spill, number_pairs(facts.program_hub[program_pairs.group], program_pairs.member, n_people)
    )
    disease_map, disease = _spilled(
        spill,
        number_pairs(facts.program_disease[program_pairs.group], program_pairs.member, n_people),
    )
    repeat, partner_map, partner = _partner_pairs(facts, program_pairs, n_people)
    partner_map, partner = keep(partner_map), _spilled_pairs(spill, partner)
    month_row, month = _row_pairs(facts.session_month, facts)  # only their periods are kept
    month_row = keep(month_row)
    periods = {k: _periods(month, k, n_people, spill) for k in INTERVALS}
    months = len(month)
    del month
    district_row, district = _spilled(
        spill,
        number_pairs(
            facts.participant_district[facts.participant], facts.session, len(facts.session_program)
        ),
    )
    attended = np.bincount(program_row, minlength=len(program_pairs))
    session_districts = np.bincount(district.member, minlength=len(facts.session_program))
    held = facts.program_held[program_pairs.group]
    return PairSets(
        program_row=program_row,
        program=program_pairs,
        program_first=keep(_first_of_each(program_pairs.group, len(facts.program_hub))),
        hub_map=hub_map,
        hub=hub,
        disease_map=disease_map,
        disease=disease,
        partner_repeat=keep(repeat),
        partner_first=keep(_starts(repeat.astype(np.int64)).astype(np.int32)),
        partner_map=partner_map,
        partner=partner,
        month_row=month_row,
        months=months,
        periods=periods,
        district_row=district_row,
        district=district,
        session_district_first=keep(_session_first_pair(facts, district_row, session_districts)),
        session_districts=keep(session_districts.astype(np.int32)),
        retained=keep(retained(attended, held)),
        program_attended=keep(attended.astype(np.int32)),
        district_attended=keep(np.bincount(district_row, minlength=len(district)).astype(np.int32)),
    )


def _row_pairs(
    per_session: np.ndarray, facts: Facts, by_group: bool = False
) -> tuple[np.ndarray, Pairs]:
    """Each row's (session attribute, participant) pair, the attribute looked up per row."""
    n_people = len(facts.participant_district)
    return number_pairs(per_session[facts.session], facts.participant, n_people, by_group)


def _first_of_each(sorted_group: np.ndarray, groups: int) -> np.ndarray:
    """Where each group's range begins in pairs sorted by group, and where the last ends."""
    return np.searchsorted(sorted_group, np.arange(groups + 1)).astype(np.int32)


def _session_first_pair(facts: Facts, district_row: np.ndarray, per_session: np.ndarray):
    """Each session's first (district, session) pair: the pair of its first row (pairs are
    numbered in row order and a session's rows lie together); 0 for a session without rows."""
    attended = per_session > 0
    first = np.zeros(len(per_session), dtype=np.int32)
    first[attended] = district_row[facts.session_start[attended]]
    return first


def _spilled(spill: Spill, numbered: tuple[np.ndarray, Pairs]) -> tuple[np.ndarray, Pairs]:
    ids, pairs = numbered
    return spill.keep(ids), _spilled_pairs(spill, pairs)


def _spilled_pairs(spill: Spill, pairs: Pairs) -> Pairs:
    return Pairs(spill.keep(pairs.group), spill.keep(pairs.member))


def _partner_pairs(facts: Facts, program_pairs: Pairs, n_people: int):
    """Each programme pair's (partner, participant) pairs, one per partner of the programme."""
    per_program = np.bincount(facts.link_program, minlength=len(facts.program_hub))
    repeat = per_program[program_pairs.group]
    owner = np.repeat(np.arange(len(program_pairs)), repeat)
    partner = facts.link_partner[spans(_starts(per_program)[program_pairs.group], repeat)]
    mapping, pairs = number_pairs(partner, program_pairs.member[owner], n_people)
    narrow = np.uint8 if per_program.max(initial=0) <= np.iinfo(np.uint8).max else np.int32
    return repeat.astype(narrow), mapping, pairs


def period_key(month: np.ndarray, interval: str) -> np.ndarray:
    """The period key of YYYYMM months, as the SQL query layer numbers it."""
    year, mon = month // 100, month % 100
    if interval == "quarter":
        return year * 10 + (mon + 2) // 3
    if interval == "year":
        return year
    if interval == "fy":
        return year - (mon < 4)
    return month


@dataclass
class Periods:
    """(period, participant) pairs of one interval, numbered from the month pairs."""

    from_month: np.ndarray | None  # per month pair: its period pair (None: the same pair)
    keys: np.ndarray  # the periods that occur, ascending
    index: np.ndarray  # per period pair: its period's position in keys
    size: int


def _periods(month: Pairs, interval: str, n_people: int, spill: Spill) -> Periods:
    if interval == "month":
        from_month, group, size = None, month.group, len(month)
    else:
        from_month, pairs = number_pairs(period_key(month.group, interval), month.member, n_people)
        from_month, group, size = spill.keep(from_month), pairs.group, len(pairs)
    keys, index = np.unique(group, return_inverse=True)
    return Periods(from_month, keys, spill.keep(index.ravel().astype(np.int16)), size)

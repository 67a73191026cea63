"""Row selection: a mask, or rows listed through sessions or through people: the same rows."""

from datetime import date

import numpy as np
import pytest

from dashboard.engine import load_engine, select
from dashboard.engine.rows import Rows, between, spans
from dashboard.vocabulary.filters import Filters
from tests.queries.combos import filter_combinations
from tests.world import make_world

COMBOS = filter_combinations(make_world(seed=7), count=30, seed=5)


def test_spans_lists_every_range_in_turn():
    starts, lengths = np.array([5, 0, 9]), np.array([2, 0, 3])
    assert spans(starts, lengths).tolist() == [5, 6, 9, 10, 11]
    assert spans(np.zeros(0, int), np.zeros(0, int)).tolist() == []


def _brute_rows(engine, filters) -> list[int]:
    """Row positions matching the filters, checked one row at a time from the dimensions."""
    facts, dims = engine.facts, engine.dims
    programs = dims.programs.set_index("id")
    districts = dims.districts.set_index("id")
    partner_ids = dict(zip(dims.partners["partner_code"], dims.partners["id"], strict=True))
    wanted_partners = {partner_ids[c] for c in filters.partner if c in partner_ids}
    links = set(zip(facts.link_program.tolist(), facts.link_partner.tolist(), strict=True))
    day_from = np.datetime64(filters.date_from, "D").astype(int) if filters.date_from else None
    day_to = np.datetime64(filters.date_to, "D").astype(int) if filters.date_to else None
    out = []
    for row, (session, person) in enumerate(zip(facts.session, facts.participant, strict=True)):
        program_id = int(facts.session_program[session])
        program = programs.loc[program_id]
        day = int(facts.session_day[session])
        home = districts.loc[int(facts.participant_district[person])]
        checks = [
            not filters.program or program["program_code"] in filters.program,
            not filters.hub or program["hub_code"] in filters.hub,
            not filters.disease or program["disease_area"] in filters.disease,
            not filters.sector or program["sector"] in filters.sector,
            not filters.partner or any((program_id, p) in links for p in wanted_partners),
            day_from is None or day >= day_from,
            day_to is None or day <= day_to,
            not filters.state or int(home["state_code"]) in filters.state,
            not filters.district or home["district_code"] in filters.district,
            not filters.cadre or facts.cadres[facts.participant_cadre[person]] in filters.cadre,
        ]
        if all(checks):
            out.append(row)
    return out


@pytest.fixture(scope="module")
def engine(small_world):
    store, _ = small_world
    return load_engine(store)


@pytest.mark.parametrize("way", ["mask", "through people", "through sessions"])
@pytest.mark.parametrize("filters", COMBOS, ids=[str(i) for i in range(len(COMBOS))])
def test_every_way_selects_the_same_rows(engine, filters, way, monkeypatch):
    monkeypatch.setattr(select, "WIDE", 10**12 if way == "mask" else 0)
    monkeypatch.setattr(select, "through_people", lambda *_: way == "through people")
    people = select.participant_mask(engine.facts, engine.dims, filters)
    chosen = select.selected_rows(engine.facts, engine.dims, filters, people)
    assert sorted(_positions(chosen).tolist()) == _brute_rows(engine, filters)


def test_programme_or_home_filters_alone_are_answered_from_pairs(engine):
    partner = engine.dims.partners["partner_code"].iloc[0]
    assert engine._select(Filters(partner=(partner,), sector=("health",))).programs is not None
    assert engine._select(Filters(state=(29,))).districts is not None
    cadre = engine._select(Filters(cadre=(engine.facts.cadres[0],), state=(29,)))
    assert cadre.chosen_people is not None and cadre.districts is None
    mixed = engine._select(Filters(state=(29,), sector=("health",)))
    assert mixed.programs is None and mixed.districts is None
    dated = engine._select(Filters(partner=(partner,), date_from=date(2021, 1, 1)))
    assert dated.programs is None


def _date_ranges(facts) -> list[tuple[date, date]]:
    """Whole data, single days, nothing, random days, and whole months (the usual pick)."""
    days = np.unique(facts.session_day).astype("datetime64[D]").astype(object)
    rng = np.random.default_rng(4)
    ranges = [(days[0], days[-1]), (days[0], days[0]), (days[-1], days[-1])]
    ranges += [(date(1990, 1, 1),) * 2]
    ranges += [tuple(sorted(rng.choice(days, 2))) for _ in range(20)]
    months = np.unique(np.array(days, dtype="datetime64[M]"))
    for first, last in [tuple(sorted(rng.choice(months, 2))) for _ in range(12)]:
        ranges.append((first.astype(date), (last + 1).astype("datetime64[D]").astype(date)))
    return [*ranges, (months[0].astype(date), days[-1]), (days[0], months[-1].astype(date))]


def test_a_date_range_counts_sessions_and_pairs_without_reading_every_row(engine):
    """A date range alone is a run of whole sessions: its session tally and its (district,
    session) and (month, participant) pairs come from the session order and the pair
    numbering, its attendances per home place from those pairs and per cadre from the
    rows' own column, as if counted participant by participant."""
    facts, pairs = engine.facts, engine.pairs
    for first, last in _date_ranges(facts):
        sel = engine.selection(Filters(date_from=first, date_to=last))
        assert sel.selected.run is not None and sel.selected.index is None
        rows = sel.rows(np.arange(len(facts.session)))
        np.testing.assert_array_equal(
            sel.session_counts, np.bincount(facts.session[rows], minlength=len(facts.session_rows))
        )
        tally = np.bincount(pairs.district_row[rows], minlength=len(pairs.district))
        np.testing.assert_array_equal(sel.district_pairs, np.flatnonzero(tally))
        np.testing.assert_array_equal(sel.district_pair_attendances, tally[tally > 0])
        np.testing.assert_array_equal(np.sort(sel.month_pairs), np.unique(pairs.month_row[rows]))
        people = facts.participant[rows]
        np.testing.assert_array_equal(sel.people, np.unique(people))
        for kind, group_of in (
            ("state", facts.participant_state),
            ("district", facts.participant_district),
            ("cadre", facts.participant_cadre),
        ):
            expected = np.bincount(group_of[people], minlength=len(sel.attendances_by(kind)))
            np.testing.assert_array_equal(sel.attendances_by(kind), expected)


def _positions(rows: Rows) -> np.ndarray:
    """The row positions as an array (a run or a mask spelled out)."""
    if rows.index is not None:
        return rows.index
    if rows.mask is not None:
        return np.flatnonzero(rows.mask)
    start, stop = rows.run if rows.run is not None else (0, rows.total)
    return np.arange(start, stop, dtype=np.int64)


@pytest.mark.parametrize(
    "rows",
    [
        Rows(10),
        Rows(10, run=(2, 8)),
        Rows(10, index=np.array([9, 0, 4, 5, 7])),
        Rows(10, mask=np.arange(10) % 3 == 0),
    ],
    ids=["everything", "run", "index", "mask"],
)
@pytest.mark.parametrize(("start", "stop"), [(0, 10), (3, 6), (0, 0), (7, 4), (8, 10)])
def test_between_keeps_the_rows_in_a_span_of_positions(rows, start, stop):
    values = np.arange(100, 110)
    kept = between(rows, start, stop).take(values)
    expected = [v for v in rows.take(values) if start <= v - 100 < stop]
    assert sorted(kept.tolist()) == sorted(expected)

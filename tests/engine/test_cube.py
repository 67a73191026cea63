"""The filter lists' cube: its cells hold every attendance once, its sums match a count by
hand, and filter lists without dates are answered from it with no selection made."""

from collections import Counter
from datetime import date

from dashboard.engine.cube import CubeCounts
from dashboard.engine.views import all_options
from dashboard.vocabulary.filters import Filters
from tests.queries import brute


def test_cells_are_distinct_and_hold_every_attendance(world_engine):
    engine, world = world_engine
    cube = engine.cube
    cells = set(
        zip(cube.program.tolist(), cube.district.tolist(), cube.cadre.tolist(), strict=True)
    )
    assert len(cells) == len(cube.attended)
    assert int(cube.attended.sum()) == len(world.attendance)
    assert (cube.attended > 0).all()


def test_sums_equal_a_count_by_hand(world_engine):
    engine, world = world_engine
    rows = brute.records(world, Filters())
    state = Counter(r["state"] for r in rows).most_common(1)[0][0]
    cadre = Counter(r["cadre"] for r in rows).most_common(1)[0][0]
    filters = Filters(state=(state,), cadre=(cadre,))
    chosen = brute.records(world, filters)
    assert chosen, "the test needs attendances under its filters"
    found = CubeCounts(engine.facts, engine.dims, engine.cube, filters)
    per_state = found.attendances_by("state")
    assert int(per_state[state]) == len(chosen)
    assert int(per_state.sum()) == len(chosen)
    per_cadre = found.attendances_by("cadre")
    assert int(per_cadre[engine.facts.cadres.index(cadre)]) == len(chosen)
    programs = engine.dims.codes("programs", "program_code")
    by_program = Counter(r["program"] for r in chosen)
    counted = found.program_counts
    assert {code: int(counted[programs[code]]) for code in by_program} == dict(by_program)
    assert int(counted.sum()) == len(chosen)


def test_filter_lists_without_dates_make_no_selection(world_engine):
    engine, world = world_engine
    state = next(iter(world.districts.values()))
    engine.forget_selections()
    lists = all_options(engine, Filters(state=(state,), sector=("health",)))
    assert not engine._recent
    assert set(lists) == {"state", "partner", "disease", "sector", "cadre"}


def test_filter_lists_with_dates_count_through_the_selection(world_engine):
    engine, _ = world_engine
    engine.forget_selections()
    all_options(engine, Filters(date_from=date(2024, 1, 1)))
    assert engine._recent

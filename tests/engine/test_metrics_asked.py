"""Breakdowns asked for some metrics: the same numbers as the full answer, and the
participants left uncounted when no metric asked for needs them."""

from datetime import date

import pytest
from cachelib import SimpleCache

from dashboard.engine import views
from dashboard.queries.backend import SqlBackend
from dashboard.service import DashboardData
from dashboard.vocabulary.filters import BadFilter, Filters
from dashboard.vocabulary.metrics import METRICS, only
from tests.engine.compare import assert_same
from tests.queries.combos import filter_combinations
from tests.world import make_world

BREAKDOWNS = ("states", "districts", "diseases", "partners", "hubs", "programs", "cadres", "matrix")
ASKED = [(), ("participants",), ("programs",), ("states_reached", "sessions")]
COMBOS = [Filters(), *filter_combinations(make_world(seed=7), count=6, seed=5)]


@pytest.mark.parametrize("filters", COMBOS, ids=[str(i) for i in range(len(COMBOS))])
def test_a_breakdown_asked_for_some_metrics_equals_the_sql_answer_cut_to_them(small_world, filters):
    store, _ = small_world
    from_memory = DashboardData(store, SimpleCache(), use_engine=True)
    for name in BREAKDOWNS:
        expected = getattr(SqlBackend(store), name)(filters)
        for asked in ASKED:
            got = getattr(from_memory, name)(filters, metrics=asked)
            assert_same(only(expected, asked), got, f"{name} {asked} {filters}")
            shown = [c for c in got.columns if c in METRICS]
            assert shown == [m for m in METRICS if m == "attendances" or m in asked]


def test_only_attendances_asked_leaves_the_participants_uncounted(world_engine):
    engine, _ = world_engine
    filters = Filters(date_from=date(2021, 2, 1), date_to=date(2022, 9, 30))  # not kept
    engine.forget_selections()
    assert engine.selection(filters).attendances > 0
    for view in (views.by_state, views.by_district, views.by_hub, views.by_disease):
        view(engine, filters, metrics=())
    views.state_by_disease(engine, filters, metrics=("programs",))
    tallied = engine.selection(filters).__dict__
    assert not {"_people", "program_pairs"} & tallied.keys()
    views.by_hub(engine, filters, metrics=("participants",))
    assert "program_pairs" in tallied


def test_an_unknown_metric_is_refused_before_anything_is_counted(small_world):
    store, _ = small_world
    from_memory = DashboardData(store, SimpleCache(), use_engine=True)
    engine = from_memory.engine.get(from_memory.version())
    engine.forget_selections()
    with pytest.raises(BadFilter, match="metrics: unknown metric 'reach'"):
        from_memory.hubs(Filters(state=(9,)), metrics=("reach",))
    assert Filters(state=(9,)) not in engine._recent
    sql = DashboardData(store, SimpleCache(), use_engine=False)
    with pytest.raises(BadFilter, match="unknown metric 'reach'"):
        sql.hubs(Filters(), metrics=("reach",))


def test_the_sql_data_manager_cuts_its_answers_to_the_metrics_asked(small_world):
    store, _ = small_world
    sql = DashboardData(store, SimpleCache(), use_engine=False)
    got = sql.districts(Filters(), metrics=("participants",))
    full = SqlBackend(store).districts(Filters())
    dropped = [m for m in METRICS if m not in ("attendances", "participants")]
    assert_same(full.drop(columns=dropped), got, "districts")

"""What needs attention: every figure of every rule against a brute-force count over a
world built to make each rule fire and not fire (tests/attention_world.py), by the engine
and by SQL, on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from cachelib import SimpleCache

from dashboard.attention import Windows, figure_text, needs_attention, thresholds_text
from dashboard.service import DashboardData
from dashboard.vocabulary.attention import RULES, Thresholds
from dashboard.vocabulary.filters import Filters
from tests import attention_world as aw
from tests.conftest import BACKENDS, migrated_store
from tests.world import write_world

WORLD = aw.attention_world()
PLACES = aw.district_codes()
FILTERS = [Filters(), Filters(state=(29,)), Filters(cadre=("ASHA",)), Filters(hub=("HB1",))]


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    with migrated_store(request.param, tmp_path_factory.mktemp("attention")) as store:
        write_world(store, WORLD)
        yield store


@pytest.fixture(params=["engine", "sql"])
def data(request, store):
    return DashboardData(store, SimpleCache(), use_engine=request.param == "engine")


def listed(attention) -> dict[str, dict[str, dict]]:
    return {rule: {i.code: i.figures for i in attention.of_rule(rule)} for rule in RULES}


def assert_same(got: dict, expected: dict) -> None:
    assert got.keys() == expected.keys()
    for rule in RULES:
        assert got[rule].keys() == expected[rule].keys(), rule
        for code, figures in expected[rule].items():
            assert got[rule][code] == pytest.approx({k: v for k, v in figures.items()}), code


@pytest.mark.parametrize("filters", FILTERS, ids=["india", "state", "cadre", "hub"])
def test_every_figure_matches_brute_force(data, filters):
    attention = needs_attention(data, filters, Thresholds())
    assert attention.windows == Windows(aw.AS_OF, aw.RECENT, aw.BEFORE, aw.THIS_YEAR, aw.LAST_YEAR)
    assert_same(listed(attention), aw.rules(WORLD, filters, Thresholds()))


def test_what_fires_and_what_must_not(data):
    got = listed(needs_attention(data, Filters(), Thresholds()))
    for rule in RULES:
        codes = set(got[rule])
        if rule == "lost_districts":
            codes = {place for place, code in PLACES.items() if code in codes}
        assert aw.FIRES[rule] <= codes, rule
        assert not aw.QUIET[rule] & codes, rule


def test_thresholds_are_respected(data):
    strict = Thresholds(
        fall_share=0.5,
        silent_days=100,
        lost_minimum=7,
        retention_drop=1.0,
        once_share=0.7,
        cohort_minimum=5,
    )
    got = listed(needs_attention(data, Filters(), strict))
    assert_same(got, aw.rules(WORLD, Filters(), strict))
    assert "FALL" in got["attendance_fell"] and "EDGE30" not in got["attendance_fell"]
    assert not got["silent_hubs"] and not got["lost_districts"]  # 97 days; 6 attendances
    assert set(got["retention_fell"]) == {"RET"}  # from 100% to 0%
    assert set(got["cohort_once"]) == {"COH_SMALL"}  # 6 of 6 once; COH's 8 of 12 is not 70%


def test_the_day_is_the_data_s_or_an_earlier_one(data):
    later = needs_attention(data, Filters(), Thresholds(), as_of=date(2030, 1, 1))
    assert later.windows.as_of == aw.AS_OF
    to = needs_attention(data, Filters(date_to=date(2026, 9, 20)), Thresholds())
    assert to.windows.as_of == date(2026, 9, 20)
    # On 20 September HB2's last session (1 September) is 19 days old: not silent yet.
    assert "HB2" not in {i.code for i in to.of_rule("silent_hubs")}


def test_engine_and_sql_agree(store):
    frames = [
        needs_attention(DashboardData(store, SimpleCache(), use_engine=e), f, Thresholds()).frame()
        for f in FILTERS
        for e in (True, False)
    ]
    for engine, sql in zip(frames[::2], frames[1::2], strict=True):
        pd.testing.assert_frame_equal(engine, sql)
    assert not frames[0].empty


def test_items_link_to_their_view(data):
    attention = needs_attention(data, Filters(sector=("health",)), Thresholds())
    links = {i.code: i.href for i in attention.items}
    assert links["FALL"] == "/?sector=health&program=FALL&tab=trends"
    assert links["HB2"] == "/?sector=health&hub=HB2&tab=trends"
    assert links[PLACES["lost"]] == f"/?district={PLACES['lost']}&sector=health&tab=trends"
    assert links["COH"] == "/?sector=health&program=COH&tab=programmes"


def test_an_empty_store_needs_no_attention(new_store):
    attention = needs_attention(DashboardData(new_store(), SimpleCache()), Filters(), Thresholds())
    assert attention.windows is None and not attention.items
    assert attention.frame().empty


@pytest.mark.parametrize(
    "as_of, recent, before",
    [
        (date(2026, 12, 7), (date(2026, 9, 1), date(2026, 11, 30)), (date(2026, 6, 1), None)),
        (date(2026, 11, 30), (date(2026, 9, 1), date(2026, 11, 30)), (date(2026, 6, 1), None)),
        (date(2026, 11, 29), (date(2026, 8, 1), date(2026, 10, 31)), (date(2026, 5, 1), None)),
        (date(2024, 3, 1), (date(2023, 12, 1), date(2024, 2, 29)), (date(2023, 9, 1), None)),
    ],
)
def test_only_full_months_count(as_of, recent, before):
    windows = Windows.of(as_of)
    assert windows.recent == recent
    assert windows.before[0] == before[0]
    assert (windows.before[1] - recent[0]).days == -1


def test_financial_years_compare_the_same_days():
    windows = Windows.of(date(2025, 4, 1))
    assert windows.this_year == (date(2025, 4, 1), date(2025, 4, 1))
    assert windows.last_year == (date(2024, 4, 1), date(2024, 4, 1))
    assert Windows.of(date(2026, 3, 31)).last_year == (date(2024, 4, 1), date(2025, 3, 31))


def test_figures_and_thresholds_in_words():
    assert figure_text("change", -0.333) == "-33%"
    assert figure_text("retention_before", 0.5) == "50%"
    assert figure_text("last_session", date(2026, 9, 1)) == "01 Sep 2026"
    assert figure_text("before", 123456) == "1,23,456"
    words = thresholds_text(replace(Thresholds(), silent_days=90))
    assert "a hub is silent after 90 days without a session" in words

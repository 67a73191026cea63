"""Engine behaviour beyond equal numbers: reloads, empty stores, empty selections."""

from datetime import date

from cachelib import SimpleCache

from dashboard.engine import load_engine, query
from dashboard.engine import views as engine_views
from dashboard.service import DashboardData
from dashboard.store.writes import bump_data_version
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import METRICS
from tests.engine.compare import assert_every_view_equal
from tests.queries import brute
from tests.world import make_world, write_world


def test_empty_store_answers_zeros(new_store):
    store = new_store("sqlite")
    engine = load_engine(store)
    assert engine_views.summary(engine, Filters()) == dict.fromkeys(METRICS, 0)
    assert_every_view_equal(store, engine, Filters())


def test_nothing_matching_gives_zeros_and_empty_frames(new_store):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    engine = load_engine(store)
    nothing = Filters(hub=("HB0",), program=("PR1",))
    assert engine_views.summary(engine, nothing) == dict.fromkeys(METRICS, 0)
    assert engine_views.by_program(engine, nothing).empty
    assert_every_view_equal(store, engine, nothing)


def test_unknown_codes_match_nothing(new_store):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    engine = load_engine(store)
    assert engine_views.summary(engine, Filters(partner=("NOPE",)))["attendances"] == 0


def test_service_reloads_engine_when_data_version_changes(new_store):
    store = new_store("sqlite")
    data = DashboardData(store, SimpleCache(), use_engine=True)
    assert data.summary(Filters())["attendances"] == 0
    write_world(store, make_world(seed=7))
    loaded = data.summary(Filters())
    assert loaded["attendances"] > 0
    first = data.engine.get(data.version())
    with store.transaction() as conn:
        bump_data_version(conn)
    assert data.summary(Filters()) == loaded
    assert data.engine.get(data.version()) is not first


def test_service_can_be_forced_to_sql(new_store, monkeypatch):
    monkeypatch.setenv("ECHO_ENGINE", "off")
    store = new_store("sqlite")
    data = DashboardData(store, SimpleCache())
    assert not data.use_engine
    assert data.summary(Filters())["attendances"] == 0


def test_unfiltered_answers_are_computed_once_and_handed_out_as_copies(new_store):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    engine = engine_views.load_prepared(store)
    assert ("by_state", Filters()) in engine.kept_answers
    shown = engine_views.by_state(engine, Filters())
    total = int(shown["attendances"].sum())
    shown["attendances"] = 0
    assert int(engine_views.by_state(engine, Filters())["attendances"].sum()) == total > 0
    assert_every_view_equal(store, engine, Filters())


def test_wide_single_filters_are_kept_and_still_exact(new_store, monkeypatch):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    monkeypatch.setattr(engine_views, "WIDE_SHARE", 0.3)
    engine = engine_views.load_prepared(store)
    total = engine_views.summary(engine, Filters())["attendances"]
    assert engine.kept_filters
    for filters in engine.kept_filters:
        short_list = bool(filters.cadre or filters.sector)  # every value kept, wide or not
        assert short_list or engine_views.summary(engine, filters)["attendances"] >= 0.3 * total
        assert ("summary", filters) in engine.kept_answers
        assert_every_view_equal(store, engine, filters)
    long_frames = ("by_program", "attendance_split")  # kept for no filters only
    assert [key[1] for key in engine.kept_answers if key[0] in long_frames] == [Filters()] * 3


def test_every_cadre_and_sector_is_kept_however_few_attend(new_store, monkeypatch):
    store = new_store("sqlite")
    world = make_world(seed=7)
    write_world(store, world)
    monkeypatch.setattr(engine_views, "WIDE_SHARE", 0.3)
    engine = engine_views.load_prepared(store)
    people = world.by_code("participants", "participant_code")
    sessions = world.by_code("sessions", "session_code")
    programs = world.by_code("programs", "program_code")
    cadres = {people[p]["cadre"] for _, p in world.attendance}
    sectors = {programs[sessions[s]["program_code"]]["sector"] for s, _ in world.attendance}
    assert len(cadres) > 2 and len(sectors) > 1, "the test needs several of each"
    assert {f.cadre[0] for f in engine.kept_filters if f.cadre} == cadres
    assert {f.sector[0] for f in engine.kept_filters if f.sector} == sectors
    monkeypatch.setattr(engine_views, "SHORT_LIST", 1)  # longer lists keep wide values only
    assert len([f for f in engine_views.wide_filters(engine) if f.cadre]) < len(cadres)


def test_home_filters_are_answered_per_state_and_district_from_kept_answers(new_store, monkeypatch):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    monkeypatch.setattr(engine_views, "WIDE_SHARE", 0.3)
    engine = engine_views.load_prepared(store)
    (wide, *_) = sorted(engine.kept_filters, key=str)
    districts = engine_views.by_district(engine, Filters())
    state = int(districts.loc[districts["attendances"].idxmax(), "state_code"])
    own = districts[districts["state_code"] == state]["district_code"].tolist()
    other = districts[districts["state_code"] != state]["district_code"].iloc[0]
    for filters in [
        Filters(state=(state,)),
        Filters(state=(state,), district=(own[0],)),
        Filters(district=(own[0], other)),
        Filters(state=(state,), district=(other,)),  # a district of another state: nothing
        wide.replace(state=(state,)),
    ]:
        engine.forget_selections()
        districts = engine_views.by_district(engine, filters)
        if not filters.district:  # a state's own numbers are not its districts' sum
            engine_views.by_state(engine, filters)
        assert not engine._recent  # no selection was computed
        assert_every_view_equal(store, engine, filters)  # and every view equals SQL's
        total = engine_views.summary(engine, filters)["attendances"]
        assert districts["attendances"].sum() == total


def test_a_district_drill_shares_the_selection_of_its_district(new_store):
    """State and district filters where the district lies in the state select what the
    district alone does: one selection serves both (the drill, and its filter lists)."""
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    engine = load_engine(store)
    districts = engine_views.by_district(engine, Filters())
    row = districts[districts["attendances"] > 0].iloc[0]
    alone = Filters(district=(row.district_code,))
    drill = alone.replace(state=(int(row.state_code),))
    elsewhere = alone.replace(
        state=(int(districts[districts.state_code != row.state_code].iloc[0].state_code),)
    )
    assert engine.selection(drill) is engine.selection(alone)
    assert engine.selection(elsewhere) is not engine.selection(alone)
    for filters in (drill, elsewhere, drill.replace(district=(row.district_code, "no-such"))):
        assert_every_view_equal(store, engine, filters)
    assert engine_views.summary(engine, elsewhere)["attendances"] == 0


def test_a_date_ranges_districts_reached_are_read_off_its_district_session_pairs(world_engine):
    engine, world = world_engine
    held = {s["session_code"]: s["held_on"] for s in world.sessions}
    home = {p["participant_code"]: p["district_code"] for p in world.participants}
    engine.forget_selections()  # tallies made here, not by earlier tests
    for first, last in [
        (date(2019, 1, 1), date(2020, 6, 30)),
        (date(2021, 3, 1), date(2022, 2, 28)),
    ]:
        expected = {
            home[who] for session, who in world.attendance if first <= held[session] <= last
        }
        sel = engine.selection(Filters(date_from=first, date_to=last))
        reached = engine.dims.districts.set_index("id").loc[sel.districts_reached, "district_code"]
        assert sel._run() is not None and expected
        assert set(reached) == expected
        assert query.summary(sel)["districts_reached"] == len(expected)
        assert "people_per_district" not in sel.__dict__  # read off the pairs, not the people


def test_home_filters_alone_count_participants_per_district_without_listing_them(world_engine):
    engine, world = world_engine
    some = sorted(world.districts)[:3]
    engine.forget_selections()  # tallies made here, not by earlier tests
    for filters in (Filters(state=(29,)), Filters(district=tuple(some)), Filters(state=(22, 9))):
        sel = engine.selection(filters)
        expected = brute.metrics(brute.records(world, filters))
        assert query.summary(sel) == expected and expected["participants"] > 0
        assert "_people" not in sel.__dict__

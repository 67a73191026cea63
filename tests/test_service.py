"""The data manager's cache: keyed by store, data version, view and filters."""

from inspect import getsource

from cachelib import SimpleCache

from dashboard.backend import Backend
from dashboard.engine.backend import IN_MEMORY, EngineBackend
from dashboard.queries import lookups
from dashboard.service import DashboardData
from dashboard.store.writes import bump_data_version
from dashboard.vocabulary.filters import Filters
from tests.world import make_world, write_world


def test_two_stores_sharing_one_cache_keep_their_own_answers(new_store):
    shared = SimpleCache()
    empty, full = new_store("sqlite"), new_store("sqlite")
    world = make_world(seed=7)
    write_world(full, world)
    write_world(empty, make_world(seed=8))
    a = DashboardData(empty, shared, use_engine=False).summary(Filters())
    b = DashboardData(full, shared, use_engine=False).summary(Filters())
    assert b["attendances"] == len(world.attendance) != a["attendances"]


def test_one_rendered_answer_reads_the_data_version_once_and_keeps_it(new_store, monkeypatch):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    data = DashboardData(store, SimpleCache(), use_engine=False)
    reads = []
    read_version = lookups.current_data_version

    def counted(store_read):
        reads.append(1)
        return read_version(store_read)

    monkeypatch.setattr(lookups, "current_data_version", counted)

    def render():
        first = data.summary(Filters())
        with store.transaction() as conn:
            bump_data_version(conn)  # an import lands while the answer is being built
        return first, data.states(Filters()), data.version()

    summary, states, version = data.remembered(("page",), render)
    assert len(reads) == 1 and version == read_version(store) - 1
    assert states["attendances"].sum() == summary["attendances"]
    assert data.version() == read_version(store)  # outside an answer: read afresh


class CountingCache(SimpleCache):
    def __init__(self):
        super().__init__()
        self.written = 0

    def set(self, key, value, timeout=None):
        self.written += 1
        return super().set(key, value, timeout)


def test_engine_answers_skip_the_shared_cache_and_api_answers_go_through_it(new_store):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    cache = CountingCache()
    data = DashboardData(store, cache, use_engine=True)
    chosen = Filters(state=(29,))
    page = data.summary(chosen)
    assert cache.written == 0
    assert data.shared_answer("summary", chosen) == page and cache.written == 1
    assert data.shared_answer("summary", chosen) == page and cache.written == 1  # served from it
    data.latest_sessions(chosen)  # answered in SQL: cached
    assert cache.written == 2


def test_the_engine_answers_every_question_over_attendances_from_memory():
    """Only the session lists and the store's bookkeeping go to SQL (and its cache); what
    needs attention as of a past day is answered from memory too, and cached (each takes a
    few passes over the rows)."""
    questions = {name for name in vars(Backend) if not name.startswith("_")}
    to_sql = {"data_version", "data_as_of", "known_codes", "month_sessions", "latest_sessions"}
    as_of = {"hub_silence", "retention_as_of", "cohorts"}
    assert set(IN_MEMORY) == questions - to_sql - as_of
    assert len(IN_MEMORY) == 12
    handed = {q for q in questions if "store_backend" in getsource(getattr(EngineBackend, q))}
    assert handed == to_sql


def test_known_codes_are_read_once_per_data_version_even_when_the_cache_is_emptied(
    new_store, monkeypatch
):
    """Every callback checks its filters: an emptied shared cache must not make each one
    read the store's codes again; a write (a new data version) must."""
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    cache = SimpleCache()
    data = DashboardData(store, cache, use_engine=False)
    reads = []
    read_codes = data.backend.known_codes
    monkeypatch.setattr(data.backend, "known_codes", lambda: reads.append(1) or read_codes())
    data.check(Filters(state=(29,)))
    cache.clear()
    data.check(Filters(state=(29,)))
    assert len(reads) == 1
    with store.transaction() as conn:
        bump_data_version(conn)
    data.check(Filters(state=(29,)))
    assert len(reads) == 2

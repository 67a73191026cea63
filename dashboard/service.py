"""The dashboard's data manager: one backend's answers, cut to the metrics asked for, cached.

The web pages and the HTTP API both read through `DashboardData`, so they show
the same numbers for the same filters. It holds one `Backend` (dashboard.backend):
the in-memory engine (`dashboard.engine`, exact, reloaded per data version), which
hands what it does not hold to the SQL query layer, or with ECHO_ENGINE=off the SQL
query layer alone. The cache is swappable: in-process by default, Redis when
REDIS_URL is set (several workers then share one cache). A write bumps the store's
data version, which changes every key, so an import shows at once without a restart.

The engine's answers skip the shared cache: they take milliseconds, and a trip there
(pickling, the network) costs about as much. Whole rendered answers are cached
either way (`remembered`).
"""

import hashlib
import os
import pickle
from collections.abc import Callable
from contextvars import ContextVar
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
from cachelib import BaseCache, RedisCache, SimpleCache

from dashboard.backend import Backend, Metrics
from dashboard.config import redis_url
from dashboard.engine.backend import EngineBackend
from dashboard.engine.core import Engine
from dashboard.engine.holder import EngineHolder
from dashboard.queries.backend import SqlBackend
from dashboard.store.database import Store
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import Filters, refuse_unknown
from dashboard.vocabulary.metrics import check_metrics, only

CACHE_SECONDS = 24 * 3600
_store_failures: ContextVar[int] = ContextVar("store_failures", default=0)  # per thread
_answer_version: ContextVar[int | None] = ContextVar("answer_version", default=None)


def engine_enabled() -> bool:
    """False when ECHO_ENGINE is off/0/false: every question is then answered in SQL."""
    return os.environ.get("ECHO_ENGINE", "on").strip().lower() not in ("off", "0", "false", "no")


def make_cache(url: str | None = None) -> BaseCache:
    """Redis when a URL is given (or REDIS_URL set), else an in-process cache."""
    url = url or redis_url()
    if not url:
        return SimpleCache(threshold=2000, default_timeout=CACHE_SECONDS)
    from redis import Redis

    return RedisCache(host=Redis.from_url(url), key_prefix="echo:", default_timeout=CACHE_SECONDS)


class DashboardData:
    """Every answer the pages and the API show, from one backend."""

    def __init__(
        self, store: Store, cache: BaseCache | None = None, use_engine: bool | None = None
    ):
        self.store = store
        self.cache = cache if cache is not None else make_cache()
        self.use_engine = engine_enabled() if use_engine is None else use_engine
        self.engine = EngineHolder(store)
        self._codes: tuple[tuple, dict[str, frozenset]] | None = None  # (whose, known codes)
        sql = SqlBackend(store)
        self.backend: Backend = EngineBackend(self._current_engine, sql) if self.use_engine else sql

    def _current_engine(self) -> Engine:
        return self.engine.get(self.version())

    def version(self) -> int:
        """The store's data version; within one answer, the one it began with (one query
        instead of one per question, and every part of the answer from the same data)."""
        pinned = _answer_version.get()
        return self.backend.data_version() if pinned is None else pinned

    # The questions (see dashboard.backend.Backend). A breakdown asked for `metrics`
    # holds attendances and those only; None: every metric.

    def summary(self, filters: Filters) -> dict[str, int]:
        return self._ask(self.backend.summary, filters)

    def states(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._breakdown(self.backend.states, filters, metrics)

    def districts(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._breakdown(self.backend.districts, filters, metrics)

    def diseases(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._breakdown(self.backend.diseases, filters, metrics)

    def partners(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._breakdown(self.backend.partners, filters, metrics)

    def hubs(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._breakdown(self.backend.hubs, filters, metrics)

    def programs(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._breakdown(self.backend.programs, filters, metrics)

    def cadres(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._breakdown(self.backend.cadres, filters, metrics)

    def matrix(self, filters: Filters, metrics: Metrics | None = None) -> pd.DataFrame:
        return self._breakdown(self.backend.matrix, filters, metrics)

    def trend(self, filters: Filters, interval: str = "month") -> pd.DataFrame:
        return self._ask(self.backend.trend, filters, interval=interval)

    def split(self, filters: Filters, interval: str = "month", by: str = "disease") -> pd.DataFrame:
        return self._ask(self.backend.split, filters, interval=interval, by=by)

    def options(self, filters: Filters) -> dict[str, pd.DataFrame]:
        return self._ask(self.backend.options, filters)

    def month_sessions(self, filters: Filters, month: int) -> pd.DataFrame:
        return self._ask(self.backend.month_sessions, filters, month=month)

    def latest_sessions(self, filters: Filters, count: int = 10) -> pd.DataFrame:
        return self._ask(self.backend.latest_sessions, filters, count=count)

    def hub_silence(self, filters: Filters, as_of: date) -> pd.DataFrame:
        return self._ask(self.backend.hub_silence, filters, as_of=as_of)

    def retention_as_of(self, filters: Filters, as_of: date) -> pd.DataFrame:
        return self._ask(self.backend.retention_as_of, filters, as_of=as_of)

    def cohorts(self, filters: Filters, first: date, last: date, as_of: date) -> pd.DataFrame:
        return self._ask(self.backend.cohorts, filters, first=first, last=last, as_of=as_of)

    def shared_answer(self, question: str, filters: Filters, **options: Any) -> Any:
        """The answer to the `question` of `Backend` named, through the shared cache whoever
        computes it: the HTTP API's whole answers, which one server computes and every
        server then serves."""
        if question.startswith("_") or not callable(getattr(Backend, question, None)):
            raise ValueError(f"no such question: {question!r}")
        return self._ask(getattr(self.backend, question), filters, shared=True, **options)

    def data_as_of(self) -> date | None:
        return self.cached(("data_as_of",), self.backend.data_as_of)

    def check(self, filters: Filters) -> None:
        """Refuse values the store does not know (`BadFilter`), against its known codes,
        read once per data version: an unknown value costs no read of the store."""
        refuse_unknown(filters, self._known_codes())

    def _known_codes(self) -> dict[str, frozenset]:
        """The known codes of the current data version, kept in this process as well as in
        the shared cache: every callback checks its filters, and reading them (a scan of
        the participants' cadres) from an emptied cache at each would cost more than the
        answer itself."""
        version = self.version()
        whose = (self.store.identity, version)  # a replaced file is another store
        kept = self._codes
        if kept is None or kept[0] != whose:
            kept = (whose, self.cached(("known_codes",), self.backend.known_codes, version))
            self._codes = kept
        return kept[1]

    def _ask(
        self, question: Callable, filters: Filters, shared: bool = False, **options: Any
    ) -> Any:
        key = (question.__name__, filters, tuple(sorted(options.items())))
        return self._answer(question, partial(question, filters, **options), key, shared)

    def _breakdown(self, question: Callable, filters: Filters, metrics: Metrics | None) -> Any:
        """The one place answers are cut to the metrics asked for (checked before anything
        is counted): a backend may count more than it is asked for."""
        if metrics is None:
            return self._ask(question, filters)
        check_metrics(metrics)
        key = (question.__name__, filters, (("metrics", metrics),))
        compute = partial(_cut, question, filters, metrics)
        return self._answer(question, compute, key, shared=False)

    def _answer(self, question: Callable, compute: Callable, key: tuple, shared: bool) -> Any:
        """`compute`d under one data version. Answers from memory skip the shared cache
        unless `shared`: they take milliseconds, and a trip there (pickling, the network)
        cost about as much; pages share their whole rendered answers instead
        (`remembered`)."""
        version = self.version()
        pinned = _answer_version.set(version)
        try:
            if not shared and getattr(question, "in_memory", False):
                return self._noting_failures(compute)
            return self.cached(key, compute, version)
        finally:
            _answer_version.reset(pinned)

    def warm(self) -> None:
        """Start loading the engine in the background (servers call this at start)."""
        if not self.use_engine:
            return
        try:
            self.engine.warm_in_background(self.version())
        except StoreUnavailable:
            return

    def cached(self, key: tuple, compute: Callable[[], Any], version: int | None = None) -> Any:
        version = self._noting_failures(self.version) if version is None else version
        digest = self._digest(version, key)
        found = self.cache.get(digest)
        if found is not None:
            return found[0]
        value = self._noting_failures(compute)
        self.cache.set(digest, (value,))
        return value

    def remembered(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """A whole rendered answer (figures, tables, words), cached like a question's answer
        so a second visitor of the same page costs a cache read; an answer given while the
        store failed (an error state) is not kept."""
        try:
            version = self.version()
        except StoreUnavailable:
            return compute()
        digest = self._digest(version, ("rendered", *key))
        found = self.cache.get(digest)
        if found is not None:
            return found[0]
        failures = _store_failures.get()
        pinned = _answer_version.set(version)
        try:
            value = compute()
        finally:
            _answer_version.reset(pinned)
        if _store_failures.get() == failures:
            self.cache.set(digest, (value,))
        return value

    def _digest(self, version: Any, key: tuple) -> str:
        place = (self.store.url, self.store.identity)  # a replaced file is another store
        return hashlib.sha1(pickle.dumps((place, version, key))).hexdigest()

    @staticmethod
    def _noting_failures(read: Callable[[], Any]) -> Any:
        try:
            return read()
        except StoreUnavailable:
            _store_failures.set(_store_failures.get() + 1)
            raise


def _cut(question: Callable, filters: Filters, metrics: Metrics) -> pd.DataFrame:
    return only(question(filters, metrics=metrics), metrics)


_current: DashboardData | None = None


def dashboard_data() -> DashboardData:
    """The process's data manager, reading (never writing) the store named by the environment."""
    global _current
    if _current is None:
        _current = DashboardData(Store(read_only=True))
        _current.warm()
    return _current


def use(data: DashboardData) -> None:
    """Point the process at another data manager (tests, tools)."""
    global _current
    _current = data

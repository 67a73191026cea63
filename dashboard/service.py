"""The dashboard's data manager: query-layer answers, cached by view, filters and data version.

The web pages and the HTTP API both read through `DashboardData`, so they show
the same numbers for the same filters. The cache is swappable: in-process by
default, Redis when REDIS_URL is set (several workers then share one cache).
A write bumps the store's data version, which changes every key, so an import
shows at once without a restart.

Views that read the attendance facts are answered by the in-memory engine
(`dashboard.engine`, exact, reloaded per data version) and not cached: it answers
as fast as the cache would. The SQL query layer stays the reference and answers
the rest. ECHO_ENGINE=off forces SQL everywhere. Whole rendered answers are
cached either way (`remembered`).
"""

import hashlib
import os
import pickle
from collections.abc import Callable
from contextvars import ContextVar
from functools import partial
from typing import Any

from cachelib import BaseCache, RedisCache, SimpleCache

from dashboard.config import redis_url
from dashboard.engine import views as engine_views
from dashboard.engine.holder import EngineHolder
from dashboard.queries import breakdowns, lookups, metrics, options, sessions, trend
from dashboard.store.database import Store
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import check_metrics, only

VIEWS: dict[str, Callable[..., Any]] = {
    "summary": metrics.summary,
    "states": breakdowns.by_state,
    "districts": breakdowns.by_district,
    "diseases": breakdowns.by_disease,
    "partners": breakdowns.by_partner,
    "hubs": breakdowns.by_hub,
    "programs": breakdowns.by_program,
    "trend": trend.trend,
    "cadres": breakdowns.by_cadre,
    "matrix": breakdowns.state_by_disease,
    "split": trend.attendance_split,
    "month_sessions": sessions.sessions_of_month,
    "latest_sessions": sessions.latest_sessions,
    "options": options.all_options,
}

ENGINE_VIEWS: dict[str, Callable[..., Any]] = {
    "summary": engine_views.summary,
    "states": engine_views.by_state,
    "districts": engine_views.by_district,
    "diseases": engine_views.by_disease,
    "partners": engine_views.by_partner,
    "hubs": engine_views.by_hub,
    "programs": engine_views.by_program,
    "trend": engine_views.trend,
    "cadres": engine_views.by_cadre,
    "matrix": engine_views.state_by_disease,
    "split": engine_views.attendance_split,
    "options": engine_views.all_options,
}

CACHE_SECONDS = 24 * 3600
_store_failures: ContextVar[int] = ContextVar("store_failures", default=0)  # per thread
_answer_version: ContextVar[int | None] = ContextVar("answer_version", default=None)


def engine_enabled() -> bool:
    """False when ECHO_ENGINE is off/0/false: every view then runs in SQL."""
    return os.environ.get("ECHO_ENGINE", "on").strip().lower() not in ("off", "0", "false", "no")


def make_cache(url: str | None = None) -> BaseCache:
    """Redis when a URL is given (or REDIS_URL set), else an in-process cache."""
    url = url or redis_url()
    if not url:
        return SimpleCache(threshold=2000, default_timeout=CACHE_SECONDS)
    from redis import Redis

    return RedisCache(host=Redis.from_url(url), key_prefix="echo:", default_timeout=CACHE_SECONDS)


class DashboardData:
    """Cached access to every view of the query layer."""

    def __init__(
        self, store: Store, cache: BaseCache | None = None, use_engine: bool | None = None
    ):
        self.store = store
        self.cache = cache if cache is not None else make_cache()
        self.use_engine = engine_enabled() if use_engine is None else use_engine
        self.engine = EngineHolder(store)

    def version(self) -> int:
        """The store's data version; within one rendered answer, the one it began with (one
        query instead of one per view, and every part of the answer from the same data)."""
        pinned = _answer_version.get()
        return lookups.current_data_version(self.store) if pinned is None else pinned

    def view(self, name: str, filters: Filters, **options: Any) -> Any:
        """The named view's answer for these filters (a dict or a DataFrame). The engine's
        answers skip the shared cache: they take milliseconds, and a trip there (pickling,
        the network) cost about as much: an eighth of cold clicks at 10M; pages share
        their whole rendered answers instead (`remembered`)."""
        version = self.version()
        compute = self._computing(name, version, filters, options)
        if self.use_engine and name in ENGINE_VIEWS:
            return self._noting_failures(compute)
        return self.cached(_view_key(name, filters, options), compute, version)

    def shared_view(self, name: str, filters: Filters, **options: Any) -> Any:
        """A view's answer through the shared cache whoever computes it: the HTTP API's
        whole answers, which one server computes and every server then serves."""
        version = self.version()
        compute = self._computing(name, version, filters, options)
        return self.cached(_view_key(name, filters, options), compute, version)

    def _computing(self, name: str, version: int, filters: Filters, options: dict) -> Callable:
        if self.use_engine and name in ENGINE_VIEWS:
            return partial(self._from_engine, name, version, filters, options)
        rest = {k: v for k, v in options.items() if k != "metrics"}
        compute = partial(VIEWS[name], self.store, filters, **rest)
        if "metrics" in options:  # SQL counts every metric in one pass: keep those asked for
            return partial(_only, options["metrics"], compute)
        return compute

    def _from_engine(self, name: str, version: int, filters: Filters, options: dict) -> Any:
        return ENGINE_VIEWS[name](self.engine.get(version), filters, **options)

    def warm(self) -> None:
        """Start loading the engine in the background (servers call this at start)."""
        if not self.use_engine:
            return
        try:
            self.engine.warm_in_background(self.version())
        except StoreUnavailable:
            return

    def data_as_of(self):
        return self.cached(("data_as_of",), partial(lookups.data_as_of, self.store))

    def check(self, filters: Filters) -> None:
        self.cached(("check", filters), partial(lookups.check_filters, self.store, filters))

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
        """A whole rendered answer (figures, tables, words), cached like a view's answer so a
        second visitor of the same view costs a cache read; an answer given while the store
        failed (an error state) is not kept."""
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
        return hashlib.sha1(pickle.dumps((self.store.url, version, key))).hexdigest()

    @staticmethod
    def _noting_failures(read: Callable[[], Any]) -> Any:
        try:
            return read()
        except StoreUnavailable:
            _store_failures.set(_store_failures.get() + 1)
            raise


def _only(wanted: tuple[str, ...], compute: Callable[[], Any]) -> Any:
    """A SQL breakdown's answer with only the `wanted` metrics (checked before it runs)."""
    check_metrics(wanted)
    return only(compute(), wanted)


def _view_key(name: str, filters: Filters, options: dict) -> tuple:
    return (name, filters, tuple(sorted(options.items())))


_current: DashboardData | None = None


def dashboard_data() -> DashboardData:
    """The process's data manager, reading the store named by the environment."""
    global _current
    if _current is None:
        _current = DashboardData(Store())
        _current.warm()
    return _current


def use(data: DashboardData) -> None:
    """Point the process at another data manager (tests, tools)."""
    global _current
    _current = data

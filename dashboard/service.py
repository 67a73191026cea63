"""The dashboard's data manager: query-layer answers, cached by view, filters and data version.

The web pages and the HTTP API both read through `DashboardData`, so they show
the same numbers for the same filters. The cache is swappable: in-process by
default, Redis when REDIS_URL is set (several workers then share one cache).
A write bumps the store's data version, which changes every key, so an import
shows at once without a restart.
"""

import hashlib
import pickle
from collections.abc import Callable
from functools import partial
from typing import Any

from cachelib import BaseCache, RedisCache, SimpleCache

from dashboard.config import redis_url
from dashboard.queries import breakdowns, lookups, metrics, options, sessions, trend
from dashboard.queries.filters import Filters
from dashboard.store.database import Store

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

CACHE_SECONDS = 24 * 3600


def make_cache(url: str | None = None) -> BaseCache:
    """Redis when a URL is given (or REDIS_URL set), else an in-process cache."""
    url = url or redis_url()
    if not url:
        return SimpleCache(threshold=2000, default_timeout=CACHE_SECONDS)
    from redis import Redis

    return RedisCache(host=Redis.from_url(url), key_prefix="echo:", default_timeout=CACHE_SECONDS)


class DashboardData:
    """Cached access to every view of the query layer."""

    def __init__(self, store: Store, cache: BaseCache | None = None):
        self.store = store
        self.cache = cache if cache is not None else make_cache()

    def version(self) -> int:
        return lookups.current_data_version(self.store)

    def view(self, name: str, filters: Filters, **options: Any) -> Any:
        """The named view's answer for these filters (a dict or a DataFrame)."""
        compute = partial(VIEWS[name], self.store, filters, **options)
        return self.cached((name, filters, tuple(sorted(options.items()))), compute)

    def data_as_of(self):
        return self.cached(("data_as_of",), partial(lookups.data_as_of, self.store))

    def check(self, filters: Filters) -> None:
        self.cached(("check", filters), partial(lookups.check_filters, self.store, filters))

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        digest = hashlib.sha1(pickle.dumps((self.version(), key))).hexdigest()
        found = self.cache.get(digest)
        if found is not None:
            return found[0]
        value = compute()
        self.cache.set(digest, (value,))
        return value


_current: DashboardData | None = None


def dashboard_data() -> DashboardData:
    """The process's data manager, reading the store named by the environment."""
    global _current
    if _current is None:
        _current = DashboardData(Store())
    return _current


def use(data: DashboardData) -> None:
    """Point the process at another data manager (tests, tools)."""
    global _current
    _current = data

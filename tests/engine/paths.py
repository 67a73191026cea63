"""Ask a question by either path: the SQL query layer or the in-memory engine."""

from typing import Any

from dashboard.backend import Backend
from dashboard.engine import Engine, load_engine
from dashboard.engine.backend import EngineBackend
from dashboard.queries.backend import SqlBackend
from dashboard.queries.lookups import current_data_version
from dashboard.store.database import Store

PATHS = ["sql", "engine"]
_engines: dict[str, Engine] = {}


def engine_for(store: Store) -> Engine:
    """The store's engine, loaded once per data version."""
    engine = _engines.get(store.url)
    if engine is None or engine.version != current_data_version(store):
        engine = _engines[store.url] = load_engine(store)
    return engine


def backend(path: str, store: Store) -> Backend:
    if path == "sql":
        return SqlBackend(store)
    return EngineBackend(lambda: engine_for(store), SqlBackend(store))


def view(path: str, store: Store, name: str, filters, **options: Any) -> Any:
    return getattr(backend(path, store), name)(filters, **options)

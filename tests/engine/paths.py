"""Run a view through either path: the SQL query layer or the in-memory engine."""

from typing import Any

from dashboard.engine import Engine, load_engine
from dashboard.queries.lookups import current_data_version
from dashboard.service import ENGINE_VIEWS, VIEWS
from dashboard.store.database import Store

PATHS = ["sql", "engine"]
_engines: dict[str, Engine] = {}


def engine_for(store: Store) -> Engine:
    """The store's engine, loaded once per data version."""
    engine = _engines.get(store.url)
    if engine is None or engine.version != current_data_version(store):
        engine = _engines[store.url] = load_engine(store)
    return engine


def view(path: str, store: Store, name: str, filters, **options: Any) -> Any:
    if path == "sql":
        return VIEWS[name](store, filters, **options)
    return ENGINE_VIEWS[name](engine_for(store), filters, **options)

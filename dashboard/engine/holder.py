"""Keeps one engine per process, reloaded when the store's data version moves on.

With ECHO_ENGINE_DIR (the default) the engine is built once per data version by
whichever process needs it first and mapped from files by all the others
(`dashboard.engine.shared`); `off` builds a private copy in every process.
"""

import threading

from sqlalchemy.exc import DBAPIError, OperationalError

from dashboard import config
from dashboard.engine import shared, views
from dashboard.engine.core import Engine
from dashboard.store.database import Store
from dashboard.vocabulary.errors import StoreUnavailable


class EngineHolder:
    """The current engine; loading happens once per data version, under a lock."""

    def __init__(self, store: Store):
        self.store = store
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def get(self, version: int) -> Engine:
        """An engine holding `version` (or newer, if a write landed meanwhile)."""
        engine = self._engine
        if engine is not None and engine.version >= version:
            return engine
        with self._lock:
            if self._engine is None or self._engine.version < version:
                self._engine = None  # let the old arrays go before the new ones arrive
                try:
                    self._engine = self._load()
                except (OperationalError, DBAPIError) as error:
                    raise StoreUnavailable(str(error.orig or error).splitlines()[0]) from error
            return self._engine

    def _load(self) -> Engine:
        folder = config.engine_dir()
        if folder is None:
            return views.load_prepared(self.store)
        return shared.obtain(self.store, folder)

    def warm_in_background(self, version: int) -> threading.Thread:
        """Load ahead of the first request, so it does not pay for the load."""
        thread = threading.Thread(target=self.get, args=(version,), daemon=True)
        thread.start()
        return thread

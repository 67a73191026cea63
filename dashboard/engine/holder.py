"""Keeps one engine per process, reloaded when the store's data version moves on.

With ECHO_ENGINE_DIR (the default) the engine is built once per data version by
whichever process needs it first and mapped from files by all the others
(`dashboard.engine.shared`); `off` builds a private copy in every process.
"""

import threading

from dashboard import config
from dashboard.engine import shared, views
from dashboard.engine.core import Engine
from dashboard.store.database import Store


class EngineHolder:
    """The current engine; loading happens once per data version, under a lock."""

    def __init__(self, store: Store):
        self.store = store
        self._engine: Engine | None = None
        self._identity = store.identity  # of the file the engine was read from
        self._lock = threading.Lock()

    def get(self, version: int) -> Engine:
        """An engine holding `version` (or newer, if a write landed meanwhile) of the file
        the store reads now (a replaced SQLite file is read afresh, whatever its version)."""
        if self._holds(version):
            return self._engine
        with self._lock:
            if not self._holds(version):
                self._engine = None  # let the old arrays go before the new ones arrive
                identity = self.store.identity
                self._engine = self._load()  # the store's failures come as StoreUnavailable
                self._identity = identity
            return self._engine

    def _holds(self, version: int) -> bool:
        engine = self._engine
        return (
            engine is not None
            and engine.version >= version
            and self._identity == self.store.identity
        )

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

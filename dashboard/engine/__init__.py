"""An in-memory, exact engine behind the SQL query layer's answers (issue #6)."""

from dashboard.engine.core import Engine, load_engine

__all__ = ["Engine", "load_engine"]

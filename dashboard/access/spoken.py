"""The scoped data answering in the language being spoken: the page's callbacks and the
brief read place names through it."""

from typing import Any

from dashboard.access.scoped import ScopedData
from dashboard.geography.spoken import spoken
from dashboard.vocabulary.language import DEFAULT, current


class Spoken:
    """Scoped data whose answers name states in the current language (the questions, the
    scope and the caches are the scoped data's own; only the answers are translated)."""

    def __init__(self, scoped: ScopedData):
        self._scoped = scoped

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._scoped, name)
        if not callable(found) or name in ("remembered", "version", "check", "within"):
            return found
        return lambda *args, **kwargs: spoken(found(*args, **kwargs))


def in_language(scoped: ScopedData) -> ScopedData:
    """`scoped` as it answers in the current language (itself in the default language)."""
    return scoped if current() == DEFAULT else Spoken(scoped)  # type: ignore[return-value]

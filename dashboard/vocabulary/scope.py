"""What one user (or one token) may see: all of India, some states, some partners, or nothing.

A state scope keeps the attendances of participants whose home district is in those
states (the state filter's geography); a partner scope keeps the programmes those
partners host or take part in (the partner filter's meaning). Both together apply both.
A scope naming nothing sees nothing, never everything.
"""

from dataclasses import dataclass, field

from dashboard.vocabulary.filters import BadFilter


class OutOfScope(BadFilter):
    """A filter asking for something outside the user's scope (403 in the API)."""


@dataclass(frozen=True)
class Scope:
    """`india` sees everything; otherwise the states and partners named (both apply)."""

    india: bool = False
    states: frozenset[int] = field(default_factory=frozenset)
    partners: frozenset[str] = field(default_factory=frozenset)

    @property
    def sees_nothing(self) -> bool:
        return not (self.india or self.states or self.partners)

    def key(self) -> str:
        """A short text naming the scope, for cache keys and the audit log."""
        if self.india:
            return "india"
        states = ",".join(str(s) for s in sorted(self.states))
        partners = ",".join(sorted(self.partners))
        return f"states={states};partners={partners}"

    def within(self, wider: "Scope") -> bool:
        """True when every attendance this scope sees, `wider` sees too (a token's scope
        must lie within its user's)."""
        if wider.india:
            return True
        if self.india or self.sees_nothing:
            return self.sees_nothing
        states_ok = not wider.states or (bool(self.states) and self.states <= wider.states)
        partners_ok = not wider.partners or (
            bool(self.partners) and self.partners <= wider.partners
        )
        return states_ok and partners_ok


INDIA = Scope(india=True)
NOTHING = Scope()

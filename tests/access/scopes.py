"""The roles the tests ask as, and what each may see of a World, counted by hand."""

from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.scope import INDIA, Scope
from tests.queries import brute
from tests.world import World

ROLES = {
    "ministry": INDIA,
    "state": Scope(states=frozenset({29})),
    "partner": Scope(partners=frozenset({"PA3"})),
    "state+partner": Scope(states=frozenset({9, 22}), partners=frozenset({"PA0", "PA4"})),
}
OTHER_STATE, OTHER_PARTNER = 2, "PA1"  # outside every scope above but the ministry's


def seen(scope: Scope, row: dict) -> bool:
    """Whether `scope` sees an attendance (a row of brute.records): its participant's home
    state among the scope's states, its programme among its partners' (hosted or not)."""
    if scope.india:
        return True
    states_ok = not scope.states or row["state"] in scope.states
    partners_ok = not scope.partners or bool(row["partners"] & scope.partners)
    return states_ok and partners_ok and not scope.sees_nothing


def records(world: World, scope: Scope, filters: Filters | None = None) -> list[dict]:
    """The attendances `scope` sees under `filters` (none: all it sees)."""
    return [row for row in brute.records(world, filters or Filters()) if seen(scope, row)]

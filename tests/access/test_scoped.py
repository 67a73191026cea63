"""ScopedData: filters cut to the scope, refusals naming what is outside it, lists of
values holding only the scope's own, and caches that never hand one scope another's answer."""

import pytest
from cachelib import SimpleCache

from callbacks.names import named
from dashboard import service
from dashboard.access.scoped import ScopedData, district_states, within
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.scope import INDIA, NOTHING, OutOfScope, Scope
from tests.access.scopes import ROLES, records
from tests.queries import brute

KARNATAKA = Scope(states=frozenset({29}))
PA3 = Scope(partners=frozenset({"PA3"}))
BOTH = Scope(states=frozenset({29, 9}), partners=frozenset({"PA3"}))


@pytest.mark.parametrize(
    "scope, asked, cut",
    [
        (INDIA, Filters(state=(2,)), Filters(state=(2,))),
        (KARNATAKA, Filters(), Filters(state=(29,))),
        (
            KARNATAKA,
            Filters(district=("KA-mysuru",)),
            Filters(state=(29,), district=("KA-mysuru",)),
        ),
        (KARNATAKA, Filters(hub=("HB1",)), Filters(state=(29,), hub=("HB1",))),
        (PA3, Filters(state=(2,)), Filters(state=(2,), partner=("PA3",))),
        (BOTH, Filters(state=(9,)), Filters(state=(9,), partner=("PA3",))),
        (BOTH, Filters(), Filters(state=(9, 29), partner=("PA3",))),
    ],
)
def test_filters_are_cut_to_the_scope(scope, asked, cut):
    assert within(scope, asked, district_states()) == cut


@pytest.mark.parametrize(
    "scope, asked, parameter, named",
    [
        (KARNATAKA, Filters(state=(29, 9)), "state", "9"),
        (KARNATAKA, Filters(district=("KA-mysuru", "UP-agra")), "district", "UP-agra"),
        (PA3, Filters(partner=("PA3", "PA1")), "partner", "PA1"),
        (BOTH, Filters(state=(2,)), "state", "2"),
        (BOTH, Filters(partner=("PA0",)), "partner", "PA0"),
        (NOTHING, Filters(), "scope", "no states or partners"),
    ],
)
def test_what_lies_outside_is_refused_by_name(scope, asked, parameter, named):
    with pytest.raises(OutOfScope) as refused:
        within(scope, asked, district_states())
    assert refused.value.parameter == parameter and named in str(refused.value)


@pytest.fixture
def scoped(small_world):
    """A scope's data, asking the data manager the process uses."""
    store, world = small_world
    data = service.DashboardData(store, SimpleCache())
    service.use(data)
    yield (lambda scope: ScopedData(data, scope)), world
    service.use(None)


@pytest.mark.parametrize("role", ROLES)
def test_option_lists_hold_only_the_scopes_values_with_its_counts(scoped, role):
    ask, world = scoped
    scope = ROLES[role]
    options = ask(scope).options(Filters())
    seen = records(world, scope)
    for name, by in (("state", "state"), ("partner", "partners")):
        listed = dict(zip(options[name]["value"], options[name]["n"], strict=True))
        own = scope.states if name == "state" else scope.partners
        if own:
            assert set(listed) == set(own), name
        wanted = {value: group["attendances"] for value, group in brute.grouped(seen, by).items()}
        counted = {value: n for value, n in listed.items() if n}
        # the list counts under the other filters: within the scope, its own values' counts
        assert counted == {v: n for v, n in wanted.items() if not own or v in own}, name


@pytest.mark.parametrize("role", ROLES)
def test_names_of_codes_are_only_the_scopes(scoped, role, as_scope):
    _, world = scoped
    scope = ROLES[role]
    as_scope(scope)
    seen = records(world, scope)
    assert set(named("hub")) == {row["hub"] for row in seen}
    assert set(named("program")) == {row["program"] for row in seen}
    if scope.partners:
        assert set(named("partner")) == scope.partners
    if scope.states:
        assert set(map(int, named("state"))) == scope.states


def test_a_ministry_answer_is_never_served_to_a_state(scoped):
    """The data manager's cache keys on the filters, and a state's are cut to its states."""
    ask, world = scoped
    ministry, state = ask(INDIA), ask(KARNATAKA)
    assert ministry.summary(Filters()) == brute.metrics(records(world, INDIA))
    assert ministry.shared_answer("summary", Filters()) == brute.metrics(records(world, INDIA))
    assert state.summary(Filters()) == brute.metrics(records(world, KARNATAKA))
    assert state.shared_answer("summary", Filters()) == brute.metrics(records(world, KARNATAKA))
    kept = ministry.remembered(("page", "?"), lambda: "India's page")
    assert kept == ministry.remembered(("page", "?"), lambda: "computed again")
    assert state.remembered(("page", "?"), lambda: "Karnataka's page") == "Karnataka's page"

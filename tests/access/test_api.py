"""The HTTP API as each role sees it: every view equals a count by hand over what the
role may see; a filter outside the scope is a 403 naming it, with no data."""

import pytest
from cachelib import SimpleCache

from app import server
from dashboard import service
from dashboard.viewstate import from_query
from dashboard.vocabulary.metrics import METRICS
from dashboard.vocabulary.scope import NOTHING
from tests.access.scopes import OTHER_PARTNER, OTHER_STATE, ROLES, records
from tests.queries import brute
from tests.signin import signed_in

# view: (the row's key, what brute.grouped groups by)
GROUPED = {
    "states": ("state_code", "state"),
    "districts": ("district_code", "district"),
    "diseases": ("disease_area", "disease"),
    "partners": ("partner_code", "partners"),
    "hubs": ("hub_code", "hub"),
    "programs": ("program_code", "program"),
}
SELECTION = "from=2019-06-01&sector=health"


@pytest.fixture
def http(small_world):
    store, world = small_world
    service.use(service.DashboardData(store, SimpleCache()))
    yield signed_in(server.test_client(), store), world
    service.use(None)


def _rows(answer) -> list[dict]:
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return answer.get_json()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("query", ["", SELECTION, "hub=HB1&hub=HB2"])  # hubs: never refused
def test_every_view_counts_what_the_role_sees(http, as_scope, role, query):
    client, world = http
    as_scope(ROLES[role])
    filters = from_query(query).filters
    seen = records(world, ROLES[role], filters)
    summary = _rows(client.get(f"/api/v1/summary?{query}"))
    assert {m: summary[m] for m in METRICS} == brute.metrics(seen)
    for view, (key, by) in GROUPED.items():
        answer = _rows(client.get(f"/api/v1/{view}?{query}"))
        got = {row[key]: {m: row[m] for m in METRICS} for row in answer if row["attendances"]}
        assert got == brute.grouped(seen, by), (role, view)
    trend = _rows(client.get(f"/api/v1/trend?{query}"))
    expected = {}
    for row in seen:
        expected.setdefault(brute.period(row["held_on"], "month"), []).append(row)
    assert {r["period"]: r["attendances"] for r in trend if r["attendances"]} == {
        period: len(rows) for period, rows in expected.items()
    }


@pytest.mark.parametrize("role", ["state", "state+partner"])
def test_a_state_scope_lists_only_its_states_and_districts(http, as_scope, role):
    client, _ = http
    scope = ROLES[role]
    as_scope(scope)
    states = _rows(client.get("/api/v1/states"))
    assert {r["state_code"] for r in states} == scope.states  # not 36 rows of zeros
    districts = _rows(client.get("/api/v1/districts?format=json"))
    assert {r["state_code"] for r in districts} == scope.states


FORGED = [
    ("state", f"state={OTHER_STATE}", "state"),
    ("state", "state=29&state=9", "state"),
    ("state", "state=99", "state"),  # unknown or not: outside, either way
    ("state", "district=UP-ayodhya", "district"),
    ("state", "district=XX-nowhere", "district"),
    ("partner", f"partner={OTHER_PARTNER}", "partner"),
    ("partner", "partner=NOPE", "partner"),
    ("state+partner", "state=29", "state"),
    ("state+partner", "partner=PA3", "partner"),
]


@pytest.mark.parametrize("view", ["summary", "programs"])
@pytest.mark.parametrize("role, query, parameter", FORGED)
def test_a_filter_outside_the_scope_is_403_naming_it(http, as_scope, view, role, query, parameter):
    client, _ = http
    as_scope(ROLES[role])
    for output in ("json", "csv"):
        answer = client.get(f"/api/v1/{view}?{query}&format={output}")
        assert answer.status_code == 403
        body = answer.get_json()
        assert body["parameter"] == parameter
        assert "outside the data this account may see" in body["error"]
        assert "attendances" not in answer.get_data(as_text=True)


def test_an_account_that_sees_nothing_gets_nothing(http, as_scope):
    client, _ = http
    as_scope(NOTHING)
    for view in GROUPED:
        answer = client.get(f"/api/v1/{view}")
        assert answer.status_code == 403
        assert answer.get_json()["parameter"] == "scope"
        assert "no states or partners" in answer.get_json()["error"]


def test_the_ministry_still_gets_400_for_unknown_values(http, as_scope):
    client, _ = http
    as_scope(ROLES["ministry"])
    assert client.get("/api/v1/summary?state=99").status_code == 400
    assert client.get(f"/api/v1/summary?state={OTHER_STATE}").status_code == 200

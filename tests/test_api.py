"""HTTP: /healthz and every /api/v1 view, JSON and CSV, and a clear 400 for every bad parameter."""

import csv
import io

import pytest
from cachelib import SimpleCache

from app import server
from dashboard import service
from dashboard.store.database import Store
from dashboard.vocabulary.filters import Filters
from tests.queries import brute

VIEWS = ("summary", "states", "districts", "diseases", "partners", "hubs", "programs", "trend")


@pytest.fixture
def client(small_world):
    store, world = small_world
    service.use(service.DashboardData(store, SimpleCache()))
    yield server.test_client(), world
    service.use(None)


@pytest.fixture
def broken_client():
    store = Store("postgresql://postgres@127.0.0.1:9/nowhere", read_timeout=2)
    service.use(service.DashboardData(store, SimpleCache()))
    yield server.test_client()
    service.use(None)


def test_summary_matches_brute_force_and_has_data_as_of(client):
    http, world = client
    answer = http.get("/api/v1/summary?state=29&state=9&sector=health").get_json()
    expected = brute.metrics(brute.records(world, Filters(state=(29, 9), sector=("health",))))
    assert {k: answer[k] for k in expected} == expected
    assert answer["data_as_of"] == max(s["held_on"] for s in world.sessions).isoformat()


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_answers_json_and_csv(client, view):
    http, _ = client
    json_answer = http.get(f"/api/v1/{view}")
    assert json_answer.status_code == 200
    csv_answer = http.get(f"/api/v1/{view}?format=csv")
    assert csv_answer.status_code == 200
    assert csv_answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(csv_answer.get_data(as_text=True))))
    body = json_answer.get_json()
    assert len(rows) == (1 if view == "summary" else len(body))


def test_views_carry_the_contract_columns(client):
    http, _ = client
    columns = {
        "states": {"state_code", "state", "attendances", "districts_reached"},
        "districts": {"district_code", "district_lgd", "district", "state_code", "participants"},
        "hubs": {"hub_code", "name", "state_code", "district_code", "latitude", "longitude"},
        "programs": {"program_code", "hub_code", "disease_area", "sector", "retention"},
        "partners": {"partner_code", "attendances"},
        "trend": {"period", "sessions", "attendances", "participants"},
    }
    for view, expected in columns.items():
        row = http.get(f"/api/v1/{view}").get_json()[0]
        assert expected <= set(row), view
    hubs = http.get("/api/v1/hubs").get_json()
    assert "host_partner_code" in hubs[0]


def test_partner_filter_counts_listed_partners_and_hosts(client):
    http, world = client
    answer = http.get("/api/v1/summary?partner=PA3").get_json()
    expected = brute.metrics(brute.records(world, Filters(partner=("PA3",))))
    assert answer["attendances"] == expected["attendances"] > 0


def test_trend_intervals(client):
    http, _ = client
    periods = [r["period"] for r in http.get("/api/v1/trend?interval=fy").get_json()]
    assert periods and all(p.startswith("FY") for p in periods)


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("from=2024-02-30", "from"),
        ("to=tomorrow", "to"),
        ("from=2024-05-01&to=2024-04-01", "from"),
        ("state=99", "state"),
        ("state=KA", "state"),
        ("district=XX-nowhere", "district"),
        ("partner=NOPE", "partner"),
        ("disease=Scurvy", "disease"),
        ("sector=finance", "sector"),
        ("cadre=astronaut", "cadre"),
        ("hub=HB99", "hub"),
        ("program=PR99", "program"),
        ("format=xml", "format"),
        ("stat=29", "stat"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, query, parameter):
    http, _ = client
    answer = http.get(f"/api/v1/summary?{query}")
    assert answer.status_code == 400
    body = answer.get_json()
    assert body["parameter"] == parameter and parameter in body["error"]


def test_interval_is_only_for_trend(client):
    http, _ = client
    assert http.get("/api/v1/trend?interval=week").status_code == 400
    assert http.get("/api/v1/states?interval=year").status_code == 400


def test_unknown_view_is_404(client):
    http, _ = client
    answer = http.get("/api/v1/everything")
    assert answer.status_code == 404 and "summary" in answer.get_json()["error"]


def test_healthz_ok(client):
    http, world = client
    answer = http.get("/healthz")
    assert answer.status_code == 200
    assert answer.get_json() == {
        "status": "ok",
        "database": "ok",
        "data_as_of": max(s["held_on"] for s in world.sessions).isoformat(),
    }


def test_unreadable_store_is_503_not_500(broken_client):
    health = broken_client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"] == "unavailable"
    view = broken_client.get("/api/v1/summary")
    assert view.status_code == 503 and "error" in view.get_json()

"""HTTP: /healthz and every /api/v1 view, JSON and CSV, and a clear 400 for every bad parameter."""

import csv
import io

import pytest
from cachelib import SimpleCache

from app import server
from dashboard import service
from dashboard.store.database import Store
from dashboard.vocabulary.filters import BadFilter, Filters
from tests.queries import brute
from tests.signin import signed_in

VIEWS = (
    "summary",
    "states",
    "districts",
    "diseases",
    "partners",
    "hubs",
    "programs",
    "trend",
    "attention",
)


@pytest.fixture
def client(small_world):
    store, world = small_world
    service.use(service.DashboardData(store, SimpleCache()))
    yield signed_in(server.test_client(), store), world
    service.use(None)


@pytest.fixture
def attention_client(attention_store):
    """The API over the world where every attention rule has items."""
    service.use(service.DashboardData(attention_store, SimpleCache()))
    yield signed_in(server.test_client(), attention_store)
    service.use(None)


@pytest.fixture
def broken_client():
    store = Store("postgresql://postgres@127.0.0.1:9/nowhere", read_timeout=2)
    service.use(service.DashboardData(store, SimpleCache()))
    client = server.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = "Bearer echo_any"  # checked in the store
    yield client
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


HOSTILE = [
    ("state=99999999999999999999", "state"),
    ("state=%C2%B2", "state"),  # ² : str.isdigit() says yes
    ("state=%D9%A2%D9%A9", "state"),  # Arabic-Indic 29
    ("state=" + "9" * 5000, "state"),
    ("from=0001-01-01&to=9999-12-31", "from"),
    ("to=9999-12-31", "to"),
    ("from=20240101", "from"),  # ISO's basic form: not the documented YYYY-MM-DD
    ("cadre=%00", "cadre"),
    ("district=KA%0Amysuru", "district"),
    ("hub=" + "H" * 201, "hub"),
    ("&".join(["cadre=x"] * 201), "cadre"),
    ("&".join(f"cadre=c{i}" for i in range(200)), "cadre"),  # allowed, but unknown
    ("format=" + "x" * 5000, "format"),
]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("query, parameter", HOSTILE)
def test_hostile_values_are_400_naming_the_parameter(client, view, query, parameter):
    http, _ = client
    answer = http.get(f"/api/v1/{view}?{query}")
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    body = answer.get_json()
    assert body["parameter"] == parameter
    assert len(body["error"]) < 600  # a flood is not echoed back


def test_unknown_values_cost_no_read_of_the_store(small_world, monkeypatch):
    """Refused against the known codes, read once per data version: 200 unknown cadres
    cost no more reads than one."""
    store, _ = small_world
    data = service.DashboardData(store, SimpleCache())
    data.check(Filters())  # reads the known codes once
    reads, reading = [], store._reading
    monkeypatch.setattr(store, "_reading", lambda *a: reads.append(a) or reading(*a))
    for count in (1, 200):
        with pytest.raises(BadFilter):
            data.check(Filters(cadre=tuple(f"nobody-{i}" for i in range(count))))
    assert len(reads) == 2  # the data version, once per check; no scan per value


@pytest.mark.parametrize(
    "method, path, status",
    [
        ("get", "/api/nothing", 404),
        ("get", "/api/", 404),
        ("get", "/api/v1/summary/extra", 404),
        ("post", "/api/v1/summary", 405),
        ("delete", "/api/v1/states", 405),
        ("post", "/healthz", 405),
    ],
)
def test_http_errors_under_the_api_are_json(client, method, path, status):
    http, _ = client
    answer = getattr(http, method)(path)
    assert answer.status_code == status
    assert answer.mimetype == "application/json" and answer.get_json()["error"]
    assert status != 405 or "GET" in answer.headers["Allow"]


def test_503_says_the_store_is_unavailable_and_logs_the_detail(broken_client, caplog):
    for path in ("/api/v1/summary", "/api/v1/states?state=29"):
        answer = broken_client.get(path)
        assert answer.status_code == 503
        text = answer.get_data(as_text=True)
        assert answer.get_json()["error"] == "the store is unavailable"
        for secret in ("127.0.0.1", "nowhere", "5432", ":9", "port", "connection"):
            assert secret not in text
    assert "127.0.0.1" in caplog.text or "nowhere" in caplog.text


@pytest.mark.parametrize("search", ["", "?state=29&cadre=ASHA", "?to=2026-10-31"])
def test_attention_lists_what_the_tab_lists(attention_client, search):
    from urllib.parse import parse_qs

    from dashboard.attention import needs_attention
    from dashboard.tabular import records
    from dashboard.vocabulary.attention import Thresholds
    from dashboard.vocabulary.filters import parse_filters
    from tests import attention_world as aw

    filters = parse_filters(parse_qs(search.lstrip("?")))
    answer = attention_client.get(f"/api/v1/attention{search}").get_json()
    shown = needs_attention(service.dashboard_data(), filters, Thresholds())
    assert answer == records(shown.frame())
    if not search:  # the items and their counts, against brute force
        expected = aw.rules(aw.attention_world(), Filters(), Thresholds())
        got = {rule: [row["code"] for row in answer if row["rule"] == rule] for rule in expected}
        assert {r: sorted(c) for r, c in got.items()} == {r: sorted(e) for r, e in expected.items()}
        fall = next(row for row in answer if row["code"] == "FALL")
        assert (fall["before"], fall["recent"]) == (60, 18)
        assert fall["link"] == "/?program=FALL&tab=trends"
    bad = attention_client.get(f"/api/v1/attention?state=99{search.replace('?', '&')}")
    assert bad.status_code == 400 and bad.get_json()["parameter"] == "state"


def test_attention_is_cut_to_the_account_s_scope(attention_client, as_scope):
    from dashboard.vocabulary.scope import Scope

    as_scope(Scope(states=frozenset({29})))

    def items(search: str) -> list[dict]:  # links keep the filters asked, not the scope's
        answer = attention_client.get(f"/api/v1/attention{search}").get_json()
        return [{k: v for k, v in row.items() if k != "link"} for row in answer]

    assert items("") == items("?state=29") and items("")
    assert attention_client.get("/api/v1/attention?state=9").status_code == 403

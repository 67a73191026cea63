"""/api/v1/summary on the demo data set agrees with hand-written SQL over the base tables."""

import pytest
from cachelib import SimpleCache
from sqlalchemy import text

from app import server
from dashboard import service
from dashboard.demo.build import build_demo
from tests.conftest import BACKENDS, migrated_store
from tests.signin import signed_in

BASE = """
FROM attendance a
JOIN session s ON s.id = a.session_id
JOIN program p ON p.id = s.program_id
JOIN hub h ON h.id = p.hub_id
JOIN participant u ON u.id = a.participant_id
JOIN district d ON d.id = u.district_id
"""
COUNTS = """
SELECT COUNT(*) AS attendances, COUNT(DISTINCT a.participant_id) AS participants,
       COUNT(DISTINCT a.session_id) AS sessions, COUNT(DISTINCT p.id) AS programs,
       COUNT(DISTINCT h.id) AS hubs, COUNT(DISTINCT u.district_id) AS districts_reached,
       COUNT(DISTINCT d.state_code) AS states_reached,
       COUNT(DISTINCT p.disease_area_id) AS disease_areas
"""
CASES = [
    ("", ""),
    ("?state=29", "WHERE d.state_code = 29"),
    (
        "?sector=education&from=2020-04-01",
        "WHERE p.sector = 'education' AND s.held_on >= '2020-04-01'",
    ),
    ("?cadre=ASHA&cadre=ANM", "WHERE u.cadre IN ('ASHA', 'ANM')"),
]


@pytest.fixture(scope="module", params=BACKENDS)
def demo_store(request, tmp_path_factory):
    with migrated_store(request.param, tmp_path_factory.mktemp("demo")) as store:
        build_demo(store, attendances=20_000, seed=11, progress=False)
        yield store


PARTNER_WHERE = (
    "WHERE p.id IN (SELECT program_id FROM program_partner pp JOIN partner x"
    " ON x.id = pp.partner_id WHERE x.partner_code = '{code}')"
    " OR h.host_partner_id = (SELECT id FROM partner WHERE partner_code = '{code}')"
)
BUSIEST = {
    "host": "SELECT x.partner_code" + BASE + " JOIN partner x ON x.id = h.host_partner_id"
    " GROUP BY x.partner_code ORDER BY COUNT(*) DESC, x.partner_code LIMIT 1",
    "listed": "SELECT x.partner_code" + BASE + " JOIN program_partner pp ON pp.program_id = p.id"
    " JOIN partner x ON x.id = pp.partner_id WHERE x.id <> h.host_partner_id"
    " GROUP BY x.partner_code ORDER BY COUNT(*) DESC, x.partner_code LIMIT 1",
}


@pytest.mark.parametrize("query, where", CASES, ids=[q or "all" for q, _ in CASES])
def test_summary_equals_independent_sql(demo_store, query, where):
    _compare(demo_store, query, where)


@pytest.mark.parametrize("role", BUSIEST)
def test_partner_summary_equals_independent_sql(demo_store, role):
    with demo_store.engine.connect() as conn:
        code = conn.execute(text(BUSIEST[role])).scalar()
    _compare(demo_store, f"?partner={code}", PARTNER_WHERE.format(code=code))


def _compare(demo_store, query: str, where: str) -> None:
    service.use(service.DashboardData(demo_store, SimpleCache()))
    try:
        answer = signed_in(server.test_client()).get("/api/v1/summary" + query).get_json()
    finally:
        service.use(None)
    with demo_store.engine.connect() as conn:
        expected = dict(conn.execute(text(COUNTS + BASE + where)).mappings().one())
        latest = conn.execute(text("SELECT MAX(held_on) FROM session")).scalar()
    assert {k: answer[k] for k in expected} == {k: int(v) for k, v in expected.items()}
    assert expected["attendances"] > 0
    assert answer["data_as_of"] == str(latest)[:10]

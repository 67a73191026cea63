"""/api/v1/openapi.json describes the API truly: every view's real answers, for several
selections and on both stores, match their documented schema exactly (no column missing,
none undocumented), and every documented parameter is one the API takes."""

import jsonschema_rs
import pytest

from app import server
from dashboard.openapi import API_VIEWS, answer_schema
from dashboard.vocabulary.scope import NOTHING, Scope
from tests.signin import bearer
from tests.test_api import attention_client, client  # noqa: F401  (the API over worlds)

SELECTIONS = ("", "?state=29", "?sector=education&from=2020-01-01", "?hub=HB1&to=2021-12-31")


@pytest.fixture
def described(client):  # noqa: F811
    http, _ = client
    answer = http.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    return http, answer.get_json()


def _schema(document: dict, path: str, status: str = "200") -> dict:
    response = document["paths"][path]["get"]["responses"][status]
    return response["content"]["application/json"]["schema"]


def test_the_document_lists_every_view_and_health(described):
    _, document = described
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/healthz", *(f"/api/v1/{v}" for v in API_VIEWS)}


@pytest.mark.parametrize("view", API_VIEWS)
def test_every_views_answers_match_their_schema(described, view):
    http, document = described
    schema = _schema(document, f"/api/v1/{view}")
    assert schema == answer_schema(view)
    validator = jsonschema_rs.validator_for(schema)
    for selection in SELECTIONS:
        answer = http.get(f"/api/v1/{view}{selection}").get_json()
        validator.validate(answer)
        assert answer or view == "attention", selection  # the small world needs none


def test_attention_answers_match_their_schema(attention_client):  # noqa: F811
    """On a world where every rule has items, every figure (counts, shares, days, blanks)."""
    validator = jsonschema_rs.validator_for(answer_schema("attention"))
    for selection in ("", "?state=29", "?to=2026-10-31"):
        answer = attention_client.get(f"/api/v1/attention{selection}").get_json()
        validator.validate(answer)
        assert answer, selection


def test_a_column_the_document_does_not_name_fails_it():
    """The schemas are strict: the check above cannot pass a changed answer."""
    validator = jsonschema_rs.validator_for(answer_schema("states"))
    with pytest.raises(jsonschema_rs.ValidationError):
        validator.validate([{"state_code": 29, "state": "Karnataka", "new_column": 1}])


@pytest.mark.parametrize("view", API_VIEWS)
def test_documented_parameters_are_taken_and_errors_described(described, view):
    http, document = described
    operation = document["paths"][f"/api/v1/{view}"]["get"]
    for parameter in operation["parameters"]:
        default = parameter["schema"].get("default")
        query = f"?{parameter['name']}={default}" if default else ""
        assert http.get(f"/api/v1/{view}{query}").status_code == 200, parameter["name"]
    refused = http.get(f"/api/v1/{view}?state=abc")
    jsonschema_rs.validator_for(_schema(document, f"/api/v1/{view}", "400")).validate(
        refused.get_json()
    )


KARNATAKA = Scope(states=frozenset({29}))


@pytest.mark.parametrize("scope, query", [(KARNATAKA, "state=9"), (NOTHING, "")])
def test_a_refusal_outside_the_scope_matches_its_schema(described, as_scope, scope, query):
    http, document = described
    as_scope(scope)
    refused = http.get(f"/api/v1/summary?{query}")
    assert refused.status_code == 403
    schema = _schema(document, "/api/v1/summary", "403")
    jsonschema_rs.validator_for(schema).validate(refused.get_json())


def test_health_matches_its_schema(described):
    """Signed in (with the data's date) and not (without it: /healthz is open)."""
    http, document = described
    validator = jsonschema_rs.validator_for(_schema(document, "/healthz"))
    signed_in = http.get("/healthz").get_json()
    validator.validate(signed_in)
    assert "data_as_of" in signed_in
    anonymous = server.test_client().get("/healthz").get_json()
    validator.validate(anonymous)
    assert "data_as_of" not in anonymous


def test_every_view_asks_for_the_bearer_scheme_and_health_for_none(described):
    _, document = described
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert document["paths"]["/healthz"]["get"]["security"] == []
    for view in API_VIEWS:
        assert document["paths"][f"/api/v1/{view}"]["get"]["security"] == [{"bearer": []}]


@pytest.mark.parametrize("headers", [{}, bearer("not-a-token"), {"Authorization": "Basic eA=="}])
def test_an_unauthorized_answer_matches_its_schema(described, headers):
    """Without valid credentials (none, an unknown token, another scheme): the documented 401."""
    _, document = described
    validator = jsonschema_rs.validator_for(_schema(document, "/api/v1/summary", "401"))
    answer = server.test_client().get("/api/v1/summary", headers=headers)
    assert answer.status_code == 401
    validator.validate(answer.get_json())
    assert answer.headers["WWW-Authenticate"].startswith("Bearer ")

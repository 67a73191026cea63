"""The HTTP API fuzzed from its own OpenAPI description (schemathesis, Hypothesis): on both
stores, no answer is a 5xx, every answer is as documented (status, content type, schema),
and every 4xx is JSON naming the parameter at fault (or, for a method the API does not
take, saying so; a 401 only for a case that leaves out the token the OpenAPI document
asks for, or sends another).

Bounded for `make test` (about a minute per store); API_FUZZ_EXAMPLES raises the number
of requests per view for a longer hunt. Each run prints its answers counted by status.
"""

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app import server
from tests import signin
from tests.signin import bearer

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))  # with the edge cases: ~2,000 a store
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", server)
statuses: Counter = Counter()


@pytest.fixture
def token(world_data) -> str:
    """One token per store (each example would otherwise make its own)."""
    store, _ = world_data
    if store.url not in TOKENS:
        TOKENS[store.url] = signin.token(store)
    return TOKENS[store.url]


TOKENS: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def counted():
    yield
    counts = dict(sorted(statuses.items()))
    print(f"\nAPI fuzz: {sum(statuses.values())} requests by status: {counts}")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,  # the same requests every run: a dependable test in CI
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_request_as_documented(case, world_data, token):
    response = case.call(headers={"Accept-Encoding": "identity", **bearer(token)})
    statuses[response.status_code] += 1
    case.validate_response(response, checks=CHECKS)
    if 400 <= response.status_code < 500:
        body = response.json()  # JSON, whatever the fault
        if response.status_code == 405:  # a method the view does not take (GET only)
            assert body["error"] and response.headers.get("allow"), body
        elif response.status_code == 401:  # a case that leaves out or spoils the token
            sent = response.request.headers.get("Authorization")
            assert sent != bearer(token)["Authorization"], (case, body)
            assert body["error"] and response.headers["www-authenticate"][0].startswith("Bearer")
        else:
            assert "parameter" in body and body["parameter"] in body["error"], (case, body)

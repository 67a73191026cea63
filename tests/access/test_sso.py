"""Single sign-on against a real OpenID Connect provider started in this process
(oidc-provider-mock, in a thread): the app's side through Flask's test client, the
provider's through HTTP, as a browser carries the redirects between them. The provider
signs in whoever its form names (`sub`), with the claims the test gives that subject."""

from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from oidc_provider_mock import run_server_in_thread

from app import server
from dashboard import config
from dashboard.access.sso import METHOD
from dashboard.store import accounts
from dashboard.vocabulary.filters import Filters
from tests import signin
from tests.access.conftest import actions
from tests.queries import brute

NAME = "Ministry ID"
SIGN_IN_FAILED = "sign-in failed"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The provider's issuer address; its server stops with the module."""
    with run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def configured(provider, monkeypatch) -> str:
    """Single sign-on configured through the provider, as the environment would."""
    monkeypatch.setenv("OIDC_ISSUER", provider)
    monkeypatch.setenv("OIDC_CLIENT_ID", "echo-dashboard")
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "not-a-secret")
    monkeypatch.setenv("OIDC_NAME", NAME)
    monkeypatch.delenv("ECHO_DASHBOARD_URL", raising=False)
    return provider


def claims(provider: str, sub: str, **given) -> str:
    """Give subject `sub` these claims at the provider; returns `sub`."""
    answer = requests.put(f"{provider}/users/{sub}", json=given, timeout=5)
    assert answer.status_code == 204, answer.text
    return sub


def at_provider(http, form: dict, start: str = "/login/sso") -> tuple[str, str]:
    """Begin single sign-on and answer the provider's form; returns (the path, the query)
    the provider sends the browser back to."""
    leaving = http.get(start)
    assert leaving.status_code == 302, leaving.text
    authorize = leaving.headers["Location"]
    asked = parse_qs(urlsplit(authorize).query)
    assert asked["code_challenge_method"] == ["S256"] and asked["nonce"] and asked["state"]
    answer = requests.post(authorize, data=form, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    return back.path, back.query


def signed_in_as(http, sub: str, start: str = "/login/sso"):
    """The whole round trip as subject `sub`: the app's last answer."""
    path, query = at_provider(http, {"sub": sub}, start)
    assert path == "/login/sso/callback"
    return http.get(f"{path}?{query}")


def refused(http, answer, message: str) -> None:
    """Back at /login with `message`, signed out."""
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")
    page = http.get(answer.headers["Location"])
    assert page.status_code == 200 and message in page.text
    assert http.get("/").status_code == 302
    assert http.get("/api/v1/summary").status_code == 401


def last_detail(store, who: str) -> str:
    return next(r["detail"] for r in accounts.audit_events(store) if r["who"] == who)


def test_a_state_user_signs_in_with_the_stores_scope_not_the_providers(http, app_store, configured):
    store, world = app_store
    user = signin.user(store, "state", states=(29,))
    sub = claims(
        configured,
        "state-user",
        email=user.email.upper(),
        email_verified=True,
        role="ministry",
        states=[9],
    )  # the provider's say on scope counts for nothing
    page = http.get("/login?next=/live").text
    assert f"Sign in with {NAME}" in page and 'href="/login/sso?next=/live"' in page

    answer = signed_in_as(http, sub, start="/login/sso?next=/live")
    assert answer.status_code == 302 and answer.headers["Location"] == "/live"
    assert http.get("/live").status_code == 200
    everyone = brute.records(world, Filters())
    seen = [r for r in everyone if r["state"] == 29]
    assert http.get("/api/v1/summary").get_json()["attendances"] == len(seen) < len(everyone)
    assert http.get("/api/v1/summary?state=9").status_code == 403
    assert actions(store, user.email) == ["sign-in"]
    assert last_detail(store, user.email) == f"role=state; {METHOD}"


def test_the_next_page_is_a_local_path_only(http, app_store, configured):
    user = signin.user(app_store[0])
    answer = signed_in_as(http, user.email, start="/login/sso?next=//elsewhere.example/x")
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


def test_an_unknown_email_is_refused(http, app_store, configured):
    store, _ = app_store
    answer = signed_in_as(http, "nobody@test.invalid")
    refused(http, answer, "No account here has the email nobody@test.invalid")
    assert actions(store, "nobody@test.invalid") == [SIGN_IN_FAILED]
    assert last_detail(store, "nobody@test.invalid") == f"unknown email; {METHOD}"


def test_a_disabled_user_is_refused(http, app_store, configured):
    store, _ = app_store
    user = signin.user(store)
    accounts.set_disabled(store, user.email)
    refused(http, signed_in_as(http, user.email), "This account is disabled")
    assert actions(store, user.email) == [SIGN_IN_FAILED]


def test_an_unverified_or_missing_email_is_refused(http, app_store, configured):
    store, _ = app_store
    user = signin.user(store)
    sub = claims(configured, "unverified", email=user.email, email_verified=False)
    refused(http, signed_in_as(http, sub), f"{NAME} has not verified your email address.")
    assert actions(store, user.email) == [SIGN_IN_FAILED]
    silent = claims(configured, "no-email")
    refused(http, signed_in_as(http, silent), f"{NAME} did not give your email address.")


def test_a_tampered_state_is_refused(http, app_store, configured):
    store, _ = app_store
    user = signin.user(store)
    path, query = at_provider(http, {"sub": user.email})
    asked = parse_qs(query)
    forged = urlencode({"code": asked["code"][0], "state": "forged"})
    refused(http, http.get(f"{path}?{forged}"), "The sign-in had expired or came from elsewhere")
    assert last_detail(store, "anonymous") == f"state mismatch; {METHOD}"
    assert actions(store, user.email) == []
    refused(http, http.get(path), "The sign-in had expired or came from elsewhere")  # no query


def test_a_forged_code_fails_at_the_exchange(http, app_store, configured):
    store, _ = app_store
    path, query = at_provider(http, {"sub": signin.user(store).email})
    forged = urlencode({"code": "forged", "state": parse_qs(query)["state"][0]})
    refused(http, http.get(f"{path}?{forged}"), f"{NAME}&#39;s answer could not be checked")
    assert last_detail(store, "anonymous").startswith("token refused: ")


def test_the_providers_refusal_is_shown(http, app_store, configured):
    store, _ = app_store
    path, query = at_provider(http, {"action": "deny"})
    refused(http, http.get(f"{path}?{query}"), f"{NAME} did not sign you in (access_denied).")
    assert last_detail(store, "anonymous") == f"provider error: access_denied; {METHOD}"
    crafted = http.get("/login/sso/callback?error=Call+0000+for+help")  # no one's but a code
    refused(http, crafted, f"{NAME} did not sign you in (?).")


def test_an_unreachable_provider_is_said_so(http, app_store, configured, monkeypatch):
    monkeypatch.setenv("OIDC_ISSUER", "http://127.0.0.1:9")  # discard: nothing listens
    refused(http, http.get("/login/sso"), f"{NAME} could not be reached")
    assert last_detail(app_store[0], "anonymous").startswith("provider unreachable: ")


def test_without_configuration_there_is_no_button_and_no_paths(http, app_store, monkeypatch):
    monkeypatch.delenv("OIDC_ISSUER", raising=False)
    assert 'id="sign-in-sso"' not in http.get("/login").text
    assert http.get("/login/sso").status_code == 404
    assert http.get("/login/sso/callback?code=x&state=y").status_code == 404


def test_a_half_configured_provider_names_what_is_missing(monkeypatch):
    monkeypatch.setenv("OIDC_ISSUER", "https://id.example/")
    monkeypatch.setenv("OIDC_CLIENT_ID", "echo")
    monkeypatch.delenv("OIDC_CLIENT_SECRET", raising=False)
    with pytest.raises(ValueError, match="OIDC_CLIENT_SECRET"):
        config.oidc()
    monkeypatch.setenv("OIDC_CLIENT_SECRET", "s")
    assert config.oidc() == config.Oidc("https://id.example", "echo", "s", None)


def test_failed_single_sign_ons_are_throttled_but_good_ones_are_not_counted(
    http, app_store, configured
):
    user = signin.user(app_store[0])
    for _ in range(3):
        signed_in = signed_in_as(server.test_client(), user.email)
        assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/"
    for _ in range(10):
        assert http.get("/login/sso/callback?error=access_denied").status_code == 302
    throttled = signed_in_as(http, user.email)
    assert throttled.status_code == 429 and "Too many failed sign-ins" in throttled.text
    assert http.get("/api/v1/summary").status_code == 401

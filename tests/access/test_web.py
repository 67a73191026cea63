"""Every request is identified: sign-in and out, CSRF, throttling, 401s, tokens, the live
screen's token session, a disabled user, the audit page and the demo listing."""

import time

import flask
import pytest

from app import server
from callbacks.brief import download_brief
from dashboard.access import demo, web
from dashboard.access.current import current_scope
from dashboard.store import accounts
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.scope import NOTHING, Scope
from tests import signin
from tests.access.conftest import actions, person, sign_in
from tests.callbacks.protocol import download
from tests.queries import brute


@pytest.mark.parametrize(
    ("method", "path", "status", "where"),
    [
        ("GET", "/", 302, "/login?next=%2F"),
        ("GET", "/live?state=29", 302, "/login?next=%2Flive%3Fstate%3D29"),
        ("GET", "/admin/audit", 302, "/login?next=%2Fadmin%2Faudit"),
        ("GET", "/api/v1/summary", 401, None),
        ("GET", "/_dash-layout", 401, None),
        ("POST", "/_dash-update-component", 401, None),
    ],
)
def test_without_sign_in_pages_go_to_login_and_the_rest_is_401(http, method, path, status, where):
    answer = http.open(path, method=method, json={} if method == "POST" else None)
    assert answer.status_code == status
    if where:
        assert answer.headers["Location"] == where
    else:
        assert "sign in first" in answer.get_json()["error"]
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_open_paths_show_nothing_of_the_data(http):
    assert http.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
    assert http.get("/assets/00-bootstrap.min.css").status_code == 200
    page = http.get("/login")
    assert page.status_code == 200 and 'href="/assets/00-bootstrap.min.css"' in page.text


def test_signing_in_and_out_is_audited_and_sees_the_data(http, app_store):
    store, world = app_store
    user = person(store)
    wrong = sign_in(http, user.email, "not the password")
    assert wrong.status_code == 401 and "Wrong email or password." in wrong.text
    assert http.get("/").status_code == 302

    signed = sign_in(http, user.email.upper(), signin.PASSWORD, next_page="/live")
    assert signed.status_code == 302 and signed.headers["Location"] == "/live"
    cookie = signed.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert http.get("/").status_code == 200
    expected = brute.metrics(brute.records(world, Filters()))["attendances"]
    assert http.get("/api/v1/summary").get_json()["attendances"] == expected
    assert http.get("/healthz").get_json()["data_as_of"]  # signed in: the data's date

    page = http.get("/logout")
    token = page.text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert http.post("/logout", data={"csrf_token": token}).status_code == 302
    assert http.get("/").status_code == 302
    assert actions(store, user.email) == ["sign-in failed", "sign-in", "sign-out"]


@pytest.mark.parametrize("next_page", ["//elsewhere.example/x", "https://elsewhere.example/"])
def test_signing_in_never_sends_the_browser_to_another_site(http, app_store, next_page):
    user = person(app_store[0])
    assert sign_in(http, user.email, signin.PASSWORD, next_page).headers["Location"] == "/"


def test_a_form_without_its_csrf_token_is_refused(http, app_store):
    user = person(app_store[0])
    answer = http.post("/login", data={"email": user.email, "password": signin.PASSWORD})
    assert answer.status_code == 400 and "came from elsewhere" in answer.text
    assert http.get("/").status_code == 302


def test_failed_sign_ins_are_throttled_but_good_ones_are_not_counted(http, app_store):
    user = person(app_store[0])
    for _ in range(3):
        assert sign_in(server.test_client(), user.email, signin.PASSWORD).status_code == 302
    for _ in range(10):
        assert sign_in(http, user.email, "wrong password").status_code == 401
    refused = sign_in(http, user.email, signin.PASSWORD)
    assert refused.status_code == 429 and "Too many failed sign-ins" in refused.text


def test_a_disabled_users_open_session_stops_at_the_next_request(http, app_store):
    store, _ = app_store
    user = person(store)
    sign_in(http, user.email, signin.PASSWORD)
    assert http.get("/api/v1/summary").status_code == 200
    accounts.set_disabled(store, user.email)
    assert http.get("/api/v1/summary").status_code == 401
    assert http.get("/").status_code == 302
    again = sign_in(http, user.email, signin.PASSWORD)
    assert again.status_code == 403 and "disabled" in again.text


def _token_cases(store):
    owner = signin.user(store)
    revoked_name = f"revoked-{owner.id}"
    cases = {
        "expired": signin.token(store, owner, days=-1),
        "revoked": signin.token(store, owner, name=revoked_name),
        "unknown": "echo_not-a-token",
        "of a disabled user": signin.token(store, signin.user(store)),
    }
    accounts.revoke_token(store, revoked_name)
    disabled = accounts.find_token(store, signin.token_digest(cases["of a disabled user"]))
    accounts.set_disabled(store, disabled.email)
    return cases


def test_only_a_live_token_opens_the_api(http, app_store):
    store, _ = app_store
    good = signin.token(store)
    assert http.get("/api/v1/summary", headers=signin.bearer(good)).status_code == 200
    for case, secret in _token_cases(store).items():
        answer = http.get("/api/v1/summary", headers=signin.bearer(secret))
        assert answer.status_code == 401, case
        assert answer.get_json()["error"] == "the token is unknown, expired or revoked"
    basic = http.get("/api/v1/summary", headers={"Authorization": "Basic eDp5"})
    assert basic.status_code == 401


def test_a_tokens_first_use_is_noted_and_audited_once(http, app_store):
    store, _ = app_store
    owner = signin.user(store)
    secret = signin.token(store, owner, name=f"first-{owner.id}")
    for _ in range(2):
        assert http.get("/api/v1/summary", headers=signin.bearer(secret)).status_code == 200
    assert accounts.find_token(store, signin.token_digest(secret)).first_used_at is not None
    assert actions(store, f"{owner.email} (token first-{owner.id})") == ["token first used"]


def test_a_token_carries_its_narrower_scope_and_never_more_than_its_users(http, app_store):
    store, _ = app_store
    owner = signin.user(store, "state", states=(29, 9))
    narrow = signin.token(store, owner, scope=Scope(states=frozenset({9})))
    wide = signin.token(store, owner)
    with http:
        http.get("/api/v1/openapi.json", headers=signin.bearer(narrow))
        assert current_scope() == Scope(states=frozenset({9}))
        http.get("/api/v1/openapi.json", headers=signin.bearer(wide))
        assert flask.g.scope == Scope(states=frozenset({29, 9}))
        http.get("/healthz")
        assert current_scope() == NOTHING
    with pytest.raises(accounts.AccountError, match="must lie within"):
        signin.token(store, owner, scope=Scope(states=frozenset({2})))
    token = accounts.find_token(store, signin.token_digest(narrow))
    narrowed_owner = accounts.Account(**{**owner.__dict__, "states": frozenset({29})})
    assert token.scope(narrowed_owner) == NOTHING  # the user lost state 9 since


def test_a_live_screen_link_opens_a_session_bound_to_its_token(http, app_store):
    store, _ = app_store
    owner = signin.user(store)
    secret = signin.token(store, owner, name=f"screen-{owner.id}")
    opened = http.get(f"/live?state=29&token={secret}")
    assert opened.status_code == 302 and opened.headers["Location"] == "/live?state=29"
    assert "Expires=" in opened.headers["Set-Cookie"]  # kept when the browser restarts
    assert http.get("/live?state=29").status_code == 200
    assert http.post("/_dash-update-component", json={}).status_code == 400  # past sign-in
    accounts.revoke_token(store, f"screen-{owner.id}")
    assert http.get("/live?state=29").status_code == 302
    assert http.get("/live?token=echo_nothing").status_code == 401


def test_every_download_is_audited_with_its_view_and_filters(http, app_store):
    store, _ = app_store
    owner = signin.user(store)
    signin.signed_in(http, store, email=owner.email.replace("@", "-2@"))
    assert http.get("/api/v1/states?format=csv&state=29").status_code == 200
    assert download(http, "diseases", "?state=29").status_code == 200
    rows = [r for r in accounts.audit_events(store, limit=2) if r["action"] == "download"]
    assert [r["detail"] for r in rows] == [
        "view=diseases; filters=state=29; scope=india",
        "view=api/states; filters=format=csv&state=29; scope=india",
    ]


def test_the_audit_page_is_for_admins_only(http, app_store):
    store, _ = app_store
    signin.signed_in(http, store, role="ministry")
    assert http.get("/admin/audit").status_code == 403
    signin.signed_in(http, store, role="admin")
    page = http.get("/admin/audit?page=2")
    total = accounts.audit_count(store)
    assert page.status_code == 200 and f"{total} events" in page.text
    assert page.text.count("<tr>") - 1 == min(max(total - 50, 0), 50)


@pytest.mark.parametrize(
    ("database_url", "host", "listed"),
    [(None, "127.0.0.1", True), (None, "0.0.0.0", False), ("sqlite:////x.db", "::1", False)],
)
def test_demo_accounts_are_listed_only_for_the_demo_store_on_loopback(
    http, app_store, monkeypatch, database_url, host, listed
):
    store, _ = app_store
    first = demo.DEMO_ACCOUNTS[0]
    if accounts.find_user(store, email=first.email) is None:
        signin.user(store, first.role, password=first.password, email=first.email)
    monkeypatch.setenv("HOST", host)
    if database_url:
        monkeypatch.setenv("DATABASE_URL", database_url)
    else:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    page = http.get("/login").text
    assert (first.email in page and first.password in page) == listed


def test_a_checked_token_rides_out_a_short_store_outage_only(http, app_store, monkeypatch):
    store, _ = app_store
    seen, unseen = signin.token(store), signin.token(store)
    assert http.get("/api/v1/summary", headers=signin.bearer(seen)).status_code == 200

    def unreadable(*_args):
        raise StoreUnavailable("down")

    monkeypatch.setattr(accounts, "token_and_owner", unreadable)
    assert http.get("/api/v1/summary", headers=signin.bearer(seen)).status_code == 200
    assert http.get("/api/v1/summary", headers=signin.bearer(unseen)).status_code == 503
    later = time.monotonic() + web.OUTAGE_GRACE_SECONDS + 1
    monkeypatch.setattr(web.time, "monotonic", lambda: later)
    assert http.get("/api/v1/summary", headers=signin.bearer(seen)).status_code == 503


def test_a_state_users_token_sees_its_state_only_end_to_end(http, app_store):
    store, world = app_store
    owner = signin.user(store, "state", states=(29,))
    headers = signin.bearer(signin.token(store, owner))
    seen = [r for r in brute.records(world, Filters()) if r["state"] == 29]
    answer = http.get("/api/v1/summary", headers=headers).get_json()
    assert answer["attendances"] == len(seen) < len(brute.records(world, Filters()))
    assert http.get("/api/v1/summary?state=9", headers=headers).status_code == 403


def test_the_brief_download_is_audited(app_store):
    store, _ = app_store
    with server.test_request_context("/"):
        flask.g.scope, flask.g.who = Scope(states=frozenset({29})), "brief-reader@test.invalid"
        download_brief(1, "?sector=health")
    row = accounts.audit_events(store, limit=1)[0]
    assert (row["who"], row["action"]) == ("brief-reader@test.invalid", "download")
    assert row["detail"] == "view=brief; filters=sector=health; scope=states=29;partners="

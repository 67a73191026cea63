"""Credentials for tests that call pages, callbacks or the API: one user and one bearer
token, made in the store the app reads, for a Flask test client, a running server or a
browser (which signs in through /login, as a person does)."""

import uuid
from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient

from dashboard.access.credentials import hash_password, new_token, token_digest
from dashboard.service import dashboard_data
from dashboard.store import accounts
from dashboard.store.accounts import Account
from dashboard.store.database import Store
from dashboard.vocabulary.scope import Scope

PASSWORD = "correct horse battery"
NO_PASSWORD = "-"  # no argon2 hash: such a user signs in with a token only (and fast)


def writable(store: Store) -> Store:
    """The same database opened read-write (the web server's store is read-only)."""
    return store.access_writer()


def user(
    store: Store,
    role: str = "ministry",
    states=(),
    partners=(),
    password: str | None = None,
    email: str | None = None,
) -> Account:
    """A new user (with `password` hashed, else one who signs in with tokens only)."""
    email = email or f"{role}-{uuid.uuid4().hex[:8]}@test.invalid"
    password_hash = hash_password(password) if password else NO_PASSWORD
    return accounts.add_user(writable(store), email, role, password_hash, states, partners)


def token(
    store: Store,
    owner: Account | None = None,
    days: float = 30,
    scope: Scope | None = None,
    name: str | None = None,
    secret: str | None = None,
) -> str:
    """A bearer token for `owner` (a new ministry user by default); `secret` makes the same
    token in several stores."""
    owner = owner or user(store)
    secret = secret or new_token()
    accounts.add_token(
        writable(store),
        name or f"test-{uuid.uuid4().hex[:8]}",
        owner,
        token_digest(secret),
        datetime.now(UTC) + timedelta(days=days),
        scope,
    )
    return secret


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def signed_in(client: FlaskClient, store: Store | None = None, **who) -> FlaskClient:
    """`client` sending a new user's token with every request (a ministry user unless
    `role`, `states`, `partners` say otherwise), in the store the app reads by default."""
    store = store or dashboard_data().store
    secret = token(store, user(store, **who)) if who else token(store)
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client

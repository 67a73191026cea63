"""The web server's store is read-only, yet it writes sign-in's two things: audit rows and a
token's first use, through the store's access writer. On PostgreSQL the web role has the
grants the README gives (tests/conftest.py READ_ONLY_ROLE), and no other write."""

import hashlib
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from dashboard.access.credentials import hash_password, password_matches, token_digest
from dashboard.store import accounts
from dashboard.store.database import Store
from tests import signin
from tests.conftest import read_only_role


def test_passwords_are_argon2id_hashes_and_tokens_are_kept_as_sha256(new_store):
    hashed = hash_password("a long enough password")
    assert hashed.startswith("$argon2id$") and "a long enough password" not in hashed
    assert password_matches(hashed, "a long enough password")
    assert not password_matches(hashed, "a long enough passwore")
    assert not password_matches(None, "a long enough password")  # no such account
    store = new_store("sqlite")
    secret = signin.token(store)
    row = store.rows("SELECT * FROM api_token")[0]
    assert row["token_sha256"] == hashlib.sha256(secret.encode()).hexdigest()
    assert not any(secret in str(value) for value in row.values())


@pytest.fixture
def web_role(new_store):
    """(the owner's store, the URL of a reader role with sign-in's grants) on PostgreSQL."""
    store = new_store("postgresql")
    with read_only_role(store.url) as url:
        yield store, url


def _sign_in_writes(owner_store: Store, web: Store) -> None:
    """What the web server writes, through its read-only store; checked by the owner."""
    owner = signin.user(owner_store)
    secret = signin.token(owner_store, owner, name=f"web-{owner.id}")
    token = accounts.find_token(web, token_digest(secret))
    assert accounts.mark_first_used(web, token) is True
    assert accounts.mark_first_used(web, token) is False  # read back: already noted
    assert accounts.find_token(owner_store, token_digest(secret)).first_used_at is not None
    accounts.record(web, owner.email, "sign-in", "role=ministry", "10.0.0.1")
    row = accounts.audit_events(owner_store, limit=1)[0]
    assert (row["who"], row["action"], row["ip"]) == (owner.email, "sign-in", "10.0.0.1")
    assert abs(row["at"] - datetime.now(UTC)) < timedelta(minutes=1)


def test_the_read_only_sqlite_store_writes_sign_in_rows_through_its_writer(new_store):
    store = new_store("sqlite")
    web = Store(store.url, read_only=True)
    with pytest.raises(Exception, match="readonly"), web.transaction() as conn:
        conn.exec_driver_sql("DELETE FROM audit_event")
    _sign_in_writes(store, web)
    web.dispose()


def test_the_web_role_writes_sign_in_rows_and_nothing_else(web_role):
    store, url = web_role
    web = Store(url, read_only=True)
    _sign_in_writes(store, web)
    web.dispose()
    with psycopg.connect(url, autocommit=True) as reader:
        for statement in (
            "UPDATE app_user SET role = 'admin'",
            "UPDATE api_token SET revoked_at = NULL",
            "DELETE FROM audit_event",
            "UPDATE audit_event SET who = 'someone else'",
            "INSERT INTO app_user (email, role, password_hash, disabled, created_at) "
            "VALUES ('x@y.z', 'admin', 'x', false, now())",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reader.execute(statement)

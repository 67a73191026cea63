"""Accounts, their scopes, API tokens and the audit log, as the store keeps them.

The commands (`python -m dashboard user|token|audit`) write through a read-write store.
The web server reads accounts and tokens through its read-only store and writes only two
things, through `Store.access_writer()`: audit rows and the moment a token was first
used. Passwords and tokens arrive here already hashed (dashboard/access); the store never
sees either in clear.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from dashboard.store.database import Store
from dashboard.store.schema import (
    ROLES,
    api_token,
    app_user,
    audit_event,
    partner,
    state,
    token_scope,
    user_scope,
)
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.scope import INDIA, Scope

WHOLE_INDIA_ROLES = ("ministry", "admin")
DETAIL_WIDTH = 2000


class AccountError(ValueError):
    """An account or token that cannot be made or changed as asked; the message says why."""


@dataclass(frozen=True)
class Account:
    """A person who signs in, and what they may see."""

    id: int
    email: str
    role: str
    password_hash: str
    disabled: bool
    created_at: datetime
    states: frozenset[int]
    partners: frozenset[str]

    @property
    def scope(self) -> Scope:
        """Ministry and admin users see India; others their states and partners (both
        apply); one with neither sees nothing."""
        if self.role in WHOLE_INDIA_ROLES:
            return INDIA
        return Scope(states=self.states, partners=self.partners)


@dataclass(frozen=True)
class Token:
    """An API token (its hash only), for a user, with its own scope when `narrowed`."""

    id: int
    name: str
    user_id: int
    email: str
    narrowed: bool
    states: frozenset[int]
    partners: frozenset[str]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    first_used_at: datetime | None

    def live_at(self, moment: datetime) -> bool:
        return self.revoked_at is None and moment < self.expires_at

    def scope(self, owner: Account) -> Scope:
        """The owner's scope, or the token's own where it still lies within the owner's
        (an owner narrowed since the token was made narrows the token too: NOTHING)."""
        if owner.disabled:
            return Scope()
        if not self.narrowed:
            return owner.scope
        own = Scope(states=self.states, partners=self.partners)
        return own if own.within(owner.scope) else Scope()


def utc_now() -> datetime:
    return datetime.now(UTC)


# ---- accounts -------------------------------------------------------------------------


def add_user(
    store: Store,
    email: str,
    role: str,
    password_hash: str,
    states: Iterable[int] = (),
    partners: Iterable[str] = (),
) -> Account:
    """A new account with its scope rows (AccountError for a known email, an unknown role,
    state or partner, or a scope a ministry or admin user cannot hold)."""
    email, states, partners = email.strip().lower(), sorted(set(states)), sorted(set(partners))
    if role not in ROLES:
        raise AccountError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if role in WHOLE_INDIA_ROLES and (states or partners):
        raise AccountError(f"a {role} user sees all of India: give no --state or --partner")
    if role == "state" and not states:
        raise AccountError("a state user needs at least one --state (a state's LGD code)")
    if role == "partner" and not partners:
        raise AccountError("a partner user needs at least one --partner (a partner code)")
    if role == "data_manager" and not (states or partners):
        raise AccountError(
            "a data manager needs at least one --state or --partner (an admin imports for "
            "all of India)"
        )
    check_known(store, states, partners)
    with store.transaction() as conn:
        if conn.scalar(select(app_user.c.id).where(app_user.c.email == email)) is not None:
            raise AccountError(f"a user {email} exists already")
        user_id = conn.scalar(
            insert(app_user)
            .values(
                email=email,
                role=role,
                password_hash=password_hash,
                disabled=False,
                created_at=utc_now(),
            )
            .returning(app_user.c.id)
        )
        rows = _scope_rows(states, partners)
        if rows:
            conn.execute(insert(user_scope), [{"user_id": user_id, **row} for row in rows])
    found = find_user(store, email=email)
    assert found is not None
    return found


def check_known(store: Store, states: Iterable[int], partners: Iterable[str]) -> None:
    """AccountError naming the first state or partner code the store does not hold."""
    states, partners = list(states), list(partners)
    if states:
        known = set(store.read(select(state.c.state_code)).state_code)
        for code in states:
            if code not in known:
                raise AccountError(f"no state with LGD code {code} in the store")
    if partners:
        known = set(store.read(select(partner.c.partner_code)).partner_code)
        for code in partners:
            if code not in known:
                raise AccountError(f"no partner with code {code!r} in the store")


def find_user(store: Store, email: str | None = None, user_id: int | None = None) -> Account | None:
    """One account by email or id, with its scope; None when there is none."""
    where = app_user.c.email == email.strip().lower() if email is not None else None
    if user_id is not None:
        where = app_user.c.id == user_id
    found = _accounts(store, where)
    return found[0] if found else None


def users(store: Store) -> list[Account]:
    return _accounts(store, None)


def set_disabled(store: Store, email: str, disabled: bool = True) -> Account:
    with store.transaction() as conn:
        changed = conn.execute(
            update(app_user)
            .where(app_user.c.email == email.strip().lower())
            .values(disabled=disabled)
        ).rowcount
    if not changed:
        raise AccountError(f"no user {email}")
    found = find_user(store, email=email)
    assert found is not None
    return found


def _accounts(store: Store, where: Any) -> list[Account]:
    """The accounts `where` picks, in email order, with their scopes: one read (a signed-in
    session's account is read at every request)."""
    query = (
        select(app_user, user_scope.c.kind, user_scope.c.code)
        .outerjoin(user_scope, user_scope.c.user_id == app_user.c.id)
        .order_by(app_user.c.email)
    )
    if where is not None:
        query = query.where(where)
    return [_account(rows[0], scope) for rows, scope in _per_owner(store.rows(query))]


def _account(row: Any, scope: tuple[frozenset[int], frozenset[str]]) -> Account:
    return Account(
        id=row["id"],
        email=row["email"],
        role=row["role"],
        password_hash=row["password_hash"],
        disabled=bool(row["disabled"]),
        created_at=_utc(row["created_at"]),
        states=scope[0],
        partners=scope[1],
    )


# ---- tokens ---------------------------------------------------------------------------


def add_token(
    store: Store,
    name: str,
    owner: Account,
    token_sha256: str,
    expires_at: datetime,
    scope: Scope | None = None,
) -> Token:
    """A token for `owner`, carrying their scope, or `scope` when it lies within theirs."""
    if scope is not None:
        check_known(store, scope.states, scope.partners)
        if scope.sees_nothing or not scope.within(owner.scope):
            raise AccountError(
                f"the token's scope ({scope.key()}) must lie within {owner.email}'s "
                f"({owner.scope.key()})"
            )
    with store.transaction() as conn:
        if conn.scalar(select(api_token.c.id).where(api_token.c.name == name)) is not None:
            raise AccountError(f"a token named {name!r} exists already")
        token_id = conn.scalar(
            insert(api_token)
            .values(
                name=name,
                user_id=owner.id,
                token_sha256=token_sha256,
                narrowed=scope is not None,
                created_at=utc_now(),
                expires_at=expires_at,
            )
            .returning(api_token.c.id)
        )
        rows = _scope_rows(scope.states, scope.partners) if scope else []
        if rows:
            conn.execute(insert(token_scope), [{"token_id": token_id, **row} for row in rows])
    found = _tokens(store, api_token.c.id == token_id)
    return found[0]


def find_token(store: Store, token_sha256: str) -> Token | None:
    found = _tokens(store, api_token.c.token_sha256 == token_sha256)
    return found[0] if found else None


def tokens(store: Store) -> list[Token]:
    return _tokens(store, None)


def revoke_token(store: Store, name: str) -> Token:
    with store.transaction() as conn:
        changed = conn.execute(
            update(api_token)
            .where(api_token.c.name == name, api_token.c.revoked_at.is_(None))
            .values(revoked_at=utc_now())
        ).rowcount
    found = _tokens(store, api_token.c.name == name)
    if not found:
        raise AccountError(f"no token named {name!r}")
    if not changed:
        raise AccountError(f"the token {name!r} was revoked already")
    return found[0]


def mark_first_used(store: Store, token: Token) -> bool:
    """Note when a token was first used (through the web server's writer); True only for
    the request that did it, so its audit row is written once."""
    if token.first_used_at is not None:
        return False
    try:
        with store.access_writer().transaction() as conn:
            return bool(
                conn.execute(
                    update(api_token)
                    .where(api_token.c.id == token.id, api_token.c.first_used_at.is_(None))
                    .values(first_used_at=utc_now())
                ).rowcount
            )
    except DBAPIError as error:
        raise StoreUnavailable(f"the token's first use cannot be noted: {error.orig}") from error


def _tokens(store: Store, where: Any) -> list[Token]:
    """The tokens `where` picks, in name order, with their scopes, in one read."""
    query = (
        select(api_token, app_user.c.email, token_scope.c.kind, token_scope.c.code)
        .join(app_user, app_user.c.id == api_token.c.user_id)
        .outerjoin(token_scope, token_scope.c.token_id == api_token.c.id)
        .order_by(api_token.c.name)
    )
    if where is not None:
        query = query.where(where)
    return [_token(rows[0], scope) for rows, scope in _per_owner(store.rows(query))]


def _token(row: Any, scope: tuple[frozenset[int], frozenset[str]]) -> Token:
    return Token(
        id=row["id"],
        name=row["name"],
        user_id=row["user_id"],
        email=row["email"],
        narrowed=bool(row["narrowed"]),
        states=scope[0],
        partners=scope[1],
        created_at=_utc(row["created_at"]),
        expires_at=_utc(row["expires_at"]),
        revoked_at=_utc(row["revoked_at"]),
        first_used_at=_utc(row["first_used_at"]),
    )


def _token_and_owner_query() -> Select:
    """A token by its hash with its owner, and both scopes' rows (one row per pair of them:
    a few at most), in one statement built once."""
    tokens, users = token_scope.alias("token_scopes"), user_scope.alias("user_scopes")
    joined = (
        api_token.join(app_user, app_user.c.id == api_token.c.user_id)
        .outerjoin(tokens, tokens.c.token_id == api_token.c.id)
        .outerjoin(users, users.c.user_id == app_user.c.id)
    )
    return (
        select(
            *(column.label(f"t_{column.name}") for column in api_token.c),
            *(column.label(f"u_{column.name}") for column in app_user.c),
            tokens.c.kind.label("t_kind"),
            tokens.c.code.label("t_code"),
            users.c.kind.label("u_kind"),
            users.c.code.label("u_code"),
        )
        .select_from(joined)
        .where(api_token.c.token_sha256 == bindparam("digest"))
    )


TOKEN_AND_OWNER = _token_and_owner_query()


def token_and_owner(store: Store, token_sha256: str) -> tuple[Token, Account] | None:
    """A token and its owner, each with its scope, in one read: the web server checks the
    token of every request it answers (four reads took most of a cached answer's time)."""
    rows = store.rows(TOKEN_AND_OWNER, {"digest": token_sha256})
    if not rows:
        return None
    token, owner = ({k[2:]: v for k, v in rows[0].items() if k[:2] == p} for p in ("t_", "u_"))
    token["email"] = owner["email"]
    return (
        _token(token, _gathered((r["t_kind"], r["t_code"]) for r in rows)),
        _account(owner, _gathered((r["u_kind"], r["u_code"]) for r in rows)),
    )


# ---- the audit log --------------------------------------------------------------------


def record(store: Store, who: str, action: str, detail: str = "", ip: str = "") -> None:
    """One audit row, written at once in its own transaction (the web server's writer);
    StoreUnavailable when it cannot be written (the request then fails: 503)."""
    try:
        with store.access_writer().transaction() as conn:
            conn.execute(
                insert(audit_event).values(
                    at=utc_now(),
                    who=who[:400],
                    action=action[:40],
                    detail=detail[:DETAIL_WIDTH],
                    ip=(ip or "")[:64],
                )
            )
    except DBAPIError as error:
        raise StoreUnavailable(f"the audit log cannot be written: {error.orig}") from error


def audit_events(
    store: Store, since: datetime | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Audit rows, newest first, from `since` on; `limit` and `offset` page them."""
    query = select(audit_event).order_by(audit_event.c.at.desc(), audit_event.c.id.desc())
    if since is not None:
        query = query.where(audit_event.c.at >= since)
    query = query.limit(limit).offset(offset) if limit is not None else query
    return [{**row, "at": _utc(row["at"])} for row in store.rows(query)]


def audit_count(store: Store) -> int:
    return int(store.scalar(select(func.count()).select_from(audit_event)))


# ---- shared ---------------------------------------------------------------------------


def _scope_rows(states: Iterable[int], partners: Iterable[str]) -> list[dict[str, str]]:
    return [{"kind": "state", "code": str(s)} for s in states] + [
        {"kind": "partner", "code": p} for p in partners
    ]


def _per_owner(rows: list) -> list[tuple[list, tuple[frozenset, frozenset]]]:
    """Rows of owners (users or tokens) joined to their scope rows, gathered per owner in
    the order read: (the owner's rows, its (states, partners))."""
    owners: dict[int, list] = {}
    for row in rows:
        owners.setdefault(row["id"], []).append(row)
    return [(found, _gathered((r["kind"], r["code"]) for r in found)) for found in owners.values()]


def _gathered(pairs: Iterable[tuple[str | None, str | None]]) -> tuple[frozenset, frozenset]:
    """(states, partners) from (kind, code) scope rows; a missing row (None) adds nothing."""
    found = set(pairs)
    states = frozenset(int(code) for kind, code in found if kind == "state")
    return states, frozenset(code for kind, code in found if kind == "partner")


def _utc(value: Any) -> Any:
    """A time read back as UTC (SQLite returns it without its zone)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value

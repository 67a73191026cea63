"""Who is asking, and the scope of the request being answered, as every door asks them.

`dashboard.access.web` sets both before any view or callback runs, from the signed-in
user, a bearer token or a live screen's token session. A request it did not identify sees
NOTHING, never everything; outside a request (the commands, tests of the data layer) the
scope is all of India.
"""

from flask import g, has_request_context

from dashboard.vocabulary.scope import INDIA, NOTHING, Scope

ANONYMOUS = "anonymous"
IMPORT_ROLES = ("data_manager", "admin")  # who may import at /import (access/imports.py)


def current_scope() -> Scope:
    """The scope the request's sign-in set in `g.scope` (NOTHING if none did)."""
    if has_request_context():
        return g.get("scope", NOTHING)
    return INDIA


def current_who() -> str:
    """Who the request comes from, as the audit log names them."""
    if has_request_context():
        return g.get("who", ANONYMOUS)
    return ANONYMOUS


def may_import() -> bool:
    """True when the request comes from a signed-in data manager or admin."""
    account = g.get("account") if has_request_context() else None
    return account is not None and account.role in IMPORT_ROLES

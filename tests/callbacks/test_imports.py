"""The header's "Import data" link: shown to data managers and admins only."""

import pytest
from flask import g

from app import server
from callbacks.imports import hide_import_link
from dashboard.store.accounts import Account

ROLES = [("data_manager", False), ("admin", False), ("ministry", True), ("partner", True)]


def account(role: str) -> Account:
    return Account(1, "x@test.invalid", role, "-", False, None, frozenset(), frozenset())


@pytest.mark.parametrize(("role", "hidden"), [*ROLES, (None, True)])
def test_the_import_link_shows_for_those_who_may_import(role, hidden):
    with server.test_request_context("/"):
        g.account = account(role) if role else None
        assert hide_import_link("/") is hidden

"""The scope of the request being answered, as every door (callbacks, API, CSV) asks it."""

from flask import g, has_request_context

from dashboard.vocabulary.scope import INDIA, Scope


def current_scope() -> Scope:
    """The scope the request's sign-in set in `g.scope`.

    Until sign-in lands (issue #19, branch auth) a request without one sees all of India,
    as every request does today; sign-in makes the default NOTHING."""
    if has_request_context() and "scope" in g:
        return g.scope
    return INDIA

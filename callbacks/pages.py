"""Choose the page by the URL's path only, so filter changes (the query string) never rebuild it."""

from functools import cache

from dash import Input, Output, State, callback

from callbacks.common import as_sent
from dashboard.vocabulary.language import current
from layouts import ids
from layouts.pages import PAGES, not_found


@callback(
    Output(ids.PAGE_CONTENT, "children"),
    Input(ids.PAGE_URL, "pathname"),
    State(ids.PAGE_URL, "search"),  # its `lang` chooses the language (callbacks.language)
)
def show_page(pathname: str | None, _search: str | None = None):
    path = pathname or "/"
    return _page(path, current()) if path in PAGES else not_found(path)


@cache
def _page(path: str, language: str):
    """A page's layout depends on its path and language alone: built once per process and
    language, kept as sent (building and encoding the dashboard's component tree took 8 ms
    a visit)."""
    return as_sent(PAGES[path]())

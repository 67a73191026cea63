"""Choose the page by the URL's path only, so filter changes (the query string) never rebuild it;
and every page's footer line of when its data was last updated."""

from functools import cache
from typing import Any
from urllib.parse import urlsplit

from dash import Input, Output, State, callback, html
from dash.exceptions import PreventUpdate
from flask import request

from callbacks.common import as_of_text, as_sent, data
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.language import _, current
from dashboard.vocabulary.scope import OutOfScope
from layouts import ids
from layouts.pages import PAGES, not_found, shell


def first_layout() -> html.Div:
    """The shell with the page of the address being opened already in it, one round trip
    sooner than the router would fill it (0.6 s on a phone's slow network). The page asks
    for its layout itself, so the Referer names the address (Referrer-Policy same-origin);
    without one, the router fills the page."""
    path = urlsplit(request.referrer or "").path
    return shell(page_for(path), path) if path else shell()


@callback(
    Output(ids.PAGE_CONTENT, "children"),
    Output(ids.PAGE_SHOWN, "data"),
    Input(ids.PAGE_URL, "pathname"),
    State(ids.PAGE_URL, "search"),  # its `lang` chooses the language (callbacks.language)
    State(ids.PAGE_SHOWN, "data"),
)
def show_page(pathname: str | None, _search: str | None = None, shown: str | None = None):
    """The page of the URL's path, unless it is the one shown already."""
    path = pathname or "/"
    if path == shown:
        raise PreventUpdate
    return page_for(path), path


def page_for(path: str) -> Any:
    """The page of `path` as sent, or the page saying there is none."""
    return _page(path, current()) if path in PAGES else not_found(path)


@cache
def _page(path: str, language: str):
    """A page's layout depends on its path and language alone: built once per process and
    language, kept as sent (building and encoding the dashboard's component tree took 8 ms
    a visit)."""
    return as_sent(PAGES[path]())


@callback(Output(ids.PAGE_AS_OF, "children"), Input(ids.PAGE_URL, "pathname"))
def show_last_updated(_pathname: str | None) -> str:
    """GIGW's "last updated" on every page, the missing page's too: the data's date."""
    try:
        return as_of_text(data().data_as_of())
    except (OutOfScope, StoreUnavailable):
        return _("The data's date cannot be read right now")

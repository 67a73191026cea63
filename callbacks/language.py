"""The language switch of the Dash pages, and their part in choosing each request's language.

How a request's language is chosen and remembered is dashboard.access.language's, shared
with the server's own pages (sign-in, import, audit log, data quality); here the Dash
pages' paths are handed to it, and the switch follows the view the page shows.
"""

from dash import Dash, Input, Output, callback

from dashboard.access import language
from dashboard.access.language import switch_href
from dashboard.vocabulary.language import other
from layouts import ids
from layouts.pages import PAGES


def install(app: Dash) -> None:
    """Set each request's language before it is answered; remember a page's in a cookie."""
    language.install(app.server, PAGES)


@callback(Output(ids.LANGUAGE_SWITCH, "href"), Input(ids.PAGE_URL, "search"))
def follow_the_page(search: str | None) -> str:
    """The switch keeps the view the page shows, in the other language."""
    return switch_href(search, other())

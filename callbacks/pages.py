"""Choose the page by the URL's path only, so filter changes (the query string) never rebuild it."""

from dash import Input, Output, callback

from layouts.pages import PAGES, not_found


@callback(Output("page-content", "children"), Input("page-url", "pathname"))
def show_page(pathname: str | None):
    page = PAGES.get(pathname or "/")
    return page() if page else not_found(pathname)

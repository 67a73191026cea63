"""The app's shell: one URL bar, and the page chosen by its path."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import dashboard, ids, live


def shell() -> html.Div:
    return html.Div([dcc.Location(id=ids.PAGE_URL), html.Div(id=ids.PAGE_CONTENT)])


def not_found(pathname: str) -> dbc.Container:
    return dbc.Container(
        dbc.Alert(
            [
                html.H1("Page not found", className="h4"),
                html.P(f"There is no page at {pathname}."),
                html.A("Go to the dashboard", href="/"),
            ],
            color="warning",
            className="mt-4",
        )
    )


PAGES = {"/": dashboard.layout, "/live": live.layout}

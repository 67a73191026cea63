"""The app's shell: one URL bar, and the page chosen by its path."""

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.figures.maps import map_files
from dashboard.viewstate import from_query, page_link
from dashboard.vocabulary.filters import BadFilter
from dashboard.vocabulary.language import NAMES, _, current, other
from layouts import dashboard, ids, live, statement


def shell(page: Any = None, path: str | None = None) -> html.Div:
    """Every page: a skip link to its main content, its URL, the language switch, the page
    its path names, and a footer with the data's date and the accessibility statement.
    `page`, when given, is the page of `path`, sent in the layout itself."""
    return html.Div(
        [
            html.A(
                _("Skip to main content"),
                href=f"#{ids.MAIN}",
                className="visually-hidden-focusable skip-link",
            ),
            dcc.Location(id=ids.PAGE_URL),
            language_switch(),
            html.Main(html.Div(page, id=ids.PAGE_CONTENT), id=ids.MAIN, tabIndex="-1"),
            dcc.Store(id=ids.PAGE_SHOWN, data=path),
            footer(),
        ],
        lang=current(),
    )


def footer() -> html.Footer:
    """GIGW's "last updated" (the date of the newest session; callbacks.pages fills it) and
    the link to the accessibility statement, on every page, the missing page's too."""
    return html.Footer(
        dbc.Container(
            [
                html.Span(id=ids.PAGE_AS_OF),
                html.A(_("Accessibility statement"), href=page_link(statement.PATH)),
            ],
            fluid=True,
            className="d-flex flex-wrap gap-3 py-2",
        ),
        className="page-footer small border-top",
    )


def language_switch() -> html.Nav:
    """English / हिन्दी: the language spoken, and a link to the same view in the other one
    (callbacks.language keeps its address in step with the page's)."""
    language = other()
    return html.Nav(
        [
            html.Span(NAMES[current()], className="language-current", lang=current()),
            " / ",
            html.A(
                NAMES[language],
                id=ids.LANGUAGE_SWITCH,
                href=f"?lang={language}",
                lang=language,
                hrefLang=language,
                title=_("Read this page in {language}").format(language=NAMES[language]),
            ),
        ],
        className="language-switch",
        **{"aria-label": _("Language")},
    )


def not_found(pathname: str) -> dbc.Container:
    return dbc.Container(
        dbc.Alert(
            [
                html.H1(_("Page not found"), className="h4"),
                html.P(_("There is no page at {path}.").format(path=pathname)),
                html.A(_("Go to the dashboard"), href=page_link("/")),
            ],
            color="warning",
            className="mt-4",
        )
    )


# What dcc loads once the dashboard's charts, menus and date pickers mount.
DASHBOARD_CHUNKS = ("async-graph.js", "async-dropdown.js", "async-datepicker.js")


def early_fetches(path: str, search: str) -> list[tuple[str, str]]:
    """What the page at `path` (with the query string `search`) asks for once its scripts
    have run, as (address, kind) for `<link rel="preload">`: on a slow network the browser
    fetches them beside the scripts instead of a round trip after them."""
    if path != "/":
        return []
    try:
        level = from_query(search).level
    except BadFilter:
        return []
    chunks = [(f"/_dash-component-suites/dash/dcc/{name}", "script") for name in DASHBOARD_CHUNKS]
    return chunks + [(file, "fetch") for file in map_files(level)]


PAGES = {"/": dashboard.layout, "/live": live.layout, statement.PATH: statement.layout}

"""The app's shell: one URL bar, and the page chosen by its path."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.viewstate import page_link
from dashboard.vocabulary.language import NAMES, _, current, other
from layouts import dashboard, ids, live, statement


def shell() -> html.Div:
    """Every page: a skip link to its main content, its URL, the language switch, the page
    its path names, and a footer with the data's date and the accessibility statement."""
    return html.Div(
        [
            html.A(
                _("Skip to main content"),
                href=f"#{ids.MAIN}",
                className="visually-hidden-focusable skip-link",
            ),
            dcc.Location(id=ids.PAGE_URL),
            language_switch(),
            html.Main(html.Div(id=ids.PAGE_CONTENT), id=ids.MAIN, tabIndex="-1"),
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


PAGES = {"/": dashboard.layout, "/live": live.layout, statement.PATH: statement.layout}

"""The app's shell: one URL bar, and the page chosen by its path."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.viewstate import page_link
from dashboard.vocabulary.language import NAMES, _, current, other
from layouts import dashboard, ids, live


def shell() -> html.Div:
    """Every page: its URL, the language switch, and the page its path names."""
    return html.Div(
        [dcc.Location(id=ids.PAGE_URL), language_switch(), html.Div(id=ids.PAGE_CONTENT)],
        lang=current(),
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


PAGES = {"/": dashboard.layout, "/live": live.layout}

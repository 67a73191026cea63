"""The accessibility statement (GIGW asks every government site for one): the standard the
dashboard meets, how it is checked, what is known not to work, and whom to tell."""

import dash_bootstrap_components as dbc
from dash import html

from dashboard.viewstate import page_link
from dashboard.vocabulary.language import N_, _

PATH = "/accessibility"
PARAGRAPHS = (
    N_(
        "This dashboard aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at "
        "level AA, as the Guidelines for Indian Government Websites (GIGW 3.0) ask."
    ),
    N_(
        "Every page is checked by the axe-core engine in the automated tests, in English and "
        "Hindi, on a desktop and at a phone's width: no violation of serious or critical "
        "impact is accepted."
    ),
    N_(
        "Every control works with the keyboard alone: a skip link leads to the main content, "
        "states and districts can be chosen from lists instead of the map, and the focus is "
        "always visible."
    ),
    N_(
        "Each chart states its main numbers in text for screen readers; colour is never the "
        "only sign of meaning: districts never reached are outlined and listed too."
    ),
    N_(
        "On a phone the filters open in a drawer, the page never scrolls sideways and the "
        "charts let the page scroll."
    ),
)
KNOWN = N_(
    "Known limits: the map itself is a picture to a screen reader; its numbers are in the "
    "lists and tables beside it. Chart images downloaded as PNG have no text alternative."
)
CONTACT = N_(
    "If something on this site is hard to use, write to the ECHO India team, naming the page "
    "and what went wrong; we answer within 15 working days."
)


def layout() -> dbc.Container:
    return dbc.Container(
        [
            html.H1(_("Accessibility statement"), className="h3 mt-4"),
            *[html.P(_(text)) for text in PARAGRAPHS],
            html.P(_(KNOWN)),
            html.P(_(CONTACT)),
            html.A(_("Go to the dashboard"), href=page_link("/")),
        ],
        className="statement",
    )

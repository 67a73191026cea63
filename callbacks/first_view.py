"""The dashboard's first view in the page's HTML (`layouts/first_view.py`): the KPI tiles
and the map of the states, drawn by the server for the address being opened, so a phone on
a slow network shows them before its scripts have arrived.

The same door as the callbacks (`data()`: the request's scope, its language), the same
tiles (`dashboard.tiles`) and the same answers the map shades; kept like a callback's whole
answer (per scope, language, data version and view), so a repeat costs a cache read. Only
the India view is drawn; any other view, a link the page cannot use, a scope that sees
nothing or a store fault leaves it out: the app shows its own answer, or why not.
"""

import logging

from callbacks.common import ATTENDANCES_ONLY, as_of_text, data
from callbacks.links import read_link
from dashboard.access import current as asking
from dashboard.figures.first_map import states_svg
from dashboard.geography.outlines import state_outlines
from dashboard.tiles import tiles
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.language import current
from dashboard.vocabulary.scope import OutOfScope
from layouts.first_view import ID, first_view

logger = logging.getLogger("echo")


def first_view_html(path: str, search: str) -> str:
    """The first view of the page at `path` with the query string `search`, or "" when
    there is none to draw (see the module's words)."""
    if path != "/" or asking.current_scope().sees_nothing:
        return ""  # nor is the store opened: before gunicorn's fork, the index is built unasked
    try:
        link = read_link(search)
        view = link.view
        if link.bad or view.level != "india" or view.white_spots_only:
            return ""
        key = ("first_view", current(), view.to_query())
        return data().remembered(key, lambda: _drawn(view))
    except (OutOfScope, StoreUnavailable):
        return ""
    except Exception:  # the page is served without it: the app draws its own view
        logger.exception("the first view of %s?%s could not be drawn", path, search)
        return ""


def _drawn(view) -> str:
    d, f, metric = data(), view.filters, view.metric
    as_of = d.data_as_of()
    shown = tiles(d, f, as_of)
    states = d.states(f, metrics=(metric,))
    hubs = d.hubs(f, metrics=ATTENDANCES_ONLY)
    picture = states_svg(states, hubs, metric, state_outlines(), f"{ID}-map")
    return str(first_view(shown, as_of_text(as_of), picture, metric))

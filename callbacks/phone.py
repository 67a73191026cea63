"""The phone's bar (layouts.dashboard.phone_bar): the filter button's words, the drawer it
opens, and the breadcrumb kept in step with the map's."""

from dash import Input, Output, clientside_callback

from dashboard.vocabulary.filters import Filters, filters_on
from dashboard.vocabulary.language import _
from layouts import ids


def filter_button(filters: Filters) -> str:
    """ "Filters (2)": how many of the drawer's filters are on (the router sends it with the
    controls, saving every click a request of its own)."""
    count = filters_on(filters)
    return _("Filters ({count})").format(count=count) if count else _("Filters")


# Open and close the drawer in the browser (no round trip): Bootstrap's `show` class, the
# button's aria-expanded, and the focus moved into the drawer and back to the button.
clientside_callback(
    """function (opened, closed) {
        const open = dash_clientside.callback_context.triggered_id === "OPEN";
        setTimeout(() => {
            const target = document.getElementById(open ? "CLOSE" : "OPEN");
            if (target && (opened || closed)) { target.focus(); }
        }, 50);
        return [
            "offcanvas-lg offcanvas-start filter-drawer" + (open ? " show" : ""),
            open ? "true" : "false",
        ];
    }""".replace("OPEN", ids.FILTERS_OPEN).replace("CLOSE", ids.FILTERS_CLOSE),
    Output(ids.FILTER_DRAWER, "className"),
    Output(ids.FILTERS_OPEN, "aria-expanded"),
    Input(ids.FILTERS_OPEN, "n_clicks"),
    Input(ids.FILTERS_CLOSE, "n_clicks"),
)

clientside_callback(
    "function (items) { return items; }",
    Output(ids.PHONE_BREADCRUMB, "items"),
    Input(ids.BREADCRUMB, "items"),
)

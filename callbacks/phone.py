"""The phone's bar (layouts.dashboard.phone_bar): the filter button's count, the drawer it
opens, and the breadcrumb kept in step with the map's."""

from dash import Input, Output, callback, clientside_callback

from callbacks.common import view_of
from dashboard.vocabulary.filters import BadFilter, filters_on
from dashboard.vocabulary.language import _
from layouts import ids


@callback(Output(ids.FILTERS_OPEN, "children"), Input(ids.URL, "search"))
def count_filters(search: str | None) -> str:
    """ "Filters (2)": how many of the drawer's filters the link turns on."""
    try:
        count = filters_on(view_of(search).filters)
    except BadFilter:  # the banner says what is wrong with the link
        count = 0
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

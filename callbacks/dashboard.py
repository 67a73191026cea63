"""Glue for the dashboard page: read the URL's filters, ask the data manager, draw."""

from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, no_update

from dashboard.figures.maps import states_map
from dashboard.figures.style import empty
from dashboard.numbers import compact, indian
from dashboard.queries.filters import BadFilter, parse_filters
from dashboard.service import dashboard_data
from dashboard.store.database import StoreUnavailable
from layouts.dashboard import KPIS

KPI_OUTPUTS = [Output(f"dashboard-kpi-{metric}", "children") for metric, _ in KPIS]
KPI_TITLES = [Output(f"dashboard-kpi-{metric}", "title") for metric, _ in KPIS]


@callback(
    *KPI_OUTPUTS,
    *KPI_TITLES,
    Output("dashboard-map", "figure"),
    Output("dashboard-data-as-of", "children"),
    Output("dashboard-banner", "children"),
    Output("dashboard-retry", "disabled"),
    Input("dashboard-url", "search"),
    Input("dashboard-retry", "n_intervals"),
)
def show_overview(search: str | None, _retries: int | None):
    data = dashboard_data()
    try:
        filters = parse_filters(parse_qs((search or "").lstrip("?")))
        data.check(filters)
        summary = data.view("summary", filters)
        figure = states_map(data.view("states", filters), data.view("hubs", filters))
        as_of = data.data_as_of()
    except BadFilter as error:
        return _failed(f"This link has a filter the dashboard cannot use: {error}.", retry=False)
    except StoreUnavailable:
        return _failed(
            "The data store cannot be read right now. The page will try again by itself.",
            retry=True,
        )
    values = [compact(summary[m]) for m, _ in KPIS]
    titles = [indian(summary[m]) for m, _ in KPIS]
    as_of_text = f"Data as of {as_of:%d %b %Y}" if as_of else "No sessions in the store yet"
    return (*values, *titles, figure, as_of_text, None, True)


def _failed(message: str, retry: bool):
    banner = dbc.Alert(message, color="warning", className="my-2")
    blanks = ["-"] * len(KPIS) + [None] * len(KPIS)
    return (*blanks, empty("No data to show"), no_update, banner, not retry)

"""Every chart's data as CSV (formula-safe): the numbers behind what is on screen."""

from dash import ALL, Input, Output, State, callback, ctx, dcc
from dash.exceptions import PreventUpdate

from callbacks.common import data, view_of
from dashboard.tabular import safe_csv
from dashboard.viewstate import ViewState
from layouts import ids


def frame_for(chart: str, view: ViewState):
    """The data frame a chart is drawn from, for the current view."""
    d, f = data(), view.filters
    if chart == "map":
        return d.view("states" if view.level == "india" else "districts", f)
    if chart == "trend":
        return d.view("trend", f) if view.split == "none" else d.view("split", f, by=view.split)
    if chart == "fy":
        return d.view("trend", f, interval="fy")
    if chart == "month":
        if not view.month:
            raise PreventUpdate
        return d.view("month_sessions", f, month=view.month)
    return d.view(chart, f)


@callback(
    Output(ids.DOWNLOAD_FILE, "data"),
    Input(ids.download(ALL), "n_clicks"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def download(clicks, search):
    if not ctx.triggered_id or not any(clicks):
        raise PreventUpdate
    chart = ctx.triggered_id["view"]
    frame = frame_for(chart, view_of(search))
    return dcc.send_string(safe_csv(frame), f"echo-india-{chart}.csv")

"""Every chart's data as CSV (formula-safe): the numbers behind what is on screen."""

import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc
from dash.exceptions import PreventUpdate

from callbacks.attention import attention_for
from callbacks.common import data
from callbacks.links import known_view
from callbacks.overview import districts_in_scope
from callbacks.tabs import programmes_shown
from dashboard.access.audit import downloaded
from dashboard.tabular import safe_csv
from dashboard.viewstate import ViewState
from dashboard.vocabulary.filters import BadFilter
from dashboard.vocabulary.language import N_, _
from layouts import grids, ids

# the charts and lists with a CSV link
CHARTS = ("map", "never-reached", "diseases", "matrix", "trend", "fy", "month", "attention")
NEVER_REACHED_COLUMNS = ["state_code", "state", "district_code", "district_lgd", "district"]
# A chart's CSV columns are named as the API names them; in Hindi, in Hindi words.
HEADERS = {
    "attendances": N_("attendances"),
    "disease_area": N_("disease_area"),
    "disease_areas": N_("disease_areas"),
    "district": N_("district"),
    "district_code": N_("district_code"),
    "district_lgd": N_("district_lgd"),
    "districts_reached": N_("districts_reached"),
    "group": N_("group"),
    "held_on": N_("held_on"),
    "hub": N_("hub"),
    "hubs": N_("hubs"),
    "participants": N_("participants"),
    "period": N_("period"),
    "program_code": N_("program_code"),
    "programme": N_("programme"),
    "programs": N_("programs"),
    "session_code": N_("session_code"),
    "sessions": N_("sessions"),
    "state": N_("state"),
    "state_code": N_("state_code"),
    "states_reached": N_("states_reached"),
}


def headed(frame: pd.DataFrame) -> pd.DataFrame:
    """A chart's frame with its columns named in the language spoken."""
    return frame.rename(columns={c: _(HEADERS[c]) for c in frame.columns if c in HEADERS})


def frame_for(chart: str, view: ViewState):
    """The data frame a chart is drawn from, for the current view (`BadFilter` for a chart
    that has no CSV link: the id comes from the browser)."""
    if chart not in CHARTS:
        raise BadFilter("view", f"no chart {str(chart)[:40]!r} has a CSV link")
    d, f = data(), view.filters
    if chart == "never-reached":
        districts = districts_in_scope(view)
        return districts.loc[districts.attendances == 0, NEVER_REACHED_COLUMNS]
    if chart == "map":
        return d.states(f) if view.level == "india" else d.districts(f)
    if chart == "trend":
        return d.trend(f) if view.split == "none" else d.split(f, by=view.split)
    if chart == "fy":
        return d.trend(f, interval="fy")
    if chart == "month":
        if not view.month:
            raise PreventUpdate
        return d.month_sessions(f, month=view.month)
    if chart == "diseases":
        return d.diseases(f)
    if chart == "matrix":
        return d.matrix(f)
    if chart == "attention":
        return attention_for(f).frame()
    raise PreventUpdate


@callback(
    Output(ids.DOWNLOAD_FILE, "data"),
    Input(ids.download(ALL), "n_clicks"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def download(clicks, search):
    """The chart's data; a malformed link or a chart id the page has not is a 400 naming it."""
    if not ctx.triggered_id or not any(clicks):
        raise PreventUpdate
    chart = ctx.triggered_id["view"]
    frame = frame_for(chart, known_view(search))  # BadFilter: a 400 naming the part at fault
    downloaded(chart, search or "")
    return dcc.send_string(safe_csv(headed(frame)), f"echo-india-{chart}.csv")


@callback(
    Output(ids.DOWNLOAD_FILE, "data", allow_duplicate=True),
    Input(ids.GRID_DOWNLOAD, "n_clicks"),
    State(ids.URL, "search"),
    State(ids.GRID, "getRowsRequest"),
    State(ids.GRID_SEARCH, "value"),
    prevent_initial_call=True,
)
def download_programmes(clicks, search, asked, text):
    """The programme table as it is shown (filters, search, sort), every page of it."""
    if not clicks:
        raise PreventUpdate
    view = known_view(search)  # BadFilter: a 400 naming the part at fault
    table = grids.programme_csv(programmes_shown(view.filters, asked, text))
    downloaded("programmes", (search or "") + (f" (search {text!r})" if text else ""))
    return dcc.send_string(safe_csv(table), "echo-india-programs.csv")

"""The "Download brief (PDF)" button: the brief of the view on screen, for the request's
scope and in the page's language (dashboard.brief makes it; this only reads the link and
sends the file)."""

from dash import Input, Output, State, callback, dcc
from dash.exceptions import PreventUpdate

from callbacks.links import known_view
from dashboard.access.audit import downloaded
from dashboard.access.scoped import scoped_data
from dashboard.vocabulary.language import current
from layouts import ids

FILE_NAME = "echo-india-brief.pdf"  # the same name in every language: an ASCII file name


@callback(
    Output(ids.DOWNLOAD_FILE, "data", allow_duplicate=True),
    Input(ids.BRIEF_DOWNLOAD, "n_clicks"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def download_brief(clicks, search):
    """The brief of the link's view; a malformed link is a 400 naming its part at fault,
    a filter outside the account's scope a 403 (as every download)."""
    if not clicks:
        raise PreventUpdate
    view = known_view(search)  # BadFilter: a 400 naming the part at fault
    # Imported here: WeasyPrint and matplotlib (about 90 MB a process) load with a worker's
    # first brief, not in every worker at start (tests/serving/test_start.py).
    from dashboard.brief import make_brief

    pdf = make_brief(scoped_data(), view.filters, language=current())  # it speaks for itself
    downloaded("brief", search or "")
    return dcc.send_bytes(pdf, FILE_NAME)

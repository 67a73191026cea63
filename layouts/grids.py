"""Tables: the programme grid (its columns, options and rows), and a month's sessions."""

import calendar
import json

import dash_ag_grid as dag
import numpy as np
import pandas as pd
from dash import html

from dashboard.clock import MONTH
from dashboard.tabular import records
from layouts import ids

INDIAN_NUMBER = {"function": "params.value == null ? '' : params.value.toLocaleString('en-IN')"}
# An ISO date (what the grid sorts and filters on) shown in the page's style, 07 Dec 2026.
MONTHS = json.dumps(list(calendar.month_abbr)[1:])
DAY = {
    "function": "params.value ? params.value.slice(8, 10) + ' ' + "
    f"{MONTHS}[Number(params.value.slice(5, 7)) - 1] + ' ' + params.value.slice(0, 4) : ''"
}
PERCENT = {"function": "params.value == null ? '' : Math.round(params.value) + '%'"}

PAGE_SIZE = 20  # rows a page of the programme table shows
BLOCK_SIZE = 100  # rows the grid asks the server for at once (five pages)
TEXT, NUMBER, DATE = "agTextColumnFilter", "agNumberColumnFilter", "agDateColumnFilter"

PROGRAMME_COLUMNS = [
    {"field": "program_code", "headerName": "Code", "pinned": "left", "maxWidth": 110},
    {"field": "name", "headerName": "Programme", "minWidth": 220},
    {"field": "hub", "headerName": "Hub", "minWidth": 180},
    {"field": "partner_codes", "headerName": "Partners"},
    {"field": "disease_area", "headerName": "Disease area"},
    {"field": "sector", "headerName": "Sector", "maxWidth": 120},
    {
        "field": "start_date",
        "headerName": "Start",
        "minWidth": 115,
        "maxWidth": 130,
        "filter": DATE,
        "valueFormatter": DAY,
    },
    {
        "field": "end_date",
        "headerName": "End",
        "minWidth": 115,
        "maxWidth": 130,
        "filter": DATE,
        "valueFormatter": DAY,
    },
    *(
        {
            "field": f,
            "headerName": h,
            "type": "numericColumn",
            "filter": NUMBER,
            "valueFormatter": INDIAN_NUMBER,
        }
        for f, h in (
            ("sessions", "Sessions"),
            ("attendances", "Attendances"),
            ("participants", "Participants"),
        )
    ),
    {
        "field": "retention",
        "headerName": "Retention",
        "type": "numericColumn",
        "filter": NUMBER,
        "valueFormatter": PERCENT,
    },
]
# what the search box looks in: the programme's words, not its numbers
PROGRAMME_SEARCHED = (
    "program_code",
    "name",
    "hub",
    "hub_code",
    "partner_codes",
    "disease_area",
    "sector",
)

# The infinite row model: the server cuts each page, so the browser never holds every
# programme; pagination stays, for a meeting's screen and for paging through.
PROGRAMME_GRID_OPTIONS = {
    "pagination": True,
    "paginationPageSize": PAGE_SIZE,
    "paginationPageSizeSelector": False,
    "cacheBlockSize": BLOCK_SIZE,
    "animateRows": False,
}


def programme_table(programs: pd.DataFrame) -> pd.DataFrame:
    """The programmes as the table shows them: retention in percent, so that a number
    typed into its filter means what the column shows."""
    return programs.assign(retention=programs["retention"] * 100)


# the CSV's headers: the table's, retention saying its unit (the cells are percentages)
PROGRAMME_CSV_HEADERS = {c["field"]: c["headerName"] for c in PROGRAMME_COLUMNS} | {
    "retention": "Retention (%)"
}


def programme_csv(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the programme table as its CSV holds them: the table's columns and headers,
    retention in whole percent as the table rounds it (half up)."""
    shown = table[list(PROGRAMME_CSV_HEADERS)]
    whole = np.floor(shown["retention"].astype(float) + 0.5).astype("Int64")
    return shown.assign(retention=whole).rename(columns=PROGRAMME_CSV_HEADERS)


def programme_rows(programs: pd.DataFrame) -> list[dict]:
    """One page of the programme table as the grid's rows."""
    columns = [c["field"] for c in PROGRAMME_COLUMNS]
    return records(programs[columns])


def programme_grid() -> dag.AgGrid:
    """The programme table: pages asked of the server as the user turns, sorts and filters."""
    return dag.AgGrid(
        id=ids.GRID,
        columnDefs=PROGRAMME_COLUMNS,
        rowModelType="infinite",
        defaultColDef={"sortable": True, "filter": TEXT, "resizable": True, "minWidth": 90},
        dashGridOptions=PROGRAMME_GRID_OPTIONS,
        columnSize="responsiveSizeToFit",
        style={"height": "560px"},
        className="ag-theme-alpine",
    )


SESSION_COLUMNS = [
    {
        "field": "held_on",
        "headerName": "Date",
        "minWidth": 115,
        "maxWidth": 130,
        "valueFormatter": DAY,
    },
    {"field": "programme", "headerName": "Programme", "minWidth": 200},
    {"field": "hub", "headerName": "Hub"},
    {"field": "disease_area", "headerName": "Disease area"},
    {
        "field": "attendances",
        "headerName": "Attendances",
        "type": "numericColumn",
        "valueFormatter": INDIAN_NUMBER,
    },
]


def session_list(sessions: pd.DataFrame, month: int) -> html.Div:
    title = (
        f"{len(sessions)} sessions in {pd.Period(f'{month // 100}-{month % 100:02d}', 'M'):{MONTH}}"
    )
    grid = dag.AgGrid(
        id=ids.MONTH_GRID,
        rowData=records(sessions),
        columnDefs=SESSION_COLUMNS,
        defaultColDef={"sortable": True, "resizable": True},
        columnSize="responsiveSizeToFit",
        style={"height": "300px"},
        className="ag-theme-alpine",
    )
    return html.Div([html.P(title, className="small mb-1", id=ids.MONTH_TITLE), grid])

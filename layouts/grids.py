"""Tables: the programme grid's columns and rows, and the list of a month's sessions."""

import dash_ag_grid as dag
import pandas as pd
from dash import html

from dashboard.tabular import records

INDIAN_NUMBER = {"function": "params.value == null ? '' : params.value.toLocaleString('en-IN')"}
PERCENT = {"function": "params.value == null ? '' : Math.round(params.value * 100) + '%'"}

PROGRAMME_COLUMNS = [
    {"field": "program_code", "headerName": "Code", "pinned": "left", "maxWidth": 110},
    {"field": "name", "headerName": "Programme", "minWidth": 220},
    {"field": "hub", "headerName": "Hub", "minWidth": 180},
    {"field": "partner_codes", "headerName": "Partners"},
    {"field": "disease_area", "headerName": "Disease area"},
    {"field": "sector", "headerName": "Sector", "maxWidth": 120},
    {"field": "start_date", "headerName": "Start", "maxWidth": 120},
    {"field": "end_date", "headerName": "End", "maxWidth": 120},
    *(
        {"field": f, "headerName": h, "type": "numericColumn", "valueFormatter": INDIAN_NUMBER}
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
        "valueFormatter": PERCENT,
    },
]


def programme_rows(programs: pd.DataFrame) -> list[dict]:
    columns = [c["field"] for c in PROGRAMME_COLUMNS]
    return records(programs[columns])


SESSION_COLUMNS = [
    {"field": "held_on", "headerName": "Date", "maxWidth": 120},
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
        f"{len(sessions)} sessions in {pd.Period(f'{month // 100}-{month % 100:02d}', 'M'):%B %Y}"
    )
    grid = dag.AgGrid(
        id="dashboard-month-grid",
        rowData=records(sessions),
        columnDefs=SESSION_COLUMNS,
        defaultColDef={"sortable": True, "resizable": True},
        columnSize="responsiveSizeToFit",
        style={"height": "300px"},
        className="ag-theme-alpine",
    )
    return html.Div([html.P(title, className="small mb-1", id="dashboard-month-title"), grid])

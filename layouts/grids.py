"""Tables: the programme grid (its columns, options and rows), and a month's sessions."""

import json
from datetime import date

import dash_ag_grid as dag
import numpy as np
import pandas as pd
from dash import html

from dashboard.clock import month_text
from dashboard.numbers import indian
from dashboard.tabular import records
from dashboard.vocabulary.language import N_, _, date_locale, ngettext
from layouts import ids

INDIAN_NUMBER = {"function": "params.value == null ? '' : params.value.toLocaleString('en-IN')"}


def day_formatter() -> dict:
    """An ISO date (what the grid sorts and filters on) shown in the page's style, 07 Dec
    2026, the month's name in the language being spoken."""
    months = json.dumps([date_locale().months["format"]["abbreviated"][m] for m in range(1, 13)])
    return {
        "function": "params.value ? params.value.slice(8, 10) + ' ' + "
        f"{months}[Number(params.value.slice(5, 7)) - 1] + ' ' + params.value.slice(0, 4) : ''"
    }


DAY = "day"  # a column's date formatter, written in the language being spoken by `spoken`
SPACED_LIST = {"function": "params.value == null ? '' : params.value.split(';').join('; ')"}
PERCENT = {"function": "params.value == null ? '' : Math.round(params.value) + '%'"}

HEADERS = {"wrapHeaderText": True, "autoHeaderHeight": True}  # headers whole too
PAGE_SIZE = 20  # rows a page of the programme table shows
BLOCK_SIZE = 100  # rows the grid asks the server for at once (five pages)
TEXT, NUMBER, DATE = "agTextColumnFilter", "agNumberColumnFilter", "agDateColumnFilter"

# Every name is shown whole: name columns wrap onto up to three lines (the rows of a table
# cut on the server share one height) and keep a width a name can be read in; a name
# longer still has its tooltip. Dates and numbers keep the width of their widest value;
# a table wider than its card scrolls sideways, the code pinned on the left.
ROW_HEIGHT = 68  # three lines of a wrapped name
DATE_WIDTH = 118  # a whole date (07 Dec 2026) and the column's menu


def _wrapped(field: str, header: str, width: int) -> dict:
    """A column of names: wrapped, at least `width` px, the whole name as its tooltip."""
    return {
        "field": field,
        "headerName": header,
        "minWidth": width,
        "wrapText": True,
        "tooltipField": field,
    }


PROGRAMME_COLUMNS = [
    {"field": "program_code", "headerName": N_("Code"), "pinned": "left", "minWidth": 100},
    _wrapped("name", N_("Programme"), 240),
    _wrapped("hub", N_("Hub"), 220),
    {**_wrapped("partner_codes", N_("Partners"), 130), "valueFormatter": SPACED_LIST},
    _wrapped("disease_area", N_("Disease area"), 140),
    {"field": "sector", "headerName": N_("Sector"), "minWidth": 100},
    {
        "field": "start_date",
        "headerName": N_("Start"),
        "minWidth": DATE_WIDTH,
        "filter": DATE,
        "valueFormatter": DAY,
    },
    {
        "field": "end_date",
        "headerName": N_("End"),
        "minWidth": DATE_WIDTH,
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
            "minWidth": 128,
        }
        for f, h in (
            ("sessions", N_("Sessions")),
            ("attendances", N_("Attendances")),
            ("participants", N_("Participants")),
        )
    ),
    {
        "field": "retention",
        "headerName": N_("Retention"),
        "type": "numericColumn",
        "filter": NUMBER,
        "valueFormatter": PERCENT,
        "minWidth": 120,
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
    "rowHeight": ROW_HEIGHT,
    "tooltipShowDelay": 300,
    "suppressColumnVirtualisation": True,  # twelve columns: all drawn, as the table scrolls
}


def programme_table(programs: pd.DataFrame) -> pd.DataFrame:
    """The programmes as the table shows them: retention in percent, so that a number
    typed into its filter means what the column shows."""
    return programs.assign(retention=programs["retention"] * 100)


# the CSV's headers: the table's, retention saying its unit (the cells are percentages)
PROGRAMME_CSV_HEADERS = {c["field"]: c["headerName"] for c in PROGRAMME_COLUMNS} | {
    "retention": N_("Retention (%)")
}


def spoken(columns: list[dict]) -> list[dict]:
    """Column definitions in the language being spoken: headers and date formats."""
    formatter = day_formatter()
    return [
        {
            **column,
            "headerName": _(column["headerName"]),
            **({"valueFormatter": formatter} if column.get("valueFormatter") == DAY else {}),
        }
        for column in columns
    ]


def programme_csv(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the programme table as its CSV holds them: the table's columns and headers,
    retention in whole percent as the table rounds it (half up)."""
    shown = table[list(PROGRAMME_CSV_HEADERS)]
    whole = np.floor(shown["retention"].astype(float) + 0.5).astype("Int64")
    headers = {field: _(header) for field, header in PROGRAMME_CSV_HEADERS.items()}
    return shown.assign(retention=whole).rename(columns=headers)


def programme_rows(programs: pd.DataFrame) -> list[dict]:
    """One page of the programme table as the grid's rows."""
    columns = [c["field"] for c in PROGRAMME_COLUMNS]
    return records(programs[columns])


def programme_grid() -> dag.AgGrid:
    """The programme table: pages asked of the server as the user turns, sorts and filters."""
    return dag.AgGrid(
        id=ids.GRID,
        columnDefs=spoken(PROGRAMME_COLUMNS),
        rowModelType="infinite",
        defaultColDef={**HEADERS, "sortable": True, "filter": TEXT, "resizable": True},
        dashGridOptions=PROGRAMME_GRID_OPTIONS,
        columnSize="responsiveSizeToFit",
        style={"height": "560px"},
        className="ag-theme-alpine",
    )


SESSION_COLUMNS = [
    {"field": "held_on", "headerName": N_("Date"), "minWidth": DATE_WIDTH, "valueFormatter": DAY},
    {**_wrapped("programme", N_("Programme"), 220), "autoHeight": True},
    {**_wrapped("hub", N_("Hub"), 200), "autoHeight": True},
    {**_wrapped("disease_area", N_("Disease area"), 140), "autoHeight": True},
    {
        "field": "attendances",
        "headerName": N_("Attendances"),
        "type": "numericColumn",
        "valueFormatter": INDIAN_NUMBER,
        "minWidth": 128,
    },
]


def session_list(sessions: pd.DataFrame, month: int) -> html.Div:
    title = ngettext(
        "{count} session in {month}", "{count} sessions in {month}", len(sessions)
    ).format(count=indian(len(sessions)), month=month_text(date(month // 100, month % 100, 1)))
    grid = dag.AgGrid(
        id=ids.MONTH_GRID,
        rowData=records(sessions),
        columnDefs=spoken(SESSION_COLUMNS),
        defaultColDef={**HEADERS, "sortable": True, "resizable": True},
        columnSize="responsiveSizeToFit",
        style={"height": "300px"},
        className="ag-theme-alpine",
    )
    return html.Div([html.P(title, className="small mb-1", id=ids.MONTH_TITLE), grid])

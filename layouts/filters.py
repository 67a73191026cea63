"""The filter bar: dates with presets, state, partner, disease area, sector, cadre."""

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.periods import fy_name, fy_year
from dashboard.vocabulary.language import N_, _
from layouts import ids

PRESET_LABELS = {
    "3m": N_("3 months"),
    "6m": N_("6 months"),
    "12m": N_("12 months"),
    "fy": N_("This FY"),
    "last-fy": N_("Last FY"),
    "all": N_("All time"),
}
DROPDOWNS = (
    ("state", N_("State / UT")),
    ("partner", N_("Partner institution")),
    ("disease", N_("Disease area")),
    ("sector", N_("Sector")),
    ("cadre", N_("Cadre")),
)


def preset_options(today: date | None = None) -> list[dict]:
    """The period presets as options; on `today`, the financial years named by their
    years (FY 2026-27 to date, FY 2025-26), which the router sets as the page opens."""
    labels = {value: _(label) for value, label in PRESET_LABELS.items()}
    if today is not None:
        year = fy_year(today)
        labels |= {
            "fy": _("{year} to date").format(year=fy_name(year)),
            "last-fy": fy_name(year - 1),
        }
    return [{"label": label, "value": value} for value, label in labels.items()]


def _labelled(label: str, control, control_id: str) -> html.Div:
    return html.Div(
        [dbc.Label(label, html_for=control_id, className="small mb-1"), control], className="mb-2"
    )


def date_filter() -> html.Div:
    presets = dbc.RadioItems(
        id=ids.PRESET,
        options=preset_options(),
        value="all",
        inline=True,
        className="btn-group btn-group-sm flex-wrap",
        inputClassName="btn-check",
        labelClassName="btn btn-outline-primary",
        labelCheckedClassName="active",
    )
    picker = dcc.DatePickerRange(
        id=ids.DATES,
        display_format="DD MMM YYYY",  # the page's one date style: 07 Dec 2026
        start_date_placeholder_text=_("From"),
        end_date_placeholder_text=_("To"),
        clearable=True,
        className="w-100",
    )
    return html.Div(
        [
            dbc.Label(_("Period (session dates)"), className="small mb-1"),
            presets,
            html.Div(picker, className="mt-1"),
        ],
        className="mb-2",
    )


def dropdown(name: str, label: str) -> html.Div:
    control = dcc.Dropdown(
        id=ids.filter_list(name),
        multi=True,
        placeholder=_("All"),
        optionHeight=40,
        maxHeight=320,
    )
    return _labelled(_(label), control, ids.filter_list(name))


def filter_bar() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(_("Filters"), className="h6"),
                date_filter(),
                *[dropdown(name, label) for name, label in DROPDOWNS],
                dbc.Button(
                    _("Clear all filters"),
                    id=ids.CLEAR,
                    color="secondary",
                    outline=True,
                    size="sm",
                    className="w-100",
                ),
            ]
        ),
        className="filter-bar",
    )

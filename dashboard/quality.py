"""The data quality page for administrators: the `check` command's findings, each with
its rows (issue #22), so whoever fixes the files sees which rows to fix.

Each finding shows its count and its first `ROWS_SHOWN` rows, as the store holds them.
"""

from dataclasses import dataclass

import pandas as pd
from flask import Blueprint, Response, g, render_template

from dashboard.access.language import page
from dashboard.check import hubs_outside_district
from dashboard.queries import health
from dashboard.service import dashboard_data
from dashboard.vocabulary.language import N_, _

ROWS_SHOWN = 200

quality = Blueprint("quality", __name__, template_folder="access/templates")


@dataclass
class Finding:
    """One kind of problem, how many rows have it, and the first of them."""

    what: str
    count: int
    rows: pd.DataFrame


def findings(store) -> list[Finding]:
    """Every kind of problem `check` looks for that the store has, with its rows."""
    found = [
        Finding(name, count, health.orphan_rows(store, name, ROWS_SHOWN))
        for name, count in health.orphan_counts(store).items()
        if count
    ]
    lonely = health.programs_without_sessions(store)
    if lonely:
        rows = pd.DataFrame({"program_code": lonely[:ROWS_SHOWN]})
        found.append(Finding(N_("programmes without sessions"), len(lonely), rows))
    outside = health.sessions_outside_programme_dates(store)
    if outside:
        rows = health.sessions_outside_programme_rows(store, ROWS_SHOWN)
        found.append(Finding(N_("sessions outside their programme's dates"), outside, rows))
    hubs = health.hub_locations(store)
    astray = hubs[hubs.hub_code.isin(hubs_outside_district(hubs))]
    if len(astray):
        found.append(Finding(N_("hubs outside their district"), len(astray), astray[:ROWS_SHOWN]))
    return found


@quality.route("/admin/quality")
@page
def quality_page():
    if g.account is None or g.account.role != "admin":
        refused = _("Only administrators may see data quality.")
        return Response(refused, 403, mimetype="text/plain")
    found = findings(dashboard_data().store)
    return render_template("quality.html", findings=found, shown=ROWS_SHOWN)

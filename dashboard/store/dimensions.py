"""The dimensions as the dashboard and the import files name them, each joined once here:
a district with its state, a hub with its district and host partner, a programme with
its hub and disease area, and a programme's partners.

The SQL query layer, the engine, the importer and the exporter all read them through
these selects, asking for the columns they need by name.
"""

from collections.abc import Mapping

import pandas as pd
from sqlalchemy import ColumnElement, Select, Subquery, select, union

from dashboard.store.schema import (
    disease_area,
    district,
    hub,
    partner,
    program,
    program_partner,
    state,
)

DISTRICT = {
    "id": district.c.id,
    "district_code": district.c.district_code,
    "district_lgd": district.c.lgd_code,
    "district": district.c.name,
    "state_code": district.c.state_code,
    "state": state.c.name,
    "latitude": district.c.latitude,
    "longitude": district.c.longitude,
}
HUB = {
    "id": hub.c.id,
    "hub_code": hub.c.hub_code,
    "name": hub.c.name,
    "state_code": district.c.state_code,
    "district_code": district.c.district_code,
    "latitude": hub.c.latitude,
    "longitude": hub.c.longitude,
    "host_partner_code": partner.c.partner_code,
    "host_partner": partner.c.name,
    "launched_on": hub.c.launched_on,
}
PROGRAM = {
    "id": program.c.id,
    "program_code": program.c.program_code,
    "name": program.c.name,
    "hub_code": hub.c.hub_code,
    "hub": hub.c.name,
    "disease_area": disease_area.c.name,
    "sector": program.c.sector,
    "start_date": program.c.start_date,
    "end_date": program.c.end_date,
}
# The columns of each dimension a breakdown shows, in both backends.
DISTRICT_COLUMNS = (
    "district_code",
    "district_lgd",
    "district",
    "state_code",
    "state",
    "latitude",
    "longitude",
)
HUB_COLUMNS = (
    "hub_code",
    "name",
    "state_code",
    "district_code",
    "latitude",
    "longitude",
    "host_partner_code",
    "host_partner",
)
PROGRAM_COLUMNS = (
    "program_code",
    "name",
    "hub_code",
    "hub",
    "disease_area",
    "sector",
    "start_date",
    "end_date",
)
Column = str | ColumnElement  # a dimension's column by name, or an expression over its tables


def districts(*columns: Column) -> Select:
    """SELECT the columns of every district with its state."""
    joined = district.join(state, state.c.state_code == district.c.state_code)
    return _select(DISTRICT, columns).select_from(joined)


def hubs(*columns: Column) -> Select:
    """SELECT the columns of every hub with its district and host partner."""
    joined = hub.join(district, district.c.id == hub.c.district_id).join(
        partner, partner.c.id == hub.c.host_partner_id
    )
    return _select(HUB, columns).select_from(joined)


def programs(*columns: Column) -> Select:
    """SELECT the columns of every programme with its hub and disease area."""
    joined = program.join(hub, hub.c.id == program.c.hub_id).join(
        disease_area, disease_area.c.id == program.c.disease_area_id
    )
    return _select(PROGRAM, columns).select_from(joined)


def _select(named: Mapping[str, ColumnElement], columns: tuple[Column, ...]) -> Select:
    return select(*(named[c].label(c) if isinstance(c, str) else c for c in columns))


def program_partner_links() -> Subquery:
    """(program_id, partner_id) for every partner of a programme, its hub's host included."""
    hosts = select(
        program.c.id.label("program_id"), hub.c.host_partner_id.label("partner_id")
    ).join(hub, hub.c.id == program.c.hub_id)
    listed = select(program_partner.c.program_id, program_partner.c.partner_id)
    return union(listed, hosts).subquery("program_partner_link")


def program_partners(with_hosts: bool = True) -> Select:
    """SELECT program_id, partner_code, is_host: each programme's partners and its hub's
    host (flagged); without `with_hosts`, program_id and partner_code of the partners a
    programme lists (as its import file does)."""
    if not with_hosts:
        return select(program_partner.c.program_id, partner.c.partner_code).join(
            partner, partner.c.id == program_partner.c.partner_id
        )
    links = program_partner_links()
    return (
        select(
            links.c.program_id,
            partner.c.partner_code,
            (hub.c.host_partner_id == partner.c.id).label("is_host"),
        )
        .join(partner, partner.c.id == links.c.partner_id)
        .join(program, program.c.id == links.c.program_id)
        .join(hub, hub.c.id == program.c.hub_id)
    )


def partner_codes(rows: pd.DataFrame) -> pd.Series:
    """Per program_id, from `program_partners` rows: the partner codes joined by ';', the
    hub's host first (when the rows flag it) and the rest by code."""
    order = [c for c in ("program_id", "is_host", "partner_code") if c in rows]
    rows = rows.sort_values(order, ascending=[c != "is_host" for c in order])
    return rows.groupby("program_id")["partner_code"].agg(";".join)

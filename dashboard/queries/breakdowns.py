"""The selection's metrics broken down by state, district, disease area, partner, hub, programme.

States and districts list every one (zeros included, so maps can show white
spots); the other breakdowns list only what the selection contains.
"""

import pandas as pd
from sqlalchemy import Select, case, distinct, func, select

from dashboard.queries.conditions import conditions, program_partner_links
from dashboard.queries.metrics import metric_columns, selected
from dashboard.queries.retention import program_retention
from dashboard.store.database import Store
from dashboard.store.schema import (
    attendance_fact,
    disease_area,
    district,
    hub,
    partner,
    program,
    state,
)
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.metrics import METRICS

fact = attendance_fact.c


def _with_zeros(aggregate: Select, key: str) -> tuple:
    sub = aggregate.subquery("metrics")
    return sub, [func.coalesce(sub.c[m], 0).label(m) for m in METRICS]


def _grouped(filters: Filters, key) -> Select:
    return selected(filters, key, *metric_columns()).group_by(key)


def by_state(store: Store, filters: Filters) -> pd.DataFrame:
    sub, metrics = _with_zeros(_grouped(filters, fact.state_code), "state_code")
    query = (
        select(state.c.state_code, state.c.name.label("state"), *metrics)
        .outerjoin(sub, sub.c.state_code == state.c.state_code)
        .order_by(state.c.name)
    )
    return store.read(query)


def by_district(store: Store, filters: Filters) -> pd.DataFrame:
    sub, metrics = _with_zeros(_grouped(filters, fact.district_id), "district_id")
    query = (
        select(
            district.c.district_code,
            district.c.lgd_code.label("district_lgd"),
            district.c.name.label("district"),
            district.c.state_code,
            state.c.name.label("state"),
            district.c.latitude,
            district.c.longitude,
            *metrics,
        )
        .join(state, state.c.state_code == district.c.state_code)
        .outerjoin(sub, sub.c.district_id == district.c.id)
        .order_by(district.c.state_code, district.c.name)
    )
    if filters.state:
        query = query.where(district.c.state_code.in_(filters.state))
    return store.read(query)


def by_disease(store: Store, filters: Filters) -> pd.DataFrame:
    sub = _grouped(filters, fact.disease_area_id).subquery()
    query = (
        select(disease_area.c.name.label("disease_area"), *[sub.c[m] for m in METRICS])
        .join(sub, sub.c.disease_area_id == disease_area.c.id)
        .order_by(sub.c.attendances.desc(), disease_area.c.name)
    )
    return store.read(query)


def by_partner(store: Store, filters: Filters) -> pd.DataFrame:
    """A programme's attendances count for each of its partners and its hub's host."""
    links = program_partner_links()
    per_partner = (
        select(links.c.partner_id, *metric_columns())
        .select_from(attendance_fact.join(links, links.c.program_id == fact.program_id))
        .where(*conditions(filters))
        .group_by(links.c.partner_id)
        .subquery()
    )
    query = (
        select(
            partner.c.partner_code,
            partner.c.name.label("partner"),
            partner.c.kind,
            *[per_partner.c[m] for m in METRICS],
        )
        .join(per_partner, per_partner.c.partner_id == partner.c.id)
        .order_by(per_partner.c.attendances.desc(), partner.c.partner_code)
    )
    return store.read(query)


def by_hub(store: Store, filters: Filters) -> pd.DataFrame:
    """Hubs at their own location; `sector` is their programmes' sector, or `mixed`."""
    sector = case(
        (func.count(distinct(fact.sector)) == 1, func.min(fact.sector)), else_="mixed"
    ).label("sector")
    sub = selected(filters, fact.hub_id, sector, *metric_columns()).group_by(fact.hub_id).subquery()
    query = (
        select(
            hub.c.hub_code,
            hub.c.name,
            district.c.state_code,
            district.c.district_code,
            hub.c.latitude,
            hub.c.longitude,
            partner.c.partner_code.label("host_partner_code"),
            partner.c.name.label("host_partner"),
            sub.c.sector,
            *[sub.c[m] for m in METRICS],
        )
        .join(sub, sub.c.hub_id == hub.c.id)
        .join(district, district.c.id == hub.c.district_id)
        .join(partner, partner.c.id == hub.c.host_partner_id)
        .order_by(sub.c.attendances.desc(), hub.c.hub_code)
    )
    return store.read(query)


def by_program(store: Store, filters: Filters) -> pd.DataFrame:
    sub = _grouped(filters, fact.program_id).subquery()
    query = (
        select(
            program.c.id.label("program_id"),
            program.c.program_code,
            program.c.name,
            hub.c.hub_code,
            hub.c.name.label("hub"),
            disease_area.c.name.label("disease_area"),
            program.c.sector,
            program.c.start_date,
            program.c.end_date,
            *[sub.c[m] for m in METRICS],
        )
        .join(sub, sub.c.program_id == program.c.id)
        .join(hub, hub.c.id == program.c.hub_id)
        .join(disease_area, disease_area.c.id == program.c.disease_area_id)
        .order_by(program.c.program_code)
    )
    programs = store.read(query)
    retention = program_retention(store, filters)
    partners = program_partners(store, filters)
    programs = programs.merge(partners, on="program_id", how="left")
    programs = programs.merge(retention, on="program_id", how="left")
    return programs.drop(columns="program_id")


def program_partners(store: Store, filters: Filters) -> pd.DataFrame:
    """Columns: program_id, partner_codes (';'-joined, the hub's host first)."""
    links = program_partner_links()
    chosen = selected(filters, fact.program_id).distinct().subquery()
    query = (
        select(links.c.program_id, partner.c.partner_code, hub.c.host_partner_id == partner.c.id)
        .join(chosen, chosen.c.program_id == links.c.program_id)
        .join(partner, partner.c.id == links.c.partner_id)
        .join(program, program.c.id == links.c.program_id)
        .join(hub, hub.c.id == program.c.hub_id)
    )
    rows = store.read(query)
    rows.columns = ["program_id", "partner_code", "is_host"]
    rows = rows.sort_values(
        ["program_id", "is_host", "partner_code"], ascending=[True, False, True]
    )
    joined = rows.groupby("program_id")["partner_code"].agg(";".join)
    return joined.rename("partner_codes").reset_index()


def by_cadre(store: Store, filters: Filters) -> pd.DataFrame:
    query = _grouped(filters, fact.cadre).order_by(func.count().desc(), fact.cadre)
    return store.read(query)


def state_by_disease(store: Store, filters: Filters) -> pd.DataFrame:
    """Long frame: state_code, state, disease_area, attendances, participants, programs."""
    keys = (fact.state_code, fact.disease_area_id)
    sub = selected(filters, *keys, *metric_columns()).group_by(*keys).subquery()
    query = (
        select(
            state.c.state_code,
            state.c.name.label("state"),
            disease_area.c.name.label("disease_area"),
            *[sub.c[m] for m in METRICS],
        )
        .join(sub, sub.c.state_code == state.c.state_code)
        .join(disease_area, disease_area.c.id == sub.c.disease_area_id)
        .order_by(state.c.name, disease_area.c.name)
    )
    return store.read(query)

"""The selection's metrics broken down by state, district, disease area, partner, hub, programme.

States and districts list every one (zeros included, so maps can show white
spots); the other breakdowns list only what the selection contains.
"""

import pandas as pd
from sqlalchemy import Select, case, distinct, func, select

from dashboard.queries.conditions import conditions
from dashboard.queries.metrics import metric_columns, selected
from dashboard.queries.retention import program_retention
from dashboard.store import dimensions
from dashboard.store.database import Store
from dashboard.store.dimensions import program_partner_links
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
from dashboard.vocabulary.places import LGD_CODE

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
        dimensions.districts(*dimensions.DISTRICT_COLUMNS, *metrics)
        .outerjoin(sub, sub.c.district_id == district.c.id)
        .order_by(district.c.state_code, district.c.name)
    )
    if filters.state:
        query = query.where(district.c.state_code.in_(filters.state))
    return store.read(query).astype({"district_lgd": LGD_CODE})


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
        dimensions.hubs(*dimensions.HUB_COLUMNS, sub.c.sector, *[sub.c[m] for m in METRICS])
        .join(sub, sub.c.hub_id == hub.c.id)
        .order_by(sub.c.attendances.desc(), hub.c.hub_code)
    )
    return store.read(query)


def by_program(store: Store, filters: Filters) -> pd.DataFrame:
    sub = _grouped(filters, fact.program_id).subquery()
    query = (
        dimensions.programs(
            program.c.id.label("program_id"),
            *dimensions.PROGRAM_COLUMNS,
            *[sub.c[m] for m in METRICS],
        )
        .join(sub, sub.c.program_id == program.c.id)
        .order_by(program.c.program_code)
    )
    programs = store.read(query)
    retention = program_retention(store, filters)[["program_id", "retention"]]
    partners = program_partners(store, filters)
    programs = programs.merge(partners, on="program_id", how="left")
    programs = programs.merge(retention, on="program_id", how="left")
    return programs.drop(columns="program_id")


def program_partners(store: Store, filters: Filters) -> pd.DataFrame:
    """Columns: program_id, partner_codes (';'-joined, the hub's host first)."""
    chosen = selected(filters, fact.program_id).distinct().subquery()
    query = dimensions.program_partners()
    query = query.join(chosen, chosen.c.program_id == query.selected_columns.program_id)
    joined = dimensions.partner_codes(store.read(query))
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

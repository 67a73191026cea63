"""The filters as SQL conditions on `attendance_fact`."""

from sqlalchemy import ColumnElement, or_, select

from dashboard.store.dimensions import program_partner_links
from dashboard.store.schema import (
    attendance_fact,
    disease_area,
    district,
    hub,
    partner,
    program,
)
from dashboard.vocabulary.filters import Filters

fact = attendance_fact.c


def conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """SQL conditions on `attendance_fact` selecting exactly the filtered attendances."""
    where: list[ColumnElement[bool]] = []
    if filters.date_from:
        where.append(fact.held_on >= filters.date_from)
    if filters.date_to:
        where.append(fact.held_on <= filters.date_to)
    if filters.state:
        where.append(fact.state_code.in_(filters.state))
    if filters.sector:
        where.append(fact.sector.in_(filters.sector))
    if filters.cadre:
        where.append(fact.cadre.in_(filters.cadre))
    if filters.district:
        where.append(fact.district_id.in_(_ids(district, "district_code", filters.district)))
    if filters.hub:
        where.append(fact.hub_id.in_(_ids(hub, "hub_code", filters.hub)))
    if filters.program:
        where.append(fact.program_id.in_(_ids(program, "program_code", filters.program)))
    if filters.disease:
        where.append(fact.disease_area_id.in_(_ids(disease_area, "name", filters.disease)))
    if filters.partner:
        partner_ids = _ids(partner, "partner_code", filters.partner)
        links = program_partner_links()
        where.append(
            or_(
                fact.host_partner_id.in_(partner_ids),
                fact.program_id.in_(
                    select(links.c.program_id).where(links.c.partner_id.in_(partner_ids))
                ),
            )
        )
    return where


def _ids(table, code_column: str, codes: tuple[str, ...]):
    return select(table.c.id).where(table.c[code_column].in_(codes)).scalar_subquery()

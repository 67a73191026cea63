"""What each filter can offer: every value with its attendances under the *other* filters.

Lists show the values with attendances (so no single choice empties the view) and
the chosen ones; states, partners and disease areas come with zero counts too, so a
chosen value keeps its name even when nothing matches.
"""

from dataclasses import replace

import pandas as pd
from sqlalchemy import func, select

from dashboard.queries.conditions import conditions
from dashboard.store.database import Store
from dashboard.store.dimensions import program_partner_links
from dashboard.store.schema import attendance_fact, disease_area, partner, state
from dashboard.vocabulary.filters import Filters

fact = attendance_fact.c


def _without(filters: Filters, name: str) -> Filters:
    return replace(filters, **{name: ()})


def state_options(store: Store, filters: Filters) -> pd.DataFrame:
    """Columns: value (LGD code), label (name), attendances."""
    counts = _counted(fact.state_code, _without(filters, "state"))
    query = select(state.c.state_code.label("value"), state.c.name.label("label"), _n(counts))
    query = query.outerjoin(counts, counts.c.key == state.c.state_code).order_by(state.c.name)
    return store.read(query)


def partner_options(store: Store, filters: Filters) -> pd.DataFrame:
    links = program_partner_links()
    counts = (
        select(links.c.partner_id.label("key"), func.count().label("n"))
        .select_from(attendance_fact.join(links, links.c.program_id == fact.program_id))
        .where(*conditions(_without(filters, "partner")))
        .group_by(links.c.partner_id)
        .subquery()
    )
    query = (
        select(partner.c.partner_code.label("value"), partner.c.name.label("label"), _n(counts))
        .outerjoin(counts, counts.c.key == partner.c.id)
        .order_by(partner.c.name)
    )
    return store.read(query)


def disease_options(store: Store, filters: Filters) -> pd.DataFrame:
    counts = _counted(fact.disease_area_id, _without(filters, "disease"))
    name = disease_area.c.name
    query = select(name.label("value"), name.label("label"), _n(counts))
    query = query.outerjoin(counts, counts.c.key == disease_area.c.id).order_by(name)
    return store.read(query)


def sector_options(store: Store, filters: Filters) -> pd.DataFrame:
    return _plain(store, fact.sector, _without(filters, "sector"))


def cadre_options(store: Store, filters: Filters) -> pd.DataFrame:
    return _plain(store, fact.cadre, _without(filters, "cadre"))


def _n(counts):
    return func.coalesce(counts.c.n, 0).label("n")


def _counted(key, filters: Filters):
    return (
        select(key.label("key"), func.count().label("n"))
        .where(*conditions(filters))
        .group_by(key)
        .subquery()
    )


def _plain(store: Store, column, filters: Filters) -> pd.DataFrame:
    query = (
        select(column.label("value"), column.label("label"), func.count().label("n"))
        .where(*conditions(filters))
        .group_by(column)
        .order_by(column)
    )
    return store.read(query)


def all_options(store: Store, filters: Filters) -> dict[str, pd.DataFrame]:
    return {
        "state": state_options(store, filters),
        "partner": partner_options(store, filters),
        "disease": disease_options(store, filters),
        "sector": sector_options(store, filters),
        "cadre": cadre_options(store, filters),
    }

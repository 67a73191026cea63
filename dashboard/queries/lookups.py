"""What the store knows: codes for validating filters, data as of, the data version."""

from datetime import date

import pandas as pd
from sqlalchemy import func, select

from dashboard.store.database import Store
from dashboard.store.schema import (
    attendance_fact,
    data_version,
    disease_area,
    district,
    hub,
    participant,
    partner,
    program,
    session,
    state,
)
from dashboard.vocabulary.filters import Filters, refuse_unknown

CODE_COLUMNS = {
    "state": state.c.state_code,
    "district": district.c.district_code,
    "partner": partner.c.partner_code,
    "disease": disease_area.c.name,
    "cadre": participant.c.cadre,
    "hub": hub.c.hub_code,
    "program": program.c.program_code,
}


def check_filters(store: Store, filters: Filters) -> None:
    """Raise `BadFilter` naming the first parameter whose values the store does not know."""
    refuse_unknown(filters, known_codes(store))


def known_codes(store: Store) -> dict[str, frozenset]:
    """Every value each filter may take: one read per parameter, whatever a request asks
    (the data manager keeps them per data version), so an unknown value costs no search."""
    return {
        parameter: frozenset(store.read(select(column).distinct()).iloc[:, 0])
        for parameter, column in CODE_COLUMNS.items()
    }


def data_as_of(store: Store) -> date | None:
    """The latest session date in the store (docs/metrics.md)."""
    value = store.scalar(select(func.max(session.c.held_on)))
    return pd.Timestamp(value).date() if value is not None else None


def current_data_version(store: Store) -> int:
    """A number that changes with every write; caches key on it."""
    return int(store.scalar(select(data_version.c.version)) or 0)


def fact_count(store: Store) -> int:
    return int(store.scalar(select(func.count()).select_from(attendance_fact)))

"""What an import is checked against: the store's rows and codes, and India's places.

The store is read once per import, before anything is written: its codes let a
file refer to rows imported earlier, and its rows tell which imported rows are
new, changed or unchanged.
"""

from functools import cache, cached_property

import pandas as pd
from sqlalchemy import select

from dashboard.geography import tables as geography
from dashboard.importer.report import Reason, said
from dashboard.store import dimensions
from dashboard.store.database import Store
from dashboard.store.schema import (
    disease_area,
    district,
    hub,
    participant,
    partner,
    program,
    session,
)
from dashboard.vocabulary.language import N_

# Generous bounds around India, islands included (degrees).
INDIA_LATITUDE = (6.0, 37.6)
INDIA_LONGITUDE = (68.0, 97.6)
KM_PER_DEGREE = 111.0

# Hubs' and programmes' columns as their import files have them (partner codes aside).
HUB_COLUMNS = (
    "hub_code",
    "name",
    "host_partner_code",
    "district_code",
    "latitude",
    "longitude",
    "launched_on",
)
PROGRAM_COLUMNS = (
    "program_code",
    "name",
    "hub_code",
    "disease_area",
    "sector",
    "start_date",
    "end_date",
)
CODE_COLUMNS = {
    "partners": partner.c.partner_code,
    "hubs": hub.c.hub_code,
    "programs": program.c.program_code,
    "sessions": session.c.session_code,
    "participants": participant.c.participant_code,
}


class StoreState:
    """The store's rows in the import files' terms (codes, not ids), read when first needed."""

    def __init__(self, store: Store):
        self.store = store

    def codes(self, name: str) -> set[str]:
        column = CODE_COLUMNS[name]
        return set(self.store.read(select(column)).iloc[:, 0])

    def rows(self, name: str) -> pd.DataFrame:
        """Every row of one file's table, with the file's columns."""
        return getattr(self, name)

    @cached_property
    def partners(self) -> pd.DataFrame:
        return self.store.read(select(partner.c.partner_code, partner.c.name, partner.c.kind))

    @cached_property
    def hubs(self) -> pd.DataFrame:
        return self.store.read(dimensions.hubs(*HUB_COLUMNS))

    @cached_property
    def programs(self) -> pd.DataFrame:
        programs = self.store.read(dimensions.programs(*PROGRAM_COLUMNS, "id"))
        listed = dimensions.partner_codes(self.store.read(dimensions.program_partners(False)))
        programs["partner_codes"] = programs.pop("id").map(listed).fillna("")
        return programs

    @cached_property
    def sessions(self) -> pd.DataFrame:
        return self.store.read(
            select(
                session.c.session_code,
                program.c.program_code,
                session.c.held_on,
                session.c.duration_minutes,
            ).join(program, program.c.id == session.c.program_id)
        )

    @cached_property
    def participants(self) -> pd.DataFrame:
        return self.store.read(
            select(
                participant.c.participant_code, participant.c.cadre, district.c.district_code
            ).join(district, district.c.id == participant.c.district_id)
        )

    @cached_property
    def program_dates(self) -> dict[str, tuple]:
        frame = self.store.read(
            select(program.c.program_code, program.c.start_date, program.c.end_date)
        )
        return {code: (start, end) for code, start, end in frame.itertuples(index=False)}

    @cached_property
    def district_states(self) -> dict[str, int]:
        """district_code -> the LGD code of its state."""
        frame = self.store.read(select(district.c.district_code, district.c.state_code))
        return dict(zip(frame["district_code"], frame["state_code"].astype(int), strict=True))

    @cached_property
    def disease_areas(self) -> list[str]:
        return list(self.store.read(select(disease_area.c.name)).iloc[:, 0])


def place(state: str, district_text: str) -> tuple[str | None, str | None, Reason | None]:
    """(district_code, None, None), or (None, column at fault, reason) for unknown places."""
    resolver = geography.resolver()
    state_code = resolver.state(state)
    if state_code is None:
        close = resolver.suggest_state(state)
        if close:
            return None, "state", said(N_('unknown state; did you mean "{name}"?'), name=close)
        return None, "state", said(N_("unknown state"))
    code = resolver.district(district_text, state_code)
    if code is not None:
        return code, None, None
    state_name = resolver.state_name(state_code)
    elsewhere = resolver.district(district_text)
    if elsewhere is not None:
        other = resolver.state_name(
            geography.districts().set_index("district_code").at[elsewhere, "state_code"]
        )
        name = resolver.district_name(elsewhere)
        reason = N_("{district} is in {other}, not in {state}")
        return None, "district", said(reason, district=name, other=other, state=state_name)
    close = resolver.suggest_district(state_code, district_text)
    if close:
        reason = N_('unknown district in {state}; did you mean "{name}"?')
        return None, "district", said(reason, state=state_name, name=close)
    return None, "district", said(N_("unknown district in {state}"), state=state_name)


def district_name(district_code: str) -> str:
    return geography.resolver().district_name(district_code) or district_code


def coordinates_problem(latitude: float, longitude: float) -> Reason | None:
    """Why a point cannot be in India, or None."""
    if _in_india(latitude, longitude):
        return None
    if _in_india(longitude, latitude):
        return said(N_("outside India; latitude and longitude swapped?"))
    return said(N_("outside India"))


def _in_india(latitude: float, longitude: float) -> bool:
    return (
        INDIA_LATITUDE[0] <= latitude <= INDIA_LATITUDE[1]
        and INDIA_LONGITUDE[0] <= longitude <= INDIA_LONGITUDE[1]
    )


def distance_outside(district_code: str, latitude: float, longitude: float) -> float:
    """Degrees from the point to the district's polygon (0 inside it)."""
    import shapely

    shapes = _shapes()
    if district_code not in shapes:
        return 0.0
    return float(shapes[district_code].distance(shapely.Point(longitude, latitude)))


@cache
def _shapes() -> dict:
    return geography.district_shapes().geometry.to_dict()

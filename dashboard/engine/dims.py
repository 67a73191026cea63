"""The small dimension frames (names, codes, places) the views join their numbers to.

They are read through `dashboard.store.dimensions` with the columns and orderings of
the SQL query layer's breakdowns, so the engine's frames match it column for column;
`rank` keeps the store's own collation for ordering ties.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import select

from dashboard.store import dimensions
from dashboard.store.schema import disease_area, district, hub, partner, program, state
from dashboard.store.snapshot import Snapshot


@dataclass
class Dimensions:
    """Dimension frames, each carrying an `id` column (dropped before a view returns)."""

    states: pd.DataFrame  # by name
    districts: pd.DataFrame  # by state_code, name
    diseases: pd.DataFrame  # by name
    partners: pd.DataFrame  # by partner_code; name_rank orders by name
    hubs: pd.DataFrame  # by hub_code
    programs: pd.DataFrame  # by program_code

    _codes: dict = field(default_factory=dict, repr=False)
    _partners_by_name: pd.DataFrame | None = field(default=None, repr=False)

    def codes(self, frame: str, column: str) -> dict:
        """{code: id} of one frame, made once (filters look codes up on every click)."""
        if (frame, column) not in self._codes:
            table = getattr(self, frame)
            self._codes[frame, column] = dict(zip(table[column], table["id"], strict=True))
        return self._codes[frame, column]

    def partners_by_name(self) -> pd.DataFrame:
        """The partners in name order (ties by code), sorted once: filter lists and the
        trend split by partner show them so."""
        if self._partners_by_name is None:
            self._partners_by_name = self.partners.sort_values("name_rank", kind="stable")
        return self._partners_by_name


def read_dimensions(snap: Snapshot) -> Dimensions:
    partners = snap.frame(
        select(
            partner.c.id, partner.c.partner_code, partner.c.name.label("partner"), partner.c.kind
        ).order_by(partner.c.partner_code)
    )
    by_name = snap.frame(
        select(partner.c.id, partner.c.name).order_by(partner.c.name, partner.c.id)
    )
    rank = pd.factorize(by_name["name"])[0] if len(by_name) else np.zeros(0, dtype=np.int64)
    partners["name_rank"] = partners["id"].map(dict(zip(by_name["id"], rank, strict=True)))
    return Dimensions(
        states=snap.frame(
            select(
                state.c.state_code.label("id"), state.c.state_code, state.c.name.label("state")
            ).order_by(state.c.name)
        ),
        districts=_districts(snap),
        diseases=snap.frame(
            select(disease_area.c.id, disease_area.c.name.label("disease_area")).order_by(
                disease_area.c.name
            )
        ),
        partners=partners,
        hubs=_hubs(snap),
        programs=_programs(snap),
    )


def _districts(snap: Snapshot) -> pd.DataFrame:
    query = dimensions.districts("id", *dimensions.DISTRICT_COLUMNS)
    return snap.frame(query.order_by(district.c.state_code, district.c.name))


def _hubs(snap: Snapshot) -> pd.DataFrame:
    return snap.frame(dimensions.hubs("id", *dimensions.HUB_COLUMNS).order_by(hub.c.hub_code))


def _programs(snap: Snapshot) -> pd.DataFrame:
    query = dimensions.programs("id", *dimensions.PROGRAM_COLUMNS).order_by(program.c.program_code)
    frame = snap.frame(query)
    frame["partner_codes"] = frame["id"].map(
        dimensions.partner_codes(snap.frame(dimensions.program_partners()))
    )
    return frame

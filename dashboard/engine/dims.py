"""The small dimension frames (names, codes, places) the views join their numbers to.

They are read with the same columns and orderings as the SQL query layer, so the
engine's frames match it column for column; `rank` keeps the store's own
collation for ordering ties.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import select

from dashboard.engine.load import Snapshot
from dashboard.queries.conditions import program_partner_links
from dashboard.store.schema import disease_area, district, hub, partner, program, state


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
    query = (
        select(
            district.c.id,
            district.c.district_code,
            district.c.lgd_code.label("district_lgd"),
            district.c.name.label("district"),
            district.c.state_code,
            state.c.name.label("state"),
            district.c.latitude,
            district.c.longitude,
        )
        .join(state, state.c.state_code == district.c.state_code)
        .order_by(district.c.state_code, district.c.name)
    )
    return snap.frame(query)


def _hubs(snap: Snapshot) -> pd.DataFrame:
    query = (
        select(
            hub.c.id,
            hub.c.hub_code,
            hub.c.name,
            district.c.state_code,
            district.c.district_code,
            hub.c.latitude,
            hub.c.longitude,
            partner.c.partner_code.label("host_partner_code"),
            partner.c.name.label("host_partner"),
        )
        .join(district, district.c.id == hub.c.district_id)
        .join(partner, partner.c.id == hub.c.host_partner_id)
        .order_by(hub.c.hub_code)
    )
    return snap.frame(query)


def _programs(snap: Snapshot) -> pd.DataFrame:
    query = (
        select(
            program.c.id,
            program.c.program_code,
            program.c.name,
            hub.c.hub_code,
            hub.c.name.label("hub"),
            disease_area.c.name.label("disease_area"),
            program.c.sector,
            program.c.start_date,
            program.c.end_date,
        )
        .join(hub, hub.c.id == program.c.hub_id)
        .join(disease_area, disease_area.c.id == program.c.disease_area_id)
        .order_by(program.c.program_code)
    )
    frame = snap.frame(query)
    codes = _partner_codes(snap)
    frame["partner_codes"] = frame["id"].map(codes)
    return frame


def _partner_codes(snap: Snapshot) -> pd.Series:
    """Per programme id: its partner codes joined by ';', the hub's host first."""
    links = program_partner_links()
    query = (
        select(links.c.program_id, partner.c.partner_code, hub.c.host_partner_id == partner.c.id)
        .join(partner, partner.c.id == links.c.partner_id)
        .join(program, program.c.id == links.c.program_id)
        .join(hub, hub.c.id == program.c.hub_id)
    )
    rows = snap.frame(query)
    rows.columns = ["program_id", "partner_code", "is_host"]
    rows = rows.sort_values(
        ["program_id", "is_host", "partner_code"], ascending=[True, False, True]
    )
    return rows.groupby("program_id")["partner_code"].agg(";".join)

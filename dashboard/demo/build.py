"""Write the demo data set into a migrated store, replacing all activity data at once.

Geography stays; everything else (partners to attendance) is deleted and
rewritten with explicit ids in one transaction, then the read model is rebuilt
inside it, so a reader sees the old data set or the new one, never a mix.
"""

import sys
from collections.abc import Iterator
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Table, delete, func, select
from tqdm import tqdm

from dashboard.demo.generate import DemoData, generate
from dashboard.store.database import Store
from dashboard.store.schema import (
    attendance,
    attendance_fact,
    disease_area,
    district,
    hub,
    participant,
    partner,
    program,
    program_partner,
    session,
)
from dashboard.store.writes import refresh_read_model, reset_sequences

CHUNK_ROWS = 500_000
# Children before parents, so deleting never breaks a foreign key.
DELETE_ORDER = (
    attendance_fact,
    attendance,
    session,
    participant,
    program_partner,
    program,
    disease_area,
    hub,
    partner,
)
SEQUENCED = (partner, hub, disease_area, program, session, participant)


class StoreNotReady(RuntimeError):
    """The store has no geography yet: `migrate` must run before `demo`."""


def build_demo(
    store: Store,
    attendances: int = 1_000_000,
    seed: int = 2008,
    progress: bool = True,
    today: date | None = None,
) -> dict[str, int]:
    """Replace the store's activity data with the demo data set; return rows per table."""
    with tqdm(disable=not progress, file=sys.stderr, unit="row", unit_scale=True) as bar:
        data = generate(attendances, seed, today, step=bar.set_description_str)
        district_ids = _district_ids(store)
        tables = _store_frames(data, district_ids)
        bar.reset(total=sum(len(frame) for _table, frame in tables))
        with store.transaction() as conn:
            bar.set_description_str("deleting old data")
            for table in DELETE_ORDER:
                conn.execute(delete(table))
            for table, frame in tables:
                bar.set_description_str(f"writing {table.name}")
                for chunk in _chunks(frame):
                    store.insert_rows(conn, table, chunk)
                    bar.update(len(chunk))
            if not store.is_sqlite:
                reset_sequences(conn, SEQUENCED)
            bar.set_description_str("refreshing read model")
            refresh_read_model(conn)
            counts = {table.name: len(frame) for table, frame in tables}
            counts[attendance_fact.name] = conn.execute(
                select(func.count()).select_from(attendance_fact)
            ).scalar_one()
        bar.set_description_str("demo data set written")
    store.analyze([table.name for table in (*DELETE_ORDER, district)])
    return counts


def _district_ids(store: Store) -> pd.Series:
    """district_code -> the store's district id."""
    rows = store.read(select(district.c.district_code, district.c.id))
    if rows.empty:
        raise StoreNotReady("the store has no districts: run `python -m dashboard migrate` first")
    return pd.Series(rows["id"].to_numpy(), index=rows["district_code"].to_numpy())


def _store_frames(data: DemoData, district_ids: pd.Series) -> list[tuple[Table, pd.DataFrame]]:
    """The generated frames shaped as store rows, parents first."""
    hubs = data.hubs.assign(
        district_id=_as_ids(data.hubs["district_code"], district_ids),
        launched_on=_iso(data.hubs["launched_on"]),
    )
    programs = data.programs.assign(
        start_date=_iso(data.programs["start_date"]), end_date=_iso(data.programs["end_date"])
    )
    participants = data.participants.assign(
        cadre=data.participants["cadre"].astype(object),
        district_id=_category_ids(data.participants["district_code"], district_ids),
    )
    sessions = data.sessions.assign(held_on=_iso(data.sessions["held_on"]))
    return [
        (partner, data.partners),
        (hub, _columns(hubs, hub)),
        (disease_area, data.disease_areas),
        (program, _columns(programs, program)),
        (program_partner, data.program_partners),
        (session, _columns(sessions, session)),
        (participant, _columns(participants, participant)),
        (attendance, data.attendance),
    ]


def _columns(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    return frame[list(table.c.keys())]


def _iso(dates: pd.Series) -> pd.Series:
    """ISO date strings (None when missing): SQLite's and COPY's common date format."""
    text_dates = pd.to_datetime(dates).dt.strftime("%Y-%m-%d")
    return text_dates.astype(object).where(text_dates.notna(), None)


def _as_ids(codes: pd.Series, district_ids: pd.Series) -> np.ndarray:
    unknown = sorted(set(codes) - set(district_ids.index))
    if unknown:
        raise StoreNotReady(
            f"the store lacks districts {unknown[:5]}: run `python -m dashboard migrate` again"
        )
    return district_ids.loc[codes].to_numpy()


def _category_ids(codes: pd.Series, district_ids: pd.Series) -> np.ndarray:
    """Map a categorical column through its categories, so millions of rows cost nothing."""
    by_category = _as_ids(pd.Series(codes.cat.categories), district_ids)
    return by_category[codes.cat.codes.to_numpy()]


def _chunks(frame: pd.DataFrame) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), CHUNK_ROWS):
        yield frame.iloc[start : start + CHUNK_ROWS]

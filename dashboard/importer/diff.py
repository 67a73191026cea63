"""Which imported rows are new, which change a row of the store, and which change nothing.

Only new and changed rows are written, so importing the same files twice
writes nothing at all; the counts are what `--dry-run` reports.
"""

from dataclasses import dataclass

import pandas as pd

from dashboard.importer.context import Checked
from dashboard.importer.resolve import StoreState


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def text(self) -> str:
        return f"{self.inserted:,} new, {self.updated:,} changed, {self.unchanged:,} unchanged"


@dataclass
class Change:
    """One entity file's rows to write (new and changed, in code form) and its counts."""

    checked: Checked
    rows: pd.DataFrame
    counts: Counts


def change(checked: Checked, state: StoreState) -> Change:
    frame = checked.frame.drop(columns="line", errors="ignore")
    if frame.empty:
        return Change(checked, frame, Counts())
    key = checked.spec.key[0]
    existing = state.rows(checked.spec.name)[list(frame.columns)]
    merged = frame.merge(existing, on=key, how="left", suffixes=("", "__store"), indicator=True)
    new = (merged["_merge"] == "left_only").to_numpy()
    same = pd.Series(True, index=merged.index)
    for column in frame.columns.drop(key):
        same &= _equal(merged[column], merged[f"{column}__store"])
    changed = ~new & ~same.to_numpy()
    counts = Counts(int(new.sum()), int(changed.sum()), int((~new & ~changed).sum()))
    return Change(checked, frame[new | changed].reset_index(drop=True), counts)


def _equal(imported: pd.Series, stored: pd.Series) -> pd.Series:
    both_missing = imported.isna() & stored.isna()
    return both_missing | (imported.astype(object) == stored.astype(object))

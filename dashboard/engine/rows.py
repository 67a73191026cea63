"""Which attendance rows a selection holds: all of them, one run, or a list.

Work per query should follow the size of the selection, not of the store. Rows
are kept in date order, so a date range alone is one run (a zero-copy slice);
other filters list their rows, built from per-session or per-participant ranges.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Rows:
    """A set of row positions; `take` gives a per-row array's values at them.

    Held as one run (a date range: a slice, no copy), a list of positions (a narrow
    selection: work follows its size) or a mask over every row (a wide one: one
    sequential pass beats gathering millions of scattered positions).
    """

    total: int  # rows in the store
    run: tuple[int, int] | None = None  # [start, stop)
    index: np.ndarray | None = None  # positions, in no particular order
    mask: np.ndarray | None = None  # one flag per row

    @property
    def everything(self) -> bool:
        listed = self.index is not None or self.mask is not None
        return not listed and (self.run is None or self.run == (0, self.total))

    def __len__(self) -> int:
        if self.index is not None:
            return len(self.index)
        if self.mask is not None:
            return int(np.count_nonzero(self.mask))
        if self.run is not None:
            return self.run[1] - self.run[0]
        return self.total

    def take(self, values: np.ndarray) -> np.ndarray:
        if self.index is not None:
            return values[self.index]
        if self.mask is not None:
            return values[self.mask]
        if self.run is not None:
            return values[self.run[0] : self.run[1]]
        return values


def spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Every position of the ranges [start, start + length), one range after another."""
    lengths = lengths.astype(np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    shift = np.repeat(starts.astype(np.int64) - (ends - lengths), lengths)
    return shift + np.arange(total, dtype=np.int64)


def between(rows: Rows, start: int, stop: int) -> Rows:
    """The rows of `rows` at positions [start, stop): rows are in date order, so these are
    its rows of a span of days."""
    if rows.index is not None:
        index = rows.index
        return Rows(rows.total, index=index[(index >= start) & (index < stop)])
    if rows.mask is not None:
        mask = np.zeros_like(rows.mask)
        mask[start:stop] = rows.mask[start:stop]
        return Rows(rows.total, mask=mask)
    first, last = rows.run or (0, rows.total)
    low = max(first, start)
    return Rows(rows.total, run=(low, max(low, min(last, stop))))

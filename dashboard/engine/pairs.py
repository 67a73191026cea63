"""Distinct (group, member) pairs: the exact building block of every distinct count.

A distinct count per group is the number of distinct (group, member) pairs per
group. Numbering every pair that occurs in the store once (at load) turns "which
pairs does this selection contain" into one scatter into a boolean array, with
no sorting per query; coarser groupings map pair to pair the same way.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

DENSE_LIMIT = 1 << 26  # up to this many possible pairs, count through a boolean array


@dataclass(frozen=True)
class Pairs:
    """The distinct pairs of one kind: pair i is (group[i], member[i])."""

    group: np.ndarray
    member: np.ndarray

    def __len__(self) -> int:
        return len(self.group)


def number_pairs(
    group: np.ndarray, member: np.ndarray, members: int, by_group: bool = False
) -> tuple[np.ndarray, Pairs]:
    """Each element's pair number (int32) and the distinct pairs, in order of first
    appearance (hashing is twice as fast as sorting here), or `by_group`: sorted, so each
    group's pairs are one range of numbers."""
    key = group.astype(np.int64) * members + member
    inverse, unique = pd.factorize(key, sort=by_group)
    del key
    pairs = Pairs((unique // members).astype(np.int32), (unique % members).astype(np.int32))
    return inverse.astype(np.int32), pairs


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending, found by sorting. np.unique (numpy 2.4) hashes, which
    is many times slower when most values differ, as ids do (see BENCHMARKS.md)."""
    ordered = np.sort(values, axis=None)
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def seen(ids: np.ndarray, size: int) -> np.ndarray:
    """Boolean array marking the given pair numbers."""
    marked = np.zeros(size, dtype=bool)
    marked[ids] = True
    return marked


def distinct_per_group(
    group: np.ndarray, value: np.ndarray, groups: int, values: int
) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (group, value) pairs among the given ones, as two arrays."""
    if groups * values <= DENSE_LIMIT:
        found = np.flatnonzero(seen(group.astype(np.int64) * values + value, groups * values))
    else:
        found = distinct(group.astype(np.int64) * values + value)
    return found // values, found % values


def count_distinct(group: np.ndarray, value: np.ndarray, groups: int, values: int) -> np.ndarray:
    """Per group, how many distinct values occur with it (int64, length `groups`)."""
    found, _ = distinct_per_group(group, value, groups, values)
    return np.bincount(found, minlength=groups).astype(np.int64)


def counts(group: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Per group, the number (or the summed weight) of its elements, as int64."""
    if weights is None:
        return np.bincount(group, minlength=size).astype(np.int64)
    return np.rint(np.bincount(group, weights=weights, minlength=size)).astype(np.int64)

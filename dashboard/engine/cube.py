"""Attendances per (programme, home district, cadre): the filter lists' counts without a selection.

Each filter list shows, per value, the attendances under the other filters. Attendances
add up, so under filters on programmes, home places and cadres (no dates) they are sums
over the cells of this cube (about 0.7M cells at 10M attendances), where a selection
passes over millions of pairs, in the router, before any other callback of a click can
start (see BENCHMARKS.md).
"""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard.engine.dims import Dimensions
from dashboard.engine.model import Facts
from dashboard.engine.pairs import Pairs, counts
from dashboard.engine.select import home_and_cadre, program_mask
from dashboard.vocabulary.filters import Filters


@dataclass(frozen=True)
class Cube:
    """The cells that hold attendances: cell i is (program[i], district[i], cadre[i])."""

    program: np.ndarray
    district: np.ndarray
    cadre: np.ndarray
    attended: np.ndarray


def build_cube(facts: Facts, program_pairs: Pairs, pair_attended: np.ndarray) -> Cube:
    """From the (programme, participant) pairs and their attendances: one pass over the
    pairs (4M at 10M attendances), not over the rows."""
    districts, cadres = facts.sizes["district"], facts.sizes["cadre"]
    member = program_pairs.member
    key = program_pairs.group.astype(np.int64) * districts + facts.participant_district[member]
    key = key * cadres + facts.participant_cadre[member]
    cells, found = pd.factorize(key)
    del key
    attended = np.bincount(cells, weights=pair_attended, minlength=len(found))
    found = np.asarray(found, dtype=np.int64)
    return Cube(
        program=_narrow(found // (districts * cadres), facts.sizes["program"]),
        district=_narrow(found // cadres % districts, districts),
        cadre=_narrow(found % cadres, cadres),
        attended=np.rint(attended).astype(np.int32),
    )


def _narrow(ids: np.ndarray, size: int) -> np.ndarray:
    """Ids below `size` in the narrowest integers that hold them (the cube is mapped by
    every worker: 7 MB at 10M attendances instead of 16)."""
    for kind in (np.int8, np.int16, np.int32):
        if size <= np.iinfo(kind).max:
            return ids.astype(kind)
    return ids


def answers(filters: Filters) -> bool:
    """Whether the cube holds these filters' counts: it knows no dates."""
    return filters.date_from is None and filters.date_to is None


class CubeCounts:
    """The counts a filter list reads from a selection (attendances per programme, and per
    home state, district or cadre), summed over the cube's cells matching the filters."""

    def __init__(self, facts: Facts, dims: Dimensions, cube: Cube, filters: Filters):
        self.facts = facts
        keep = _matching(
            cube, program_mask(facts, dims, filters), *home_and_cadre(facts, dims, filters)
        )
        if keep is None:
            self._program, self._district, self._cadre = cube.program, cube.district, cube.cadre
            self._attended = cube.attended
        else:
            self._program, self._district = cube.program[keep], cube.district[keep]
            self._cadre, self._attended = cube.cadre[keep], cube.attended[keep]

    @cached_property
    def program_counts(self) -> np.ndarray:
        return counts(self._program, self.facts.sizes["program"], self._attended)

    def attendances_by(self, kind: str) -> np.ndarray:
        """Attendances per state, district or cadre of the participants."""
        sizes = self.facts.sizes
        if kind == "cadre":
            return counts(self._cadre, sizes["cadre"], self._attended)
        if kind == "district":
            return counts(self._district, sizes["district"], self._attended)
        return counts(self.facts.district_state[self._district], sizes["state"], self._attended)


def _matching(cube: Cube, programs, homes, cadres) -> np.ndarray | None:
    keep = None
    for flags, of_cell in ((programs, cube.program), (homes, cube.district), (cadres, cube.cadre)):
        if flags is not None:
            keep = flags[of_cell] if keep is None else keep & flags[of_cell]
    return keep

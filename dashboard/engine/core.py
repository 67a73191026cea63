"""The engine: the store's attendances in memory, loaded once per data version."""

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from dashboard.engine.cube import Cube, CubeCounts, build_cube
from dashboard.engine.dims import Dimensions, read_dimensions
from dashboard.engine.model import Facts, PairSets, build_pairs, read_facts
from dashboard.engine.query import Selection
from dashboard.engine.select import (
    districts_only,
    participant_mask,
    people_only,
    programmes_only,
    selected_rows,
)
from dashboard.engine.spill import IN_MEMORY, Spill
from dashboard.memory import release_freed_memory
from dashboard.store.database import Store
from dashboard.vocabulary.filters import Filters

RECENT_SELECTIONS = 2  # one per thread of a worker; each holds 20-35 MB of tallies at 10M


@dataclass
class Engine:
    """Facts, their numbered pairs, the filter lists' cube and the dimension frames of one
    data version."""

    facts: Facts
    pairs: PairSets
    cube: Cube
    dims: Dimensions
    _recent: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _counted: tuple | None = field(default=None, repr=False)  # (filters, CubeCounts)
    kept_filters: frozenset = frozenset()  # whose answers are kept (see views.prepare)
    kept_answers: dict = field(default_factory=dict, repr=False)  # saved with the arrays

    @property
    def version(self) -> int:
        return self.facts.version

    def selection(self, filters: Filters) -> Selection:
        """The selection for these filters; the last few are kept, since a page load asks
        a dozen views of the same filters and they share masks and tallies."""
        filters = self._without_redundant_state(filters)
        with self._lock:
            found = self._recent.get(filters)
            if found is None:
                found = self._select(filters)
                self._recent[filters] = found
                while len(self._recent) > RECENT_SELECTIONS:
                    self._recent.popitem(last=False)
            self._recent.move_to_end(filters)
            return found

    def cube_counts(self, filters: Filters) -> CubeCounts:
        """The cube's sums for these filters; the last ones are kept, since most of a
        click's five filter lists count under the same filters."""
        with self._lock:
            if self._counted is None or self._counted[0] != filters:
                self._counted = (filters, CubeCounts(self.facts, self.dims, self.cube, filters))
            return self._counted[1]

    def _without_redundant_state(self, filters: Filters) -> Filters:
        """A home-state filter adds nothing when every chosen district lies in the chosen
        states, as on a district drill: without it, the district's own selection (the one
        its state's filter lists count under) serves both."""
        if not (filters.state and filters.district):
            return filters
        ids = self.dims.codes("districts", "district_code")
        if not all(d in ids for d in filters.district):
            return filters
        states = {int(self.facts.district_state[ids[d]]) for d in filters.district}
        return filters.replace(state=()) if states <= set(filters.state) else filters

    def forget_selections(self) -> None:
        """Let the kept selections go (each holds 20-35 MB of tallies at 10M attendances)."""
        with self._lock:
            self._recent.clear()

    def _select(self, filters: Filters) -> Selection:
        facts, dims = self.facts, self.dims
        people = participant_mask(facts, dims, filters)  # made once, shared by the tallies
        return Selection(
            facts,
            self.pairs,
            partial(selected_rows, facts, dims, filters, people),
            programs=programmes_only(facts, dims, filters),
            people=people_only(filters, people),
            districts=districts_only(facts, dims, filters),
        )

    def kept(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """An answer kept for this data version (for no filters, or one wide filter)."""
        if key not in self.kept_answers:
            self.kept_answers[key] = compute()
        return self.kept_answers[key]


def load_engine(store: Store, spill: Spill = IN_MEMORY) -> Engine:
    """Read the store in one snapshot and prepare every structure the views use (large
    arrays go to `spill` as soon as they are made)."""
    with store.snapshot() as snap:
        facts = read_facts(snap)
        dims = read_dimensions(snap)
    release_reading_memory(store)
    facts = spill.keep_fields(facts)
    release_freed_memory()
    pairs = build_pairs(facts, spill)
    release_freed_memory()
    cube = spill.keep_fields(build_cube(facts, pairs.program, pairs.program_attended))
    spill.release()
    return Engine(facts, pairs, cube, dims)


def release_reading_memory(store: Store) -> None:
    """Hand back what reading every attendance left behind: the store's idle connections'
    page caches and freed heap, before the pairs are built on top of it."""
    store.close_idle_connections()
    gc.collect()
    release_freed_memory()

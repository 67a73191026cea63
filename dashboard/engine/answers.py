"""The engine's answers as the SQL query layer's frames: same columns, rows and order."""

import inspect
from collections.abc import Callable
from copy import copy
from dataclasses import replace
from functools import wraps
from typing import Any

import numpy as np
import pandas as pd

from dashboard.engine import core, query
from dashboard.engine.core import Engine
from dashboard.engine.cube import CubeCounts, answers
from dashboard.engine.pairs import count_distinct, counts, distinct_per_group
from dashboard.engine.spill import IN_MEMORY, Spill
from dashboard.store.database import Store
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.kinds import SECTORS
from dashboard.vocabulary.metrics import METRICS, counts_people
from dashboard.vocabulary.periods import check_interval, check_split, period_label
from dashboard.vocabulary.places import LGD_CODE

NO_FILTERS = Filters()
Wanted = tuple[str, ...]  # the metrics a breakdown is asked for (see dashboard.backend)


def _preparing(wide: bool) -> Callable[[Callable], Callable]:
    """Answers for no filters, and with `wide` for the engine's prepared filters (see
    `prepare`), are computed once per data version, with every metric, and handed out as
    copies. Other answers of a breakdown asked for some `metrics` count those (others may
    come along); the data manager cuts the answer to them."""

    def decorate(view: Callable) -> Callable:
        signature = inspect.signature(view)

        @wraps(view)
        def answer(engine: Engine, filters: Filters, *args: Any, **options: Any) -> Any:
            if filters != NO_FILTERS and not (wide and filters in engine.prepared_filters):
                return view(engine, filters, *args, **options)
            options.pop("metrics", None)
            bound = signature.bind(engine, filters, *args, **options)
            bound.apply_defaults()
            by = [v for k, v in bound.arguments.items() if k not in ("engine", "metrics")]
            key = (view.__name__, *by)
            return copy(engine.prepared(key, lambda: view(engine, filters, *args, **options)))

        return answer

    return decorate


_prepared = _preparing(wide=True)
# Long frames (every programme; every period and group) prepared for no filters only: about
# 4 MB each at 10M attendances, in every worker, for answers no filter click asks for.
_prepared_unfiltered = _preparing(wide=False)


def _at(values: np.ndarray, ids: pd.Series) -> np.ndarray:
    """values[ids], zero where an id lies beyond the array."""
    ids = ids.to_numpy(dtype=np.int64)
    inside = ids < len(values)
    out = np.zeros(len(ids), dtype=values.dtype)
    out[inside] = values[ids[inside]]
    return out


def _metrics_of(dim: pd.DataFrame, counted: query.Metrics) -> dict[str, np.ndarray]:
    """The metrics counted, for each row of a dimension frame by its `id`, in the order
    of METRICS."""
    return {
        name: _at(counted[name], dim["id"]).astype(np.int64) for name in METRICS if name in counted
    }


def _ranked(values: dict[str, np.ndarray]) -> np.ndarray:
    """Rows with attendances, most first, ties in the dimension's own order."""
    attendances = values["attendances"]
    rows = np.flatnonzero(attendances > 0)
    return rows[np.lexsort((rows, -attendances[rows]))]


def _framed(
    dim: pd.DataFrame, values: dict[str, Any], rows: np.ndarray | None = None, drop=("id",)
) -> pd.DataFrame:
    """The dimension's columns and then `values`, at `rows` (all when None), as one new
    frame: built in one go, since copying a frame and adding eight columns one by one,
    then filtering and sorting it, cost five times the tallies themselves."""
    rows = np.arange(len(dim)) if rows is None else rows
    columns = {c: dim[c].array.take(rows) for c in dim.columns if c not in drop}
    return pd.DataFrame({**columns, **{name: value[rows] for name, value in values.items()}})


@_prepared
def summary(engine: Engine, filters: Filters) -> dict[str, int]:
    return query.summary(engine.selection(filters))


@_prepared
def by_state(engine: Engine, filters: Filters, *, metrics: Wanted = METRICS) -> pd.DataFrame:
    if filters.state and not filters.district and _is_prepared(engine, _without_homes(filters)):
        frame = by_state(engine, _without_homes(filters), metrics=metrics)
        return _zero_outside(frame, frame["state_code"].isin(filters.state))
    counted = query.by_participant_group(engine.selection(filters), "state", metrics)
    return _framed(engine.dims.states, _metrics_of(engine.dims.states, counted))


@_prepared
def by_district(engine: Engine, filters: Filters, *, metrics: Wanted = METRICS) -> pd.DataFrame:
    if (filters.state or filters.district) and _is_prepared(engine, _without_homes(filters)):
        frame = by_district(engine, _without_homes(filters), metrics=metrics)
        frame = _zero_outside(frame, _homes_chosen(frame, filters))
    else:
        counted = query.by_participant_group(engine.selection(filters), "district", metrics)
        frame = _framed(engine.dims.districts, _metrics_of(engine.dims.districts, counted))
    if filters.state:
        frame = frame[frame["state_code"].isin(filters.state)].reset_index(drop=True)
    return frame.astype({"district_lgd": LGD_CODE})


# A home state or district filter keeps or drops each participant whole, so per state and
# per district the numbers are those without it, or zero: a prepared answer serves them all.


def _without_homes(filters: Filters) -> Filters:
    return replace(filters, state=(), district=())


def _is_prepared(engine: Engine, filters: Filters) -> bool:
    return filters == NO_FILTERS or filters in engine.prepared_filters


def _homes_chosen(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    chosen = pd.Series(True, index=frame.index)
    if filters.state:
        chosen &= frame["state_code"].isin(filters.state)
    if filters.district:
        chosen &= frame["district_code"].isin(filters.district)
    return chosen


def _zero_outside(frame: pd.DataFrame, chosen: pd.Series) -> pd.DataFrame:
    inside = chosen.to_numpy()
    zeroed = {n: np.where(inside, frame[n].to_numpy(), 0) for n in METRICS if n in frame}
    return frame.assign(**zeroed)


@_prepared
def by_disease(engine: Engine, filters: Filters, *, metrics: Wanted = METRICS) -> pd.DataFrame:
    counted = query.by_program_group(engine.selection(filters), "disease", metrics)
    values = _metrics_of(engine.dims.diseases, counted)
    return _framed(engine.dims.diseases, values, _ranked(values))


@_prepared
def by_partner(engine: Engine, filters: Filters, *, metrics: Wanted = METRICS) -> pd.DataFrame:
    counted = query.by_program_group(engine.selection(filters), "partner", metrics)
    values = _metrics_of(engine.dims.partners, counted)
    return _framed(engine.dims.partners, values, _ranked(values), ("id", "name_rank"))


@_prepared
def by_hub(engine: Engine, filters: Filters, *, metrics: Wanted = METRICS) -> pd.DataFrame:
    sel = engine.selection(filters)
    hubs = engine.dims.hubs
    values = _metrics_of(hubs, query.by_program_group(sel, "hub", metrics))
    names = np.array([*SECTORS, "mixed"], dtype=object)
    sectors = pd.array(names[_at(query.hub_sectors(sel), hubs["id"])], dtype=hubs["hub_code"].dtype)
    return _framed(hubs, {"sector": sectors, **values}, _ranked(values))


@_prepared_unfiltered
def by_program(engine: Engine, filters: Filters, *, metrics: Wanted = METRICS) -> pd.DataFrame:
    sel = engine.selection(filters)
    programs = engine.dims.programs
    counted = _metrics_of(programs, query.by_program_group(sel, "program", metrics))
    values = {
        **counted,
        "partner_codes": programs["partner_codes"].array,
        "retention": _at(query.retention(sel), programs["id"]).astype(float),
    }
    reached = np.flatnonzero(counted["attendances"] > 0)
    return _framed(programs, values, reached, ("id", "partner_codes"))


@_prepared
def by_cadre(engine: Engine, filters: Filters, *, metrics: Wanted = METRICS) -> pd.DataFrame:
    counted = query.by_participant_group(engine.selection(filters), "cadre", metrics)
    cadres = engine.facts.cadres
    frame = pd.DataFrame({"id": np.arange(len(cadres)), "cadre": pd.array(cadres, dtype="str")})
    values = _metrics_of(frame, counted)
    return _framed(frame, values, _ranked(values))


@_prepared
def state_by_disease(
    engine: Engine, filters: Filters, *, metrics: Wanted = METRICS
) -> pd.DataFrame:
    """Long frame: state_code, state, disease_area and the metrics per non-empty cell, in
    the states' then the disease areas' order (positions looked up, not frames merged:
    the merges cost most of this view). Rows are home states, so
    a home-state filter keeps its states' rows of the answer without it (see by_state)."""
    if filters.state and not filters.district and _is_prepared(engine, _without_homes(filters)):
        frame = state_by_disease(engine, _without_homes(filters), metrics=metrics)
        return frame[frame["state_code"].isin(filters.state)].reset_index(drop=True)
    sel = engine.selection(filters)
    counted, diseases = _matrix(sel, metrics), engine.facts.sizes["disease"]
    states, names = engine.dims.states, engine.dims.diseases
    cells = np.flatnonzero(counted["attendances"])
    state_at = _positions(states["id"], sel.sizes["state"])[cells // diseases]
    disease_at = _positions(names["id"], diseases)[cells % diseases]
    named = np.flatnonzero((state_at >= 0) & (disease_at >= 0))
    named = named[np.lexsort((disease_at[named], state_at[named]))]
    frame = states.iloc[state_at[named]][["state_code", "state"]].reset_index(drop=True)
    frame["disease_area"] = names["disease_area"].iloc[disease_at[named]].reset_index(drop=True)
    for name in METRICS:
        if name in counted:
            frame[name] = counted[name][cells[named]].astype(np.int64)
    return frame


def _positions(ids: pd.Series, size: int) -> np.ndarray:
    """Each of `size` ids' row in its dimension frame, -1 for ids the frame lacks."""
    ids = ids.to_numpy(dtype=np.int64)
    at = np.full(max(size, int(ids.max(initial=-1)) + 1), -1, dtype=np.int64)
    at[ids] = np.arange(len(ids))
    return at


def _matrix(sel: query.Selection, metrics: Wanted) -> query.Metrics:
    """Metrics per (state, disease area) cell, cell = state * diseases + disease: those
    counted from the (district, session) pairs, and the participants' when `metrics`
    asks for them."""
    facts, sizes = sel.facts, sel.sizes
    diseases = sizes["disease"]
    n = sizes["state"] * diseases
    found = sel.district_pairs
    district = sel.pairs.district.group[found]
    session = sel.pairs.district.member[found]
    state = facts.district_state[district]
    cell_of = (
        state.astype(np.int64) * diseases + facts.program_disease[facts.session_program[session]]
    )
    state_sessions = distinct_per_group(state, session, sizes["state"], sizes["session"])
    program = facts.session_program[state_sessions[1]]
    programs = distinct_per_group(state_sessions[0], program, sizes["state"], sizes["program"])
    program_cell = programs[0] * diseases + facts.program_disease[programs[1]]
    attendances = counts(cell_of, n, sel.district_pair_attendances)
    out = {
        "attendances": attendances,
        "sessions": counts(state_sessions[0] * diseases + facts.program_disease[program], n),
        "programs": counts(program_cell, n),
        "hubs": count_distinct(program_cell, facts.program_hub[programs[1]], n, sizes["hub"]),
        "states_reached": (attendances > 0).astype(np.int64),
        "disease_areas": (attendances > 0).astype(np.int64),
    }
    return out | (_matrix_people(sel, n) if counts_people(metrics) else {})


def _matrix_people(sel: query.Selection, n: int) -> query.Metrics:
    """Participants and districts reached per (state, disease area) cell, from the
    selection's (disease area, participant) pairs."""
    facts, diseases = sel.facts, sel.sizes["disease"]
    people_pairs = sel.mapped_pairs("disease")
    disease = sel.pairs.disease.group[people_pairs]
    person_district = facts.participant_district[sel.pairs.disease.member[people_pairs]]
    people_cell = facts.district_state[person_district].astype(np.int64) * diseases + disease
    return {
        "participants": counts(people_cell, n),
        "districts_reached": count_distinct(people_cell, person_district, n, sel.sizes["district"]),
    }


@_prepared
def trend(engine: Engine, filters: Filters, interval: str = "month") -> pd.DataFrame:
    """Columns: period, sessions, attendances, participants; oldest period first."""
    check_interval(interval)
    keys, metrics = query.periods(engine.selection(filters), interval)
    frame = pd.DataFrame(
        {"period": pd.array([period_label(interval, int(k)) for k in keys], dtype="str")}
    )
    for name in ("sessions", "attendances", "participants"):
        frame[name] = metrics[name].astype(int)
    return frame


@_prepared_unfiltered
def attendance_split(
    engine: Engine, filters: Filters, interval: str = "month", by: str = "disease"
) -> pd.DataFrame:
    """Attendances per period and disease area or host partner's name: period, group,
    attendances. Each programme is in one group (its disease area, or the partner hosting
    its hub), so a period's groups add up to its attendances."""
    check_interval(interval)
    check_split(by)
    sel = engine.selection(filters)
    facts = sel.facts
    names, rank = _group_names(engine, by)
    group = facts.program_disease if by == "disease" else facts.hub_host[facts.program_hub]
    chosen = sel.sessions
    session_period = query.period_key(facts.session_month[chosen], interval)
    periods, period_index = np.unique(session_period, return_inverse=True)
    key = period_index * len(names) + rank[group[facts.session_program[chosen]]]
    totals = counts(key, len(periods) * len(names), sel.session_counts[chosen])
    cells = np.flatnonzero(totals)
    return pd.DataFrame(
        {
            "period": pd.array(
                [period_label(interval, int(periods[c // len(names)])) for c in cells], dtype="str"
            ),
            "group": pd.array(names[cells % len(names)], dtype="str"),
            "attendances": totals[cells],
        }
    )


def _group_names(engine: Engine, by: str) -> tuple[np.ndarray, np.ndarray]:
    """Distinct group names in the store's order, and each group id's position among them."""
    if by == "disease":
        frame = engine.dims.diseases
        names = frame["disease_area"].to_numpy(dtype=object)
        rank = np.arange(len(frame))
    else:
        frame = engine.dims.partners_by_name()
        names = frame.drop_duplicates("name_rank")["partner"].to_numpy(dtype=object)
        rank = frame["name_rank"].to_numpy()
    size = int(frame["id"].max()) + 1 if len(frame) else 1
    by_id = np.zeros(size, dtype=np.int64)
    by_id[frame["id"].to_numpy(np.int64)] = rank
    return names, by_id


def all_options(engine: Engine, filters: Filters) -> dict[str, pd.DataFrame]:
    """Per filter, every value with its attendances under the other filters."""
    return {
        "state": _state_options(engine, _without(filters, "state")),
        "partner": _partner_options(engine, _without(filters, "partner")),
        "disease": _disease_options(engine, _without(filters, "disease")),
        "sector": _plain_options(engine, _without(filters, "sector"), "sector"),
        "cadre": _plain_options(engine, _without(filters, "cadre"), "cadre"),
    }


def _listed(engine: Engine, filters: Filters) -> query.Selection | CubeCounts:
    """What a filter list counts: the cube's sums when it holds them (no dates), else the
    selection's tallies."""
    if answers(filters):
        return engine.cube_counts(filters)
    return engine.selection(filters)


def _without(filters: Filters, name: str) -> Filters:
    return replace(filters, **{name: ()})


def _option_frame(values, labels, n) -> pd.DataFrame:
    return pd.DataFrame({"value": values, "label": labels, "n": np.asarray(n, dtype=np.int64)})


@_prepared
def _state_options(engine: Engine, filters: Filters) -> pd.DataFrame:
    per_state = _listed(engine, filters).attendances_by("state")
    states = engine.dims.states
    return _option_frame(states["state_code"], states["state"], _at(per_state, states["id"]))


@_prepared
def _partner_options(engine: Engine, filters: Filters) -> pd.DataFrame:
    program, partner, size = query.program_links(engine.facts, "partner")
    per_partner = counts(partner, size, _listed(engine, filters).program_counts[program])
    partners = engine.dims.partners_by_name()
    n = _at(per_partner, partners["id"])
    return _option_frame(partners["partner_code"].array, partners["partner"].array, n)


@_prepared
def _disease_options(engine: Engine, filters: Filters) -> pd.DataFrame:
    facts = engine.facts
    per = counts(
        facts.program_disease, facts.sizes["disease"], _listed(engine, filters).program_counts
    )
    names = engine.dims.diseases
    return _option_frame(names["disease_area"], names["disease_area"], _at(per, names["id"]))


@_prepared
def _plain_options(engine: Engine, filters: Filters, kind: str) -> pd.DataFrame:
    facts, listed = engine.facts, _listed(engine, filters)
    if kind == "sector":
        labels = list(SECTORS)
        per = counts(facts.program_sector.astype(np.int64), len(labels), listed.program_counts)
    else:
        labels = facts.cadres
        per = listed.attendances_by("cadre")
    keep = sorted(
        np.flatnonzero(per[: len(labels)]), key=lambda i: (kind == "sector") and labels[i]
    )
    values = pd.array([labels[i] for i in keep], dtype="str")
    return _option_frame(values, values.copy(), per[keep])


def load_prepared(store: Store, spill: Spill = IN_MEMORY) -> Engine:
    """An engine for the store's current data, its prepared answers already computed."""
    engine = core.load_engine(store, spill)
    prepare(engine, spill.release)
    return engine


# A single filter value with at least this share of attendances is prepared: at 10M about
# 16 values (the largest states, cadres, disease areas, the Ministry, each sector), each
# costing a little of the build and 0.7 MB per worker (see BENCHMARKS.md).
WIDE_SHARE = 0.05
# Sectors and cadres are short lists that every user picks from: each of their values is
# prepared, wide or not: a narrow cadre computed cold was among the slowest clicks (see
# BENCHMARKS.md); the 4 narrow cadres of the demo add 0.7 MB of answers, pickled.
EVERY_VALUE_PREPARED = ("sector", "cadre")
SHORT_LIST = 12  # longer lists of those keep only their wide values


def prepare(engine: Engine, release: Callable[[], None] = lambda: None) -> None:
    """Compute, before anyone asks, the answers for no filters (the first page every
    visitor opens, and the baseline of every filter list) and for each single filter
    value holding WIDE_SHARE of the attendances or more (the Ministry, the largest states
    and disease areas) or listed among a few sectors or cadres: the filters most chosen,
    and the costliest to answer.
    One selection at a time, `release` after each: a builder's peak is one step's."""
    _prepare_for(engine, NO_FILTERS, release)
    engine.prepared_filters = frozenset(wide_filters(engine))
    for filters in engine.prepared_filters:
        _prepare_for(engine, filters, release)


def wide_filters(engine: Engine) -> list[Filters]:
    """One-value filters matching at least WIDE_SHARE of all attendances, and every value
    of a short list of sectors or cadres."""
    total = len(engine.facts.session)
    found = []
    for name, frame in all_options(engine, NO_FILTERS).items():
        listed = frame[frame["n"] > 0]
        if name not in EVERY_VALUE_PREPARED or len(listed) > SHORT_LIST:
            listed = listed[listed["n"] >= WIDE_SHARE * total]
        found += [Filters(**{name: (_plain(value),)}) for value in listed["value"]]
    return found


def _plain(value: Any) -> int | str:
    """State codes as int, every other filter value as str (as Filters holds them)."""
    return int(value) if isinstance(value, int | np.integer) else str(value)


def _prepare_for(engine: Engine, filters: Filters, release: Callable[[], None]) -> None:
    every_view = (summary, by_state, by_district, by_disease, by_partner, by_hub, by_cadre)
    for view in (*every_view, state_by_disease, all_options):
        view(engine, filters)
    for interval in ("month", "fy"):
        trend(engine, filters, interval=interval)
    if filters == NO_FILTERS:
        by_program(engine, filters)
        for by in ("disease", "partner"):
            attendance_split(engine, filters, by=by)
    engine.forget_selections()
    release()

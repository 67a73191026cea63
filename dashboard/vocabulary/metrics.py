"""The metrics: one table of what each counts, its label, whether it counts people, and
whether the map can shade by it.

Every metric but attendances is a distinct count over the selected attendances; each
backend counts it per group exactly, never as a sum of per-group distinct counts.
"""

from dataclasses import dataclass

import pandas as pd

from dashboard.vocabulary.filters import BadFilter
from dashboard.vocabulary.language import N_


@dataclass(frozen=True)
class Metric:
    name: str
    label: str  # in English, marked for translation: shown through language.gettext
    distinct: str | None  # the attendance column whose distinct values it counts; None: rows
    people: bool  # counts distinct participants: the costly kind, counted only when asked
    shaded: bool = False  # the map can be shaded by it


TABLE = (
    Metric("attendances", N_("Attendances"), None, people=False, shaded=True),
    Metric("participants", N_("Participants"), "participant_id", people=True, shaded=True),
    Metric("sessions", N_("Sessions"), "session_id", people=False),
    Metric("programs", N_("Programmes"), "program_id", people=False, shaded=True),
    Metric("hubs", N_("Hubs"), "hub_id", people=False),
    Metric("districts_reached", N_("Districts reached"), "district_id", people=True, shaded=True),
    Metric("states_reached", N_("States reached"), "state_code", people=True),
    Metric("disease_areas", N_("Disease areas"), "disease_area_id", people=False),
)
METRICS = tuple(m.name for m in TABLE)
LABELS = {m.name: m.label for m in TABLE}
PEOPLE_METRICS = frozenset(m.name for m in TABLE if m.people)
SHADED = tuple(m.name for m in TABLE if m.shaded)  # the map's choices, in this order
# Retention (docs/metrics.md): a participant is retained in a programme who attended at
# least 4/5 (80%) of its sessions held; both backends compare in integers, to stay exact.
RETAINED_SHARE = (4, 5)


def check_metrics(metrics: tuple[str, ...]) -> None:
    """Refuse a metric name the table does not define."""
    unknown = [m for m in metrics if m not in METRICS]
    if unknown:
        raise BadFilter("metrics", f"unknown metric {unknown[0]!r} (use {', '.join(METRICS)})")


def counts_people(metrics: tuple[str, ...]) -> bool:
    """Whether any of `metrics` counts distinct participants."""
    return not PEOPLE_METRICS.isdisjoint(metrics)


def only(frame: pd.DataFrame, metrics: tuple[str, ...]) -> pd.DataFrame:
    """The frame with attendances and `metrics` of its metric columns, every other column
    kept: what a chart of one metric needs. Breakdowns take `metrics=` because counting
    distinct participants per group is most of their cost at scale; attendances always
    come along, since rows are kept and ranked by them."""
    check_metrics(metrics)
    wanted = {"attendances", *metrics}
    return frame[[c for c in frame.columns if c not in METRICS or c in wanted]]

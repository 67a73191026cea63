"""What a brief says, asked of the data as one scope sees it: the numbers of every page of
the brief, gathered before anything is drawn.

Every question goes through `ScopedData` (dashboard.access), so a state account's brief
holds only its state, exactly as its page does; the tiles are the page's tiles
(dashboard.tiles), the map's level the page's (India's states, or the districts of the
states in view), the trend's partial months those the page marks (dashboard.periods),
the items needing attention the tab's (dashboard.attention, the server's thresholds).
"""

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from dashboard.access.names import names
from dashboard.access.scoped import ScopedData
from dashboard.attention import Attention, needs_attention
from dashboard.clock import day_text
from dashboard.config import attention_thresholds
from dashboard.geography import tables as geography
from dashboard.periods import Covered, covered
from dashboard.tiles import Tile, tiles
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.language import DEFAULT, N_, _, current
from dashboard.vocabulary.scope import Scope

TOP = 10  # programmes and hubs listed
FILTER_WORDS = {
    "state": N_("State / UT"),
    "district": N_("District"),
    "partner": N_("Partner"),
    "disease": N_("Disease area"),
    "sector": N_("Sector"),
    "cadre": N_("Cadre"),
    "hub": N_("Hub"),
    "program": N_("Programme"),
}


@dataclass(frozen=True)
class MapData:
    """The places the map shades: `level` "states" or "districts", with `code` and `name`
    columns and the metric's counts."""

    level: str
    places: pd.DataFrame
    metric: str = "attendances"


@dataclass(frozen=True)
class DiseaseCoverage:
    """One disease area: its numbers, and the states of the view it did not reach."""

    disease_area: str
    attendances: int
    participants: int
    programs: int
    states_reached: int
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    """Everything printed, as text and frames."""

    scope: str
    filters: list[tuple[str, str]]
    as_of: date | None
    made_at: datetime
    tiles: list[Tile]
    map: MapData
    trend: pd.DataFrame
    covered: Covered
    diseases: list[DiseaseCoverage]
    matrix: pd.DataFrame
    states_reached: list[str]
    programmes: pd.DataFrame
    hubs: pd.DataFrame
    attention: Attention


def gather(data: ScopedData, filters: Filters, made_at: datetime) -> Brief:
    """The brief of the view `filters` for `data`'s scope (`OutOfScope` for a filter
    outside it, as the page refuses it)."""
    data.check(filters)
    as_of = data.data_as_of()
    states = data.states(filters)
    return Brief(
        scope=scope_words(data),
        filters=filter_words(data, filters),
        as_of=as_of,
        made_at=made_at,
        tiles=tiles(data, filters, as_of),
        map=map_data(data, filters, states),
        trend=data.trend(filters),
        covered=covered(filters.date_from, filters.date_to, as_of),
        diseases=disease_coverage(data, filters, states),
        matrix=_matrix(data.matrix(filters), states),
        states_reached=sorted(_matrix(states[states.attendances > 0], states)["state"]),
        programmes=_top(data.programs(filters)),
        hubs=_top(data.hubs(filters)),
        attention=needs_attention(data, filters, attention_thresholds()),
    )


def scope_words(data: ScopedData) -> str:
    """Whose data the brief holds: all of India, or the scope's states and partners named."""
    scope: Scope = data.scope
    if scope.india:
        return _("All of India")
    parts = []
    if scope.states:
        states = ", ".join(names(data, "state", sorted(scope.states)))
        parts.append(_("States / UTs: {states}").format(states=states))
    if scope.partners:
        partners = ", ".join(names(data, "partner", sorted(scope.partners)))
        parts.append(_("Partners: {partners}").format(partners=partners))
    return "; ".join(parts) or _("Nothing (this account sees no data)")


def filter_words(data: ScopedData, filters: Filters) -> list[tuple[str, str]]:
    """The filters in words, each named as the page names it: ("Dates", "01 Apr 2025 to
    ..."), ("State / UT", "Karnataka"), ...; none: every attendance the scope sees."""
    words = []
    if filters.date_from or filters.date_to:
        first = day_text(filters.date_from) if filters.date_from else _("the start")
        last = day_text(filters.date_to) if filters.date_to else _("the latest data")
        words.append((_("Dates"), _("{start} to {end}").format(start=first, end=last)))
    for key, label in FILTER_WORDS.items():
        codes = getattr(filters, key)
        if codes:
            words.append((_(label), ", ".join(names(data, key, codes))))
    return words


def map_data(data: ScopedData, filters: Filters, states: pd.DataFrame) -> MapData:
    """India's states, or, when the view (or the scope) is within states, their districts:
    the level the page's map draws."""
    within = data.within(filters)
    if not within.state:
        return MapData("states", states.rename(columns={"state_code": "code", "state": "name"}))
    districts = data.districts(filters.replace(district=()))
    districts = districts[districts.state_code.isin(within.state)]
    renamed = districts.rename(columns={"district_code": "code", "district": "name"})
    return MapData("districts", renamed.reset_index(drop=True))


def disease_coverage(
    data: ScopedData, filters: Filters, states: pd.DataFrame
) -> list[DiseaseCoverage]:
    """Each disease area of the view, largest first, with the states of the view (those
    with any attendance) where it had none: the matrix's gaps, in words."""
    diseases = data.diseases(filters).sort_values(
        ["attendances", "disease_area"], ascending=[False, True]
    )
    matrix = data.matrix(filters)
    matrix = matrix[matrix.attendances > 0]
    reached = states[states.attendances > 0].sort_values("state")
    rows = []
    for area in diseases.itertuples():
        there = set(matrix.loc[matrix.disease_area == area.disease_area, "state_code"])
        gaps = tuple(reached.loc[~reached.state_code.isin(there), "state"])
        rows.append(
            DiseaseCoverage(
                area.disease_area,
                int(area.attendances),
                int(area.participants),
                int(area.programs),
                int(area.states_reached),
                gaps,
            )
        )
    return rows


def _matrix(frame: pd.DataFrame, states: pd.DataFrame) -> pd.DataFrame:
    """A frame of states for the matrix picture: in English the states' names, in another
    language their abbreviations (KA, UP), since a picture's text is not shaped."""
    if current() == DEFAULT:
        return frame
    short = geography.states().set_index("state_code")["abbreviation"]
    return frame.assign(state=frame["state_code"].map(short))


def _top(frame: pd.DataFrame) -> pd.DataFrame:
    """The `TOP` rows with most attendances (ties by name), none without attendance."""
    frame = frame[frame.attendances > 0]
    ranked = frame.sort_values(["attendances", "name"], ascending=[False, True])
    return ranked.head(TOP).reset_index(drop=True)

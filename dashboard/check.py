"""`python -m dashboard check`: what is in the store and what looks wrong."""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import shapely

from dashboard.geography import tables as geography
from dashboard.numbers import indian
from dashboard.queries import health
from dashboard.queries.lookups import data_as_of
from dashboard.store.database import Store


@dataclass
class Report:
    counts: dict[str, int]
    first_session: date | None
    data_as_of: date | None
    problems: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = ["Rows:"]
        lines += [f"  {name:<16} {indian(count):>14}" for name, count in self.counts.items()]
        span = f"{self.first_session} to {self.data_as_of}" if self.data_as_of else "no sessions"
        lines += [f"Sessions: {span}", f"Data as of: {self.data_as_of or '-'}"]
        if self.problems:
            lines.append(f"Problems ({len(self.problems)}):")
            lines += [f"  - {problem}" for problem in self.problems]
        else:
            lines.append("Problems: none found")
        return "\n".join(lines)


def check_store(store: Store) -> Report:
    from dashboard.store.migrate import schema_is_current  # alembic: the command line's alone

    problems = [] if schema_is_current(store) else ["the schema is not current: run migrate"]
    counts = health.row_counts(store)
    first, _ = health.session_dates(store)
    problems += [f"{n} {what}" for what, n in health.orphan_counts(store).items() if n]
    lonely = health.programs_without_sessions(store)
    if lonely:
        problems.append(f"{len(lonely)} programmes without sessions: {_some(lonely)}")
    outside = health.sessions_outside_programme_dates(store)
    if outside:
        problems.append(f"{outside} sessions outside their programme's dates")
    astray = hubs_outside_district(health.hub_locations(store))
    if astray:
        problems.append(f"{len(astray)} hubs outside their district: {_some(astray)}")
    lag = health.read_model_lag(store)
    if lag:
        problems.append(f"the read model differs from attendance by {lag} rows: re-import")
    if counts["district"] == 0:
        problems.append("no geography loaded: run migrate")
    as_of = data_as_of(store)
    return Report(counts, pd.Timestamp(first).date() if first else None, as_of, problems)


def hubs_outside_district(hubs: pd.DataFrame) -> list[str]:
    """Hub codes whose coordinates fall outside their district (with a small tolerance)."""
    located = hubs.dropna(subset=["latitude", "longitude"])
    if located.empty:
        return []
    shapes = geography.district_shapes().geometry.reindex(located.district_code).to_numpy()
    areas = shapely.buffer(shapes, geography.HUB_TOLERANCE_DEGREES)
    inside = shapely.contains_xy(areas, located.longitude.to_numpy(), located.latitude.to_numpy())
    return sorted(located.hub_code[~inside])


def _some(codes: list[str], shown: int = 5) -> str:
    more = f" and {len(codes) - shown} more" if len(codes) > shown else ""
    return ", ".join(codes[:shown]) + more

"""A world built so that each attention rule fires for some things and not for others
(as of AS_OF), and the rules counted over it by brute force in plain Python."""

from collections import defaultdict
from datetime import date, timedelta
from fractions import Fraction

from dashboard.geography import tables as geography
from dashboard.vocabulary.attention import Thresholds
from dashboard.vocabulary.filters import Filters
from tests.queries import brute
from tests.world import World

AS_OF = date(2026, 12, 7)
# As of AS_OF: the last three full months, the three before, this financial year so far
# and the same days a year earlier, counted by hand.
RECENT = (date(2026, 9, 1), date(2026, 11, 30))
BEFORE = (date(2026, 6, 1), date(2026, 8, 31))
THIS_YEAR = (date(2026, 4, 1), AS_OF)
LAST_YEAR = (date(2025, 4, 1), date(2025, 12, 7))

# What fires on the world as of AS_OF with the default thresholds, and what must not.
FIRES = {
    "attendance_fell": {"FALL", "EDGE30"},
    "silent_hubs": {"HB2"},
    "lost_districts": {"lost"},  # a key of DISTRICTS
    "retention_fell": {"RET"},
    "cohort_once": {"COH"},
}
QUIET = {
    "attendance_fell": {"TINY", "PARTIAL", "ENDED", "EDGE29", "STEADY"},
    "silent_hubs": {"HB0", "HB3"},
    "lost_districts": {"after_same_days", "few", "kept"},
    "retention_fell": {"STEADY", "FALL"},
    "cohort_once": {"COH_OK", "COH_SMALL"},
}
DISTRICTS = ("busy", "lost", "after_same_days", "few", "kept")


def district_codes() -> dict[str, str]:
    """A real district code for each of the world's named places, two states."""
    table = geography.districts()
    codes = sorted(table.loc[table.state_code == 29, "district_code"])[:3]
    codes += sorted(table.loc[table.state_code == 9, "district_code"])[:2]
    return dict(zip(DISTRICTS, codes, strict=True))


class Builder:
    """Adds hubs, programmes, people and sessions to a World."""

    def __init__(self):
        self.places = district_codes()
        states = {code: (29 if i < 3 else 9) for i, code in enumerate(self.places.values())}
        self.world = World(districts=states)
        self.world.partners = [{"partner_code": "PA0", "name": "Partner 0", "kind": "ngo"}]
        self.world.hubs = [
            {
                "hub_code": f"HB{i}",
                "name": f"Hub {i}",
                "host_partner_code": "PA0",
                "district_code": self.places["busy"],
            }
            for i in range(4)
        ]
        self.people: dict[str, list[str]] = defaultdict(list)

    def person(self, place: str = "busy") -> str:
        code = f"U{len(self.world.participants):03d}"
        cadre = "ASHA" if len(self.world.participants) % 2 else "ANM"
        self.world.participants.append(
            {"participant_code": code, "cadre": cadre, "district_code": self.places[place]}
        )
        self.people[place].append(code)
        return code

    def crowd(self, count: int, place: str = "busy") -> list[str]:
        return [self.person(place) for _ in range(count)]

    def programme(self, code: str, hub: str, start: date, end: date | None = None) -> str:
        self.world.programs.append(
            {
                "program_code": code,
                "name": f"Programme {code}",
                "hub_code": hub,
                "disease_area": "Tuberculosis",
                "sector": "health",
                "partner_codes": [],
                "start_date": start,
                "end_date": end,
            }
        )
        return code

    def session(self, program: str, day: date, people: list[str]) -> None:
        code = f"{program}-{day:%Y%m%d}-{len(self.world.sessions)}"
        self.world.sessions.append({"session_code": code, "program_code": program, "held_on": day})
        self.world.attendance += [(code, person) for person in people]

    def monthly(self, program: str, months: list[tuple[int, int]], people: list[str]) -> None:
        """One session on the 10th of each (year, month) with `people`."""
        for year, month in months:
            self.session(program, date(year, month, 10), people)


def months(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (year, month) = [], first
    while (year, month) <= last:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def attention_world() -> World:
    b = Builder()
    start = date(2025, 1, 1)
    crowd = b.crowd(40)
    before, recent = months((2026, 6), (2026, 8)), months((2026, 9), (2026, 11))
    # Attendance: 20 a month before, 6 after: fell 42 of 60 (70%).
    b.monthly(b.programme("FALL", "HB0", start), before, crowd[:20])
    b.monthly("FALL", recent, crowd[:6])
    b.session("FALL", AS_OF, crowd[:2])  # the data's as-of date
    b.monthly(b.programme("TINY", "HB0", start), before, crowd[:3])  # fell 9 of 9: tiny
    # 30 a month, none yet in December: only counting December's week would make it fall.
    b.monthly(b.programme("PARTIAL", "HB0", start), before + recent, crowd[:30])
    # Fell to nothing, but it ended in October.
    b.programme("ENDED", "HB0", start, date(2026, 10, 15))
    b.monthly("ENDED", before, crowd[:20])
    # Exactly at the threshold (30 of 100 = 30%, fires) and just under it (29 of 100).
    for code, after in (("EDGE30", 70), ("EDGE29", 71)):
        b.programme(code, "HB0", start)
        b.session(code, date(2026, 7, 1), crowd[:25])
        b.session(code, date(2026, 7, 2), crowd[:25])
        b.session(code, date(2026, 7, 3), crowd[:25])
        b.session(code, date(2026, 7, 4), crowd[:25])
        b.session(code, date(2026, 10, 1), crowd[:35])
        b.session(code, date(2026, 10, 2), crowd[: after - 35])
    # Steady every month: nothing to see, in attendance or retention.
    b.monthly(b.programme("STEADY", "HB0", start), months((2025, 1), (2026, 11)), crowd[:12])
    # Hubs: HB2's running programme last met on 1 Sep; HB3's programme ended in September.
    b.session(b.programme("SILENT", "HB2", start), date(2026, 9, 1), crowd[:5])
    b.programme("OVER", "HB3", start, date(2026, 9, 30))
    b.session("OVER", date(2026, 9, 1), crowd[:5])
    _places(b, start)
    _returning(b)
    return b.world


def _places(b: Builder, start: date) -> None:
    """People of the named districts, at a programme of their own (hub HB1)."""
    b.programme("PLACES", "HB1", start)
    lost, late, few, kept = (
        b.crowd(n, p) for n, p in ((2, "lost"), (2, "after_same_days"), (1, "few"), (2, "kept"))
    )
    for day in (date(2025, 5, 5), date(2025, 6, 5), date(2025, 12, 7)):
        b.session("PLACES", day, lost + kept + few)  # `few`: 3 attendances last year
    b.session("PLACES", date(2025, 12, 8), late)  # a day past the same days
    b.session("PLACES", date(2026, 1, 20), late)
    b.session("PLACES", date(2026, 5, 5), kept)


def _returning(b: Builder) -> None:
    """RET: every one of 12 came to all sessions from June to August, then once more in
    September among 12 newcomers; COH: a cohort of June to August where 8 of 12 came once;
    COH_OK: 5 of 12 once; COH_SMALL: 6 of 6 once."""
    start = date(2026, 6, 1)
    regulars, newcomers = b.crowd(12), b.crowd(12)
    b.programme("RET", "HB1", start)
    for week in range(26):  # fortnightly sessions, June to November
        day = start + timedelta(days=7 * week)
        if day > RECENT[1] or week % 2:
            continue
        people = regulars if day <= BEFORE[1] else newcomers
        if day.month == 9 and day.day <= 14:
            people = people + regulars
        b.session("RET", day, people)
    for code, cohort_size, once in (("COH", 12, 8), ("COH_OK", 12, 5), ("COH_SMALL", 6, 6)):
        people = b.crowd(cohort_size)
        b.programme(code, "HB1", date(2026, 5, 1))
        b.session(code, date(2026, 5, 20), b.crowd(3))  # came before the cohort's months
        b.session(code, date(2026, 7, 15), people)
        b.session(code, date(2026, 10, 15), people[once:])


# --- The rules by brute force: plain Python over the world's rows --------------------------


def rules(world: World, filters: Filters, t: Thresholds) -> dict[str, dict[str, dict]]:
    """Every rule's items by code, with their figures, as of AS_OF."""
    rows = [r for r in brute.records(world, filters) if r["held_on"] <= AS_OF]
    return {
        "attendance_fell": _fell(world, rows, t),
        "silent_hubs": _silent(world, rows, t),
        "lost_districts": _lost(world, rows, t),
        "retention_fell": _retention_fell(world, rows, t),
        "cohort_once": _cohorts(rows, t),
    }


def _within(rows: list[dict], days: tuple[date, date]) -> list[dict]:
    return [r for r in rows if days[0] <= r["held_on"] <= days[1]]


def _count(rows: list[dict], key: str) -> dict:
    counts: dict = defaultdict(int)
    for r in rows:
        counts[r[key]] += 1
    return counts


def _fell(world: World, rows: list[dict], t: Thresholds) -> dict:
    programs = world.by_code("programs", "program_code")
    before, recent = (
        _count(_within(rows, BEFORE), "program"),
        _count(_within(rows, RECENT), "program"),
    )
    out = {}
    for code, was in before.items():
        now, end = recent.get(code, 0), programs[code]["end_date"]
        share = Fraction(str(t.fall_share)) * was
        if (end is None or end >= RECENT[1]) and was - now >= max(t.fall_minimum, share):
            out[code] = {"before": was, "recent": now, "change": (now - was) / was}
    return out


def _silent(world: World, rows: list[dict], t: Thresholds) -> dict:
    programs = world.by_code("programs", "program_code")
    last: dict = {}
    running: dict = defaultdict(list)
    for r in rows:
        last[r["hub"]] = max(last.get(r["hub"], r["held_on"]), r["held_on"])
        p = programs[r["program"]]
        if p["start_date"] <= AS_OF and (p["end_date"] is None or p["end_date"] >= AS_OF):
            running[r["hub"]].append(p["start_date"])
    return {
        hub: {
            "last_session": last[hub],
            "days_silent": (AS_OF - last[hub]).days,
            "running_since": min(running[hub]),
        }
        for hub in running
        if (AS_OF - last[hub]).days >= t.silent_days
    }


def _lost(world: World, rows: list[dict], t: Thresholds) -> dict:
    last, now = (
        _count(_within(rows, LAST_YEAR), "district"),
        _count(_within(rows, THIS_YEAR), "district"),
    )
    return {
        code: {"last_year": n, "this_year": 0}
        for code, n in last.items()
        if n >= t.lost_minimum and not now.get(code)
    }


def _retention(world: World, rows: list[dict], program: str, days: tuple[date, date]) -> tuple:
    """(participants, retention) of the programme's people in `days`, as of their end."""
    held = sum(
        1 for s in world.sessions if s["program_code"] == program and s["held_on"] <= days[1]
    )
    mine = [r for r in rows if r["program"] == program and r["held_on"] <= days[1]]
    people = {r["participant"] for r in _within(mine, days)}
    attended = _count(mine, "participant")
    kept = sum(1 for p in people if attended[p] * 5 >= held * 4)
    return len(people), Fraction(kept, len(people)) if people else None


def _retention_fell(world: World, rows: list[dict], t: Thresholds) -> dict:
    out = {}
    for code in {r["program"] for r in rows}:
        n_before, before = _retention(world, rows, code, BEFORE)
        n_recent, recent = _retention(world, rows, code, RECENT)
        enough = min(n_before, n_recent) >= t.retention_minimum
        if enough and before - recent >= Fraction(str(t.retention_drop)):
            out[code] = {
                "retention_before": before,
                "retention_recent": recent,
                "participants": n_recent,
            }
    return out


def _cohorts(rows: list[dict], t: Thresholds) -> dict:
    mine = [r for r in rows if r["held_on"] <= RECENT[1]]
    first: dict = {}
    visits: dict = defaultdict(int)
    for r in mine:
        key = (r["program"], r["participant"])
        first[key] = min(first.get(key, r["held_on"]), r["held_on"])
        visits[key] += 1
    cohort: dict = defaultdict(int)
    once: dict = defaultdict(int)
    for key, day in first.items():
        if BEFORE[0] <= day <= BEFORE[1]:
            cohort[key[0]] += 1
            once[key[0]] += visits[key] == 1
    return {
        code: {"cohort": n, "once": once[code], "once_share": once[code] / n}
        for code, n in cohort.items()
        if n >= t.cohort_minimum and once[code] > Fraction(str(t.once_share)) * n
    }

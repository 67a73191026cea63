"""Brute-force counts over a World, in plain Python, independent of SQL."""

from collections import defaultdict

from dashboard.vocabulary.filters import Filters
from tests.world import World


def partners_of(world: World, program: dict) -> set[str]:
    hubs = world.by_code("hubs", "hub_code")
    return set(program["partner_codes"]) | {hubs[program["hub_code"]]["host_partner_code"]}


def records(world: World, filters: Filters) -> list[dict]:
    """Every attendance matching every filter, with its dimensions spelled out."""
    sessions = world.by_code("sessions", "session_code")
    programs = world.by_code("programs", "program_code")
    people = world.by_code("participants", "participant_code")
    out = []
    for session_code, person_code in world.attendance:
        s, person = sessions[session_code], people[person_code]
        p = programs[s["program_code"]]
        row = {
            "session": session_code,
            "participant": person_code,
            "program": p["program_code"],
            "hub": p["hub_code"],
            "disease": p["disease_area"],
            "sector": p["sector"],
            "held_on": s["held_on"],
            "district": person["district_code"],
            "state": world.districts[person["district_code"]],
            "cadre": person["cadre"],
            "partners": partners_of(world, p),
        }
        if _matches(row, filters):
            out.append(row)
    return out


def _matches(row: dict, f: Filters) -> bool:
    checks = [
        not f.date_from or row["held_on"] >= f.date_from,
        not f.date_to or row["held_on"] <= f.date_to,
        not f.state or row["state"] in f.state,
        not f.district or row["district"] in f.district,
        not f.partner or row["partners"] & set(f.partner),
        not f.disease or row["disease"] in f.disease,
        not f.sector or row["sector"] in f.sector,
        not f.cadre or row["cadre"] in f.cadre,
        not f.hub or row["hub"] in f.hub,
        not f.program or row["program"] in f.program,
    ]
    return all(checks)


def metrics(rows: list[dict]) -> dict[str, int]:
    def distinct(key: str) -> int:
        return len({r[key] for r in rows})

    return {
        "attendances": len(rows),
        "participants": distinct("participant"),
        "sessions": distinct("session"),
        "programs": distinct("program"),
        "hubs": distinct("hub"),
        "districts_reached": distinct("district"),
        "states_reached": distinct("state"),
        "disease_areas": distinct("disease"),
    }


def grouped(rows: list[dict], key: str) -> dict:
    groups: dict = defaultdict(list)
    for r in rows:
        for value in r[key] if isinstance(r[key], set) else [r[key]]:
            groups[value].append(r)
    return {value: metrics(group) for value, group in groups.items()}


def retention(world: World, rows: list[dict]) -> dict[str, float]:
    held: dict = defaultdict(int)
    for s in world.sessions:
        held[s["program_code"]] += 1
    sessions = world.by_code("sessions", "session_code")
    attended: dict = defaultdict(int)
    for session_code, person in world.attendance:
        attended[(sessions[session_code]["program_code"], person)] += 1
    chosen: dict = defaultdict(set)
    for r in rows:
        chosen[r["program"]].add(r["participant"])
    return {
        program: sum(attended[(program, p)] >= 0.8 * held[program] for p in people) / len(people)
        for program, people in chosen.items()
    }


def period(held_on, interval: str) -> str:
    y, m = held_on.year, held_on.month
    if interval == "month":
        return f"{y}-{m:02d}"
    if interval == "quarter":
        return f"{y}-Q{(m - 1) // 3 + 1}"
    if interval == "year":
        return str(y)
    start = y if m >= 4 else y - 1
    return f"FY{start}-{(start + 1) % 100:02d}"

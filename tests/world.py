"""A small ECHO-like world built from code, and a writer that puts it in a store.

Tests count the metrics of this world in plain Python (tests/queries/brute.py)
and compare them with what the query layer answers.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from dashboard.geography import tables as geography
from dashboard.store.database import Store
from dashboard.store.schema import (
    attendance,
    disease_area,
    hub,
    participant,
    partner,
    program,
    program_partner,
    session,
)
from dashboard.store.writes import refresh_read_model

STATES = (29, 9, 2, 22)  # Karnataka, Uttar Pradesh, Himachal Pradesh, Chhattisgarh
DISEASES = ("Tuberculosis", "Mental health", "HIV", "Early childhood education")
CADRES = ("ASHA", "ANM", "Community Health Officer", "teacher")


@dataclass
class World:
    districts: dict[str, int]  # district_code -> state_code
    partners: list[dict] = field(default_factory=list)
    hubs: list[dict] = field(default_factory=list)
    programs: list[dict] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    attendance: list[tuple[str, str]] = field(default_factory=list)

    def by_code(self, rows: str, key: str) -> dict[str, dict]:
        return {row[key]: row for row in getattr(self, rows)}


def _districts(rng: random.Random) -> dict[str, int]:
    table = geography.districts()
    chosen: dict[str, int] = {}
    for state_code in STATES:
        codes = sorted(table.loc[table.state_code == state_code, "district_code"])
        for code in rng.sample(codes, 4):
            chosen[code] = state_code
    for name in ("Bilaspur", "Hamirpur"):
        for row in table[table.name == name].itertuples():
            chosen[row.district_code] = int(row.state_code)
    return chosen


def make_world(seed: int = 7, programmes: int = 9) -> World:
    """The world of `seed`; more `programmes` (as in a table of several pages) come after
    the usual nine, so the first nine are the same whatever the count."""
    rng = random.Random(seed)
    world = World(districts=_districts(rng))
    district_codes = sorted(world.districts)
    kinds = ("ministry", "state_health_mission", "medical_institution", "ngo", "other")
    world.partners = [
        {
            "partner_code": f"PA{i}",
            "name": f"Partner {i}",
            "kind": kinds[i % len(kinds)],
        }
        for i in range(5)
    ]
    world.hubs = [
        {
            "hub_code": f"HB{i}",
            "name": f"Hub {i}",
            "host_partner_code": f"PA{i % 3}",
            "district_code": district_codes[i * 3],
        }
        for i in range(4)
    ]
    world.participants = [
        {
            "participant_code": f"U{i:03d}",
            "cadre": rng.choice(CADRES),
            "district_code": rng.choice(district_codes[:-3]),  # the last few stay unreached
        }
        for i in range(60)
    ]
    for i in range(programmes):
        _add_program(world, rng, i)
    return world


def _add_program(world: World, rng: random.Random, i: int) -> None:
    code = f"PR{i}"
    start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 5 * 365))
    disease = DISEASES[i % len(DISEASES)]
    world.programs.append(
        {
            "program_code": code,
            "name": f"Programme {i}",
            "hub_code": f"HB{i % 4}",
            "disease_area": disease,
            "sector": "education" if disease == "Early childhood education" else "health",
            "partner_codes": sorted(rng.sample(["PA3", "PA4", "PA0"], rng.randrange(0, 3))),
            "start_date": start,
            "end_date": start + timedelta(days=200),
        }
    )
    cohort = rng.sample(world.participants, rng.randrange(5, 15))
    for s in range(rng.randrange(4, 9)):
        session_code = f"{code}-S{s}"
        world.sessions.append(
            {
                "session_code": session_code,
                "program_code": code,
                "held_on": start + timedelta(weeks=3 * s),
            }
        )
        if s == 2:
            continue  # a session nobody attended still counts as held
        for person in cohort:
            if rng.random() < 0.85 - 0.05 * s:
                world.attendance.append((session_code, person["participant_code"]))


def write_world(store: Store, world: World) -> None:
    """Write the world through the store's bulk path, then rebuild the read model."""
    ids = {
        name: {row[key]: n + 1 for n, row in enumerate(getattr(world, name))}
        for name, key in (
            ("partners", "partner_code"),
            ("hubs", "hub_code"),
            ("programs", "program_code"),
            ("sessions", "session_code"),
            ("participants", "participant_code"),
        )
    }
    districts = store.read("SELECT district_code, id, latitude, longitude FROM district")
    district_ids = dict(zip(districts.district_code, districts.id, strict=True))
    places = districts.set_index("district_code")
    areas = [*DISEASES, *sorted({p["disease_area"] for p in world.programs} - set(DISEASES))]
    disease_ids = {name: n + 1 for n, name in enumerate(areas)}  # a test may name more areas
    frames = [
        (
            partner,
            pd.DataFrame([{"id": ids["partners"][p["partner_code"]], **p} for p in world.partners]),
        ),
        (
            disease_area,
            pd.DataFrame({"id": list(disease_ids.values()), "name": list(disease_ids)}),
        ),
        (hub, pd.DataFrame([_hub_row(h, ids, district_ids, places) for h in world.hubs])),
        (
            program,
            pd.DataFrame([_program_row(p, ids, disease_ids) for p in world.programs]),
        ),
        (
            program_partner,
            pd.DataFrame(_program_partner_rows(world, ids), columns=["program_id", "partner_id"]),
        ),
        (session, pd.DataFrame([_session_row(s, ids) for s in world.sessions])),
        (
            participant,
            pd.DataFrame([_participant_row(p, ids, district_ids) for p in world.participants]),
        ),
        (
            attendance,
            pd.DataFrame(
                [(ids["sessions"][s], ids["participants"][p]) for s, p in world.attendance],
                columns=["session_id", "participant_id"],
            ),
        ),
    ]
    with store.transaction() as conn:
        for table, frame in frames:
            store.insert_rows(conn, table, frame)
        refresh_read_model(conn)


def _hub_row(h: dict, ids: dict, district_ids: dict, places: pd.DataFrame) -> dict:
    return {
        "id": ids["hubs"][h["hub_code"]],
        "hub_code": h["hub_code"],
        "name": h["name"],
        "host_partner_id": ids["partners"][h["host_partner_code"]],
        "district_id": district_ids[h["district_code"]],
        "latitude": places.loc[h["district_code"], "latitude"],
        "longitude": places.loc[h["district_code"], "longitude"],
    }


def _program_row(p: dict, ids: dict, disease_ids: dict) -> dict:
    return {
        "id": ids["programs"][p["program_code"]],
        "program_code": p["program_code"],
        "name": p["name"],
        "hub_id": ids["hubs"][p["hub_code"]],
        "disease_area_id": disease_ids[p["disease_area"]],
        "sector": p["sector"],
        "start_date": p["start_date"],
        "end_date": p["end_date"],
    }


def _program_partner_rows(world: World, ids: dict) -> list[tuple[int, int]]:
    return [
        (ids["programs"][p["program_code"]], ids["partners"][code])
        for p in world.programs
        for code in p["partner_codes"]
    ]


def _session_row(s: dict, ids: dict) -> dict:
    return {
        "id": ids["sessions"][s["session_code"]],
        "session_code": s["session_code"],
        "program_id": ids["programs"][s["program_code"]],
        "held_on": s["held_on"],
        "duration_minutes": 60,
    }


def _participant_row(p: dict, ids: dict, district_ids: dict) -> dict:
    return {
        "id": ids["participants"][p["participant_code"]],
        "participant_code": p["participant_code"],
        "cadre": p["cadre"],
        "district_id": district_ids[p["district_code"]],
    }

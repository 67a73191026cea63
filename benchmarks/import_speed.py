"""Measure `python -m dashboard import` on generated files: rows per second and peak memory.

Run by hand from the repository root (not part of the test suite):

    python -m benchmarks.import_speed --attendances 1000000
    python -m benchmarks.import_speed --attendances 10000000

It writes a folder of import files (fixed numbers of sessions and participants,
so that only the attendance file grows), migrates a fresh SQLite store, then
runs the import under `/usr/bin/time -v` and prints the elapsed time, the rows
per second and the peak resident memory (max RSS).
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.geography import tables as geography

STATES = (29, 9, 27, 33, 19)  # Karnataka, Uttar Pradesh, Maharashtra, Tamil Nadu, West Bengal
WRITE_ROWS = 1_000_000


def generate(
    folder: Path,
    attendances: int,
    sessions: int = 20_000,
    participants: int = 100_000,
    seed: int = 1,
) -> None:
    """Write the six import files: a small programme world and `attendances` unique pairs."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    districts = geography.districts()
    districts = districts[districts.state_code.isin(STATES)].reset_index(drop=True)
    programs = max(1, sessions // 20)
    _frame(
        folder,
        "partners",
        {
            "partner_code": ["PA1", "PA2"],
            "name": ["One", "Two"],
            "kind": ["ngo", "medical_institution"],
        },
    )
    hub = districts.iloc[0]
    _frame(
        folder,
        "hubs",
        {
            "hub_code": ["HB1"],
            "name": ["Hub"],
            "host_partner_code": ["PA1"],
            "state": [int(hub.state_code)],
            "district": [hub.district_code],
        },
    )
    _frame(
        folder,
        "programs",
        {
            "program_code": [f"PR{i}" for i in range(programs)],
            "name": [f"Programme {i}" for i in range(programs)],
            "hub_code": "HB1",
            "disease_area": "Tuberculosis",
            "sector": "health",
            "partner_codes": "PA2",
            "start_date": "2015-01-01",
            "end_date": "",
        },
    )
    days = pd.Timestamp("2015-01-05") + pd.to_timedelta(rng.integers(0, 3000, sessions), "D")
    _frame(
        folder,
        "sessions",
        {
            "session_code": [f"S{i:07d}" for i in range(sessions)],
            "program_code": [f"PR{i % programs}" for i in range(sessions)],
            "held_on": days.strftime("%Y-%m-%d"),
            "duration_minutes": 60,
        },
    )
    homes = districts.iloc[rng.integers(0, len(districts), participants)]
    _frame(
        folder,
        "participants",
        {
            "participant_code": [f"U{i:08d}" for i in range(participants)],
            "cadre": rng.choice(["ASHA", "ANM", "Medical officer", "Teacher"], participants),
            "state": homes.state_code.to_numpy(),
            "district": homes.district_code.to_numpy(),
        },
    )
    _attendance(folder / "attendance.csv", attendances, sessions, participants, rng)


def _frame(folder: Path, name: str, columns: dict) -> None:
    pd.DataFrame(columns).to_csv(folder / f"{name}.csv", index=False)


def _attendance(path: Path, count: int, sessions: int, participants: int, rng) -> None:
    """`count` distinct (session, participant) pairs, grouped by session like real exports."""
    keys = np.unique(rng.integers(0, sessions * participants, int(count * 1.02)))
    while len(keys) < count:
        more = rng.integers(0, sessions * participants, count - len(keys) + 1000)
        keys = np.unique(np.concatenate([keys, more]))
    keys = np.sort(rng.choice(keys, count, replace=False))
    with open(path, "w") as out:
        out.write("session_code,participant_code\n")
        for start in range(0, count, WRITE_ROWS):
            part = keys[start : start + WRITE_ROWS]
            out.write(
                "".join(
                    f"S{s:07d},U{p:08d}\n"
                    for s, p in zip(
                        (part // participants).tolist(),
                        (part % participants).tolist(),
                        strict=True,
                    )
                )
            )


def measure(folder: Path, db: str) -> dict:
    """Migrate a fresh store, import `folder` under /usr/bin/time -v; seconds and max RSS."""
    env = dict(os.environ, DATABASE_URL=db)
    python = sys.executable
    subprocess.run([python, "-m", "dashboard", "migrate"], env=env, check=True, capture_output=True)
    started = time.monotonic()
    done = subprocess.run(
        ["/usr/bin/time", "-v", python, "-m", "dashboard", "import", str(folder)],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"import failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return {"seconds": seconds, "max_rss_mb": rss / 1024, "output": done.stdout}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attendances", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=20_000)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--dir", help="where to write files and store (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(args.dir or scratch)
        folder = base / "files"
        started = time.monotonic()
        generate(folder, args.attendances, args.sessions, args.participants)
        print(
            f"generated {args.attendances:,} attendance rows in "
            f"{time.monotonic() - started:.1f} s "
            f"({(folder / 'attendance.csv').stat().st_size / 1e6:.0f} MB)"
        )
        db_path = base / "bench.db"
        for stale in base.glob("bench.db*"):
            stale.unlink()
        result = measure(folder, f"sqlite:///{db_path}")
        print(result["output"])
        print(
            f"{args.attendances:,} attendance rows imported in {result['seconds']:.1f} s: "
            f"{args.attendances / result['seconds']:,.0f} rows/s, "
            f"max RSS {result['max_rss_mb']:,.0f} MB"
        )


if __name__ == "__main__":
    main()

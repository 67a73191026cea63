"""Demo stores of N attendances, built once and kept: SQLite files and PostgreSQL databases.

Building ten million attendances takes minutes (SQLite) to the better part of an hour
(PostgreSQL), so a store that already holds exactly N attendances is used again, and
the time its build took is kept in a small JSON file beside it for the build rate.
"""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

REPO = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
KINDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class StoreSpec:
    """Where the demo store of one kind and size lives."""

    kind: str
    attendances: int
    folder: Path

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.attendances}"

    @property
    def url(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.folder / (self.name + '.db')}"
        return postgres_url(f"echo_bench_{self.attendances}")

    @property
    def info_path(self) -> Path:
        return self.folder / f"{self.name}.json"


def postgres_url(database: str) -> str:
    """The URL of another database on the server POSTGRES_ADMIN points at."""
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{database}"


def recreate_postgres(database: str) -> None:
    """An empty database of that name (CREATE DATABASE cannot run inside a transaction)."""
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"')


def drop_postgres(database: str) -> None:
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def remove_sqlite(path: Path) -> None:
    """The database file and its journal files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def attendance_count(spec: StoreSpec) -> int | None:
    """How many attendances the store holds; None when it is missing or not a store yet."""
    query = "SELECT count(*) FROM attendance"
    try:
        if spec.kind == "sqlite":
            path = sqlite_path(spec.url)
            if not path.exists():
                return None
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                return conn.execute(query).fetchone()[0]
        with psycopg.connect(spec.url, connect_timeout=5) as conn:
            return conn.execute(query).fetchone()[0]
    except (sqlite3.Error, psycopg.Error):
        return None


def run_cli(*args: str) -> float:
    """`python -m dashboard ...` from the repository root, its progress shown; seconds taken."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=REPO, check=True)
    return time.monotonic() - started


def ensure_store(spec: StoreSpec) -> dict[str, Any]:
    """The store's build record, building the store first unless it already holds N rows."""
    spec.folder.mkdir(parents=True, exist_ok=True)
    if attendance_count(spec) == spec.attendances:
        info = _read_info(spec)
        print(f"[bench] reusing {spec.name} ({spec.url})", flush=True)
        return {**info, "reused": True}
    print(f"[bench] building {spec.name}: {spec.attendances:,} attendances", flush=True)
    if spec.kind == "sqlite":
        remove_sqlite(sqlite_path(spec.url))
    else:
        recreate_postgres(spec.url.rsplit("/", 1)[1])
    migrate_seconds = run_cli("migrate", "--db", spec.url)
    demo_seconds = run_cli("demo", "--db", spec.url, "--attendances", str(spec.attendances))
    info = {
        "attendances": spec.attendances,
        "migrate_seconds": round(migrate_seconds, 2),
        "build_seconds": round(demo_seconds, 2),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    spec.info_path.write_text(json.dumps(info, indent=1))
    return {**info, "reused": False}


def _read_info(spec: StoreSpec) -> dict[str, Any]:
    """The kept build record; a store built elsewhere has none, so no build time."""
    try:
        return json.loads(spec.info_path.read_text())
    except (OSError, ValueError):
        return {"attendances": spec.attendances, "build_seconds": None, "migrate_seconds": None}


BENCH_USER = "bench@bench.invalid"


def bench_token(spec: StoreSpec, state: int | None = None, partner: str | None = None) -> str:
    """A new API token of a ministry user of the store, for the measurements to sign in with
    (the user is made on first use; each run makes a token of its own, valid one day),
    narrowed to one state or one partner to measure as a state or partner user."""
    users = subprocess.run(
        [sys.executable, "-m", "dashboard", "user", "list", "--db", spec.url],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    if BENCH_USER not in users:
        subprocess.run(
            [sys.executable, "-m", "dashboard", "user", "add", BENCH_USER, "--role", "ministry",
             "--password-stdin", "--db", spec.url],
            cwd=REPO, check=True, input=secrets.token_urlsafe(24) + "\n", text=True,
        )  # fmt: skip
    made = subprocess.run(
        [sys.executable, "-m", "dashboard", "token", "create", BENCH_USER, "--days", "1",
         "--name", f"bench-{secrets.token_hex(4)}", "--db", spec.url, *_narrowed(state, partner)],
        cwd=REPO, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return made.stdout.strip().splitlines()[-1]


def _narrowed(state: int | None, partner: str | None) -> list[str]:
    """The options of `token create` that narrow a token to a state or a partner."""
    return [
        *(["--state", str(state)] if state else []),
        *(["--partner", partner] if partner else []),
    ]

"""The machine a benchmark ran on, so its numbers can be compared with another's."""

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
import psycopg
from redis import Redis

from benchmarks.outside.stores import POSTGRES_ADMIN, REPO


def _first_line(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=REPO)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else "unknown"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, Linux {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def git_commit() -> str:
    commit = _first_line(["git", "rev-parse", "--short", "HEAD"])
    # BENCHMARKS.md is the benchmark's own output: a previous run's leaves the code as it was
    dirty = _first_line(
        ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"]
    )
    return commit + (" (with uncommitted changes)" if dirty not in ("", "unknown") else "")


def postgres_version() -> str:
    try:
        with psycopg.connect(POSTGRES_ADMIN, connect_timeout=5) as conn:
            return conn.execute("SHOW server_version").fetchone()[0].split()[0]
    except psycopg.Error:
        return "unreachable"


def redis_version(url: str) -> str:
    client = Redis.from_url(url, socket_connect_timeout=5)
    try:
        return client.info("server")["redis_version"]
    except Exception:  # any failure only means the version is not known
        return "unreachable"
    finally:
        client.close()


def describe(redis_url: str) -> dict[str, Any]:
    """CPU, cores, memory, OS, versions, date and commit."""
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "os": os_name(),
        "python": platform.python_version(),
        "postgresql": postgres_version(),
        "redis": redis_version(redis_url),
        "chromium": _first_line(["chromium", "--version"]),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
    }

"""The brief of all of India, timed as a user makes it: `python -m dashboard brief` on the
store, from the command's start to the PDF written (Python's start, reading the store,
drawing, laying out), a few times; the median is the number reported.

The runs share an engine folder of their own (ECHO_ENGINE_DIR), emptied first: the first
run builds the engine's files from the store, as the first brief on a fresh machine does,
and the others map them, as every brief beside a running server does."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.outside.stores import REPO

RUNS = 3


def brief_time(url: str, folder: Path, runs: int = RUNS) -> dict[str, Any]:
    """Seconds per run of the whole-India brief on the store at `url`, and the PDF's size."""
    out = folder / "brief-india.pdf"
    engine = folder / "engine-brief"
    shutil.rmtree(engine, ignore_errors=True)
    env = {**os.environ, "ECHO_ENGINE_DIR": str(engine)}
    seconds = []
    for _ in range(runs):
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "dashboard", "brief", "--db", url, "--out", str(out)],
            cwd=REPO,
            capture_output=True,
            text=True,
            env=env,
        )
        if done.returncode:
            raise RuntimeError(f"the brief failed: {done.stderr.strip()}")
        seconds.append(round(time.monotonic() - started, 2))
    shutil.rmtree(engine, ignore_errors=True)
    return {"seconds": seconds, "bytes": out.stat().st_size}

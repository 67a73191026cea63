"""What a worker holds from its start: the libraries only some requests need wait for them."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# About 90 MB a process in all; each gunicorn worker ends up with pages of its own of what
# the app imports, once Python has touched them.
LOADED_WHEN_NEEDED = {
    "weasyprint": "the brief (callbacks/brief.py)",
    "matplotlib": "the brief's charts",
    "geopandas": "shapes: the brief's maps, the import check, the data-quality page",
    "alembic": "migrations: the command line",
}


def test_the_app_starts_without_the_libraries_few_requests_need():
    names = sorted(LOADED_WHEN_NEEDED)
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, app; print([m for m in {names!r} if m in sys.modules])",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite://"},
    )
    assert loaded.stdout.strip().splitlines()[-1] == "[]", loaded.stdout + loaded.stderr

"""The brief's button: what it costs a worker that never makes a brief."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BRIEF_ONLY = ("weasyprint", "matplotlib")  # about 90 MB a process, the brief's alone


def test_the_app_starts_without_the_briefs_libraries():
    """Every gunicorn worker holds what the app imports, in pages of its own once Python
    has touched them: the brief's libraries wait for the first brief."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, app; print([m for m in {BRIEF_ONLY!r} if m in sys.modules])",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite://"},
    )
    assert loaded.stdout.strip().splitlines()[-1] == "[]", loaded.stdout + loaded.stderr

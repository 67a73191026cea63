"""`python -m dashboard`: migrate, demo and check, and clear one-paragraph failures."""

import subprocess
import sys

import pytest

from dashboard.cli import main
from dashboard.queries.lookups import fact_count
from dashboard.store.database import Store


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, timeout=300
    )


def test_migrate_demo_check_end_to_end(tmp_path):
    url = f"sqlite:///{tmp_path}/cli.db"
    migrated = run("migrate", "--db", url)
    assert migrated.returncode == 0, migrated.stderr
    built = run("demo", "--db", url, "--attendances", "5000", "--seed", "3")
    assert built.returncode == 0, built.stderr
    assert "5,000 attendance" in built.stdout
    assert fact_count(Store(url)) == 5000
    again = run("demo", "--db", url, "--if-empty")
    assert again.returncode == 0 and "already holds data" in again.stdout
    checked = run("check", "--db", url)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "attendance" in checked.stdout and "Problems: none found" in checked.stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["demo", "--db", "sqlite:///{tmp}/empty.db"], "migrate"),
        (["check", "--db", "nonsense://x"], "database URL"),
        (["check", "--db", "postgresql://postgres@127.0.0.1:9/none"], "store"),
        (["demo", "--db", "sqlite:///{tmp}/empty.db", "--attendances", "10"], ""),
    ],
)
def test_failures_are_one_clear_paragraph(tmp_path, args, words):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = run(*args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("error: ") and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_command_is_usage_not_traceback(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_store_that_cannot_be_reached_is_named_without_its_password(capsys):
    assert main(["check", "--db", "postgresql://postgres:s3cret@127.0.0.1:9/none"]) != 0
    said = capsys.readouterr().err
    assert "cannot reach the store (postgresql://postgres:***@127.0.0.1:9/none)" in said
    assert "s3cret" not in said

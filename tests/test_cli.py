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


@pytest.fixture
def attention_url(attention_store):
    return attention_store.url


@pytest.mark.parametrize("filters", [[], ["--state", "29", "--cadre", "ASHA", "--cadre", "ANM"]])
def test_attention_lists_what_the_view_showed_on_a_day(attention_url, capsys, filters):
    from dashboard.vocabulary.attention import Thresholds
    from dashboard.vocabulary.filters import parse_filters
    from tests import attention_world

    assert main(["attention", "--db", attention_url, "--as-of", "2026-12-07", *filters]) == 0
    params: dict[str, list[str]] = {}
    for name, value in zip(filters[::2], filters[1::2], strict=True):
        params.setdefault(name[2:], []).append(value)
    world = attention_world.attention_world()
    expected = attention_world.rules(world, parse_filters(params), Thresholds())
    counts = ", ".join(f"{rule} {len(items)}" for rule, items in expected.items())
    out = capsys.readouterr().out
    assert f"Items per rule: {counts}" in out
    assert "against the 3 before (Jun 2026 to Aug 2026)" in out


def test_attention_as_of_an_earlier_day(attention_url, capsys):
    assert main(["attention", "--db", attention_url, "--as-of", "2026-09-20"]) == 0
    out = capsys.readouterr().out
    assert "the last 3 full months (Jun 2026 to Aug 2026)" in out
    assert "Hubs with no session lately: 0" in out  # HB2's last session was 19 days before


@pytest.mark.parametrize(
    "args, words",
    [
        (["--as-of", "07-12-2026"], "--as-of: '07-12-2026' is not a date"),
        (["--state", "abc"], "--state: 'abc' is not an LGD state code"),
        (["--state", "99"], "--state: unknown state '99'"),
        (["--sector", "farming"], "--sector: unknown sector"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "--from: 2026-02-01 is after"),
    ],
)
def test_attention_refuses_bad_input_with_exit_2(attention_url, capsys, args, words):
    assert main(["attention", "--db", attention_url, *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err and "Traceback" not in err


def test_attention_refuses_a_bad_threshold_setting(attention_url, capsys, monkeypatch):
    monkeypatch.setenv("ECHO_ATTENTION_SILENT_DAYS", "sixty")
    assert main(["attention", "--db", attention_url]) == 2
    assert "ECHO_ATTENTION_SILENT_DAYS='sixty' is not a whole number" in capsys.readouterr().err


def test_a_store_that_cannot_be_reached_is_named_without_its_password(capsys):
    assert main(["check", "--db", "postgresql://postgres:s3cret@127.0.0.1:9/none"]) != 0
    said = capsys.readouterr().err
    assert "cannot reach the store (postgresql://postgres:***@127.0.0.1:9/none)" in said
    assert "s3cret" not in said

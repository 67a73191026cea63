"""The commit a benchmark names: changed code marks it, the benchmark's own output does not."""

import subprocess

import pytest

from benchmarks.outside import machine


@pytest.fixture
def repo(tmp_path, monkeypatch):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    for name in ("BENCHMARKS.md", "app.py"):
        (tmp_path / name).write_text("first\n")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "first")
    monkeypatch.setattr(machine, "REPO", tmp_path)
    return tmp_path


def test_a_previous_runs_benchmarks_md_leaves_the_commit_clean(repo):
    (repo / "BENCHMARKS.md").write_text("a previous run\n")
    assert "uncommitted" not in machine.git_commit()


def test_changed_code_is_named(repo):
    (repo / "app.py").write_text("changed\n")
    assert machine.git_commit().endswith("(with uncommitted changes)")

"""`template` writes one file per import file whose example rows import cleanly."""

from tests.importer.helpers import report_lines, run


def test_templates_import_cleanly_into_a_migrated_store(new_store, tmp_path, capsys):
    store = new_store("sqlite")
    folder = tmp_path / "templates"
    code, out, _ = run(capsys, "template", str(folder))
    assert code == 0, out
    assert sorted(p.name for p in folder.iterdir()) == [
        "attendance.csv",
        "hubs.csv",
        "participants.csv",
        "partners.csv",
        "programs.csv",
        "sessions.csv",
    ]
    for path in folder.iterdir():
        assert len(path.read_text(encoding="utf-8-sig").splitlines()) == 2
    code, out, _ = run(capsys, "import", str(folder), "--db", str(store.url), "--strict")
    assert code == 0, out
    assert report_lines(out, "Warnings") == []
    assert "attendance.csv    1 new, 0 changed, 0 unchanged" in out


def test_templates_never_overwrite_files(tmp_path, capsys):
    (tmp_path / "hubs.csv").write_text("mine")
    code, _, err = run(capsys, "template", str(tmp_path))
    assert code == 1
    assert "already holds hubs.csv" in err
    assert (tmp_path / "hubs.csv").read_text() == "mine"

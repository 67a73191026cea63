"""The import, export and template commands fail with one readable paragraph, never a traceback."""

from dashboard.store.database import Store
from tests.importer.helpers import GOOD, run, write_files


def test_a_missing_path_is_a_clear_error(seeded, tmp_path, capsys):
    code, out, err = run(capsys, "import", str(tmp_path / "nowhere"), "--db", str(seeded.url))
    assert code == 1
    assert err.startswith(f"error: {tmp_path / 'nowhere'} does not exist: give a folder")
    assert "Traceback" not in out + err


def test_an_unmigrated_store_is_a_clear_error(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/empty.db"
    folder = write_files(tmp_path / "files", GOOD)
    for args in (("import", str(folder)), ("export", str(tmp_path / "out"))):
        code, _, err = run(capsys, *args, "--db", url)
        assert code == 1
        assert "run `python -m dashboard migrate` first" in err
    Store(url).dispose()


def test_export_never_overwrites_files(seeded, tmp_path, capsys):
    (tmp_path / "attendance.csv").write_text("mine")
    code, _, err = run(capsys, "export", str(tmp_path), "--db", str(seeded.url))
    assert code == 1
    assert "already holds attendance.csv" in err
    assert (tmp_path / "attendance.csv").read_text() == "mine"


def test_export_writes_the_import_format(seeded, tmp_path, capsys):
    code, out, _ = run(capsys, "export", str(tmp_path / "out"), "--db", str(seeded.url))
    assert code == 0, out
    hubs = (tmp_path / "out" / "hubs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert hubs == [
        "hub_code,name,host_partner_code,state,district,latitude,longitude,launched_on",
        "HB1,St John's TB hub,PA2,29,525,12.9716,77.5946,2019-06-01",
    ]
    sessions = (tmp_path / "out" / "sessions.csv").read_text(encoding="utf-8-sig").splitlines()
    assert sessions[1:] == ["S1,PR1,2020-01-07,60", "S2,PR1,2020-01-14,90"]


def test_districts_without_an_lgd_code_go_out_by_project_code_and_back(new_store, tmp_path, capsys):
    store = new_store("sqlite")
    people = "participant_code,cadre,state,district\nU1,ASHA,Rajasthan,Balotra\nU2,ASHA,29,Mysuru\n"
    files = GOOD | {"participants.csv": people}
    assert (
        run(capsys, "import", str(write_files(tmp_path / "in", files)), "--db", str(store.url))[0]
        == 0
    )
    assert run(capsys, "export", str(tmp_path / "out"), "--db", str(store.url))[0] == 0
    exported = (tmp_path / "out" / "participants.csv").read_text(encoding="utf-8-sig")
    assert exported.splitlines()[1:] == ["U1,ASHA,8,RJ-balotra", "U2,ASHA,29,545"]
    copy = new_store("sqlite")
    code, out, _ = run(capsys, "import", str(tmp_path / "out"), "--db", str(copy.url))
    assert code == 0, out

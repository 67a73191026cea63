"""The import, export and template commands fail with one readable paragraph, never a traceback."""

import csv
import re

import pytest

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


@pytest.mark.parametrize("command", ["check", "demo", "import", "export"])
def test_only_migrate_creates_a_sqlite_store(command, tmp_path, capsys):
    typo = tmp_path / "ecoh.db"
    target = {"import": [str(write_files(tmp_path / "files", GOOD))], "export": [str(tmp_path)]}
    code, out, err = run(capsys, command, *target.get(command, []), "--db", f"sqlite:///{typo}")
    assert code == 1
    assert err == (
        f"error: no SQLite store at {typo} (only `python -m dashboard migrate` creates one): "
        "check the path, or run `python -m dashboard migrate` first.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ecoh")) == []
    code, out, _ = run(capsys, "migrate", "--db", f"sqlite:///{typo}")
    assert code == 0, out
    assert typo.exists()


@pytest.mark.parametrize("length, why", [(100, "does not exist"), (5000, "cannot be read")])
def test_paths_in_failures_are_escaped_and_cut(length, why, seeded, tmp_path, capsys):
    nowhere = tmp_path / ("\x1b[2J\x1b[31mEVIL" + "x" * length)
    code, out, err = run(capsys, "import", str(nowhere), "--db", str(seeded.url))
    assert code == 1
    assert "\x1b" not in err and "\\x1b[2J\\x1b[31mEVIL" in err
    assert why in err and "give a folder of CSV files, a CSV file or an XLSX workbook." in err
    assert len(err) < 600


HYPERLINK = '=HYPERLINK("http://example.org","click")'


def test_export_says_its_files_are_for_import_and_offers_spreadsheet_files(
    new_store, tmp_path, capsys
):
    store = new_store("sqlite")
    partners = f'partner_code,name,kind\nPA1,"{HYPERLINK.replace(chr(34), 2 * chr(34))}",ngo\n'
    partners += "PA2,St John's,medical_institution\n"
    folder = write_files(tmp_path / "in", GOOD | {"partners.csv": partners})
    assert run(capsys, "import", str(folder), "--db", str(store.url))[0] == 0

    code, out, _ = run(capsys, "export", str(tmp_path / "plain"), "--db", str(store.url))
    assert code == 0
    assert "for importing again" in out and "not for a spreadsheet" in out
    assert "--for-spreadsheet" in out
    plain = read_csv(tmp_path / "plain" / "partners.csv")
    assert plain[1] == ["PA1", HYPERLINK, "ngo"]

    code, out, _ = run(
        capsys, "export", str(tmp_path / "excel"), "--db", str(store.url), "--for-spreadsheet"
    )
    assert code == 0
    assert "begin with a '" in out
    assert read_csv(tmp_path / "excel" / "partners.csv")[1] == ["PA1", "'" + HYPERLINK, "ngo"]
    hubs = read_csv(tmp_path / "excel" / "hubs.csv")
    assert hubs[1] == read_csv(tmp_path / "plain" / "hubs.csv")[1]


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_the_command_line_prints_its_reasons_in_english(seeded, tmp_path, capsys):
    """Outside a request the language is English: the command says every reason in it."""
    files = GOOD | {
        "sessions.csv": "session_code,program_code,held_on\nS9,PR9,someday\n",
        "hubs.csv": GOOD["hubs.csv"].replace("Bengaluru Urban", "Bangalor"),
    }
    folder = write_files(tmp_path, files)
    code, out, err = run(capsys, "import", str(folder), "--db", str(seeded.url))
    assert code == 1
    assert 'hubs.csv:2: district: "Bangalor": unknown district in Karnataka; did you mean ' in out
    assert 'sessions.csv:2: held_on: "someday": not a date (use YYYY-MM-DD or DD/MM/YYYY)' in out
    assert "unknown programme: not in programs.csv nor in the store" in out
    assert not re.search(r"[\u0900-\u097f]", out + err)

"""Input formats: UTF-8 with or without BOM, Windows-1252, semicolons, XLSX workbooks."""

from datetime import date, datetime

from openpyxl import Workbook
from sqlalchemy import select

from dashboard.importer import import_path
from dashboard.store.schema import hub, partner, session
from tests.importer.helpers import GOOD, report_lines, run, write_files

# Characters Excel writes differently in Windows-1252 than in Latin-1: en dash, quotes, euro.
NAME = "Soci\u00e9t\u00e9 M\u00e9dicale \u2013 Bengaluru \u2018TB\u2019 \u20ac"


def test_a_bom_is_accepted(new_store, tmp_path):
    store = new_store("sqlite")
    files = {name: "\ufeff" + text for name, text in GOOD.items()}
    result = import_path(store, write_files(tmp_path, files))
    assert not result.refused, result.text()


def test_windows_1252_is_decoded_correctly_and_said_so(new_store, tmp_path, capsys):
    store = new_store("sqlite")
    partners = f"partner_code,name,kind\nPA1,{NAME},ngo\nPA2,St John's,medical_institution\n"
    files = GOOD | {"partners.csv": partners.encode("cp1252")}
    code, out, _ = run(capsys, "import", str(write_files(tmp_path, files)), "--db", str(store.url))
    assert code == 0, out
    assert "partners.csv:0: -: -: not UTF-8: read as Windows-1252 (Excel's plain CSV)" in out
    names = set(store.read(select(partner.c.name)).name)
    assert NAME in names


def test_utf8_that_looks_like_windows_1252_stays_utf8(new_store, tmp_path):
    store = new_store("sqlite")
    partners = f"partner_code,name,kind\nPA1,{NAME},ngo\nPA2,St John's,medical_institution\n"
    result = import_path(store, write_files(tmp_path, GOOD | {"partners.csv": partners}))
    assert not result.refused, result.text()
    assert NAME in set(store.read(select(partner.c.name)).name)


def test_semicolon_separated_files_are_read(new_store, tmp_path):
    store = new_store("sqlite")
    files = GOOD | {"partners.csv": GOOD["partners.csv"].replace(",", ";")}
    result = import_path(store, write_files(tmp_path, files))
    assert not result.refused, result.text()
    assert result.counts["partners"].inserted == 2


def test_names_and_codes_of_columns_ignore_case_and_spaces(new_store, tmp_path):
    store = new_store("sqlite")
    files = GOOD | {"partners.csv": GOOD["partners.csv"].replace("partner_code", " Partner Code")}
    result = import_path(store, write_files(tmp_path, files))
    assert not result.refused, result.text()


def workbook(path, sheets: dict[str, list[list]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def csv_rows(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.strip().splitlines()]


def test_a_workbook_imports_with_typed_cells(new_store, tmp_path, capsys):
    store = new_store("sqlite")
    path = tmp_path / "programme data.xlsx"
    hubs = [
        ["Hub Code", "Name", "Host Partner Code", "State", "District", "Latitude", "Longitude"],
        ["HB1", "St John's TB hub", "PA2", 29, 525.0, 12.9716, 77.5946],
    ]
    sessions = [
        ["session_code", "program_code", "held_on", "duration_minutes"],
        ["S1", "PR1", datetime(2020, 1, 7), 60.0],
        [None, None, None, None],
        ["S2", "PR1", date(2020, 1, 14), 90],
    ]
    workbook(
        path,
        {
            "Read me": [["Fill in one sheet per file"]],
            "partners": csv_rows(GOOD["partners.csv"]),
            "hubs.csv": hubs,
            "Programs": csv_rows(GOOD["programs.csv"]),
            "sessions": sessions,
            "participants": csv_rows(GOOD["participants.csv"]),
            "attendance": csv_rows(GOOD["attendance.csv"]),
        },
    )
    code, out, _ = run(capsys, "import", str(path), "--db", str(store.url))
    assert code == 0, out
    assert report_lines(out, "Notes") == [
        "programme data.xlsx[Read me]:0: -: -: sheet is not an import file: ignored"
    ]
    assert store.read(select(hub.c.latitude)).latitude.tolist() == [12.9716]
    held = sorted(store.read(select(session.c.held_on)).held_on)
    assert held == [date(2020, 1, 7), date(2020, 1, 14)]


def test_errors_in_a_workbook_name_the_sheet_and_row(seeded, tmp_path, capsys):
    path = tmp_path / "book.xlsx"
    workbook(
        path,
        {"sessions": [["session_code", "program_code", "held_on"], ["S1", "PR1", "31/02/2020"]]},
    )
    code, out, _ = run(capsys, "import", str(path), "--db", str(seeded.url))
    assert code == 1
    assert report_lines(out) == ['book.xlsx[sessions]:2: held_on: "31/02/2020": no such date']


def test_a_single_csv_file_can_be_imported(seeded, tmp_path, capsys):
    path = write_files(tmp_path, {"partners.csv": "partner_code,name,kind\nPA9,Nine,ngo\n"})
    code, out, _ = run(
        capsys, "import", str(path / "partners.csv"), "--db", str(seeded.url), "--dry-run"
    )
    assert code == 0, out
    assert "1 new, 0 changed, 0 unchanged" in out


def test_values_with_line_breaks_in_several_rows_are_read_as_one_line(new_store, tmp_path):
    store = new_store("sqlite")
    partners = (
        'partner_code,name,kind\nPA1,"Karnataka State\nHealth Mission",state_health_mission\n'
        'PA2,"St John\'s\r\nMedical College",medical_institution\n'
    )
    result = import_path(store, write_files(tmp_path, GOOD | {"partners.csv": partners}))
    assert not result.refused, result.text()
    names = set(store.read(select(partner.c.name)).name)
    assert names == {"Karnataka State Health Mission", "St John's Medical College"}

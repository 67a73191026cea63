"""The catalogue of bad inputs: each is reported at its exact place, and nothing is written.

Every case starts from the good files (already in the store), changes one
thing, and must exit 1 with exactly the expected error lines while the store
stays row-for-row as it was.
"""

from dataclasses import dataclass, field

import pytest

from dashboard.clock import today_in_india
from tests.importer.helpers import GOOD, report_lines, run, snapshot, write_files

TODAY = today_in_india().isoformat()
KINDS = (
    "ministry, state_health_mission, municipal_corporation, nursing_council, "
    "medical_institution, education_department, ngo, other"
)
HUBS_HEADER = "hub_code,name,host_partner_code,state,district,latitude,longitude,launched_on\n"
PROGRAMS_HEADER = (
    "program_code,name,hub_code,disease_area,sector,partner_codes,start_date,end_date\n"
)
SESSIONS_HEADER = "session_code,program_code,held_on,duration_minutes\n"
PARTICIPANTS_HEADER = "participant_code,cadre,state,district\n"
QUOTE_HINT = 'close the quote, or write a quote inside a quoted value as two ("")'
MERGED = "rows would merge into one value; " + QUOTE_HINT
PERSONAL = "personal data is not stored"
NAME_RULE = "looks like a person's name (a title, or a common given name and surname): "


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes | None]
    errors: list[str]
    options: tuple[str, ...] = field(default=())


def unknown(file: str, line: int, column: str, code: str, noun: str, source: str) -> str:
    return f'{file}:{line}: {column}: "{code}": unknown {noun}: not in {source} nor in the store'


def hub(row: str) -> dict[str, str]:
    return {"hubs.csv": HUBS_HEADER + row + "\n"}


def program(row: str) -> dict[str, str]:
    return {"programs.csv": PROGRAMS_HEADER + row + "\n"}


def sessions(*rows: str) -> dict[str, str]:
    return {"sessions.csv": SESSIONS_HEADER + "".join(r + "\n" for r in rows)}


def participant(*rows: str) -> dict[str, str]:
    return {"participants.csv": PARTICIPANTS_HEADER + "".join(r + "\n" for r in rows)}


def partners(*rows: str, header: str = "partner_code,name,kind") -> dict[str, str]:
    return {"partners.csv": header + "\n" + "".join(r + "\n" for r in rows)}


STRICT = ("--strict",)
CASES = [
    Case(
        "missing required column",
        {"hubs.csv": "hub_code,name,host_partner_code,state\nHB1,Hub,PA2,Karnataka\n"},
        ["hubs.csv:1: district: -: required column missing"],
    ),
    Case(
        "unknown column (strict)",
        {"partners.csv": "partner_code,name,kind,notes\nPA1,Mission,ngo,x\n"},
        ["partners.csv:1: notes: -: unknown column: ignored"],
        STRICT,
    ),
    Case(
        "misspelt column (strict)",
        {"hubs.csv": HUBS_HEADER.replace("latitude", "lattitude") + "HB1,Hub,PA2,29,525,,,\n"},
        ['hubs.csv:1: lattitude: -: unknown column: ignored; did you mean "latitude"?'],
        STRICT,
    ),
    Case(
        "column given twice",
        {"partners.csv": "partner_code,name,kind,Name\nPA1,Mission,ngo,Other\n"},
        ["partners.csv:1: name: -: column given twice (columns 2 and 4)"],
    ),
    Case(
        "empty required value",
        {"partners.csv": "partner_code,name,kind\nPA1,,ngo\n"},
        ['partners.csv:2: name: "": required value missing'],
    ),
    Case(
        "malformed date",
        sessions("S1,PR1,7 Jan 2020,60"),
        ['sessions.csv:2: held_on: "7 Jan 2020": not a date (use YYYY-MM-DD or DD/MM/YYYY)'],
    ),
    Case(
        "impossible date",
        sessions("S1,PR1,31/02/2020,60", "S2,PR1,2020-13-01,60"),
        [
            'sessions.csv:2: held_on: "31/02/2020": no such date',
            'sessions.csv:3: held_on: "2020-13-01": no such date',
        ],
    ),
    Case(
        "month-first date",
        sessions("S1,PR1,01/25/2020,60"),
        ['sessions.csv:2: held_on: "01/25/2020": no such date: dates are day first (DD/MM/YYYY)'],
    ),
    Case(
        "date in the future",
        sessions("S1,PR1,2999-01-01,60"),
        [f'sessions.csv:2: held_on: "2999-01-01": in the future (today is {TODAY})'],
    ),
    Case(
        "date before ECHO India",
        sessions("S1,PR1,1899-12-30,60"),
        ['sessions.csv:2: held_on: "1899-12-30": before 2000: not a plausible date for ECHO India'],
    ),
    Case(
        "end before start",
        program("PR1,TB,HB1,Tuberculosis,health,PA1,2020-01-01,2019-12-31"),
        ['programs.csv:2: end_date: "2019-12-31": before start_date (2020-01-01)'],
    ),
    Case(
        "durations zero, negative, absurd, fractional",
        sessions("S1,PR1,2020-01-07,0", "S2,PR1,2020-01-14,-30", "S3,PR1,2020-01-21,601")
        | {
            "sessions.csv": SESSIONS_HEADER + "S1,PR1,2020-01-07,0\nS2,PR1,2020-01-14,-30\n"
            "S3,PR1,2020-01-21,601\nS4,PR1,2020-01-28,45.5\nS5,PR1,2020-02-04,an hour\n"
        },
        [
            'sessions.csv:2: duration_minutes: "0": must be more than 0 minutes',
            'sessions.csv:3: duration_minutes: "-30": must be more than 0 minutes',
            'sessions.csv:4: duration_minutes: "601": more than 600 minutes (10 hours): '
            "not a plausible session",
            'sessions.csv:5: duration_minutes: "45.5": not a whole number of minutes',
            'sessions.csv:6: duration_minutes: "an hour": not a number',
        ],
    ),
    Case(
        "unknown sector",
        program("PR1,TB,HB1,Tuberculosis,heath,PA1,2020-01-01,2020-12-31"),
        [
            'programs.csv:2: sector: "heath": unknown value (use one of: health, education, '
            'other); did you mean "health"?'
        ],
    ),
    Case(
        "unknown partner kind",
        {"partners.csv": "partner_code,name,kind\nPA1,Mission,hospital\n"},
        [f'partners.csv:2: kind: "hospital": unknown value (use one of: {KINDS})'],
    ),
    Case(
        "same code twice with different values",
        {
            "partners.csv": "partner_code,name,kind\nPA1,Mission,ngo\nPA1,Mission,ngo\n"
            "PA1,Another mission,ngo\n"
        },
        ['partners.csv:4: partner_code: "PA1": given again with another name (first on line 2)'],
    ),
    Case(
        "reference to an unknown partner",
        hub("HB1,Hub,PA9,Karnataka,Bengaluru Urban,,,"),
        [unknown("hubs.csv", 2, "host_partner_code", "PA9", "partner", "partners.csv")],
    ),
    Case(
        "unknown partner in a list",
        program("PR1,TB,HB1,Tuberculosis,health,PA1; PA8,2020-01-01,2020-12-31"),
        [unknown("programs.csv", 2, "partner_codes", "PA8", "partner", "partners.csv")],
    ),
    Case(
        "reference to an unknown hub",
        program("PR1,TB,HB7,Tuberculosis,health,,2020-01-01,"),
        ['programs.csv:2: hub_code: "HB7": unknown hub: not in hubs.csv nor in the store'],
    ),
    Case(
        "reference to an unknown programme",
        sessions("S1,PR7,2020-01-07,60"),
        [unknown("sessions.csv", 2, "program_code", "PR7", "programme", "programs.csv")],
    ),
    Case(
        "references to unknown sessions and participants",
        {"attendance.csv": "session_code,participant_code\nS1,U1\nS9,U1\nS1,U9\n"},
        [
            unknown("attendance.csv", 3, "session_code", "S9", "session", "sessions.csv"),
            unknown(
                "attendance.csv", 4, "participant_code", "U9", "participant", "participants.csv"
            ),
        ],
    ),
    Case(
        "unknown state, closest suggested",
        participant("U1,ASHA,Karnatka,Mysuru"),
        ['participants.csv:2: state: "Karnatka": unknown state; did you mean "Karnataka"?'],
    ),
    Case(
        "unknown district, closest suggested",
        hub("HB1,Hub,PA2,Karnataka,Bengaluru Urbn,,,"),
        [
            'hubs.csv:2: district: "Bengaluru Urbn": unknown district in Karnataka; '
            'did you mean "Bengaluru Urban"?'
        ],
    ),
    Case(
        "district of another state",
        participant("U1,ASHA,Kerala,Mysuru"),
        ['participants.csv:2: district: "Mysuru": Mysuru is in Karnataka, not in Kerala'],
    ),
    Case(
        "coordinates outside India (strict)",
        hub("HB1,Hub,PA2,Karnataka,Bengaluru Urban,51.5072,-0.1276,"),
        ['hubs.csv:2: latitude: "51.5072, -0.1276": outside India'],
        STRICT,
    ),
    Case(
        "coordinates swapped (strict)",
        hub("HB1,Hub,PA2,Karnataka,Bengaluru Urban,77.5946,12.9716,"),
        [
            'hubs.csv:2: latitude: "77.5946, 12.9716": outside India; '
            "latitude and longitude swapped?"
        ],
        STRICT,
    ),
    Case(
        "coordinates far from the hub's district (strict)",
        hub("HB1,Hub,PA2,Karnataka,Mysuru,12.9716,77.5946,"),
        [
            'hubs.csv:2: latitude: "12.9716, 77.5946": about 95 km outside Mysuru, '
            "the hub's district"
        ],
        STRICT,
    ),
    Case(
        "latitude without longitude, impossible latitude",
        {"hubs.csv": HUBS_HEADER + "HB1,Hub,PA2,29,525,12.97,,\nHB2,Hub,PA2,29,525,95,77.5,\n"},
        [
            "hubs.csv:2: longitude: -: missing: give longitude with latitude",
            'hubs.csv:3: latitude: "95": not a latitude: must lie between -90 and 90',
        ],
    ),
    Case(
        "session outside its programme's dates (strict)",
        sessions("S1,PR1,2021-03-01,60"),
        [
            'sessions.csv:2: held_on: "2021-03-01": outside its programme\'s dates '
            "(2020-01-01 to 2020-12-31): its attendance counts all the same"
        ],
        STRICT,
    ),
    Case("empty file", {"hubs.csv": ""}, ["hubs.csv:0: -: -: empty file: no header row"]),
    Case(
        "header without rows (strict)",
        {"hubs.csv": HUBS_HEADER},
        ["hubs.csv:0: -: -: no rows under the header"],
        STRICT,
    ),
    Case(
        "not a CSV file at all",
        {"hubs.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        ["hubs.csv:0: -: -: binary data, not a CSV file"],
    ),
    Case(
        "an old Excel workbook",
        {"hubs.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)},
        ["hubs.xls:0: -: -: not a CSV file or an XLSX workbook"],
    ),
    Case(
        "a workbook named .csv",
        {"hubs.csv": b"PK\x03\x04" + bytes(100)},
        ["hubs.csv:0: -: -: a zip file (an XLSX workbook?), not CSV: name a workbook .xlsx"],
    ),
    Case(
        "a broken workbook",
        {"book.xlsx": b"PK\x03\x04 not really a workbook"},
        ["book.xlsx:0: -: -: not an XLSX workbook (File is not a zip file)"],
    ),
    Case(
        "neither UTF-8 nor Windows-1252",
        {"partners.csv": b"partner_code,name,kind\nPA1,Mission \x81,ngo\n"},
        [
            "partners.csv:0: -: -: neither UTF-8 nor Windows-1252 text: save it from Excel as "
            "'CSV UTF-8' and retry"
        ],
    ),
    Case(
        "UTF-8 and Windows-1252 in one file",
        {
            "partners.csv": "partner_code,name,kind\nPA1,Soci\u00e9t\u00e9,ngo\n".encode()
            + "PA2,M\u00e9dicale,ngo\n".encode("cp1252")
        },
        [
            "partners.csv:0: -: -: mixes UTF-8 and Windows-1252 text: save it from Excel as "
            "'CSV UTF-8'"
        ],
    ),
    Case(
        "UTF-16 text",
        {"partners.csv": "partner_code,name,kind\nPA1,Mission,ngo\n".encode("utf-16")},
        ["partners.csv:0: -: -: UTF-16 text (Excel's 'Unicode Text'): save it as 'CSV UTF-8'"],
    ),
    Case(
        "row with too many values",
        {"partners.csv": "partner_code,name,kind\nPA1,Mission, Karnataka,ngo\n"},
        [
            "partners.csv:2: -: -: row has 4 values but the header 3 (an unquoted comma?)",
            'partners.csv:2: kind: "Karnataka": unknown value (use one of: ' + KINDS + ")",
        ],
    ),
    Case(
        "code too long",
        {"partners.csv": "partner_code,name,kind\n" + "P" * 41 + ",Mission,ngo\n"},
        ['partners.csv:2: partner_code: "' + "P" * 41 + '": longer than 40 characters'],
    ),
    Case(
        "participant code that is an email",
        participant("ravi.kumar@example.org,ASHA,Karnataka,Mysuru"),
        [
            "participants.csv:2: participant_code: -: looks like an email address: give emails "
            "in an `email` column, which is turned into a pseudonymous code and not stored"
        ],
    ),
    Case(
        "participant code that is a phone number",
        participant("+91 98450 12345,ASHA,Karnataka,Mysuru"),
        [
            "participants.csv:2: participant_code: -: looks like a phone number: "
            "participant codes must be pseudonymous"
        ],
    ),
    Case(
        "the same file twice",
        {"Hubs.CSV": GOOD["hubs.csv"]},
        ["hubs.csv:0: -: -: hubs given twice (also Hubs.CSV)"],
    ),
    Case(
        "a quote left open to the end of the file",
        partners(
            'BAD-Q1,ngo,"Oops',
            "BAD-Q2,ngo,Second partner",
            "BAD-Q3,ngo,Third partner",
            header="partner_code,kind,name",
        ),
        [
            "partners.csv:2: name: -: a quote opened here is never closed (line 4 ends the "
            "file); " + QUOTE_HINT
        ],
    ),
    Case(
        "a quote left open in a middle column",
        partners('BAD-Q1,"Oops,ngo', "BAD-Q2,Second partner,ngo", "BAD-Q3,Third partner,ngo"),
        [
            "partners.csv:2: name: -: a quote opened here is never closed (line 4 ends the "
            "file); " + QUOTE_HINT
        ],
    ),
    Case(
        "a quote left open until a later row's quote",
        partners('PA7,"Oops,ngo', "PA8,Eight,ngo", 'PA9,"Nine",ngo', "PA6,Six,ngo"),
        [
            "partners.csv:2: name: -: a quote opened here runs on to line 4, where a later "
            "row's quote ends it: " + MERGED
        ],
    ),
    Case(
        "a quote left open until a quote that ends a value",
        partners('PA7,"Oops,ngo', "PA8,Eight,ngo", 'PA9",Nine,ngo', "PA6,Six,ngo"),
        [
            "partners.csv:2: name: -: a quote opened here runs on to line 4, as no other "
            "row's value does: " + MERGED
        ],
    ),
    Case(
        "quotes left open in pairs among values with line breaks",
        partners(
            'PA5,"Line one',
            'line two",ngo',
            'PA7,"Oops,ngo',
            "PA8,Eight,Mission,ngo",
            'PA9",Nine,ngo',
            'PA6,"Six,ngo',
            'PA4",Four,ngo',
        ),
        [
            "partners.csv:3: name: -: a quote opened here (line 4 of the text) runs on to "
            "line 6, taking in lines that read as rows: " + MERGED,
            "partners.csv:4: name: -: a quote opened here (line 7 of the text) runs on to "
            "line 8, leaving 4 values for 3 columns: " + MERGED,
        ],
    ),
    Case(
        "text after a closing quote",
        partners('PA7,"Seven" Mission,ngo'),
        ["partners.csv:2: -: -: text follows a closing quote in this row; " + QUOTE_HINT],
    ),
    Case(
        "a required column missing, with files that refer to it",
        {
            "programs.csv": "program_code,name,hub_code,sector,start_date\n"
            "PR1,TB,HB1,health,2020-01-01\nPR2,TB,HB1,health,31/02/2020\n"
        },
        [
            "programs.csv:1: disease_area: -: required column missing",
            'programs.csv:3: start_date: "31/02/2020": no such date',
        ],
    ),
    Case(
        "a header without rows, referred to (strict)",
        {"programs.csv": PROGRAMS_HEADER},
        ["programs.csv:0: -: -: no rows under the header"],
        STRICT,
    ),
    Case(
        "a folder named like an import file",
        {"hubs.csv": {"notes.txt": "a folder, not a file"}},
        ["hubs.csv:0: -: -: a folder, not a CSV file or an XLSX workbook"],
    ),
    Case(
        "terminal escapes in a header cell (strict)",
        partners("PA1,Mission,ngo,1", header="partner_code,name,kind,\x1b[2J\x1b[31mEVIL"),
        ["partners.csv:1: \\x1b[2j\\x1b[31mevil: -: unknown column: ignored"],
        STRICT,
    ),
    Case(
        "a header cell of 50 KB (strict)",
        partners("PA1,Mission,ngo,1", header="partner_code,name,kind," + "x" * 50_000),
        ["partners.csv:1: " + "x" * 79 + "…: -: unknown column: ignored"],
        STRICT,
    ),
    Case(
        "control characters in a name, and a value of 50 KB",
        partners("PA1,Mission \x1b[31m\x9b2J,ngo", "PA2," + "y" * 50_000 + ",ngo"),
        [
            'partners.csv:2: name: "Mission \\u001b[31m\\x9b2J": contains control characters',
            'partners.csv:3: name: "' + "y" * 79 + '…": longer than 200 characters',
        ],
    ),
    Case(
        "participant codes that are phone numbers, emails and names",
        participant(
            "0091 98765 43210,ASHA,29,Mysuru",
            "+91.98765.43211,ASHA,29,Mysuru",
            "someone(at)example.org,ASHA,29,Mysuru",
            "someone@localhost,ASHA,29,Mysuru",
            "Priya Sharma,ASHA,29,Mysuru",
            "+44 7700 900123,ASHA,29,Mysuru",
        ),
        [
            f"participants.csv:{line}: participant_code: -: {reason}"
            for line, reason in enumerate(
                [
                    "looks like a phone number: participant codes must be pseudonymous",
                    "looks like a phone number: participant codes must be pseudonymous",
                    "looks like an email address: give emails in an `email` column, which is "
                    "turned into a pseudonymous code and not stored",
                    "looks like an email address: give emails in an `email` column, which is "
                    "turned into a pseudonymous code and not stored",
                    "looks like a person's name (words of letters alone): participant codes "
                    "must be pseudonymous, such as U00123",
                    "looks like a phone number: participant codes must be pseudonymous",
                ],
                start=2,
            )
        ],
    ),
    Case(
        "cadres that are a phone number, an email, a name",
        participant(
            "U1,call 9876543210,29,Mysuru",
            "U2,a.b@example.org,29,Mysuru",
            "U3,Priya Sharma,29,Mysuru",
        ),
        [
            f"participants.csv:2: cadre: -: looks like a phone number: {PERSONAL}",
            f"participants.csv:3: cadre: -: looks like an email address: {PERSONAL}",
            f"participants.csv:4: cadre: -: {NAME_RULE}{PERSONAL}",
        ],
    ),
    Case(
        "personal data in the codes and names of every other file",
        partners("Dr Ravi,Mission,ngo", "PA3,Call 080-2699 5000,ngo")
        | hub("HB1,ravi [at] example [dot] org,PA2,29,525,,,")
        | program("PR1,TB,HB1,Priya Sharma,health,priya.sharma,2020-01-01,")
        | sessions("+91 98450 12345,PR1,2020-01-07,60")
        | {"attendance.csv": "session_code,participant_code\nS1,U1\nsomeone@example.org,U1\n"},
        [
            f"attendance.csv:3: session_code: -: looks like an email address: {PERSONAL}",
            f"hubs.csv:2: name: -: looks like an email address: {PERSONAL}",
            f"partners.csv:2: partner_code: -: {NAME_RULE}{PERSONAL}",
            f"partners.csv:3: name: -: looks like a phone number: {PERSONAL}",
            f"programs.csv:2: disease_area: -: {NAME_RULE}{PERSONAL}",
            f"programs.csv:2: partner_codes: -: {NAME_RULE}{PERSONAL}",
            f"sessions.csv:2: session_code: -: looks like a phone number: {PERSONAL}",
        ],
    ),
    Case(
        "no import files at all",
        {name: None for name in GOOD} | {"notes.txt": "hello"},
        [
            "{folder}:0: -: -: no import files found (expected any of partners.csv, hubs.csv, "
            "programs.csv, sessions.csv, participants.csv, attendance.csv)"
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_reported_and_nothing_is_written(case, seeded, tmp_path, capsys):
    folder = write_files(tmp_path / "files", GOOD | case.files)
    before = snapshot(seeded)
    code, out, err = run(capsys, "import", str(folder), "--db", str(seeded.url), *case.options)
    expected = [line.replace("{folder}", folder.name) for line in case.errors]
    assert code == 1
    assert report_lines(out) == expected
    assert f"Errors ({len(expected)}):" in out
    assert "nothing was written" in err and "Traceback" not in err
    assert snapshot(seeded) == before


def test_warnings_do_not_block_without_strict(seeded, tmp_path, capsys):
    files = GOOD | sessions("S1,PR1,2020-01-07,60", "S2,PR1,2021-03-01,90")
    code, out, _ = run(
        capsys, "import", str(write_files(tmp_path, files)), "--db", str(seeded.url), "--dry-run"
    )
    assert code == 0
    assert report_lines(out, "Warnings") == [
        'sessions.csv:3: held_on: "2021-03-01": outside its programme\'s dates '
        "(2020-01-01 to 2020-12-31): its attendance counts all the same"
    ]


def test_every_error_of_every_file_is_reported_at_once_and_sorted(seeded, tmp_path, capsys):
    files = (
        GOOD
        | {
            "partners.csv": "partner_code,name,kind\nPA1,,ngo\nPA3,Three,hospital\n",
            "attendance.csv": "session_code,participant_code\nS1,U1\nS9,U1\n",
        }
        | hub("HB1,Hub,PA2,Karnatka,Mysuru,,,")
    )
    code, out, _ = run(capsys, "import", str(write_files(tmp_path, files)), "--db", str(seeded.url))
    assert code == 1
    assert report_lines(out) == [
        unknown("attendance.csv", 3, "session_code", "S9", "session", "sessions.csv"),
        'hubs.csv:2: state: "Karnatka": unknown state; did you mean "Karnataka"?',
        'partners.csv:2: name: "": required value missing',
        f'partners.csv:3: kind: "hospital": unknown value (use one of: {KINDS})',
    ]
    assert "Import refused: 4 errors; nothing was written." in out


def test_a_flood_of_problems_is_cut_short_per_file(seeded, tmp_path, capsys):
    header = "partner_code,name,kind," + ",".join(f"extra{n}" for n in range(2000))
    files = GOOD | partners("PA9,Mission,ngo", header=header)
    folder = write_files(tmp_path, files)
    code, out, _ = run(capsys, "import", str(folder), "--db", str(seeded.url), "--dry-run")
    assert code == 0
    assert "Warnings (2,000):" in out
    lines = report_lines(out, "Warnings")
    assert len(lines) == 501
    assert lines[-1] == "partners.csv: 1,500 more of other kinds not shown"

"""Import files written from strings, the store's full contents, and the CLI run in-process."""

from pathlib import Path

from sqlalchemy import select

from dashboard.cli import main
from dashboard.store.database import Store
from dashboard.store.schema import metadata

GOOD = {
    "partners.csv": """partner_code,name,kind
PA1,Karnataka State Health Mission,state_health_mission
PA2,St John's Medical College,medical_institution
""",
    "hubs.csv": """hub_code,name,host_partner_code,state,district,latitude,longitude,launched_on
HB1,St John's TB hub,PA2,Karnataka,Bengaluru Urban,12.9716,77.5946,2019-06-01
""",
    "programs.csv": """program_code,name,hub_code,disease_area,sector,partner_codes,\
start_date,end_date
PR1,TB care for ASHAs,HB1,Tuberculosis,health,PA1,2020-01-01,2020-12-31
""",
    "sessions.csv": """session_code,program_code,held_on,duration_minutes
S1,PR1,2020-01-07,60
S2,PR1,14/01/2020,90
""",
    "participants.csv": """participant_code,cadre,state,district
U1,ASHA,Karnataka,Mysuru
U2,ANM,29,Bangalore
""",
    "attendance.csv": """session_code,participant_code
S1,U1
S1,U2
S2,U1
""",
}


Files = dict[str, "str | bytes | Files | None"]


def write_files(folder: Path, files: Files) -> Path:
    """Write `files` (name -> text, bytes, or a dict for a folder of files; None leaves a
    file out) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if isinstance(content, dict):
            write_files(folder / name, content)
        elif content is not None:
            data = content if isinstance(content, bytes) else content.encode()
            (folder / name).write_bytes(data)
    return folder


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: equal snapshots mean a row-for-row equal store."""
    tables = {}
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(select(table)).all()
            tables[table.name] = sorted(tuple(row) for row in rows)
    return tables


def run(capsys, *args: str) -> tuple[int, str, str]:
    """`python -m dashboard ARGS` in this process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def report_lines(out: str, title: str = "Errors") -> list[str]:
    """The lines of one section (Errors, Warnings or Notes) of an import report."""
    lines, inside = [], False
    for line in out.splitlines():
        if line.startswith(f"{title} ("):
            inside = True
        elif inside and line.startswith("  "):
            lines.append(line.strip())
        elif inside:
            break
    return lines

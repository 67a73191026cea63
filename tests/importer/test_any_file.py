"""Any mix of valid and broken rows: every valid row imported, or nothing written and every
broken row named; never a crash, never a row dropped or merged without a word.

Hypothesis writes partners files, as CSV (UTF-8, with or without a BOM, cells quoted as a
CSV writer does or written bare) or as an XLSX sheet, with the columns in any order, from
rows that are valid or broken in one of many ways: an empty, too long, personal or
control-character code, name or kind, an unknown kind, a value beyond the header, a code
given again with other values, blank rows, and (CSV only) a quote left open at the start
of a value. The oracle below judges each row by the import rules of the README on its own,
without the importer's code. Once a quote is left open, the rows after it belong to that
one refused row, so only the rows before it are held to the oracle.

Bounded for `make test`: a fixed number of examples, derandomized so every run tries the
same files.
"""

import csv
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from dashboard.importer import import_path
from dashboard.importer.columns import CHOICES
from dashboard.importer.report import ERROR
from dashboard.store.schema import partner
from tests.importer.helpers import snapshot

KINDS = CHOICES["kind"]
COLUMNS = ("partner_code", "name", "kind")
WORDS = ("Mission", "Health", "St John's", "Médicale", "हिन्दी", "Karnataka", "&", "Co.")
WORDS += ('The "Best"', "Bengaluru,", "O'Neil", " ", "\u00a0")
# Values the rules refuse, each for a known reason (the oracle needs no detector of its own).
PERSONAL_CODES = ("98765 43210", "+44 7700 900123", "a.b@example.org", "Priya Sharma")
BAD_CODES = ("", "   ", "X" * 41, "P\x1b1", *PERSONAL_CODES)
BAD_NAMES = ("", "  ", "Y" * 201, "Mission\x07", "Call 98450 12345", "ravi(at)example.org")
BAD_KINDS = ("", "hospital", "n g o x", '"ngo')
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
EXAMPLES = 150


@dataclass
class Row:
    """One row: its values in COLUMNS order, and how it is written."""

    values: tuple[str, str, str]
    extra: str = ""  # a value beyond the header's last column
    open_quote: int | None = None  # CSV: a quote opened at the start of this value
    bare: bool = False  # CSV: values written without quotes where a reader allows it
    blank: bool = False


def mostly(valid: st.SearchStrategy, bad: tuple, one_in: int = 12) -> st.SearchStrategy:
    """A valid value, or one time in `one_in` a bad one."""
    return st.integers(1, one_in).flatmap(lambda n: st.sampled_from(bad) if n == 1 else valid)


kinds = st.sampled_from(KINDS).flatmap(
    lambda kind: st.sampled_from(
        (kind, kind.upper(), kind.replace("_", " ").title(), f" {kind.replace('_', '-')} ")
    )
)
rows = st.builds(
    Row,
    values=st.tuples(
        mostly(st.from_regex(r"[A-Z]{1,2}[0-9]{1,2}", fullmatch=True), BAD_CODES),
        mostly(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join), BAD_NAMES),
        mostly(kinds, BAD_KINDS),
    ),
    extra=mostly(st.sampled_from(("", "  ")), ("x", "Karnataka")),
    open_quote=mostly(st.none(), (0, 1, 2), one_in=16),
    bare=st.booleans(),
    blank=mostly(st.just(False), (True,), one_in=10),
)


@dataclass
class Expected:
    """What the import must do: the rows to store by code, or refuse naming `broken`."""

    stored: dict[str, tuple[str, str]]
    broken: set[int]
    open_quote: int | None


def expected(table: list[Row], workbook: bool) -> Expected:
    """The oracle: each row judged on its own by the README's rules, in file order."""
    stored: dict[str, tuple[str, str]] = {}
    broken: set[int] = set()
    for line, row in enumerate(table, start=2):
        if row.blank:
            continue
        if row.open_quote is not None and not workbook:
            broken.add(line)
            return Expected(stored, broken, line)
        code, name, kind = (_value(v, row, n, workbook) for n, v in enumerate(row.values))
        name = " ".join(name.split())
        kind = re.sub(r"[\s-]+", "_", kind.strip().lower())
        if (
            not code
            or len(code) > 40
            or CONTROL.search(code)
            or code in PERSONAL_CODES
            or not name
            or len(name) > 200
            or CONTROL.search(name)
            or name in BAD_NAMES
            or kind not in KINDS
            or row.extra.strip()
            or stored.get(code, (name, kind)) != (name, kind)
        ):
            broken.add(line)
        else:
            stored[code] = (name, kind)
    return Expected(stored, broken, None)


def _value(value: str, row: Row, position: int, workbook: bool) -> str:
    """The value as read: a workbook keeps a quote opened at its start as a character."""
    if workbook and row.open_quote == position:
        value = '"' + value
    return value.strip()


def write_csv(folder: Path, order: list[int], table: list[Row], bom: bool) -> str:
    lines = [",".join(COLUMNS[n] for n in order)]
    for row in table:
        if row.blank:
            lines.append("")
            continue
        cells = [_cell(row.values[n], row, n) for n in order]
        lines.append(",".join(cells) + (f",{row.extra}" if row.extra else ""))
    text = "\n".join(lines) + "\n"
    (folder / "partners.csv").write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return "partners.csv"


def _cell(value: str, row: Row, position: int) -> str:
    if row.open_quote == position:
        return '"' + value
    if row.bare and not re.search(r'[,\n\r]|^\s*"', value):
        return value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([value])
    return buffer.getvalue()


def write_workbook(folder: Path, order: list[int], table: list[Row]) -> str:
    book = Workbook()
    sheet = book.active
    sheet.title = "partners"
    sheet.append([COLUMNS[n] for n in order])
    for row in table:
        if row.blank:
            sheet.append([None])
            continue
        values = [('"' if row.open_quote == n else "") + row.values[n] for n in order]
        sheet.append(values + ([row.extra] if row.extra else []))
    book.save(folder / "book.xlsx")
    return "book.xlsx[partners]"


def stored_partners(store) -> dict[str, tuple[str, str]]:
    frame = store.read(select(partner.c.partner_code, partner.c.name, partner.c.kind))
    return {code: (name, kind) for code, name, kind in frame.itertuples(index=False)}


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    table=st.lists(rows, min_size=1, max_size=8),
    order=st.permutations([0, 1, 2]),
    form=st.sampled_from(("csv", "csv with a BOM", "xlsx")),
)
def test_valid_rows_are_imported_or_nothing_is_and_every_broken_row_is_named(
    seeded, table, order, form
):
    workbook = form == "xlsx"
    if workbook:  # a workbook cannot hold control characters at all
        table = [row for row in table if not any(map(CONTROL.search, row.values))]
    expect = expected(table, workbook)
    before, partners_before = snapshot(seeded), stored_partners(seeded)
    with tempfile.TemporaryDirectory() as folder:
        if workbook:
            label = write_workbook(Path(folder), order, table)
        else:
            label = write_csv(Path(folder), order, table, bom=form != "csv")
        result = import_path(seeded, Path(folder))
    shown = result.text()
    event("refused" if expect.broken else "imported")
    event(f"{len(expect.broken)} broken rows, {len(expect.stored)} stored")
    if expect.open_quote:
        event("a quote left open")
    if not expect.broken:
        assert not result.refused, shown
        counts = result.counts["partners"] if expect.stored else None
        if counts is not None:
            assert counts.inserted + counts.updated + counts.unchanged == len(expect.stored)
        assert stored_partners(seeded) == partners_before | expect.stored, shown
        return
    assert result.refused, shown
    assert snapshot(seeded) == before
    named = {p.line for p in result.report.problems(ERROR) if p.file == label}
    assert expect.broken <= named, shown
    last = expect.open_quote or len(table) + 1
    assert {n for n in named if n <= last} <= expect.broken | {0, 1}, shown

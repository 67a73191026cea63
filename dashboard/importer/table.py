"""A file's header and its rows as columns of stripped text, with a mark on every bad row.

Column names match case-insensitively (spaces and hyphens read as `_`). Unknown
columns are reported and ignored; columns holding personal data are dropped
and the report says so.
"""

import difflib
import re
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from dashboard.importer.columns import EMAIL, FileSpec
from dashboard.importer.privacy import personal_column
from dashboard.importer.report import ERROR, NOTE, WARNING, Report, said
from dashboard.importer.sources import Chunk, Source
from dashboard.vocabulary.language import N_

MISSING = said(N_("required value missing"))
NO_ROWS = said(N_("no rows under the header"))
PERSONAL = {  # what a column of personal data holds: the note saying it is dropped
    "email": N_("personal data (email): dropped, not stored"),
    "phone": N_("personal data (phone): dropped, not stored"),
    "name": N_("personal data (name): dropped, not stored"),
}


@dataclass(frozen=True)
class Header:
    """Where each known column sits; `derive` when participant codes come from emails.

    `width` counts the columns up to the last one with a name: a value beyond it (a
    workbook pads every row to its widest) would be dropped without a word.
    """

    positions: dict[str, int]
    width: int
    usable: bool
    derive: bool = False

    def has(self, column: str) -> bool:
        return column in self.positions


def column_key(name: str) -> str:
    """ " Partner Code " -> "partner_code"."""
    return re.sub(r"[\s-]+", "_", name.strip().lstrip("\ufeff").strip().lower())


def read_header(source: Source, report: Report) -> Header | None:
    """The header's known columns; None (and an error) for an empty file.

    Rows a quote left open would merge are reported here, once per file, at the
    column where the quote opened (the rows themselves are never read).
    """
    found = source.header()
    if found is None:
        report.add(source.label, 0, "", None, said(N_("empty file: no header row")))
        return None
    line, raw = found
    names = [column_key(cell) for cell in raw]
    spec = source.spec
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        if name:
            _place(source, spec, positions, index, name, report)
    derive = spec.accepts_email and "participant_code" not in positions and EMAIL in positions
    missing = [c for c in spec.required if c not in positions]
    if derive:
        missing.remove("participant_code")
    for column in missing:
        report.add(source.label, 1, column, None, said(N_("required column missing")))
    _open_quotes(source, names, report)
    usable = not missing and line not in source.open_quotes
    width = max((n + 1 for n, name in enumerate(names) if name), default=0)
    return Header(positions, width, usable=usable, derive=derive)


def _open_quotes(source: Source, names: list[str], report: Report) -> None:
    for quote in source.open_quotes.values():
        known = quote.position is not None and quote.position < len(names)
        column = names[quote.position] if known else ""
        report.add(source.label, quote.line, column, None, quote.reason)


def _place(
    source: Source, spec: FileSpec, positions: dict[str, int], index: int, name: str, report: Report
) -> None:
    label = source.label
    if name in positions:
        report.add(
            label,
            1,
            name,
            None,
            said(
                N_("column given twice (columns {first} and {second})"),
                first=positions[name] + 1,
                second=index + 1,
            ),
        )
        return
    personal = personal_column(name, spec)
    if personal == "email" and spec.accepts_email and EMAIL not in positions:
        positions[EMAIL] = index
        report.add(
            label,
            1,
            name,
            None,
            said(N_("personal data: used only to derive missing participant codes, not stored")),
            NOTE,
        )
    elif personal:
        report.add(label, 1, name, None, said(PERSONAL[personal]), NOTE)
    elif name in spec.columns:
        positions[name] = index
    else:
        close = difflib.get_close_matches(name, spec.columns, n=1, cutoff=0.75)
        if close:
            reason = said(N_('unknown column: ignored; did you mean "{name}"?'), name=close[0])
        else:
            reason = said(N_("unknown column: ignored"))
        report.add(label, 1, name, None, reason, WARNING)


class Block:
    """Some rows of one file as columns, collecting problems and marking bad rows."""

    def __init__(self, source: Source, header: Header, chunk: Chunk, report: Report):
        self.label = source.label
        self.report = report
        self.lines = np.asarray(chunk.lines, dtype=np.int64)
        self.bad = np.zeros(len(chunk.rows), dtype=bool)
        self._check_widths(header.width, chunk)
        self.columns = _columns(chunk.rows, header.positions)

    def __len__(self) -> int:
        return len(self.lines)

    def _check_widths(self, width: int, chunk: Chunk) -> None:
        if max(map(len, chunk.rows), default=0) <= width:
            return
        for n, row in enumerate(chunk.rows):
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                values = max(i + 1 for i, cell in enumerate(row) if cell.strip())
                reason = said(
                    N_("row has {values} values but the header {width} (an unquoted comma?)"),
                    values=values,
                    width=width,
                )
                self.problem(n, "", None, reason)

    def get(self, column: str) -> np.ndarray:
        """The column's stripped values; all empty when the file lacks it."""
        found = self.columns.get(column)
        return found if found is not None else np.full(len(self), "", dtype=object)

    def problem(
        self, row: int, column: str, value: str | None, reason: str, severity: str = ERROR
    ) -> None:
        self.report.add(self.label, int(self.lines[row]), column, value, reason, severity)
        if severity == ERROR:
            self.bad[row] = True

    def problems(
        self, mask: np.ndarray, column: str, reason: str, show_values: bool = True
    ) -> None:
        """The same error on every row of `mask`."""
        if not mask.any():
            return
        values = self.get(column)[mask] if show_values else [None] * int(mask.sum())
        self.report.add_rows(self.label, column, self.lines[mask], values, reason)
        self.bad |= mask

    def given(self, column: str) -> bool:
        return column in self.columns

    def require(self, column: str) -> np.ndarray:
        """The column's values, with an error on every row that leaves it empty; a column
        the file lacks was reported once with the header, so its rows are not."""
        values = self.get(column)
        if self.given(column):
            self.problems(values == "", column, MISSING)
        return values

    def parse(self, column: str, parser, severity: str = ERROR) -> np.ndarray:
        """Parsed values (None where empty or invalid); each distinct text is parsed once."""
        raw = self.get(column).tolist()
        answers = {text: parser(text) for text in dict.fromkeys(raw) if text}
        found = {text: value for text, (value, _reason) in answers.items()}
        parsed = np.empty(len(raw), dtype=object)
        parsed[:] = [found.get(text) for text in raw]
        wrong = {text: reason for text, (_value, reason) in answers.items() if reason}
        if wrong:
            for n in np.flatnonzero(np.fromiter((t in wrong for t in raw), bool, len(raw))):
                self.problem(n, column, raw[n], wrong[raw[n]], severity)
        return parsed


def _columns(rows: list[list[str]], positions: dict[str, int]) -> dict[str, np.ndarray]:
    """The known columns, stripped; short rows read as ending in empty values."""
    if not positions:
        return {}
    needed = max(positions.values()) + 1
    if min(map(len, rows), default=needed) < needed:
        rows = [row + [""] * (needed - len(row)) if len(row) < needed else row for row in rows]
    columns = {}
    for name, index in positions.items():
        column = np.empty(len(rows), dtype=object)
        column[:] = list(map(str.strip, map(itemgetter(index), rows)))
        columns[name] = column
    return columns

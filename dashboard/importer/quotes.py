"""Quotes left open in a CSV file, found before its rows are read.

A quoted value may hold line breaks (a cell typed with Alt+Enter in Excel).
But one quote left open, `BAD-Q1,ngo,"Oops`, makes a CSV reader take the
lines after it, up to the next quote or the end of the file, as part of that
one value: rows vanish into it without a word. So a row whose quoted value
runs across lines is refused, named by the line and the column where the
quote opened, when the value

- reaches the end of the file,
- ends in a quote followed by more text (a later row's quote closed it),
- is the only value of the file that runs across lines,
- holds a line with as many separators as a row of the file (rows swallowed), or
- leaves its row with more values than the header has columns.

A quote followed by more text within one line (`"5" screen`) is refused too:
readers drop its quotes silently. Only files holding a quote character are
scanned, so the usual attendance file of plain codes costs one quick pass
over its bytes.
"""

import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dashboard.importer.report import Reason, said
from dashboard.vocabulary.language import N_

SCAN_BLOCK = 1 << 20
_HINT = N_('close the quote, or write a quote inside a quoted value as two ("")')
_HINTED = N_("{reason}; {hint}")
# How a quoted value that runs across lines gives itself away; each merges rows.
_ALONE = N_(
    "a quote opened {here} runs on to line {line}, as no other row's value does: "
    "rows would merge into one value"
)
_ROWS_INSIDE = N_(
    "a quote opened {here} runs on to line {line}, taking in lines that read as rows: "
    "rows would merge into one value"
)
_TOO_WIDE = N_(
    "a quote opened {here} runs on to line {line}, leaving {values} values for {columns} "
    "columns: rows would merge into one value"
)
_CLOSED_LATER = N_(
    "a quote opened {here} runs on to line {line}, where a later row's quote ends it: "
    "rows would merge into one value"
)


@dataclass(frozen=True)
class OpenQuote:
    """A row that cannot be read as it stands; `position` is the value (0-based) at fault,
    None when it cannot be told."""

    line: int
    position: int | None
    reason: Reason


@dataclass(frozen=True)
class _Record:
    """A record of the file: its row number, its first and last line, its values, and the
    text of its first line."""

    number: int
    first: int
    last: int
    row: list[str]
    opening: str

    @property
    def spans(self) -> bool:
        return self.last > self.first

    @property
    def here(self) -> Reason:
        """Where the quote opened: the row, and its line of text when earlier rows span lines."""
        if self.first == self.number:
            return said(N_("here"))
        return said(N_("here (line {line} of the text)"), line=str(self.first))

    def runs_over(self, how: str, **values: int) -> Reason:
        """`how` (one of the messages above) of this record."""
        return said(how, here=self.here, line=str(self.last), **values)


def open_quotes(path: Path, encoding: str, delimiter: str) -> dict[int, OpenQuote]:
    """The rows of the file at fault because of a quote, by their row number."""
    if not _holds_quote(path):
        return {}
    found: dict[int, OpenQuote] = {}
    spans: list[_Record] = []
    width = 0
    for record, error in _records(path, encoding, delimiter):
        if error is not None:
            found[record.number] = _refused(record, error, delimiter)
        elif record.spans:
            spans.append(record)
        if not width and any(record.row):
            width = len(record.row)
    alone = len(spans) + len(found) == 1
    for record in spans:
        position = next(n for n, value in enumerate(record.row) if "\n" in value or "\r" in value)
        if alone:
            reason = record.runs_over(_ALONE)
        elif _holds_rows(record.row[position], width, delimiter):
            reason = record.runs_over(_ROWS_INSIDE)
        elif len(record.row) > width:
            reason = record.runs_over(_TOO_WIDE, values=len(record.row), columns=width)
        else:
            continue
        found[record.number] = OpenQuote(record.number, position, _hinted(reason))
    return found


def _refused(record: _Record, error: str, delimiter: str) -> OpenQuote:
    """A record the strict reader complained about."""
    position = None
    if error == "unexpected end of data":
        position = _last_value(record.opening, delimiter)
        never = N_("a quote opened {here} is never closed (line {line} ends the file)")
        reason = said(never, here=record.here, line=str(record.last))
    elif "expected after" not in error:
        reason = said(N_("not readable as CSV: {error}"), error=error)
    elif record.spans:
        position = _last_value(record.opening, delimiter)
        reason = record.runs_over(_CLOSED_LATER)
    else:
        reason = said(N_("text follows a closing quote in this row"))
    return OpenQuote(record.number, position, _hinted(reason))


def _hinted(reason: Reason) -> Reason:
    """The reason, and how to mend the quote."""
    return said(_HINTED, reason=reason, hint=said(_HINT))


def _holds_quote(path: Path) -> bool:
    with open(path, "rb") as raw:
        return any(b'"' in block for block in iter(lambda: raw.read(SCAN_BLOCK), b""))


def _records(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[_Record, str | None]]:
    """(record, None) for each record read strictly, or (record, the reader's complaint),
    after which the reader goes on from the next line, as a lenient reader would."""
    first: list[str] = []

    def lines(text: TextIO) -> Iterator[str]:
        for line in text:
            if not first:
                first.append(line)
            yield line

    last = 0
    with open(path, encoding=encoding, newline="") as text:
        reader = csv.reader(lines(text), delimiter=delimiter, strict=True)
        for number in itertools.count(1):
            try:
                row, error = next(reader), None
            except StopIteration:
                return
            except csv.Error as complaint:
                row, error = [], str(complaint)
            yield _Record(number, last + 1, reader.line_num, row, "".join(first)), error
            if error == "unexpected end of data":
                return
            last = reader.line_num
            first.clear()


def _last_value(line: str, delimiter: str) -> int:
    """Which value of a line of text a quote left open at its end sits in."""
    return len(next(csv.reader(io.StringIO(line), delimiter=delimiter), [""])) - 1


def _holds_rows(value: str, width: int, delimiter: str) -> bool:
    """Whether a line inside the value (after its first) has as many separators as a row."""
    return width > 1 and any(line.count(delimiter) >= width - 1 for line in value.splitlines()[1:])

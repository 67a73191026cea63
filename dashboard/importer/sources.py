"""Where import rows come from: a folder of CSV files, or XLSX workbooks, read in chunks.

CSV files are UTF-8 (a BOM is fine). Excel's plain "CSV" is Windows-1252: such
a file is recognised by a full scan before reading (one invalid UTF-8 byte
anywhere decides) and decoded as Windows-1252, never half one and half the
other; a file mixing both, or holding bytes that are neither, is refused.
Rows stream in chunks, so a file of ten million rows needs no more memory
than one of a million. Rows a quote left open would merge are found first
(see `quotes`) and never read as rows.
"""

import codecs
import csv
import difflib
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property
from pathlib import Path

import numpy as np

from dashboard.importer.columns import BY_NAME, FileSpec
from dashboard.importer.quotes import OpenQuote, open_quotes
from dashboard.importer.report import ERROR, NOTE, WARNING, Reason, Report, said
from dashboard.printable import printable
from dashboard.vocabulary.language import N_

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SCAN_BLOCK = 1 << 20
CHUNK_ROWS = 100_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK\x03\x04"
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

SEPARATED = {  # separators other than commas, and the note saying the file uses one
    ";": N_("columns are separated by semicolons; read them so"),
    "\t": N_("columns are separated by tabs; read them so"),
}

csv.field_size_limit(1 << 24)


class NoSuchPath(FileNotFoundError):
    """The import path does not exist, or cannot be looked at (a name too long)."""


class Unreadable(ValueError):
    """A file that cannot be read as the table it claims to be."""

    def __init__(self, line: int, reason: Reason):
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass
class Chunk:
    """Consecutive data rows and their line numbers; `done` is how far the read has got."""

    lines: np.ndarray
    rows: list[list[str]]
    done: int = 0


@dataclass
class Source:
    """One import file: a CSV file, or one sheet of a workbook."""

    spec: FileSpec
    label: str
    path: Path
    sheet: str | None = None
    encoding: str = "utf-8"
    delimiter: str = ","
    notes: list[Reason] = field(default_factory=list)

    @property
    def size(self) -> int:
        """The progress bar's total: bytes of a CSV file, rows of a sheet."""
        if self.sheet is None:
            return self.path.stat().st_size
        return _sheet_rows(self.path, self.sheet)

    @property
    def unit(self) -> str:
        return "B" if self.sheet is None else "row"

    @cached_property
    def open_quotes(self) -> dict[int, OpenQuote]:
        """Rows that a quote left open would merge, by line: reported, never read."""
        if self.sheet is not None:
            return {}
        return open_quotes(self.path, self.encoding, self.delimiter)

    def header(self) -> tuple[int, list[str]] | None:
        """The first non-blank row and its line, or None for an empty file."""
        for first, rows, _done in self._batches(100):
            for n, row in enumerate(rows):
                if any(row):
                    return first + n, row
        return None

    def chunks(self, size: int | None = None) -> Iterator[Chunk]:
        """The data rows after the header, `size` at a time, blank rows and rows with a
        quote left open left out.

        A row's line is its row number as a spreadsheet shows it (the header is 1).
        """
        after_header = False
        broken = self.open_quotes
        for first, rows, done in self._batches(size or CHUNK_ROWS):
            if after_header and not broken and all(map(any, rows)):
                yield Chunk(np.arange(first, first + len(rows)), rows, done)
                continue
            kept = [n for n, row in enumerate(rows) if any(row)]
            if not after_header and kept:
                kept, after_header = kept[1:], True
            kept = [n for n in kept if first + n not in broken]
            if kept:
                yield Chunk(first + np.array(kept), [rows[n] for n in kept], done)

    def _batches(self, size: int) -> Iterator[tuple[int, list[list[str]], int]]:
        """(line of the first row, up to `size` rows, progress so far), blank rows included."""
        if self.sheet is not None:
            yield from self._sheet_batches(size)
            return
        with open(self.path, "rb") as raw:
            text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
            reader = csv.reader(text, delimiter=self.delimiter)
            first = 1
            while True:
                try:
                    rows = list(itertools.islice(reader, size))
                except csv.Error as error:
                    reason = said(N_("not readable as CSV: {error}"), error=str(error))
                    raise Unreadable(reader.line_num, reason) from None
                if not rows:
                    return
                yield first, rows, raw.tell()
                first += len(rows)

    def _sheet_batches(self, size: int) -> Iterator[tuple[int, list[list[str]], int]]:
        from openpyxl import load_workbook

        book = load_workbook(self.path, read_only=True, data_only=True)
        try:
            cells = book[self.sheet].iter_rows(values_only=True)
            rows = ([cell_text(value) for value in values] for values in cells)
            first = 1
            while batch := list(itertools.islice(rows, size)):
                yield first, batch, first + len(batch) - 1
                first += len(batch)
        finally:
            book.close()


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV file would hold (dates ISO, 29.0 as 29)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def discover(path: Path, report: Report) -> dict[str, Source]:
    """The import files found at `path` (a folder, a CSV file or a workbook), by file name."""
    try:
        path.stat()
    except FileNotFoundError:
        raise NoSuchPath(f"{printable(str(path), 200)} does not exist") from None
    except OSError as error:
        raise NoSuchPath(f"{printable(str(path), 200)} cannot be read ({error.strerror})") from None
    candidates = sorted(_visible(path.iterdir())) if path.is_dir() else [path]
    found: dict[str, Source] = {}
    for candidate in candidates:
        if not candidate.is_file():
            _not_a_file(candidate, report)
            continue
        for source in _sources_in(candidate, report, given=not path.is_dir()):
            _keep(found, source, report)
    if not found and not report.blocking:
        names = ", ".join(spec.file_name for spec in BY_NAME.values())
        reason = said(N_("no import files found (expected any of {names})"), names=names)
        report.add(path.name, 0, "", None, reason)
    return found


def _visible(paths) -> Iterator[Path]:
    for path in paths:
        if not path.name.startswith((".", "~$")):
            yield path


def _not_a_file(path: Path, report: Report) -> None:
    """A folder (or a pipe, a device) in the import folder: an error when it is named
    like an import file, else a note; its contents are never read."""
    folder = path.is_dir()
    suffix = path.suffix.lower()
    named = suffix in WORKBOOK_SUFFIXES or (
        suffix == ".csv" and path.stem.strip().lower() in BY_NAME
    )
    if named:
        if folder:
            reason = said(N_("a folder, not a CSV file or an XLSX workbook"))
        else:
            reason = said(N_("not a regular file, not a CSV file or an XLSX workbook"))
        report.add(path.name, 0, "", None, reason)
    else:
        if folder:
            reason = said(N_("a folder: ignored (only the folder's own files are read)"))
        else:
            reason = said(N_("not a regular file: ignored (only the folder's own files are read)"))
        report.add(path.name, 0, "", None, reason, NOTE)


def _keep(found: dict[str, Source], source: Source, report: Report) -> None:
    earlier = found.get(source.spec.name)
    if earlier is not None:
        twice = N_("{name} given twice (also {other})")
        reason = said(twice, name=source.spec.name, other=earlier.label)
        report.add(source.label, 0, "", None, reason)
        return
    found[source.spec.name] = source
    for note in source.notes:
        report.add(source.label, 0, "", None, note, NOTE)


def _sources_in(path: Path, report: Report, given: bool) -> list[Source]:
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return _workbook(path, report)
    spec = BY_NAME.get(path.stem.strip().lower())
    if suffix == ".csv":
        if spec is None:
            report.add(path.name, 0, "", None, _unknown_name(path.stem), WARNING)
            return []
        return _csv(path, spec, report)
    if spec is not None or given:
        report.add(path.name, 0, "", None, said(N_("not a CSV file or an XLSX workbook")))
    else:
        report.add(path.name, 0, "", None, said(N_("not an import file: ignored")), NOTE)
    return []


def _unknown_name(stem: str) -> Reason:
    names = list(BY_NAME)
    close = difflib.get_close_matches(stem.lower(), names, n=1, cutoff=0.6)
    if close:
        hint = N_('not an import file name: ignored; did you mean "{name}.csv"?')
        return said(hint, name=close[0])
    expected = N_("not an import file name: ignored (expected {names})")
    return said(expected, names=", ".join(names))


def _csv(path: Path, spec: FileSpec, report: Report) -> list[Source]:
    try:
        encoding, notes = detect_encoding(path)
    except Unreadable as error:
        report.add(path.name, error.line, "", None, error.reason)
        return []
    source = Source(spec, path.name, path, encoding=encoding, notes=notes)
    header = _first_line(path, encoding)
    for delimiter, note in SEPARATED.items():
        if "," not in header and delimiter in header:
            source.delimiter = delimiter
            source.notes.append(said(note))
    return [source]


def _first_line(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as text:
        for line in text:
            if line.strip(" \r\n,;\t"):
                return line
    return ""


def detect_encoding(path: Path) -> tuple[str, list[Reason]]:
    """UTF-8 (BOM or not), else Windows-1252 when every byte is valid in it; else refused."""
    with open(path, "rb") as raw:
        head = raw.read(SCAN_BLOCK)
        _refuse_binary(head)
        bom = head.startswith(codecs.BOM_UTF8)
        raw.seek(0)
        if _decodes(raw, codecs.getincrementaldecoder("utf-8")()):
            return ("utf-8-sig" if bom else "utf-8"), []
        if bom:
            raise Unreadable(0, said(N_("marked as UTF-8 but holds bytes that are not UTF-8")))
        raw.seek(0)
        if _decodes(raw, codecs.getincrementaldecoder("cp1252")()):
            raw.seek(0)
            if _holds_utf8(raw):
                mixed = N_("mixes UTF-8 and Windows-1252 text: save it from Excel as 'CSV UTF-8'")
                raise Unreadable(0, said(mixed))
            return "cp1252", [said(N_("not UTF-8: read as Windows-1252 (Excel's plain CSV)"))]
    neither = N_("neither UTF-8 nor Windows-1252 text: save it from Excel as 'CSV UTF-8' and retry")
    raise Unreadable(0, said(neither))


def _refuse_binary(head: bytes) -> None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        utf16 = N_("UTF-16 text (Excel's 'Unicode Text'): save it as 'CSV UTF-8'")
        raise Unreadable(0, said(utf16))
    if head.startswith(_ZIP_MAGIC):
        zipped = N_("a zip file (an XLSX workbook?), not CSV: name a workbook .xlsx")
        raise Unreadable(0, said(zipped))
    if head.startswith(_OLE_MAGIC):
        xls = N_("an old Excel .xls workbook, not CSV: save it as .xlsx or 'CSV UTF-8'")
        raise Unreadable(0, said(xls))
    if b"\x00" in head:
        raise Unreadable(0, said(N_("binary data, not a CSV file")))


def _holds_utf8(raw: io.BufferedReader) -> bool:
    """Whether bytes that are not all UTF-8 still hold UTF-8 characters (read as
    Windows-1252 they would turn into "Ã©"-style garbage)."""
    tail = b""
    for block in iter(lambda: raw.read(SCAN_BLOCK), b""):
        if _UTF8_SEQUENCE.search(tail + block):
            return True
        tail = block[-3:]
    return False


def _decodes(raw: io.BufferedReader, decoder: codecs.IncrementalDecoder) -> bool:
    try:
        for block in iter(lambda: raw.read(SCAN_BLOCK), b""):
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _workbook(path: Path, report: Report) -> list[Source]:
    sheets = _sheet_names(path, report)
    sources = []
    for sheet in sheets:
        name = sheet.strip().lower().removesuffix(".csv").strip()
        label = f"{path.name}[{sheet}]"
        if name in BY_NAME:
            sources.append(Source(BY_NAME[name], label, path, sheet=sheet))
        else:
            ignored = said(N_("sheet is not an import file: ignored"))
            report.add(label, 0, "", None, ignored, NOTE)
    return sources


def _sheet_names(path: Path, report: Report) -> list[str]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        report.add(path.name, 0, "", None, not_a_workbook(error), ERROR)
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def not_a_workbook(error: Exception) -> Reason:
    """A workbook that cannot be opened, with the reader's complaint if it made one."""
    if str(error):
        return said(N_("not an XLSX workbook ({error})"), error=str(error))
    return said(N_("not an XLSX workbook"))


def _sheet_rows(path: Path, sheet: str) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return book[sheet].max_row or 0
    finally:
        book.close()

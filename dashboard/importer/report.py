"""The import's findings, each as `file:line: column: value: reason` (docs/import.md).

Errors block the import, warnings do not (unless `--strict`), notes only
inform. A file with millions of bad rows would drown the reader and the
memory, so each kind of problem keeps its first `SHOWN_PER_KIND` lines and
counts the rest, and each file shows at most `SHOWN_PER_FILE` of each
severity (a header of ten thousand unknown columns is ten thousand kinds).
File, column and value come from the files, so each is printed escaped and
cut short (see `dashboard.printable`).
"""

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dashboard.printable import printable

ERROR, WARNING, NOTE = "error", "warning", "note"
SHOWN_PER_KIND = 50
SHOWN_PER_FILE = 500
VALUE_WIDTH = 80
NAME_WIDTH = 80
REASON_WIDTH = 400


class ImportFailed(RuntimeError):
    """The write could not complete after the checks passed; nothing was written."""


@dataclass(frozen=True, order=True)
class Problem:
    """One finding; `line` is the row number counting the header as 1 (0: the file itself)."""

    file: str
    line: int
    column: str
    value: str | None
    reason: str
    severity: str = field(default=ERROR, compare=False)

    def __str__(self) -> str:
        file, column = shown_name(self.file), shown_name(self.column) or "-"
        return f"{file}:{self.line}: {column}: {shown(self.value)}: {shown_reason(self.reason)}"


def shown(value: str | None) -> str:
    """A value in double quotes, escaped and cut short; `-` when the problem has none."""
    if value is None:
        return "-"
    if len(value) > VALUE_WIDTH:
        value = value[: VALUE_WIDTH - 1] + "…"
    return printable(json.dumps(value, ensure_ascii=False))


def shown_name(text: str) -> str:
    """A file or column name as printed: escaped, cut short."""
    return printable(text, NAME_WIDTH)


def shown_reason(text: str) -> str:
    """A reason as printed (it may quote a file's name or a reader's complaint)."""
    return printable(text, REASON_WIDTH)


class Report:
    """Collects problems from every file; sorted and counted when shown."""

    def __init__(self, strict: bool = False):
        self.strict = strict
        self._kept: list[Problem] = []
        self._per_kind: Counter[tuple] = Counter()
        self._per_file: Counter[tuple[str, str]] = Counter()
        self._beyond: Counter[tuple[str, str]] = Counter()
        self.counts: Counter[str] = Counter()

    def add(
        self,
        file: str,
        line: int,
        column: str,
        value: str | None,
        reason: str,
        severity: str = ERROR,
    ) -> None:
        """Record one problem; beyond SHOWN_PER_KIND alike ones, or SHOWN_PER_FILE of the
        file, it is only counted."""
        if severity == WARNING and self.strict:
            severity = ERROR
        self.counts[severity] += 1
        group = (severity, file, column, reason)
        self._per_kind[group] += 1
        if self._per_kind[group] > SHOWN_PER_KIND:
            return
        if self._per_file[severity, file] >= SHOWN_PER_FILE:
            self._beyond[severity, file] += 1
            return
        self._per_file[severity, file] += 1
        self._kept.append(Problem(file, line, column, value, reason, severity))

    def add_rows(
        self,
        file: str,
        column: str,
        lines: Iterable[int],
        values: Iterable[str],
        reason: str,
        severity: str = ERROR,
    ) -> None:
        """The same problem on many rows (the attendance file's bulk checks)."""
        for line, value in zip(lines, values, strict=True):
            self.add(file, int(line), column, value, reason, severity)

    @property
    def blocking(self) -> bool:
        return self.counts[ERROR] > 0

    def problems(self, severity: str) -> list[Problem]:
        return sorted(p for p in self._kept if p.severity == severity)

    def hidden(self, severity: str) -> list[str]:
        """One line per kind of problem with more rows than were kept, and per file with
        more problems than were kept."""
        kinds = [
            f"{shown_name(file)}: {shown_name(column) or '-'}: {count - SHOWN_PER_KIND:,} more "
            f'like "{shown_reason(why)}" not shown'
            for (sev, file, column, why), count in sorted(self._per_kind.items())
            if sev == severity and count > SHOWN_PER_KIND
        ]
        files = [
            f"{shown_name(file)}: {count:,} more of other kinds not shown"
            for (sev, file), count in sorted(self._beyond.items())
            if sev == severity
        ]
        return kinds + files

    def text(self) -> str:
        """Errors, then warnings, then notes, each sorted, each with its count."""
        sections = []
        for severity, title in ((ERROR, "Errors"), (WARNING, "Warnings"), (NOTE, "Notes")):
            count = self.counts[severity]
            if not count:
                continue
            lines = [str(p) for p in self.problems(severity)] + self.hidden(severity)
            sections.append(f"{title} ({count:,}):\n" + "\n".join(f"  {line}" for line in lines))
        return "\n".join(sections)

    def summary(self) -> str:
        parts = [
            plural(self.counts[severity], severity)
            for severity in (ERROR, WARNING)
            if self.counts[severity] or severity == ERROR
        ]
        return ", ".join(parts)


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"

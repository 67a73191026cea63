"""The import's findings, each as `file:line: column: value: reason` (docs/import.md).

Errors block the import, warnings do not (unless `--strict`), notes only
inform. A file with millions of bad rows would drown the reader and the
memory, so each kind of problem keeps its first `SHOWN_PER_KIND` lines and
counts the rest, and each file shows at most `SHOWN_PER_FILE` of each
severity (a header of ten thousand unknown columns is ten thousand kinds).
File, column and value come from the files, so each is printed escaped and
cut short (see `dashboard.printable`).

Each reason is a `Reason`: its English text, which the command line prints, and its
message and values, which the import page says in its own language (`spoken`).
"""

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dashboard.numbers import indian
from dashboard.printable import printable
from dashboard.vocabulary.language import DEFAULT, N_, gettext, speaking

ERROR, WARNING, NOTE = "error", "warning", "note"
SHOWN_PER_KIND = 50
SHOWN_PER_FILE = 500
VALUE_WIDTH = 80
NAME_WIDTH = 80
REASON_WIDTH = 400
OTHER_KINDS = N_("{file}: {count} more of other kinds not shown")


class Reason(str):
    """Why a row, a value or a file was refused or warned about: the English text (what
    the command line prints, and what problems are grouped, sorted and counted by), with
    the message it was made from (`message`, marked for translation) and its values.

    A check's reasons are kept (an upload's check, staging.py) and shown later, by another
    request and maybe in another language: the uploader may switch the report's page to
    the other language, or download its CSV from it. So a reason is not translated when it
    is made, in the checker's language, but kept as message and values, and said in the
    language of the page that shows it (`spoken`), as every other word of that page is; a
    report never mixes two languages. Counts are written as the rest of the app writes
    them (`indian`), in the language spoken; a value that is itself a reason is said too.
    """

    message: str
    params: dict[str, Any]

    def __new__(cls, message: str, params: Mapping[str, Any]):
        english = _said(message, params, DEFAULT) if params else message
        reason = super().__new__(cls, english)
        reason.message, reason.params = message, dict(params)
        return reason

    def __reduce__(self):
        return Reason, (self.message, self.params)


def said(message: str, **params: Any) -> Reason:
    """The reason `message` (marked with N_ where written) with its named values: whole
    numbers are counts (written `indian`); give other numbers (lines, years) as text."""
    return Reason(message, params)


def spoken(reason: str) -> str:
    """A reason in the language spoken now (a plain text, as an old report kept it, as is)."""
    if not isinstance(reason, Reason):
        return reason
    try:
        return _said(reason.message, reason.params)
    except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
        return str(reason)


def _said(message: str, params: Mapping[str, Any], language: str | None = None) -> str:
    if language is not None:
        with speaking(language):
            return _said(message, params)
    words = {name: _value(value) for name, value in params.items()}
    return gettext(message).format(**words) if params else gettext(message)


def _value(value: Any) -> str:
    if isinstance(value, Reason):
        return shown_reason(spoken(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return indian(value)
    return str(value)


def stored(reason: str) -> str | dict[str, Any]:
    """A reason as JSON keeps it: its message and values (plain text stays text)."""
    if not isinstance(reason, Reason):
        return str(reason)
    params = {k: _stored(v) for k, v in reason.params.items()}
    return {"text": str(reason), "message": reason.message, "params": params}


def _stored(value: Any) -> Any:
    return stored(value) if isinstance(value, Reason) else value


def restored(kept: str | Mapping[str, Any]) -> str:
    """The reason `stored` kept, to be said again in any language (its English text when
    its message no longer takes those values: kept by an older version)."""
    if isinstance(kept, str):
        return kept
    params = {k: restored(v) if isinstance(v, dict) else v for k, v in kept["params"].items()}
    try:
        return Reason(kept["message"], params)
    except (KeyError, IndexError, ValueError):
        return kept["text"]


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

    def hidden(self, severity: str) -> list[Reason]:
        """One line per kind of problem with more rows than were kept, and per file with
        more problems than were kept."""
        kinds = [
            said(
                N_('{file}: {column}: {count} more like "{reason}" not shown'),
                file=shown_name(file),
                column=shown_name(column) or "-",
                count=count - SHOWN_PER_KIND,
                reason=why if isinstance(why, Reason) else shown_reason(why),
            )
            for (sev, file, column, why), count in sorted(self._per_kind.items())
            if sev == severity and count > SHOWN_PER_KIND
        ]
        files = [
            said(OTHER_KINDS, file=shown_name(file), count=n)
            for (sev, file), n in sorted(self._beyond.items())
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

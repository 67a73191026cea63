"""Uploaded import files, kept until they are imported or abandoned (issue #22).

Each upload lives in a private folder (mode 0700) under `staging_root()`, named by an
unguessable id and tied to the account that sent it. Beside the files, `upload.json`
records who sent them, the store's data version they were checked against, each file's
SHA-256, the check's report and the import's state. A confirmation imports exactly the
checked files: if the store or the files changed since, it asks for a new check. The
files are never served back; they are removed after the import, when abandoned, or
after `ABANDONED_AFTER_SECONDS` without a confirmation.

The check's reasons are kept as their message and values (`report.stored`), not as text
in the language the uploader spoke when the check ran: the report is read later, by other
requests, and its page can be switched to the other language (or its CSV downloaded from
it). Each request says them in its own language (`problems_spoken`, `hidden_spoken`), so a
report in Hindi has Hindi reasons and the same report in English English ones, never a
mix. Each problem keeps its English text too, as the command line prints it.
"""

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from dashboard import config
from dashboard.importer import ImportResult
from dashboard.importer.report import ERROR, NOTE, WARNING, restored, spoken, stored
from dashboard.vocabulary.language import _

SUFFIXES = (".csv", ".xlsx")
ABANDONED_AFTER_SECONDS = 6 * 3600
PROGRESS_SECONDS = 0.5
META = "upload.json"
LOCK = "import.lock"
FILES = "files"


class BadUpload(ValueError):
    """Files that cannot be checked at all (none, wrong kind, a workbook among others)."""


@dataclass
class Upload:
    """One upload: its files' digests, the check's findings, and the import's state."""

    id: str
    owner: int
    who: str
    version: int
    digests: dict[str, str]
    created: float = field(default_factory=time.time)
    state: str = "checking"  # checking, checked, importing, imported, failed
    progress: list = field(default_factory=list)  # [phase, done, total or None]
    saved_at: float = 0.0
    counts: dict[str, list[int]] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)  # reason: English; said: kept
    hidden: list[str | dict[str, Any]] = field(default_factory=list)  # as report.stored keeps
    errors: int = 0
    message: str = ""

    @property
    def folder(self) -> Path:
        return staging_root() / self.id

    @property
    def files(self) -> Path:
        return self.folder / FILES

    @property
    def importable(self) -> bool:
        return self.state == "checked" and self.errors == 0 and bool(self.counts)

    def heard(self, phase: str, done: int, total: int | None) -> None:
        """The importer's progress, kept for the page at most every PROGRESS_SECONDS."""
        self.progress = [phase, done, total]
        if done == 0 or time.monotonic() - self.saved_at >= PROGRESS_SECONDS:
            self.save()

    def save(self) -> None:
        self.saved_at = time.monotonic()
        path = self.folder / META
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(asdict(self)))
        partial.replace(path)

    def record(self, result: ImportResult) -> None:
        """Keep what the importer found, and what it would change (or changed)."""
        report = result.report
        self.errors = report.counts[ERROR]
        self.problems = [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "value": p.value,
                "reason": str(p.reason),
                "said": stored(p.reason),
                "severity": p.severity,
            }
            for severity in (ERROR, WARNING, NOTE)
            for p in report.problems(severity)
        ]
        self.hidden = [stored(line) for s in (ERROR, WARNING, NOTE) for line in report.hidden(s)]
        self.counts = {
            result.labels[name]: [c.inserted, c.updated, c.unchanged]
            for name, c in (result.counts or {}).items()
        }

    def problems_spoken(self, start: int = 0, stop: int | None = None) -> list[dict[str, Any]]:
        """The kept problems from `start` to `stop`, each reason in the language spoken."""
        return [
            {**p, "reason": spoken(restored(p.get("said", p["reason"])))}
            for p in self.problems[start:stop]
        ]

    def hidden_spoken(self) -> list[str]:
        """The lines counting the problems not kept, in the language spoken."""
        return [spoken(restored(line)) for line in self.hidden]

    def unchanged_files(self) -> bool:
        """True when the folder holds exactly the files that were checked."""
        return _digests(self.files) == self.digests

    def remove_files(self) -> None:
        shutil.rmtree(self.files, ignore_errors=True)


def staging_root() -> Path:
    """Where uploads wait (config.uploads_dir, else a private folder in the system's temp)."""
    root = config.uploads_dir() or Path(tempfile.gettempdir()) / "echo-uploads"
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def stage(files: list[FileStorage], owner: int, who: str, version: int) -> Upload:
    """Save the uploaded files in a new private folder (BadUpload if they cannot be an
    import: none, not CSV/XLSX, or a workbook with other files)."""
    named = [(secure_filename(f.filename or ""), f) for f in files if f and f.filename]
    if not named:
        raise BadUpload(_("choose CSV files or one XLSX workbook to upload"))
    for name, upload in named:
        if not name.lower().endswith(SUFFIXES):
            not_a_table = _("{name} is not a CSV file or an XLSX workbook")
            raise BadUpload(not_a_table.format(name=repr(upload.filename)))
    if len(named) > 1 and any(n.lower().endswith(".xlsx") for n, _ in named):
        raise BadUpload(_("upload one XLSX workbook alone, or CSV files only"))
    if len({n.lower() for n, _ in named}) != len(named):
        raise BadUpload(_("two files have the same name"))
    sweep()
    upload_id = secrets.token_urlsafe(24)
    folder = staging_root() / upload_id
    (folder / FILES).mkdir(mode=0o700, parents=True)
    for name, upload in named:
        upload.save(folder / FILES / name)
    staged = Upload(upload_id, owner, who, version, _digests(folder / FILES))
    staged.save()
    return staged


def import_lock(wait: bool = False) -> int | None:
    """A lock only one import or check holds at a time, across this machine's workers (a
    file descriptor to pass to `release`); without `wait`, None while another holds it."""
    handle = os.open(staging_root() / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        os.close(handle)
        return None
    return handle


def release(handle: int) -> None:
    os.close(handle)  # closing the descriptor releases its lock


def find(upload_id: str, owner: int) -> Upload | None:
    """The upload of that id if `owner` sent it (None for anyone else's, or none)."""
    if not upload_id or not all(c.isalnum() or c in "-_" for c in upload_id):
        return None
    try:
        upload = Upload(**json.loads((staging_root() / upload_id / META).read_text()))
    except (OSError, ValueError, TypeError):
        return None
    return upload if upload.owner == owner else None


def abandon(upload: Upload) -> None:
    shutil.rmtree(upload.folder, ignore_errors=True)


def sweep(now: float | None = None) -> None:
    """Remove the uploads left unconfirmed for longer than ABANDONED_AFTER_SECONDS."""
    limit = (now or time.time()) - ABANDONED_AFTER_SECONDS
    for folder in staging_root().iterdir():
        if folder.name == LOCK:
            continue
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def _digests(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.iterdir()):
        with path.open("rb") as file:
            found[path.name] = hashlib.file_digest(file, "sha256").hexdigest()
    return found

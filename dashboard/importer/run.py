"""An import from start to end: find the files, check them all, then write them in one go.

Nothing is written unless every file passes; then one transaction writes them
all (or, for a dry run, writes them and rolls back, so the counts are exact).
"""

import gc
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tqdm import tqdm

from dashboard.importer.attendance import AttendanceFile, check_attendance
from dashboard.importer.context import Context
from dashboard.importer.diff import Counts, change
from dashboard.importer.report import Report, shown_name
from dashboard.importer.resolve import StoreState
from dashboard.importer.scope import check_scope
from dashboard.importer.sources import Source, Unreadable, discover, not_a_workbook
from dashboard.importer.validate import check_file
from dashboard.importer.write import write
from dashboard.queries import lookups
from dashboard.store.database import Store
from dashboard.vocabulary.language import _
from dashboard.vocabulary.scope import INDIA, Scope

Progress = Callable[[str, int, int | None], None]  # (phase, done, total or None)
ENTITY_FILES = ("partners", "hubs", "programs", "sessions", "participants")


@dataclass
class ImportResult:
    """The report, and per file what changed (None when the import was refused)."""

    report: Report
    counts: dict[str, Counts] | None
    labels: dict[str, str]
    dry_run: bool
    data_as_of: date | None = None

    @property
    def refused(self) -> bool:
        return self.counts is None

    def text(self) -> str:
        found = self.report.text()
        parts = [found] if found else []
        if self.refused:
            parts.append(f"Import refused: {self.report.summary()}; nothing was written.")
            return "\n".join(parts)
        title = "Dry run, nothing was written; importing would give" if self.dry_run else "Imported"
        labels = {name: shown_name(label) for name, label in self.labels.items()}
        width = max(len(label) for label in labels.values())
        rows = [
            f"  {labels[name]:<{width}}  {counts.text()}" for name, counts in self.counts.items()
        ]
        parts.append(f"{title}:\n" + "\n".join(rows))
        if not self.dry_run:
            parts.append(f"Data as of {self.data_as_of or '-'}; the dashboard shows it now.")
        return "\n".join(parts)


def import_path(
    store: Store,
    path: Path,
    *,
    dry_run: bool = False,
    strict: bool = False,
    progress: bool = False,
    today: date | None = None,
    within: Scope = INDIA,
    on_progress: Progress | None = None,
) -> ImportResult:
    """Check every file at `path`; if all pass, write them (or, for a dry run, count them).
    Rows outside `within` (a data manager's scope) are errors (dashboard.importer.scope);
    `on_progress(phase, done, total)` hears how far each phase has come (the import page,
    in the language spoken: a phase is shown while it lasts, never kept).

    The report's reasons are `Reason`s (report.py): English where printed as text, said
    in any language by `spoken`."""
    from dashboard.clock import today_in_india

    report = Report(strict)
    sources = discover(Path(path), report)
    ctx = Context(StoreState(store), report, today or today_in_india())
    labels = {name: source.label for name, source in sources.items()}
    with _progress(progress, on_progress) as phase, _fewer_collections():
        attendance = _check(sources, ctx, phase)
        if not report.blocking:
            check_scope(ctx, within, attendance)
        if report.blocking:
            return ImportResult(report, None, labels, dry_run)
        changes = {name: change(checked, ctx.state) for name, checked in ctx.checked.items()}
        ctx.release()
        advance = _writing_phase(phase, attendance)
        counts = write(store, changes, attendance, ctx, not dry_run, advance)
    return ImportResult(report, counts, labels, dry_run, lookups.data_as_of(store))


def _check(sources: dict[str, Source], ctx: Context, phase) -> AttendanceFile | None:
    for name in ENTITY_FILES:
        if name in sources:
            phase(_("checking {file}").format(file=shown_name(sources[name].label)), None)
            checked = _readable(sources[name], ctx.report, lambda s: check_file(s, ctx))
            if checked is not None:
                ctx.checked[name] = checked
    if "attendance" not in sources:
        return None
    source = sources["attendance"]
    checking = _("checking {file}").format(file=shown_name(source.label))
    advance = phase(checking, source.size, source.unit)
    return _readable(source, ctx.report, lambda s: check_attendance(s, ctx, advance))


def _readable(source: Source, report: Report, check: Callable):
    """Run a file's check, turning a file that breaks mid-way into an error of the report."""
    try:
        return check(source)
    except Unreadable as error:
        report.add(source.label, error.line, "", None, error.reason)
    except zipfile.BadZipFile as error:
        report.add(source.label, 0, "", None, not_a_workbook(error))
    return None


def _writing_phase(phase, attendance: AttendanceFile | None) -> Callable[[int], None]:
    if attendance is None:
        return phase(_("writing"), None)
    source = attendance.source
    writing = _("writing {file}").format(file=shown_name(source.label))
    return phase(writing, source.size, source.unit)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Millions of short-lived row lists would trigger the cycle collector thousands of
    times over the long-lived code maps (a third of the import's time); nothing here
    makes cycles, so collect rarely while importing."""
    before = gc.get_threshold()
    gc.set_threshold(200_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def _progress(enabled: bool, heard: Progress | None = None) -> Iterator[Callable]:
    """`phase(description, total)` starts a new bar and returns its `advance(n)`; each
    step is told to `heard` too."""
    bars: list[tqdm] = []

    def phase(description: str, total: int | None, unit: str = "it") -> Callable[[int], None]:
        if bars:
            bars.pop().close()
        bar = tqdm(
            total=total,
            desc=description,
            disable=not enabled,
            file=sys.stderr,
            unit=unit,
            unit_scale=True,
            leave=False,
            delay=1.0,
        )
        bars.append(bar)
        if heard is None:
            return bar.update
        heard(description, 0, total)
        done = [0]  # a disabled bar does not count

        def advance(n: int) -> None:
            bar.update(n)
            done[0] += n
            heard(description, done[0], total)

        return advance

    try:
        yield phase
    finally:
        for bar in bars:
            bar.close()

"""The attendance file: checked, then mapped to ids, a chunk at a time.

It is the one file that grows into millions of rows, so it is never held
whole: the checks stream it once (codes looked up in sets of the store's and
this import's codes), and the write streams it again, turning codes into ids
with dict lookups.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.importer.context import Context
from dashboard.importer.privacy import PARTICIPANT, personal_value
from dashboard.importer.report import WARNING, ImportFailed, Report
from dashboard.importer.sources import Source
from dashboard.importer.table import NO_ROWS, Block, Header, read_header
from dashboard.importer.validate import participant_codes
from dashboard.vocabulary.language import _


@dataclass
class AttendanceFile:
    """An attendance file that passed its checks: where it is and how to read it."""

    source: Source
    header: Header
    rows: int


def check_attendance(source: Source, ctx: Context, advance) -> AttendanceFile | None:
    """Check every row; `advance(n)` moves a progress bar. A file lacking a required
    column has its rows checked for the other one, and gives none to write."""
    header = read_header(source, ctx.report)
    if header is None:
        return None
    sessions, participants = ctx.known("sessions"), ctx.known("participants")
    rows, done = 0, 0
    for chunk in source.chunks():
        block = Block(source, header, chunk, ctx.report)
        session_codes, participant_codes_ = _codes(block, header, ctx)
        _sessions_known(block, session_codes, sessions, ctx.unknown_reason("sessions"))
        _participants_known(block, participant_codes_, participants, ctx)
        rows += int((~block.bad).sum())
        advance(chunk.done - done)
        done = chunk.done
    if rows == 0 and not ctx.report.blocking:
        ctx.report.add(source.label, 0, "", None, NO_ROWS, WARNING)
    return AttendanceFile(source, header, rows) if header.usable else None


def _codes(block: Block, header: Header, ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """Session and participant codes; only their presence is checked here, then membership."""
    return block.require("session_code"), participant_codes(block, header, ctx, full=False)


def _unknown(codes: np.ndarray, known: set[str]) -> np.ndarray:
    return np.fromiter((bool(c) and c not in known for c in codes.tolist()), bool, len(codes))


def _sessions_known(block: Block, codes: np.ndarray, known: set[str], reason: str) -> None:
    """Unknown codes are errors; one that looks like personal data is not repeated."""
    for n in np.flatnonzero(_unknown(codes, known)):
        personal = personal_value(codes[n], "session_code")
        block.problem(n, "session_code", None if personal else codes[n], personal or reason)


def _participants_known(block: Block, codes: np.ndarray, known: set[str], ctx: Context) -> None:
    """Unknown codes are errors; one that looks like personal data is not repeated.

    Known codes are not looked at again: each passed these checks when its own file
    was imported, and the attendance file stores no text of its own.
    """
    given = block.get(PARTICIPANT)
    for n in np.flatnonzero(_unknown(codes, known)):
        if not given[n]:
            block.problem(n, "email", None, ctx.unknown_reason("participants"))
        elif reason := personal_value(given[n], PARTICIPANT):
            block.problem(n, PARTICIPANT, None, reason)
        else:
            block.problem(n, PARTICIPANT, given[n], ctx.unknown_reason("participants"))


def id_chunks(
    found: AttendanceFile,
    ctx: Context,
    session_ids: dict[str, int],
    participant_ids: dict[str, int],
) -> Iterator[tuple[pd.DataFrame, int]]:
    """(session_id, participant_id) frames, each with how far the file has been read."""
    scratch = Report()
    for chunk in found.source.chunks():
        block = Block(found.source, found.header, chunk, scratch)
        sessions, participants = _codes(block, found.header, ctx)
        frame = pd.DataFrame(
            {
                "session_id": _ids(sessions, session_ids),
                "participant_id": _ids(participants, participant_ids),
            }
        )
        if scratch.blocking or (frame < 0).any(axis=None):
            changed = _("{file} changed, or the store did, while it was imported: retry")
            raise ImportFailed(changed.format(file=found.source.label))
        yield frame, chunk.done


def _ids(codes: np.ndarray, ids: dict[str, int]) -> np.ndarray:
    return np.fromiter((ids.get(c, -1) for c in codes.tolist()), np.int64, len(codes))

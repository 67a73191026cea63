"""What a data manager may write: the hubs, programmes, sessions and attendances of their
own partners and/or states (issue #22); partners stay the administrators'.

A hub is within the scope when its host partner is one of the scope's partners and its
district lies in one of the scope's states (each only when the scope names some). A
programme is within it through its hub, a session through its programme, an attendance
through its session. A row is checked as the file gives it and, when it changes a row
of the store, as the store holds it: no one moves another partner's hub into their own.
Every row outside is an error naming its line, so the import is refused whole.
"""

from collections.abc import Callable

import numpy as np

from dashboard.importer.attendance import AttendanceFile
from dashboard.importer.context import Context
from dashboard.importer.report import said
from dashboard.importer.table import Block
from dashboard.vocabulary.language import N_
from dashboard.vocabulary.scope import Scope

ADMIN_ONLY = ("partners",)
PARENTS = {"hubs": None, "programs": ("hubs", "hub_code"), "sessions": ("programs", "program_code")}
OUTSIDE = {  # a row of that file outside the data manager's scope
    "hubs": N_("hub {code} is outside your scope ({scope})"),
    "programs": N_("program {code} is outside your scope ({scope})"),
    "sessions": N_("session {code} is outside your scope ({scope})"),
}


def check_scope(ctx: Context, scope: Scope, attendance: AttendanceFile | None) -> None:
    """Report every row of the checked files that lies outside `scope` (all of India: none)."""
    if scope.india:
        return
    for name in ADMIN_ONLY:
        if name in ctx.checked:
            label = ctx.checked[name].label
            reason = said(N_("only administrators import {name}"), name=name)
            ctx.report.add(label, 0, "", None, reason)
    within: dict[str, set[str]] = {}
    for name in PARENTS:
        within[name] = _entities_within(ctx, scope, name, within)
    if attendance is not None:
        _attendance_within(ctx, attendance, within["sessions"])


def _entities_within(ctx: Context, scope: Scope, name: str, within: dict) -> set[str]:
    """The codes of `name` within the scope (the store's rows, then the file's), reporting
    the file's rows that are not."""
    inside = _owner_test(ctx, scope, name, within)
    stored = ctx.state.rows(name)
    key = stored.columns[0]
    in_store = set(stored[key])
    codes = {getattr(row, key) for row in stored.itertuples() if inside(row)}
    checked = ctx.checked.get(name)
    if checked is None:
        return codes
    for row in checked.frame.itertuples():
        code = getattr(row, key)
        if inside(row) and (code in codes or code not in in_store):
            codes.add(code)
            continue
        column, value = _why_column(name, row)
        reason = said(OUTSIDE[name], code=code, scope=scope.key())
        ctx.report.add(checked.label, row.line, column, value, reason)
    return codes


def _owner_test(ctx: Context, scope: Scope, name: str, within: dict) -> Callable:
    if PARENTS[name] is not None:
        parent, column = PARENTS[name]
        return lambda row: getattr(row, column) in within[parent]
    states = ctx.state.district_states

    def hub_inside(row) -> bool:
        partner_ok = not scope.partners or row.host_partner_code in scope.partners
        state_ok = not scope.states or states.get(row.district_code) in scope.states
        return partner_ok and state_ok

    return hub_inside


def _why_column(name: str, row) -> tuple[str, str]:
    if PARENTS[name] is None:
        return "host_partner_code", row.host_partner_code
    column = PARENTS[name][1]
    return column, getattr(row, column)


def _attendance_within(ctx: Context, found: AttendanceFile, sessions: set[str]) -> None:
    """Stream the attendance file once more: each row's session must be within."""
    reason = said(N_("the session is outside your scope"))
    for chunk in found.source.chunks():
        block = Block(found.source, found.header, chunk, ctx.report)
        codes = block.get("session_code")
        outside = np.fromiter((c not in sessions for c in codes.tolist()), bool, len(codes))
        for n in np.flatnonzero(outside):
            block.problem(n, "session_code", codes[n], reason)

"""Writing the audit log from a request (the store keeps it: store/accounts.py).

Every row names who, what and from which address; a download names the view and the
filters of the link it was made from, and the scope it was cut to. A row that cannot be
written makes the request fail (503): nothing audited goes unrecorded.
"""

from flask import has_request_context, request

from dashboard.access.current import current_scope, current_who
from dashboard.service import dashboard_data
from dashboard.store import accounts


def audit(action: str, detail: str = "", who: str | None = None) -> None:
    """One row for the request being answered, in the store the web server reads."""
    ip = request.remote_addr or "" if has_request_context() else ""
    accounts.record(dashboard_data().store, who or current_who(), action, detail, ip)


def downloaded(view: str, filters: str) -> None:
    """A CSV was handed out: which view, which filters (the link's query), which scope."""
    shown = filters.lstrip("?") or "(none)"
    audit("download", f"view={view}; filters={shown}; scope={current_scope().key()}")

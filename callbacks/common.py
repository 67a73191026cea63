"""What every dashboard callback shares: reading the view from the URL, and the data."""

from collections.abc import Callable
from functools import wraps
from typing import Any

import plotly.graph_objects as go

from dashboard.service import DashboardData, dashboard_data
from dashboard.viewstate import ViewState, from_query

UNAVAILABLE = "unavailable"


def view_of(search: str | None) -> ViewState:
    """The view the URL describes (raises BadFilter for a malformed link)."""
    return from_query(search)


def data() -> DashboardData:
    return dashboard_data()


def remembered(render: Callable) -> Callable:
    """Cache a renderer's whole answer per URL and data version (for every worker, with
    Redis): a view someone has seen is sent again without building its figures."""

    @wraps(render)
    def answer(*args: Any) -> Any:
        key = (render.__module__, render.__qualname__, args)
        return data().remembered(key, lambda: _plain(render(*args)))

    return answer


def _plain(value: Any) -> Any:
    """Figures as plain dicts: cheaper to cache and to send again."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, go.Figure):
        return value.to_plotly_json()
    return value

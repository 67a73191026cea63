"""What every dashboard callback shares: reading the view from the URL, and the data."""

from dashboard.service import DashboardData, dashboard_data
from dashboard.viewstate import ViewState, from_query

UNAVAILABLE = "unavailable"


def view_of(search: str | None) -> ViewState:
    """The view the URL describes (raises BadFilter for a malformed link)."""
    return from_query(search)


def data() -> DashboardData:
    return dashboard_data()

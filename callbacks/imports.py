"""The header's "Import data" link: shown only to those who may import (data managers
and admins); the page itself refuses everyone else (dashboard/access/imports.py)."""

from dash import Input, Output, callback

from dashboard.access.current import may_import
from layouts import ids


@callback(Output(ids.IMPORT_LINK, "hidden"), Input(ids.URL, "pathname"))
def hide_import_link(_pathname: str | None) -> bool:
    return not may_import()

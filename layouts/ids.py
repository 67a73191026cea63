"""Every component id of the pages, defined once: layouts give them, callbacks address them.

The dashboard's ids begin `dashboard-`, the live screen's `live-`. They are the page's
public names: the request log names a callback by its first output's id, and the
benchmark's client, which speaks Dash's protocol from outside, addresses outputs by them.
"""

# --- The shell: the URL's path chooses the page ---------------------------------------------

PAGE_URL = "page-url"
PAGE_CONTENT = "page-content"
PAGE_SHOWN = "page-shown"  # the path whose page PAGE_CONTENT holds
LANGUAGE_SWITCH = "page-language"  # English / हिन्दी, on every page
MAIN = "page-main"  # the skip link's target: the page's main content
PAGE_AS_OF = "page-data-as-of"  # "last updated" in every page's footer (GIGW)

# --- The dashboard ----------------------------------------------------------------------------

URL = "dashboard-url"
HEARTBEAT = "dashboard-heartbeat"
VERSION = "dashboard-version"
DOWNLOAD_FILE = "dashboard-download-file"
SIGN_OUT = "dashboard-sign-out"  # a link to /logout (dashboard/access/web.py)
IMPORT_LINK = "dashboard-import-link"  # to /import, shown to data managers and admins
BRIEF_DOWNLOAD = "dashboard-brief-download"  # the brief (PDF) of the view
DATA_AS_OF = "dashboard-data-as-of"
BANNER = "dashboard-banner"

# the filter bar
PRESET = "dashboard-preset"
DATES = "dashboard-dates"
CLEAR = "dashboard-clear"
# on a phone the filter bar is a drawer, opened by a button that counts the filters on
FILTER_DRAWER = "dashboard-filter-drawer"
FILTERS_OPEN = "dashboard-filters-open"
FILTERS_CLOSE = "dashboard-filters-close"
PHONE_BAR = "dashboard-phone-bar"  # the phone's sticky bar: filters, where, reset
PHONE_BREADCRUMB = "dashboard-phone-breadcrumb"


def filter_list(name: str) -> str:
    """A filter's list in the filter bar (`state`, `partner`, `disease`, `sector`, `cadre`)."""
    return f"dashboard-{name}"


# the KPI tiles
def kpi(metric: str) -> str:
    return f"dashboard-kpi-{metric}"


def kpi_change(metric: str) -> str:
    return f"dashboard-kpi-{metric}-change"


# the map and its panel
MAP = "dashboard-map"
MAP_METRIC = "dashboard-map-metric"
WHITE_SPOTS = "dashboard-white-spots"
WHITE_SPOT_COUNT = "dashboard-white-spot-count"
MAP_STATE = "dashboard-map-state"  # the list of every state and UT beside the map
NEVER_REACHED = "dashboard-never-reached"  # the never-reached districts, by state
HUB_REACH = "dashboard-hub-reach"
REACH_LIMITED = "dashboard-reach-limited"  # a hub view narrowed by a state or district
WHOLE_REACH = "dashboard-whole-reach"
BREADCRUMB = "dashboard-breadcrumb"
RESET = "dashboard-reset"
PANEL = "dashboard-panel"

# the tabs
TABS = "dashboard-tabs"


def chart_text(chart: str) -> str:
    """A chart's text alternative beside it, for screen readers (figures.alternative)."""
    return f"{chart}-text"


def tab(key: str) -> str:
    """A tab's item in the tab bar (assets/repair.js names its link after it)."""
    return f"dashboard-tab-{key}"


DISEASES = "dashboard-diseases"
MATRIX = "dashboard-matrix"
MATRIX_NOTE = "dashboard-matrix-note"
TREND = "dashboard-trend"
SPLIT = "dashboard-split"
FY = "dashboard-fy"
MONTH_SESSIONS = "dashboard-month-sessions"
MONTH_GRID = "dashboard-month-grid"
MONTH_TITLE = "dashboard-month-title"
PARTNER_PICK = "dashboard-partner-pick"
PARTNER_VIEW = "dashboard-partner-view"
PARTNER_NAME = "dashboard-partner-name"
PARTNER_FACTS = "dashboard-partner-facts"
PROGRAMMES_TAB = "dashboard-programmes-tab"  # filled when the tab is first opened
GRID = "dashboard-grid"  # the programme table
GRID_SEARCH = "dashboard-grid-search"
GRID_QUERY = "dashboard-grid-query"  # the query the grid's pages are cut for
GRID_DOWNLOAD = "dashboard-grid-download"  # the table's CSV: the rows it shows
ATTENTION = "dashboard-attention"  # what needs attention, by rule

# a panel's "and N more": one pattern, told apart by where the list is and which it is
MORE = "dashboard-more"


def more(place: str, listed: str) -> dict[str, str]:
    return {"type": MORE, "in": place, "list": listed}


# every chart's CSV link: one pattern, told apart by the chart
DOWNLOAD = "dashboard-download"


def download(chart: str) -> dict[str, str]:
    return {"type": DOWNLOAD, "view": chart}


# --- The live screen ------------------------------------------------------------------------

LIVE_SCREEN = "live-screen"
LIVE_URL = "live-url"
LIVE_REFRESH = "live-refresh"
LIVE_TICK = "live-tick"
LIVE_CONFIG = "live-config"
LIVE_STATE = "live-state"
LIVE_KEYS = "live-keys"
LIVE_SHOWN = "live-shown"
LIVE_SCOPE = "live-scope"
LIVE_STALE = "live-stale"
LIVE_AS_OF = "live-as-of"
LIVE_CLOCK = "live-clock"
LIVE_STATUS = "live-status"


def live_kpi(metric: str) -> str:
    return f"live-kpi-{metric}"


def live_panel(key: str) -> str:
    """A rotating panel (its title and body), shown or hidden by the browser."""
    return f"live-panel-{key}"


def live_content(key: str) -> str:
    """What a panel shows: a figure, or the latest sessions' table."""
    return f"live-{key}"

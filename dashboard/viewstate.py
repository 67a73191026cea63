"""The dashboard's whole view as data: filters, drill level, chosen metric, tab and options.

It lives in the page URL's query string, so a copied link reproduces the view and
the browser's back and forward buttons step through drill-downs. Every change a
user makes is a pure function from one `ViewState` to the next.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from urllib.parse import parse_qs, urlencode

from dateutil.relativedelta import relativedelta

from dashboard.periods import fy_days, fy_year
from dashboard.vocabulary.filters import EARLIEST_DATE, LATEST_DATE, Filters, parse_filters
from dashboard.vocabulary.language import DEFAULT, current, language_of
from dashboard.vocabulary.metrics import SHADED
from dashboard.vocabulary.periods import SPLITS

TABS = ("coverage", "trends", "partner", "programmes", "attention")
TREND_SPLITS = ("none", *SPLITS)
PRESETS = ("3m", "6m", "12m", "fy", "last-fy", "all")
VIEW_PARAMETERS = ("metric", "tab", "split", "white", "month", "lang")


@dataclass(frozen=True)
class ViewState:
    filters: Filters = field(default_factory=Filters)
    metric: str = "attendances"
    tab: str = "coverage"
    split: str = "none"
    white_spots_only: bool = False
    month: int | None = None  # YYYYMM chosen on the trend chart
    lang: str = DEFAULT  # the interface's language: a shared link keeps it

    @property
    def level(self) -> str:
        """Where the user has drilled to: india, state, district or hub."""
        if self.filters.hub:
            return "hub"
        if self.filters.district:
            return "district"
        if self.filters.state:
            return "state"
        return "india"

    def to_query(self) -> str:
        params = self.filters.to_params()
        defaults = ViewState()
        for name, value, default in (
            ("metric", self.metric, defaults.metric),
            ("tab", self.tab, defaults.tab),
            ("split", self.split, defaults.split),
            ("lang", self.lang, defaults.lang),
        ):
            if value != default:
                params[name] = [value]
        if self.white_spots_only:
            params["white"] = ["1"]
        if self.month:
            params["month"] = [str(self.month)]
        return "?" + urlencode(params, doseq=True) if params else ""


def from_query(search: str | None) -> ViewState:
    """Read a view from a query string; values that make no sense fall back to defaults.

    Raises `BadFilter` for a malformed filter, so the page can say what is wrong.
    """
    params = parse_qs((search or "").lstrip("?"))
    view_params = {k: params.pop(k)[0] for k in VIEW_PARAMETERS if k in params}
    filters = parse_filters(params)
    return ViewState(
        filters=filters,
        metric=_one_of(view_params.get("metric"), SHADED),
        tab=_one_of(view_params.get("tab"), TABS),
        split=_one_of(view_params.get("split"), TREND_SPLITS),
        white_spots_only=view_params.get("white") == "1",
        month=month_of(view_params.get("month", "")),
        lang=language_of(view_params.get("lang")),
    )


def page_link(path: str) -> str:
    """A link to one of the app's pages (`/`, `/live`) in the language being spoken."""
    language = current()
    return path if language == DEFAULT else f"{path}?{urlencode({'lang': language})}"


def month_of(raw: str) -> int | None:
    """YYYYMM of a real month within the dates a filter may name; else none chosen."""
    if not re.fullmatch(r"[0-9]{6}", raw, re.ASCII):
        return None
    year, month = divmod(int(raw), 100)
    if not (1 <= month <= 12 and EARLIEST_DATE.year <= year <= LATEST_DATE.year):
        return None
    return int(raw)


def _one_of(value: str | None, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else allowed[0]


def drill_to_state(view: ViewState, state_code: int) -> ViewState:
    """One state's districts and hubs; "only districts never reached" stays as it was."""
    filters = view.filters.replace(state=(state_code,), district=(), hub=(), program=())
    return replace(view, filters=filters)


def drill_to_district(view: ViewState, district_code: str) -> ViewState:
    filters = view.filters.replace(district=(district_code,), hub=())
    return replace(view, filters=filters)


def select_hub(view: ViewState, hub_code: str) -> ViewState:
    """A hub's whole reach: its spokes run wherever its participants live, so the places
    drilled into (a state, a district) are let go; the other filters stay."""
    return replace(view, filters=view.filters.replace(hub=(hub_code,), state=(), district=()))


def up_to(view: ViewState, level: str) -> ViewState:
    """Back up the breadcrumb to `india` or `state`, keeping the other filters."""
    if level == "india":
        filters = view.filters.replace(state=(), district=(), hub=(), program=())
    else:
        filters = view.filters.replace(district=(), hub=(), program=())
    return replace(view, filters=filters)


def date_preset(preset: str, today: date) -> tuple[date | None, date | None]:
    """From and to dates of a preset: last 3/6/12 months, this or last April-March FY, all time."""
    if preset in ("3m", "6m", "12m"):
        months = int(preset[:-1])
        return today - relativedelta(months=months) + timedelta(days=1), today
    year = fy_year(today)
    if preset == "fy":
        return fy_days(year)[0], today
    if preset == "last-fy":
        return fy_days(year - 1)
    return None, None


def matching_preset(filters: Filters, today: date) -> str | None:
    """The preset whose dates the filters carry, to show it as chosen."""
    for preset in PRESETS:
        if date_preset(preset, today) == (filters.date_from, filters.date_to):
            return preset
    return None

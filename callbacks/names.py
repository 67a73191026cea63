"""Codes turned into the names the page shows: the one way every callback names them."""

from callbacks.common import data
from dashboard.service import DashboardData
from dashboard.vocabulary.filters import Filters

# filter: (question, code column, name column), each asked of the whole store. States and
# districts are listed whether reached or not, partners by the filter's own list (which
# holds every partner); hubs and programmes are those with attendances.
NAMED = {
    "state": (DashboardData.states, "state_code", "state"),
    "district": (DashboardData.districts, "district_code", "district"),
    "partner": (DashboardData.options, "value", "label"),
    "hub": (DashboardData.hubs, "hub_code", "name"),
    "program": (DashboardData.programs, "program_code", "name"),
}


def names(key: str, codes) -> list[str]:
    """The names of a filter's `codes`, in their order. Disease areas, sectors and cadres
    are their own names; a code the store cannot name stays as it is."""
    if key not in NAMED:
        return [str(code) for code in codes]
    known = named(key)
    return [known.get(str(code), str(code)) for code in codes]


def named(key: str) -> dict[str, str]:
    """Every code of the filter `key` the store can name, as text, with its name."""
    question, code, name = NAMED[key]
    frame = question(data(), Filters())
    if question is DashboardData.options:
        frame = frame[key]
    return dict(zip(frame[code].astype(str), frame[name].astype(str), strict=True))

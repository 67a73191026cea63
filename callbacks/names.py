"""Codes turned into the names the page shows: the one way every callback names them."""

from callbacks.common import data
from dashboard.vocabulary.filters import Filters

# filter: (ScopedData's question, code column, name column), each asked of all the scope
# sees. States and districts are listed whether reached or not (a state scope's own),
# partners by the filter's own list (every partner; a partner scope's own); hubs and
# programmes are those with attendances in the scope.
NAMED = {
    "state": ("states", "state_code", "state"),
    "district": ("districts", "district_code", "district"),
    "partner": ("options", "value", "label"),
    "hub": ("hubs", "hub_code", "name"),
    "program": ("programs", "program_code", "name"),
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
    frame = getattr(data(), question)(Filters())  # in the language spoken (common.data)
    if question == "options":
        frame = frame[key]
    return dict(zip(frame[code].astype(str), frame[name].astype(str), strict=True))

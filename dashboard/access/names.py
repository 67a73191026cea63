"""Codes turned into the names the page shows, as one scope may see them: the one way the
page's callbacks and the printed brief name states, districts, partners, hubs and
programmes."""

from dashboard.access.scoped import ScopedData
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


def names(data: ScopedData, key: str, codes) -> list[str]:
    """The names of a filter's `codes`, in their order. Disease areas, sectors and cadres
    are their own names; a code the store cannot name stays as it is."""
    if key not in NAMED:
        return [str(code) for code in codes]
    known = named(data, key)
    return [known.get(str(code), str(code)) for code in codes]


def named(data: ScopedData, key: str) -> dict[str, str]:
    """Every code of the filter `key` the store can name, as text, with its name (in the
    language `data` answers in: see access.spoken)."""
    question, code, name = NAMED[key]
    frame = getattr(data, question)(Filters())
    if question == "options":
        frame = frame[key]
    return dict(zip(frame[code].astype(str), frame[name].astype(str), strict=True))

"""What every dashboard callback shares: reading the view from the URL, and the data."""

from collections.abc import Callable
from functools import wraps
from typing import Any

import orjson
from dash import no_update
from plotly.io.json import to_json_plotly

from dashboard.access.scoped import ScopedData, scoped_data
from dashboard.access.spoken import in_language
from dashboard.periods import Covered, covered
from dashboard.viewstate import ViewState, from_query
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.language import _, current
from dashboard.vocabulary.scope import OutOfScope

UNAVAILABLE = "unavailable"
# A breakdown asked for no metric beyond attendances (which every one carries): for lists
# and markers that show attendances alone, without counting distinct participants per row.
ATTENDANCES_ONLY: tuple[str, ...] = ()


def view_of(search: str | None) -> ViewState:
    """The view the URL describes (raises BadFilter for a malformed link)."""
    return from_query(search)


def data() -> ScopedData:
    """The data as the request's scope may see it (every callback reads through it), its
    answers' state names in the language being spoken."""
    return in_language(scoped_data())


def refusal(error: OutOfScope) -> str:
    """Why the page shows nothing, in words: a filter outside the account's access, or an
    account that sees nothing at all."""
    if error.parameter == "scope":
        why = str(error).removeprefix("scope: ")
        return why[:1].upper() + why[1:] + "."
    return _("Outside your access: {error}.").format(error=error)


def covered_by(filters: Filters) -> Covered:
    """The days the selection can hold: its dates, cut at the data's as-of date (a month
    or year running past either is partial, and charts mark it)."""
    return covered(filters.date_from, filters.date_to, data().data_as_of())


def remembered(render: Callable) -> Callable:
    """Cache a renderer's whole answer per URL, language, data version and scope (for
    every worker, with Redis): a view someone has seen is sent again without building its
    figures."""

    @wraps(render)
    def answer(*args: Any) -> Any:
        key = (render.__module__, render.__qualname__, current(), args)
        return data().remembered(key, lambda: as_sent(render(*args)))

    return answer


def as_sent(answer: Any) -> Any:
    """An answer (one output's value, or the outputs by name) as the JSON the page receives:
    cheap to cache and to send again (building a figure or a component tree costs far more
    than reading it back). The standard-library encoder walks our plain-dict figures in C;
    plotly's default (orjson) first cleans every value in Python, two to four times slower
    here."""
    if isinstance(answer, dict):
        return {name: _sent(value) for name, value in answer.items()}
    return _sent(answer)


def _sent(value: Any) -> Any:
    if isinstance(value, type(no_update)):
        return value
    return orjson.loads(to_json_plotly(value, engine="json"))

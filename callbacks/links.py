"""A link as the page reads it: the view its usable parts describe, and each part it cannot use.

A stale or mistyped link (`?state=999`, `?from=garbage`, `?hub=NOPE`) is no dead end: the
page names each part it cannot use and offers a link without it, and the controls and the
breadcrumb show only the usable parts, so an unknown code never appears as a value.
"""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from callbacks.common import data
from dashboard.viewstate import ViewState, from_query
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import MAX_VALUES, BadFilter, Filters, parse_filters, too_many
from dashboard.vocabulary.scope import OutOfScope

Pair = tuple[str, str]


@dataclass(frozen=True)
class BadPart:
    """One `parameter=value` of a link the page cannot use, and why."""

    parameter: str
    value: str
    why: str  # the problem in words, without the parameter's name
    whole: bool = False  # the parameter as a whole (all its values) is the problem
    denied: bool = False  # outside the account's scope (a 403, not a 400)

    @property
    def error(self) -> BadFilter:
        kind = OutOfScope if self.denied else BadFilter
        return kind(self.parameter, self.why)


@dataclass(frozen=True)
class Link:
    """A link of the page: its parts, the view of the usable ones, the unusable ones."""

    pairs: tuple[Pair, ...]  # the query string's parameter=value pairs, in order
    view: ViewState  # what the usable pairs describe
    bad: tuple[BadPart, ...] = ()

    def without(self, *parts: BadPart) -> str:
        """The page's address without these parts, everything else as it was."""
        gone = {(p.parameter, p.value) for p in parts}
        whole = {p.parameter for p in parts if p.whole}
        kept = [pair for pair in self.pairs if pair not in gone and pair[0] not in whole]
        return "/" + ("?" + urlencode(kept) if kept else "")


def read_link(search: str | None) -> Link:
    """The link in the page's address, its unusable parts set apart: each value malformed
    or unknown to the store on its own, and then any that only clash with others (two
    dates for one, a start after the end), named by the parameter the check names."""
    pairs = tuple(parse_qsl((search or "").lstrip("?")))
    bad = _too_many(pairs)  # set apart whole, before any value is looked at
    kept = [pair for pair in pairs if pair[0] not in {part.parameter for part in bad}]
    while True:
        try:
            return Link(pairs, _usable_view(kept), tuple(bad))
        except BadFilter as error:
            parts = [part for part in map(_bad, kept) if part] or _clashing(kept, error)
            bad += parts
            kept = [pair for pair in kept if pair not in {(p.parameter, p.value) for p in parts}]


def known_view(search: str | None) -> ViewState:
    """The link's view when the page can use all of it; else BadFilter naming its first
    unusable part."""
    link = read_link(search)
    if link.bad:
        raise link.bad[0].error
    return link.view


def _too_many(pairs: tuple[Pair, ...]) -> list[BadPart]:
    """A parameter given more often than a filter may take values, as one bad part."""
    counts = Counter(name for name, _ in pairs)
    return [
        BadPart(name, "", too_many(count), whole=True)
        for name, count in counts.items()
        if count > MAX_VALUES
    ]


def _usable_view(pairs: list[Pair]) -> ViewState:
    view = from_query(urlencode(pairs))
    _check(view.filters)
    return view


def _bad(pair: Pair) -> BadPart | None:
    """The pair as a bad part when it cannot be used even on its own."""
    name, value = pair
    try:
        _check(parse_filters({name: [value]}))
    except BadFilter as error:
        return BadPart(name, value, _why(error), denied=isinstance(error, OutOfScope))
    return None


def _clashing(pairs: list[Pair], error: BadFilter) -> list[BadPart]:
    """The pairs that are usable alone but not together: those of the parameter the check
    names (all of them, should it name none), each with the check's reason."""
    named = [pair for pair in pairs if pair[0] == error.parameter] or pairs
    denied = isinstance(error, OutOfScope)
    return [BadPart(name, value, _why(error), denied=denied) for name, value in named]


def _why(error: BadFilter) -> str:
    return str(error).removeprefix(f"{error.parameter}: ")


def _check(filters: Filters) -> None:
    """BadFilter when the store does not know a code of `filters`, OutOfScope when one lies
    outside the account's scope (checked first: see ScopedData.check). Filters naming no code
    need no look-up; while the store cannot be read every code counts as known (the page
    says the store is down)."""
    if filters.replace(date_from=None, date_to=None, sector=()) == Filters():
        return
    try:
        data().check(filters)
    except StoreUnavailable:
        return

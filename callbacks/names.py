"""Codes turned into the names the page shows, for the request's scope and language (see
dashboard.access.names: the one way every callback and the brief name them)."""

from callbacks.common import data
from dashboard.access import names as access_names


def names(key: str, codes) -> list[str]:
    """The names of a filter's `codes`, in their order, as the request's scope sees them."""
    return access_names.names(data(), key, codes)


def named(key: str) -> dict[str, str]:
    """Every code of the filter `key` the request's scope can name, with its name (in the
    language spoken: common.data)."""
    return access_names.named(data(), key)

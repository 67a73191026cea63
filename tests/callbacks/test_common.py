"""Rendered answers are cached per URL and data version, never while the store fails."""

import plotly.graph_objects as go

from callbacks.common import data, remembered
from dashboard.queries.filters import Filters
from dashboard.store.database import StoreUnavailable
from dashboard.store.writes import bump_data_version


def test_a_rendered_answer_is_built_once_per_url_and_data_version(world_data):
    store, _ = world_data
    built = []

    @remembered
    def render(search, _version):
        built.append(search)
        total = data().view("summary", Filters())["attendances"]
        return go.Figure(go.Bar(x=[search], y=[total])), f"{total} attendances"

    first = render("?state=29", None)
    assert render("?state=29", None) == first and built == ["?state=29"]
    assert isinstance(first[0], dict)  # figures are kept and sent as plain dicts
    render("?state=9", None)
    with store.transaction() as conn:
        bump_data_version(conn)
    render("?state=29", None)
    assert built == ["?state=29", "?state=9", "?state=29"]


def test_an_answer_given_while_the_store_failed_is_not_kept(world_data):
    failing = [True]

    @remembered
    def render(search):
        def read():
            if failing[0]:
                raise StoreUnavailable("down")
            return data().view("summary", Filters())

        try:
            return data().cached(("test", search), read)["attendances"]
        except StoreUnavailable:
            return "unavailable"

    assert render("") == "unavailable"
    failing[0] = False
    assert render("") > 0

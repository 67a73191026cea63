"""Rendered answers are cached per URL and data version, never while the store fails."""

import json
from datetime import date

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html, no_update
from plotly.io.json import to_json_plotly

from callbacks.common import as_sent, data, remembered
from dashboard.service import dashboard_data
from dashboard.store.writes import bump_data_version
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import Filters


def test_a_rendered_answer_is_built_once_per_url_and_data_version(world_data):
    store, _ = world_data
    built = []

    @remembered
    def render(search, _version):
        built.append(search)
        total = data().summary(Filters())["attendances"]
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
            return data().summary(Filters())

        try:
            return dashboard_data().cached(("test", search), read)["attendances"]
        except StoreUnavailable:
            return "unavailable"

    assert render("") == "unavailable"
    failing[0] = False
    assert render("") > 0


def test_an_answer_is_kept_as_exactly_the_json_dash_would_send():
    """as_sent encodes with the standard library (faster on our plain-dict figures): the
    page must receive what plotly's default encoder gives, NaN, dates and numpy included."""
    figure = {
        "data": [
            {"type": "bar", "x": np.array([1, 2]), "y": [1.5, float("nan")], "name": "Ré"},
            {"type": "scatter", "x": pd.to_datetime(["2024-04-01", "2024-05-01"]), "y": [3, 4]},
        ],
        "layout": {"title": {"text": "Attendances"}, "xaxis": {"range": [date(2024, 4, 1)]}},
    }
    panel = dbc.Card([html.H2("Lucknow"), dcc.Graph(figure=go.Figure(go.Bar(y=[np.int64(7)])))])
    answer = {"map": figure, "panel": panel, "numbers": ["12,34,567", None], "kept": no_update}
    sent = as_sent(answer)
    assert sent.keys() == answer.keys() and sent["kept"] is no_update
    for name in ("map", "panel", "numbers"):
        assert sent[name] == json.loads(to_json_plotly(answer[name]))
    assert sent["map"]["data"][0]["y"] == [1.5, None]
    assert as_sent(figure) == json.loads(to_json_plotly(figure))  # one output's value

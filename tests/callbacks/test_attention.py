"""The "Needs attention" tab, its CSV and the live screen's panel, called as functions on
the attention world: every item and figure shown as brute force counts them."""

from fractions import Fraction
from typing import Any

import pytest
from cachelib import SimpleCache
from dash.exceptions import PreventUpdate

from callbacks.attention import show_attention
from callbacks.common import as_sent
from callbacks.downloads import frame_for
from callbacks.live import refresh
from dashboard import service
from dashboard.attention import figure_text, needs_attention
from dashboard.viewstate import from_query
from dashboard.vocabulary.attention import FIGURES, RULES, Thresholds
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.scope import Scope
from tests import attention_world as aw
from tests.callbacks.components import text


@pytest.fixture
def attention_data(attention_store):
    service.use(service.DashboardData(attention_store, SimpleCache()))
    yield service.dashboard_data()
    service.use(None)


def links(tree: Any) -> dict[str, str]:
    """The page's links: the words shown, by where they go."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        found = links(props.get("children"))
        if "href" in props:
            found[props["href"]] = text(props.get("children"))
        return found
    if isinstance(tree, list):
        return {k: v for child in tree for k, v in links(child).items()}
    return {}


@pytest.mark.parametrize("search", ["?tab=attention", "?tab=attention&state=29"])
def test_the_tab_lists_every_item_with_its_figures_and_link(attention_data, search):
    filters = from_query(search).filters
    expected = aw.rules(aw.attention_world(), filters, Thresholds())
    shown = show_attention(search, None)
    words = text(shown)
    for rule, heading in RULES.items():
        assert f"{heading} ({len(expected[rule])})" in words
        for figures in expected[rule].values():
            for name, value in figures.items():
                number = float(value) if isinstance(value, Fraction) else value
                assert figure_text(name, number) in words and FIGURES[name] in words
    shown_links = links(shown)
    for rule in RULES:
        for code in expected[rule]:  # each item links to its own view, named
            assert any(f"={code}&" in href and name for href, name in shown_links.items())
    if not filters.state:
        assert shown_links["/?program=FALL&tab=trends"] == "Programme FALL"
    assert "a hub is silent after 60 days without a session" in words  # thresholds shown
    assert "Sep 2026 to Nov 2026" in words  # the periods compared


def test_the_tab_renders_only_while_open_and_says_what_is_wrong(attention_data):
    with pytest.raises(PreventUpdate):
        show_attention("?tab=trends", None)
    assert "cannot be shown" in text(show_attention("?tab=attention&state=999", None))


def test_the_csv_is_the_list(attention_data):
    got = frame_for("attention", from_query("?tab=attention"))
    want = needs_attention(attention_data, Filters(), Thresholds()).frame()
    assert got.equals(want) and set(got.rule) == set(RULES)


def test_the_live_screen_counts_each_rule(attention_data):
    expected = aw.rules(aw.attention_world(), Filters(), Thresholds())
    panel = text(as_sent(refresh("", None, None)["panels"]["attention"]))
    for rule, heading in RULES.items():
        assert f"{heading} {len(expected[rule])}" in panel


def test_a_state_account_sees_its_state_s_items_only(attention_data, as_scope):
    as_scope(Scope(states=frozenset({29})))
    expected = aw.rules(aw.attention_world(), Filters(state=(29,)), Thresholds())
    words = text(show_attention("?tab=attention", None))
    for rule, heading in RULES.items():
        assert f"{heading} ({len(expected[rule])})" in words
    outside = text(show_attention("?tab=attention&state=9", None))
    assert "Outside your access" in outside and "Programme" not in outside

"""What needs attention, drawn: the tab's lists (one per rule, each item linked to its
view) with the periods compared and the thresholds, and the live screen's summary."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.attention import Attention, Item, figure_text, thresholds_text, windows_text
from dashboard.numbers import indian
from dashboard.vocabulary.attention import (
    COUNT_HEADING,
    FIGURES,
    FIRST_HEADING,
    NO_DATA,
    NONE,
    PERIODS_HEADING,
    RULES,
    THRESHOLDS_HEADING,
)
from dashboard.vocabulary.language import _

LIVE_FIRST = 2  # items named per rule on the live screen


def attention_list(attention: Attention) -> html.Div:
    """Every rule's items under its heading, after the periods compared, then the thresholds."""
    if attention.windows is None:
        return html.Div(html.P(_(NO_DATA), className="text-muted"))
    periods = html.Ul([html.Li(line) for line in windows_text(attention.windows)])
    thresholds = html.Ul([html.Li(line) for line in thresholds_text(attention.thresholds)])
    return html.Div(
        [
            html.H3(_(PERIODS_HEADING), className="h6"),
            html.Div(periods, className="small text-muted"),
            *(_rule(_(heading), attention.of_rule(rule)) for rule, heading in RULES.items()),
            html.H3(_(THRESHOLDS_HEADING), className="h6 mt-3"),
            html.Div(thresholds, className="small text-muted"),
        ]
    )


def _rule(heading: str, items: list[Item]) -> html.Section:
    title = html.H3(f"{heading} ({indian(len(items))})", className="h6 mt-3")
    if not items:
        return html.Section([title, html.P(_(NONE), className="text-muted small")])
    figures = list(items[0].figures)
    head = html.Thead(html.Tr([html.Th("")] + [html.Th(_(FIGURES[name])) for name in figures]))
    rows = [
        html.Tr(
            [html.Td(dcc.Link(item.name, href=item.href))]
            + [html.Td(figure_text(n, item.figures[n]), className="num") for n in figures]
        )
        for item in items
    ]
    table = dbc.Table([head, html.Tbody(rows)], size="sm", striped=True, className="small")
    return html.Section([title, table])


def live_summary(attention: Attention) -> html.Table | html.P:
    """Each rule's count and its first items, large, for the live screen."""
    if attention.windows is None:
        return html.P(_(NO_DATA), className="live-message")
    counted = html.Th(_(COUNT_HEADING), className="num")
    head = html.Tr([html.Th(""), counted, html.Th(_(FIRST_HEADING))])
    rows = [
        html.Tr(
            [
                html.Td(_(heading)),
                html.Td(indian(len(items)), className="num"),
                html.Td(", ".join(item.name for item in items[:LIVE_FIRST])),
            ]
        )
        for rule, heading in RULES.items()
        for items in [attention.of_rule(rule)]
    ]
    return html.Table([html.Thead(head), html.Tbody(rows)], className="live-table")

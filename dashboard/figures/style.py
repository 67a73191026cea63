"""Shared look of every figure: colour-blind-safe scales, the offline chart toolbar, and
figures written as plain dicts.

A figure is its JSON spec, {"data": [trace dicts], "layout": {...}}, the very thing
dcc.Graph sends to plotly.js. Building it through plotly.graph_objects validated every
property on every call and cost more than all the data work of an interaction (see
BENCHMARKS.md). Tests pass
each spec through go.Figure, which still checks every property name and value.
"""

from functools import cache
from typing import Any

import plotly.io as pio
from plotly.colors import get_colorscale
from plotly.subplots import make_subplots

from dashboard.numbers import ticks
from dashboard.vocabulary.language import DEFAULT, N_, _, current, date_locale

Figure = dict[str, Any]
"""A figure spec. Figures share their constant parts (template, colour scales, subplot
grids), so change one by building new dicts, never in place."""

SEQUENTIAL = get_colorscale("Viridis")  # perceptually uniform and colour-blind safe
SECTOR_COLOURS = {
    "health": "#0072B2",
    "education": "#E69F00",
    "other": "#009E73",
}  # Okabe-Ito
WHITE_SPOT = "#ffffff"
WHITE_SPOT_EDGE = "#595959"  # a white fill needs a dark edge to show, on the map and in the legend
BORDER = "#8c8c8c"
FONT = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
    "'Noto Sans Devanagari', sans-serif"
)
# A figure in Hindi: the page's own Devanagari font (assets/fonts) for both scripts.
FONTS = {"hi": f"'Noto Sans Devanagari', {FONT}"}


def font_family() -> str:
    """The figures' font in the language being spoken."""
    return FONTS.get(current(), FONT)


MARGIN = {"l": 0, "r": 0, "t": 0, "b": 0}
CLEAR = "rgba(0,0,0,0)"

GRAPH_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "topojsonURL": "/assets/topojson/",
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def graph_config(config: dict[str, Any] = GRAPH_CONFIG) -> dict[str, Any]:
    """A chart's config in the language spoken: in Hindi, plotly's dates (the months on a
    time axis) through a locale made of Babel's names."""
    language = current()
    if language == DEFAULT:
        return config
    return {**config, "locale": language, "locales": {language: _plotly_locale(language)}}


# plotly's own words the charts' toolbar and legend show, translated through the catalogue
PLOTLY_WORDS = (
    N_("Download plot as a PNG"),
    N_("Download plot"),
    N_("Zoom"),
    N_("Pan"),
    N_("Zoom in"),
    N_("Zoom out"),
    N_("Autoscale"),
    N_("Reset axes"),
    N_("Reset view"),
    N_("Reset"),
    N_("Toggle Spike Lines"),
    N_("Show closest data on hover"),
    N_("Compare data on hover"),
    N_("Double-click on legend to isolate one trace"),
    N_("Double-click to zoom back out"),
)


@cache
def _plotly_locale(language: str) -> dict[str, Any]:
    names = date_locale(language)
    days = [6, 0, 1, 2, 3, 4, 5]  # plotly's weeks begin on Sunday, Babel's on Monday
    return {
        "dictionary": {word: _(word) for word in PLOTLY_WORDS},
        "format": {
            "days": [names.days["format"]["wide"][d] for d in days],
            "shortDays": [names.days["format"]["abbreviated"][d] for d in days],
            "months": [names.months["format"]["wide"][m] for m in range(1, 13)],
            "shortMonths": [names.months["format"]["abbreviated"][m] for m in range(1, 13)],
        },
    }


@cache
def template(name: str) -> dict[str, Any]:
    """A plotly.py template as go.Figure embeds it: plotly.js knows no template names, so a
    figure written as a dict carries the template itself to keep plotly.py's look."""
    return pio.templates[name].to_plotly_json()


def base_layout(**layout: Any) -> dict[str, Any]:
    """The dashboard's layout (plotly template, system font, no margins, clear background),
    with `layout`'s entries replacing its own."""
    return {
        "template": template("plotly"),
        "font": {"family": font_family(), "size": 13},
        "margin": MARGIN,
        "paper_bgcolor": CLEAR,
        "plot_bgcolor": CLEAR,
        **layout,
    }


def empty(message: str) -> Figure:
    """A figure that says in words why there is nothing to draw."""
    note = {"text": message, "showarrow": False, "font": {"size": 16}, "x": 0.5, "y": 0.5}
    hidden = {"visible": False}
    return {"data": [], "layout": base_layout(annotations=[note], xaxis=hidden, yaxis=hidden)}


def value_axis(top: float, count: int = 5) -> dict[str, Any]:
    """An axis of counts from 0 to `top`, ticked in the Indian style (20,000, 1L, 1.5L):
    plotly's own number formats write 20k and 100k."""
    values, labels = ticks(0, top, count)
    return {"tickmode": "array", "tickvals": values, "ticktext": labels}


def colour_ticks(values: list[float], count: int = 5) -> dict[str, Any]:
    """A colour bar's ticks over `values` in the Indian style; one value alone shows that
    value (plotly would spread a scale over 711.6 ... 712.4)."""
    low, high = (min(values), max(values)) if values else (0, 0)
    tickvals, labels = ticks(low, high, count)
    return {"tickmode": "array", "tickvals": tickvals, "ticktext": labels}


def hover(line: str) -> str:
    """Hover text: the name in customdata[0] in bold, then `line`."""
    return f"<b>%{{customdata[0]}}</b><br>{line}<extra></extra>"


def subplot_grid(**subplots: Any) -> dict[str, Any]:
    """The axes and subplot titles make_subplots lays out, as layout entries: build once at
    import (make_subplots builds a whole go.Figure) and share."""
    layout = make_subplots(**subplots).layout.to_plotly_json()
    layout.pop("template", None)
    return layout


ISO_DATE = "%Y-%m-%dT%H:%M:%S"  # the text plotly writes for a timestamp

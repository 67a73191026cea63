"""The brief: a few A4 pages to hand round at a review meeting, for one view (filters) as
one scope sees it, as a PDF.

`make_brief` gathers the numbers through the scoped door (content.py), draws the map and
the trend with matplotlib (charts.py), fills an HTML template and lays it out with
WeasyPrint (HTML and CSS to PDF, offline, fonts local). Below the web layer: the
dashboard's button (callbacks/brief.py) and `python -m dashboard brief` both call it.
"""

import base64
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import CSS, HTML

from dashboard.access.scoped import ScopedData
from dashboard.attention import Attention, figure_text, thresholds_text, windows_text
from dashboard.brief import charts
from dashboard.brief.content import Brief, gather
from dashboard.brief.language import font_faces, translator
from dashboard.clock import day_text, now_in_india
from dashboard.numbers import indian
from dashboard.vocabulary.attention import FIGURES, RULES
from dashboard.vocabulary.filters import Filters

TEMPLATES = Path(__file__).resolve().parent / "templates"
MADE = "%d %b %Y, %H:%M IST"
GAPS_NAMED = 5  # a disease area's unreached states named up to this many; the picture has all
ATTENTION_SHOWN = 10  # items per rule printed; the tab lists every one


def make_brief(
    data: ScopedData,
    filters: Filters,
    language: str = "en",
    made_at: datetime | None = None,
) -> bytes:
    """The PDF brief of the view `filters` for `data`'s scope, in `language` ("en", "hi");
    `BadFilter` / `OutOfScope` for filters the page would refuse."""
    translate = translator(language)
    brief = gather(data, filters, made_at or now_in_india())
    html = _page(brief, language, translate)
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(stylesheets=[_css()])


def _page(brief: Brief, language: str, translate: Callable[[str], str]) -> str:
    """The brief as one HTML document, its pictures embedded."""
    trend = charts.trend_png(brief.trend, brief.covered)
    matrix = charts.matrix_png(brief.matrix, brief.states_reached)
    return (
        _environment()
        .get_template("brief.html")
        .render(
            brief=brief,
            lang=language,
            _=translate,
            n=indian,
            fonts=Markup(font_faces()),
            as_of=day_text(brief.as_of) if brief.as_of else translate("No sessions yet"),
            made=brief.made_at.strftime(MADE),
            map_src=_data_uri(charts.map_png(brief.map)),
            trend_src=_data_uri(trend) if trend else None,
            matrix_src=_data_uri(matrix) if matrix else None,
            gaps_named=GAPS_NAMED,
            reached=reached_words(brief, translate),
            attention=attention_section(brief.attention, translate),
        )
    )


def reached_words(brief: Brief, translate: Callable[[str], str]) -> str:
    """How many of the map's places the view reached: "12 of 36 states / UTs reached"."""
    places = brief.map.places
    reached = int((places[brief.map.metric] > 0).sum())
    kind = "states / UTs" if brief.map.level == "states" else "districts"
    return f"{indian(reached)} {translate('of')} {indian(len(places))} {translate(kind)} " + (
        translate("reached")
    )


def attention_section(attention: Attention, translate: Callable[[str], str]) -> Markup:
    """The "Needs attention" page, as the tab lists it: the periods compared and the
    thresholds, then each rule with its count and its first `ATTENTION_SHOWN` items, each
    item's figures in words (a brief is a few pages; the tab has them all)."""
    if attention.windows is None:
        return Markup("")
    return Markup(
        _environment()
        .get_template("attention.html")
        .render(
            _=translate,
            rules=[(heading, attention.of_rule(rule)) for rule, heading in RULES.items()],
            periods=windows_text(attention.windows),
            thresholds=thresholds_text(attention.thresholds),
            shown=ATTENTION_SHOWN,
            figures=lambda item: "; ".join(
                f"{translate(FIGURES[n])}: {figure_text(n, v)}" for n, v in item.figures.items()
            ),
        )
    )


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


@cache
def _css() -> CSS:
    return CSS(filename=str(TEMPLATES / "brief.css"))

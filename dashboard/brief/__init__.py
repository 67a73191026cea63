"""The brief: a few A4 pages to hand round at a review meeting, for one view (filters) as
one scope sees it, as a PDF.

`make_brief` gathers the numbers through the scoped door (content.py), draws the map and
the trend with matplotlib (charts.py), fills an HTML template and lays it out with
WeasyPrint (HTML and CSS to PDF, offline, fonts local). Below the web layer: the
dashboard's button (callbacks/brief.py) and `python -m dashboard brief` both call it.
"""

import base64
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import CSS, HTML

from dashboard.access.scoped import ScopedData
from dashboard.access.spoken import in_language
from dashboard.attention import Attention, figure_text, thresholds_text, windows_text
from dashboard.brief import charts
from dashboard.brief.content import Brief, gather
from dashboard.brief.language import font_faces
from dashboard.clock import day_text, month_text, now_in_india
from dashboard.figures.maps import CREDIT
from dashboard.figures.trends import PARTIAL_WORDS, month_notes, months_of
from dashboard.numbers import indian
from dashboard.vocabulary.attention import FIGURES, RULES
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.language import DEFAULT, N_, _, current, speaking

TEMPLATES = Path(__file__).resolve().parent / "templates"
GAPS_NAMED = 5  # a disease area's unreached states named up to this many; the picture has all
ATTENTION_SHOWN = 10  # items per rule printed; the tab lists every one
REACHED_STATES = N_("{reached} of {total} states / UTs reached")
REACHED_DISTRICTS = N_("{reached} of {total} districts reached")


def make_brief(
    data: ScopedData,
    filters: Filters,
    language: str = DEFAULT,
    made_at: datetime | None = None,
) -> bytes:
    """The PDF brief of the view `filters` for `data`'s scope, in `language` ("en", "hi":
    words, numbers, dates and state names as the page writes them in it); `BadFilter` /
    `OutOfScope` for filters the page would refuse."""
    with speaking(language):
        brief = gather(in_language(data), filters, made_at or now_in_india())
        html = _page(brief)
        return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(stylesheets=[_css()])


def _page(brief: Brief) -> str:
    """The brief as one HTML document, its pictures embedded (they hold no words: every
    word is in the HTML, where Devanagari is shaped)."""
    trend = charts.trend_png(brief.trend, brief.covered)
    matrix = charts.matrix_png(brief.matrix, brief.states_reached)
    return (
        _environment()
        .get_template("brief.html")
        .render(
            brief=brief,
            lang=current(),
            _=_,
            n=indian,
            fonts=Markup(font_faces()),
            as_of=day_text(brief.as_of) if brief.as_of else _("No sessions yet"),
            made=f"{day_text(brief.made_at.date())}, {brief.made_at:%H:%M} IST",
            partial=partial_words(brief),
            partial_heading=PARTIAL_WORDS,
            credit=_(CREDIT),
            map_src=_data_uri(charts.map_png(brief.map)),
            trend_src=_data_uri(trend) if trend else None,
            matrix_src=_data_uri(matrix) if matrix else None,
            gaps_named=GAPS_NAMED,
            reached=reached_words(brief),
            attention=attention_section(brief.attention),
        )
    )


def reached_words(brief: Brief) -> str:
    """How many of the map's places the view reached: "12 of 36 states / UTs reached"."""
    places = brief.map.places
    reached, total = indian(int((places[brief.map.metric] > 0).sum())), indian(len(places))
    words = REACHED_STATES if brief.map.level == "states" else REACHED_DISTRICTS
    return _(words).format(reached=reached, total=total)


def partial_words(brief: Brief) -> list[str]:
    """The months the trend holds only in part, with their days: "Dec 2026 (to 07 Dec)"."""
    if brief.trend.empty:
        return []
    months, _counts = months_of(brief.trend)
    notes = month_notes(months, brief.covered)
    return [f"{month_text(m)} ({n})" for m, n in zip(months, notes, strict=True) if n]


def attention_section(attention: Attention) -> Markup:
    """The "Needs attention" page, as the tab lists it: the periods compared and the
    thresholds, then each rule with its count and its first `ATTENTION_SHOWN` items, each
    item's figures in words (a brief is a few pages; the tab has them all)."""
    if attention.windows is None:
        return Markup("")
    return Markup(
        _environment()
        .get_template("attention.html")
        .render(
            _=_,
            rules=[(heading, attention.of_rule(rule)) for rule, heading in RULES.items()],
            periods=windows_text(attention.windows),
            thresholds=thresholds_text(attention.thresholds),
            shown=ATTENTION_SHOWN,
            figures=lambda item: "; ".join(
                f"{_(FIGURES[n])}: {figure_text(n, v)}" for n, v in item.figures.items()
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

"""The brief's pictures as PNG images, drawn offline with matplotlib: the map (from the
project's own geography, in the official depiction), the monthly trend with its partial
months marked as the page marks them, and the state x disease-area matrix.

They hold numbers and names but no words of the interface, and months as 04/2026:
matplotlib does not shape Devanagari, so every word is written in the brief's HTML
around them (WeasyPrint shapes it), in the language spoken.

Figures are built with `matplotlib.figure.Figure` (no pyplot, no global state), so briefs
can be made in several threads of one server at once. Numbers on axes and scales are
written the Indian way (dashboard.numbers).
"""

from io import BytesIO

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import FixedFormatter, FixedLocator

from dashboard.brief.content import MapData
from dashboard.figures.coverage import matrix_grid
from dashboard.figures.style import BORDER, WHITE_SPOT, WHITE_SPOT_EDGE
from dashboard.figures.trends import HATCH, complete_average, month_notes, months_of
from dashboard.geography import tables as geography
from dashboard.numbers import ticks
from dashboard.periods import Covered

COLOURS = "viridis"  # the page's sequential scale (figures.style.SEQUENTIAL)
TREND_COLOUR = "#0072B2"
DPI = 150
ROLLING = 3  # months in the trend's average, as the page's


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    out = BytesIO()
    figure.savefig(out, format="png", dpi=DPI, bbox_inches="tight")
    return out.getvalue()


def map_png(shown: MapData) -> bytes:
    """The states or districts shaded by the metric, the unreached white with a dark edge;
    a district map is framed by the states it lies in."""
    figure = Figure(figsize=(6.8, 6.8))
    ax = figure.add_subplot()
    ax.set_axis_off()
    shapes = _shapes(shown)
    values = shapes[shown.metric].astype(float)
    reached = shapes[values > 0]
    shapes[values <= 0].plot(ax=ax, color=WHITE_SPOT, edgecolor=WHITE_SPOT_EDGE, linewidth=0.3)
    if not reached.empty:
        norm = Normalize(vmin=float(reached[shown.metric].min()), vmax=float(values.max()))
        reached.plot(
            ax=ax, column=shown.metric, cmap=COLOURS, norm=norm, edgecolor=BORDER, linewidth=0.3
        )
        _scale(figure, ax, norm)
    _disputed(ax, shapes)
    ax.set_aspect("equal")
    return png(figure)


def _shapes(shown: MapData):
    """The places' outlines joined to their numbers (every place of the level kept: an
    unreached one is drawn white, never left out)."""
    read = geography.state_shapes if shown.level == "states" else geography.district_shapes
    outlines = read()
    counts = shown.places.set_index("code")[[shown.metric]]
    return outlines.join(counts, how="inner")


def _disputed(ax, shapes) -> None:
    """The disputed areas within the map's frame, hatched as the official depiction asks."""
    disputed = geography.disputed_shapes()
    box = shapes.total_bounds
    inside = disputed.cx[box[0] : box[2], box[1] : box[3]]
    if not inside.empty:
        inside.plot(ax=ax, facecolor="none", edgecolor="#777777", hatch="////", linewidth=0.3)


def _scale(figure: Figure, ax, norm: Normalize) -> None:
    """A colour scale with round ticks written the Indian way."""
    mappable = ax.collections[-1]
    bar = figure.colorbar(mappable, ax=ax, shrink=0.5, pad=0.01)
    values, labels = ticks(norm.vmin, norm.vmax)
    bar.ax.yaxis.set_major_locator(FixedLocator(values))
    bar.ax.yaxis.set_major_formatter(FixedFormatter(labels))


def trend_png(trend: pd.DataFrame, covered: Covered) -> bytes | None:
    """Attendances per month as bars, partial months lighter and hatched (their days are
    written under the picture), and the average of the last whole months as a line; None
    without sessions."""
    if trend.empty:
        return None
    months, frame = months_of(trend)
    notes = month_notes(months, covered)
    values = frame["attendances"].to_numpy()
    average = complete_average(frame["attendances"], notes, ROLLING)
    figure = Figure(figsize=(7.2, 3.0))
    ax = figure.add_subplot()
    x = np.arange(len(months))
    partial = [n is not None for n in notes]
    bars = ax.bar(x, values, color=TREND_COLOUR, alpha=0.45, width=0.85)
    for bar, is_partial in zip(bars, partial, strict=True):
        if is_partial:
            bar.set_alpha(0.22)
            bar.set_hatch(HATCH * 3)
    ax.plot(x, [np.nan if a is None else a for a in average], color=TREND_COLOUR, linewidth=1.6)
    _month_axis(ax, months)
    top, labels = ticks(0, max(values.max(), 1))
    ax.yaxis.set_major_locator(FixedLocator(top))
    ax.yaxis.set_major_formatter(FixedFormatter(labels))
    ax.spines[["top", "right"]].set_visible(False)
    return png(figure)


def _month_axis(ax, months) -> None:
    """About a dozen month labels, whatever the span."""
    step = max(1, len(months) // 12)
    shown = list(range(0, len(months), step))
    ax.set_xticks(shown, [f"{months[i]:%m/%Y}" for i in shown], fontsize=7, rotation=45)
    ax.set_xlim(-0.6, len(months) - 0.4)


def matrix_png(matrix: pd.DataFrame, state_names: list[str]) -> bytes | None:
    """States (rows) by disease areas (columns), each cell shaded by the programmes that
    reached that state on that topic, as the page's matrix; a white cell is a gap. None
    without programmes."""
    matrix = matrix[matrix["programs"] > 0]
    if matrix.empty:
        return None
    states, areas, grid = matrix_grid(matrix, state_names, (), "programs")
    figure = Figure(figsize=(7.2, 1.6 + 0.16 * len(states) + 0.06 * max(map(len, areas))))
    ax = figure.add_subplot()
    colours = colormaps[COLOURS].with_extremes(bad="#ffffff")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=colours, aspect="auto")
    ax.set_xticks(range(len(areas)), areas, rotation=90, fontsize=6)
    ax.set_yticks(range(len(states)), states, fontsize=6)
    ax.xaxis.tick_top()
    ax.set_xticks(np.arange(-0.5, len(areas)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(states)), minor=True)
    ax.grid(which="minor", color="#dddddd", linewidth=0.4)
    ax.tick_params(which="minor", length=0)
    bar = figure.colorbar(image, ax=ax, shrink=0.4, pad=0.01)
    bar.ax.tick_params(labelsize=6)
    return png(figure)

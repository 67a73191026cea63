"""The states map as inline SVG, for the page's first view (`layouts/first_view.py`): drawn
in the server's HTML, before any script, exactly as `maps.states_map` shades it for plotly.

The same answers (one row per state, joined by `state_code`), the same boundaries
(`dashboard/geography/outlines.py`, from the file plotly.js draws), the same projection
and fit (Mercator, fitted to the places drawn), the same colours: states reached on
Viridis from the smallest value to the largest (plotly's automatic range, interpolated
in RGB as plotly.js does), states not reached white with a dark edge, hubs sized by the
square root of their attendances and coloured by sector; and the same legend: the
metric's colour bar with `colour_ticks`, "Not reached", the hubs' sectors, the credit.
"""

from collections.abc import Sequence

import pandas as pd
from markupsafe import Markup
from plotly.colors import sample_colorscale, unlabel_rgb

from dashboard.figures.alternative import ranked_text
from dashboard.figures.maps import CREDIT, METRIC_LABELS
from dashboard.figures.style import (
    BORDER,
    SECTOR_COLOURS,
    SEQUENTIAL,
    WHITE_SPOT,
    WHITE_SPOT_EDGE,
    colour_ticks,
)
from dashboard.geography.outlines import Outlines
from dashboard.numbers import indian
from dashboard.vocabulary.kinds import SECTOR_NAMES
from dashboard.vocabulary.language import _

PAD = 0.02  # of the drawing's size, around the places drawn (plotly's fit leaves a little)
HUB_SCALE = 1.2  # drawing units per pixel of plotly's marker size, at a phone's width


def colour(value: float, low: float, high: float, scale: Sequence = SEQUENTIAL) -> str:
    """`value`'s colour on `scale` over low..high, as plotly picks it (linear in RGB between
    the scale's stops), in hex; a range of one value takes the scale's middle."""
    where = 0.5 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)
    red, green, blue = unlabel_rgb(sample_colorscale(scale, [where])[0])
    return f"#{round(red):02x}{round(green):02x}{round(blue):02x}"


def states_svg(
    states: pd.DataFrame, hubs: pd.DataFrame, metric: str, outlines: Outlines, prefix: str
) -> Markup:
    """India by state, shaded by `metric`, as a figure: the map, its legend, the credit,
    and its text alternative. Element ids start with `prefix`."""
    label = _(METRIC_LABELS.get(metric, metric))
    title = _("{metric} by state").format(metric=label)
    drawn = states[states["state_code"].astype(int).isin(outlines.paths)]
    if drawn.empty:
        return Markup('<p class="first-map-empty">{}</p>').format(_("No states to show"))
    values = drawn[metric].astype(float)
    reached = values[values > 0].tolist()
    low, high = (min(reached), max(reached)) if reached else (0.0, 0.0)
    places = []
    for code, name, value in zip(
        drawn["state_code"].astype(int).tolist(),
        drawn["state"].tolist(),
        values.tolist(),
        strict=True,
    ):
        if value > 0:
            fill, edge, width = colour(value, low, high), BORDER, 0.4
            said = f"{name}: {label} {indian(_whole(value))}"
        else:
            fill, edge, width = WHITE_SPOT, WHITE_SPOT_EDGE, 1.0
            said = f"{name}: {_('Not reached')}"
        places.append(
            Markup(
                '<path d="{}" fill="{}" stroke="{}" stroke-width="{}" data-state="{}" '
                'data-value="{}"><title>{}</title></path>'
            ).format(outlines.paths[code], fill, edge, width, code, _whole(value), said)
        )
    markers, sectors = _hubs(hubs, outlines)
    box = _fit(outlines, drawn["state_code"].astype(int).tolist(), hubs)
    picture = Markup(
        '<svg class="first-map-svg" viewBox="{}" role="img" aria-labelledby="{}-title" '
        'preserveAspectRatio="xMidYMid meet"><title id="{}-title">{}</title>'
        "<g>{}</g>{}</svg>"
    ).format(box, prefix, prefix, title, Markup("").join(places), markers)
    legend = _legend(label, reached, len(reached) < len(drawn), sectors, prefix)
    text = ranked_text(title, drawn["state"].tolist(), values.tolist())
    return Markup(
        '<figure class="first-map">{}{}<figcaption class="first-map-credit">{}</figcaption>'
        '<p class="visually-hidden">{}</p></figure>'
    ).format(legend, picture, _(CREDIT), text)


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _fit(outlines: Outlines, codes: list[int], hubs: pd.DataFrame) -> str:
    """The viewBox around the places drawn and the hubs, as plotly's `fitbounds`."""
    boxes = [outlines.boxes[code] for code in codes]
    xs = [x for box in boxes for x in (box[0], box[2])]
    ys = [y for box in boxes for y in (box[1], box[3])]
    for lon, lat in _located(hubs):
        x, y = outlines.point(lon, lat)
        xs.append(x)
        ys.append(y)
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    pad = PAD * max(x1 - x0, y1 - y0, 1.0)
    return f"{x0 - pad:.0f} {y0 - pad:.0f} {x1 - x0 + 2 * pad:.0f} {y1 - y0 + 2 * pad:.0f}"


def _located(hubs: pd.DataFrame) -> list[tuple[float, float]]:
    if hubs.empty:
        return []
    kept = hubs[hubs["latitude"].notna() & hubs["longitude"].notna()]
    return list(zip(kept["longitude"].astype(float), kept["latitude"].astype(float), strict=True))


def _hubs(hubs: pd.DataFrame, outlines: Outlines) -> tuple[Markup, list[str]]:
    """The hubs as `maps._hubs` marks them (drawn only: they take no clicks), and their
    sectors."""
    if hubs.empty:
        return Markup(""), []
    kept = hubs[hubs["latitude"].notna() & hubs["longitude"].notna()]
    if kept.empty:
        return Markup(""), []
    attendances = kept["attendances"].astype(float).tolist()
    most = max(max(attendances), 1.0)
    sectors = kept["sector"].astype(str).tolist() if "sector" in kept else ["health"] * len(kept)
    circles = []
    for lon, lat, count, sector in zip(
        kept["longitude"].astype(float),
        kept["latitude"].astype(float),
        attendances,
        sectors,
        strict=True,
    ):
        x, y = outlines.point(lon, lat)
        size = 5 + 20 * (count / most) ** 0.5  # plotly's marker diameter, in pixels
        circles.append(
            Markup('<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="{}"/>').format(
                x, y, size / 2 * HUB_SCALE, SECTOR_COLOURS.get(sector, "#555555")
            )
        )
    group = Markup(
        '<g class="first-map-hubs" fill-opacity="0.85" stroke="#ffffff" stroke-width="0.8">{}</g>'
    ).format(Markup("").join(circles))
    return group, sorted(set(sectors))


def _legend(
    label: str, reached: list[float], unreached: bool, sectors: list[str], prefix: str
) -> Markup:
    """ "Not reached", the hubs' sectors and the colour bar (the metric, its ticks)."""
    items = []  # in plotly's order: the legend above the map, then the colour bar
    if unreached:
        items.append(_swatch(WHITE_SPOT, WHITE_SPOT_EDGE, _("Not reached"), square=True))
    for sector in sectors:
        name = _("Hubs: {sector}").format(sector=_(SECTOR_NAMES.get(sector, sector)))
        items.append(_swatch(SECTOR_COLOURS.get(sector, "#555555"), "#ffffff", name))
    if reached:
        items.append(_colour_bar(label, reached, prefix))
    return Markup('<div class="first-map-legend">{}</div>').format(Markup("").join(items))


def _colour_bar(label: str, values: list[float], prefix: str) -> Markup:
    low, high = min(values), max(values)
    ticks = colour_ticks(values)
    marks = []
    for value, text in zip(ticks["tickvals"], ticks["ticktext"], strict=True):
        where = 0.5 if high <= low else (value - low) / (high - low)
        x = 4 + 192 * where
        anchor = "start" if where < 0.1 else "end" if where > 0.9 else "middle"
        marks.append(
            Markup(
                '<line x1="{:.1f}" x2="{:.1f}" y1="12" y2="16" stroke="#444444"/>'
                '<text x="{:.1f}" y="28" text-anchor="{}">{}</text>'
            ).format(x, x, x, anchor, text)
        )
    stops = Markup("").join(
        Markup('<stop offset="{:.3f}" stop-color="{}"/>').format(at, hue) for at, hue in SEQUENTIAL
    )
    return Markup(
        '<span class="first-map-scale"><span class="first-map-scale-title">{}</span>'
        '<svg viewBox="0 0 200 32" width="200" height="32" aria-hidden="true">'
        '<defs><linearGradient id="{}-scale">{}</linearGradient></defs>'
        '<rect x="4" y="0" width="192" height="12" fill="url(#{}-scale)"/>{}</svg></span>'
    ).format(label, prefix, stops, prefix, Markup("").join(marks))


def _swatch(fill: str, edge: str, label: str, square: bool = False) -> Markup:
    shape = (
        Markup(
            '<rect x="1" y="1" width="12" height="12" fill="{}" stroke="{}" stroke-width="1.5"/>'
        )
        if square
        else Markup('<circle cx="7" cy="7" r="6" fill="{}" stroke="{}" stroke-width="1"/>')
    ).format(fill, edge)
    return Markup(
        '<span class="first-map-key"><svg viewBox="0 0 14 14" width="14" height="14" '
        'aria-hidden="true">{}</svg> {}</span>'
    ).format(shape, label)

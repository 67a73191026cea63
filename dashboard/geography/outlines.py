"""India's states as SVG paths: the boundaries the interactive map draws
(`assets/geo/states.geojson`, the official depiction), in its projection (Mercator),
simplified to what a screen shows. The page's first view draws them before any script
has loaded (`dashboard/figures/first_map.py`).

Read and drawn once per process: about 25 kB of path data for the 36 states and UTs.
"""

import json
import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely
from shapely.geometry import shape

from dashboard.geography.tables import ASSETS_GEO_DIR

WIDTH = 600  # the drawing's width in its own units; its height follows from India's shape
TOLERANCE = 0.8  # simplified to within this many units: under a pixel on a phone's screen


@dataclass(frozen=True)
class Outlines:
    """Each state's path (`paths`, by state_code) and box (`boxes`: x0, y0, x1, y1) in a
    drawing `width` x `height` units; `point` projects a longitude and latitude into it."""

    width: int
    height: int
    paths: dict[int, str]
    boxes: dict[int, tuple[float, float, float, float]]
    west: float
    north: float
    scale: float

    def point(self, longitude: float, latitude: float) -> tuple[float, float]:
        return (
            (longitude - self.west) * self.scale,
            (self.north - _mercator(latitude)) * self.scale,
        )


def _mercator(latitude):
    """Mercator's y, in degrees as plotly's geo projection draws it (of one latitude or an
    array of them)."""
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(latitude) / 2)))


def _projected(coordinates: np.ndarray) -> np.ndarray:
    return np.column_stack([coordinates[:, 0], _mercator(coordinates[:, 1])])


@cache
def state_outlines() -> Outlines:
    """The states of `states.geojson`, joined to the data by their `state_code`."""
    layer = json.loads((ASSETS_GEO_DIR / "states.geojson").read_text(encoding="utf-8"))
    shapes = {
        int(feature["properties"]["state_code"]): shapely.transform(
            shape(feature["geometry"]), _projected
        )
        for feature in layer["features"]
    }
    bounds = np.array([geometry.bounds for geometry in shapes.values()])
    west, south, east, north = (
        bounds[:, 0].min(),
        bounds[:, 1].min(),
        bounds[:, 2].max(),
        bounds[:, 3].max(),
    )
    scale = WIDTH / (east - west)

    def to_drawing(points: np.ndarray) -> np.ndarray:
        return np.column_stack([(points[:, 0] - west) * scale, (north - points[:, 1]) * scale])

    paths, boxes = {}, {}
    for code, geometry in shapes.items():
        drawn = shapely.transform(geometry, to_drawing)
        paths[code] = _path(drawn)
        boxes[code] = tuple(round(v, 1) for v in drawn.bounds)
    height = math.ceil((north - south) * scale)
    return Outlines(WIDTH, height, paths, boxes, float(west), float(north), float(scale))  # type: ignore[arg-type]


def _path(geometry) -> str:
    """An SVG path of a (multi)polygon, each ring simplified, in whole units and relative
    moves; a ring too small for that (an island) is drawn unsimplified, to a tenth."""
    drawn = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        simple = polygon.simplify(TOLERANCE, preserve_topology=True)
        for ring, fine in zip(_rings(simple), _rings(polygon), strict=False):
            drawn.append(_ring(_points(ring), 0) or _ring(_points(fine), 1))
        if simple.is_empty:
            drawn.append(_ring(_points(polygon.exterior), 1))
    return "".join(drawn)


def _rings(polygon) -> list:
    if polygon.is_empty:
        return []
    return [polygon.exterior, *polygon.interiors]


def _points(ring) -> np.ndarray:
    return np.asarray(ring.coords)[:-1]


def _ring(points: np.ndarray, decimals: int) -> str:
    """`M x y l dx dy ... z`, repeated points dropped; "" when fewer than three are left."""
    factor = 10**decimals
    whole = np.round(points * factor).astype(int)
    steps = np.diff(whole, axis=0)
    steps = steps[(steps != 0).any(axis=1)]
    if len(steps) < 2:
        return ""

    def number(value: int) -> str:
        return str(value) if decimals == 0 else f"{value / factor:g}"

    start = f"M{number(whole[0, 0])} {number(whole[0, 1])}"
    moves = " ".join(f"{number(x)} {number(y)}" for x, y in steps.tolist())
    return f"{start}l{moves}z"

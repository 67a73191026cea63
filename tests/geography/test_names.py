"""Name keys, aliases and the resolver that the importer relies on."""

import numpy as np
import pytest

from dashboard.geography import names, tables


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("SOUTH 24PARGANAS", "South 24 Parganas"),
        ("BAKSA_x000D_\n", "Baksa"),
        ("Jammu & Kashmir", "JAMMU AND KASHMIR"),
        ("Bengaluru (Urban)", "bengaluru urban"),
        ("Gaurela-Pendra-Marwahi", "GAURELA PENDRA MARWAHI"),
        ("  Mumbaí ", "mumbai"),
    ],
)
def test_normalise_ignores_case_spaces_and_punctuation(left, right):
    assert names.normalise(left) == names.normalise(right)


def test_normalise_keeps_different_names_apart():
    assert names.normalise("North 24 Parganas") != names.normalise("South 24 Parganas")
    assert names.normalise("Kamrup") != names.normalise("Kamrup Metro")


def test_aliases_lead_to_canonical_names():
    assert names.canonical_district_key("Bangalore", 29) == "bengaluruurban"
    assert names.canonical_district_key("Gurgaon") == "gurugram"
    assert names.canonical_district_key("Allahabad") == "prayagraj"
    assert names.canonical_district_key("Ahmednagar", 27) == "ahilyanagar"
    assert names.canonical_district_key("Aurangabad", 27) == "chhatrapatisambhajinagar"
    assert names.canonical_district_key("Aurangabad", 10) == "aurangabad"
    assert names.canonical_district_key("Bijapur", 29) == "vijayapura"
    assert names.canonical_district_key("Bijapur", 22) == "bijapur"
    assert names.canonical_state_key("Orissa") == "odisha"
    assert names.canonical_state_key("Andaman & Nicobar") == "andamanandnicobarislands"


def test_title_case():
    assert names.title_case("JAMMU AND KASHMIR") == "Jammu and Kashmir"
    assert names.title_case("DR. B.R. AMBEDKAR KONASEEMA") == "Dr. B.R. Ambedkar Konaseema"
    assert names.title_case("JANJGIR - CHAMPA") == "Janjgir-Champa"
    assert names.title_case("NTR") == "NTR"


def test_alias_tables_point_at_real_districts():
    districts = tables.districts()
    keys = set(districts["name"].map(names.normalise))
    by_state = districts.groupby("state_code")["name"].apply(lambda s: set(s.map(names.normalise)))
    assert set(names.ALIASES.values()) <= keys
    for state_code, aliases in names.ALIASES_IN_STATE.items():
        assert set(aliases.values()) <= by_state[state_code], state_code
    for state_code, merged in names.MERGED_INTO.items():
        assert {names.normalise(into) for into in merged.values()} <= by_state[state_code]


def test_aliases_valid_anywhere_are_no_district_names():
    keys = set(tables.districts()["name"].map(names.normalise))
    assert not set(names.ALIASES) & keys


def test_state_aliases_point_at_real_states():
    keys = set(tables.states()["name"].map(names.normalise))
    assert set(names.STATE_ALIASES.values()) <= keys


# ---------------------------------------------------------------- resolver


def test_resolve_state_by_code_name_abbreviation_or_alias():
    assert tables.resolver().state(29) == 29
    assert tables.resolver().state("29") == 29
    assert tables.resolver().state(np.int64(38)) == 38
    assert tables.resolver().state(29.0) == 29
    assert tables.resolver().state("karnataka ") == 29
    assert tables.resolver().state("KA") == 29
    assert tables.resolver().state("Orissa") == 21
    assert tables.resolver().state("Andaman & Nicobar") == 35


def test_resolve_unknown_state_gives_none():
    assert tables.resolver().state(26) is None  # DNH&DD's Census code, not its LGD code
    assert tables.resolver().state("Narnia") is None
    assert tables.resolver().state(None) is None


def test_resolve_district_by_lgd_code():
    assert tables.resolver().district(525) == "KA-bengaluru-urban"
    assert tables.resolver().district("525", 29) == "KA-bengaluru-urban"
    assert tables.resolver().district(525, 27) is None  # not in that state
    assert tables.resolver().district(599) == "PY-puducherry"  # Mahe, drawn inside Puducherry


def test_resolve_district_by_project_code():
    assert tables.resolver().district("KA-bengaluru-urban") == "KA-bengaluru-urban"
    assert tables.resolver().district("ka-Bengaluru-Urban", "Karnataka") == "KA-bengaluru-urban"
    assert tables.resolver().district("KA-bengaluru-urban", 27) is None


def test_resolve_district_by_name_within_state():
    assert tables.resolver().district("Bangalore", 29) == "KA-bengaluru-urban"
    assert tables.resolver().district("BENGALURU (URBAN)", "KA") == "KA-bengaluru-urban"
    assert tables.resolver().district("Gurgaon", 6) == "HR-gurugram"
    assert tables.resolver().district("Allahabad", 9) == "UP-prayagraj"
    assert tables.resolver().district("Howrah", 19) == "WB-howrah"
    assert tables.resolver().district("Haora", 19) == "WB-howrah"
    assert tables.resolver().district("Pune District", 27) == "MH-pune"
    assert tables.resolver().district("Bilaspur", 2) != tables.resolver().district("Bilaspur", 22)
    assert tables.resolver().district("Aurangabad", 10) == "BR-aurangabad"
    assert tables.resolver().district("Aurangabad", 27) == "MH-chhatrapati-sambhajinagar"


def test_resolve_district_by_name_alone_only_when_unambiguous():
    assert tables.resolver().district("Prayagraj") == "UP-prayagraj"
    assert tables.resolver().district("Bilaspur") is None


def test_resolve_unknown_district_gives_none():
    assert tables.resolver().district("Gotham", 29) is None
    assert tables.resolver().district("Pune", 29) is None
    assert tables.resolver().district(99999) is None
    assert tables.resolver().district("Bangalore", "Narnia") is None


def test_suggestions_for_misspellings():
    assert tables.resolver().suggest_district(29, "Bengaluru Urbn") == "Bengaluru Urban"
    assert tables.resolver().suggest_district(29, "Banglore") == "Bengaluru Urban"
    assert tables.resolver().suggest_district(19, "Hoogly") == "Hooghly"
    assert tables.resolver().suggest_district(29, "xyzzy") is None
    assert tables.resolver().suggest_state("Karnatka") == "Karnataka"
    assert tables.resolver().suggest_state("Tamilnad") == "Tamil Nadu"

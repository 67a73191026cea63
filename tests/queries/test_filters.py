"""Parsing and checking filters: every bad value names its parameter."""

from datetime import date

import pytest

from dashboard.queries.lookups import check_filters, data_as_of
from dashboard.vocabulary.filters import BadFilter, Filters, parse_filters


def test_parses_every_parameter():
    filters = parse_filters(
        {
            "from": ["2024-04-01"],
            "to": ["2025-03-31"],
            "state": ["29", "9"],
            "district": ["KA-mysuru"],
            "partner": ["NIMHANS"],
            "disease": ["Tuberculosis"],
            "sector": ["health"],
            "cadre": ["ASHA"],
            "hub": ["H1"],
            "program": ["P1"],
        }
    )
    assert filters.date_from == date(2024, 4, 1) and filters.date_to == date(2025, 3, 31)
    assert filters.state == (29, 9)
    assert filters.partner == ("NIMHANS",)


def test_round_trips_through_params():
    filters = Filters(date_from=date(2024, 1, 1), state=(29,), cadre=("ASHA", "ANM"))
    assert parse_filters(filters.to_params()) == filters


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"from": ["2024-13-01"]}, "from"),
        ({"to": ["yesterday"]}, "to"),
        ({"from": ["2025-01-02"], "to": ["2025-01-01"]}, "from"),
        ({"state": ["Karnataka"]}, "state"),
        ({"sector": ["finance"]}, "sector"),
        ({"from": ["2024-01-01", "2024-02-01"]}, "from"),
    ],
)
def test_malformed_values_name_their_parameter(params, parameter):
    with pytest.raises(BadFilter) as error:
        parse_filters(params)
    assert error.value.parameter == parameter


@pytest.mark.parametrize(
    "filters, parameter",
    [
        (Filters(state=(99,)), "state"),
        (Filters(district=("XX-nowhere",)), "district"),
        (Filters(partner=("NOPE",)), "partner"),
        (Filters(disease=("Scurvy",)), "disease"),
        (Filters(cadre=("astronaut",)), "cadre"),
        (Filters(hub=("HB99",)), "hub"),
        (Filters(program=("PR99",)), "program"),
    ],
)
def test_unknown_codes_name_their_parameter(small_world, filters, parameter):
    store, _ = small_world
    with pytest.raises(BadFilter) as error:
        check_filters(store, filters)
    assert error.value.parameter == parameter


def test_known_codes_pass(small_world):
    store, _ = small_world
    check_filters(store, Filters(state=(29,), hub=("HB0",), partner=("PA1",), cadre=("ASHA",)))


def test_data_as_of_is_latest_session(small_world):
    store, world = small_world
    assert data_as_of(store) == max(s["held_on"] for s in world.sessions)

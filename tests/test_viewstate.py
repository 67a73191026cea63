"""The page's view as data: URL round trips, drill-down steps, date presets."""

from dataclasses import replace
from datetime import date

import pytest

from dashboard.viewstate import (
    ViewState,
    date_preset,
    drill_to_district,
    drill_to_state,
    from_query,
    matching_preset,
    select_hub,
    up_to,
)
from dashboard.vocabulary.filters import BadFilter, Filters


def test_round_trip_through_the_url():
    view = ViewState(
        filters=Filters(date_from=date(2024, 4, 1), state=(29,), cadre=("ASHA",)),
        metric="participants",
        tab="trends",
        split="partner",
        white_spots_only=True,
        month=202405,
    )
    assert from_query(view.to_query()) == view


def test_default_view_has_an_empty_query():
    assert ViewState().to_query() == ""
    assert from_query("") == ViewState()


def test_nonsense_view_options_fall_back_to_defaults():
    view = from_query("?metric=bogus&tab=nowhere&month=2024")
    assert (view.metric, view.tab, view.month) == ("attendances", "coverage", None)


def test_bad_filters_raise():
    with pytest.raises(BadFilter):
        from_query("?from=2024-99-01")


def test_drill_down_and_back_up():
    india = ViewState(filters=Filters(partner=("NIMHANS",)))
    state = drill_to_state(india, 29)
    assert state.level == "state" and state.filters.state == (29,)
    district = drill_to_district(state, "KA-mysuru")
    assert district.level == "district" and district.filters.state == (29,)
    hub = select_hub(district, "H1")  # its whole reach: the places drilled into are let go
    assert hub.level == "hub" and hub.filters == Filters(partner=("NIMHANS",), hub=("H1",))
    linked = replace(hub, filters=hub.filters.replace(state=(29,)))  # a link with a state
    assert up_to(linked, "state").filters == Filters(partner=("NIMHANS",), state=(29,))
    assert up_to(hub, "india").filters == Filters(partner=("NIMHANS",))


@pytest.mark.parametrize(
    "preset, today, expected",
    [
        ("3m", date(2026, 11, 27), (date(2026, 8, 28), date(2026, 11, 27))),
        ("12m", date(2024, 2, 29), (date(2023, 3, 1), date(2024, 2, 29))),
        ("fy", date(2026, 11, 27), (date(2026, 4, 1), date(2026, 11, 27))),
        ("fy", date(2026, 2, 1), (date(2025, 4, 1), date(2026, 2, 1))),
        ("last-fy", date(2026, 11, 27), (date(2025, 4, 1), date(2026, 3, 31))),
        ("all", date(2026, 11, 27), (None, None)),
    ],
)
def test_date_presets(preset, today, expected):
    assert date_preset(preset, today) == expected
    start, end = expected
    assert matching_preset(Filters(date_from=start, date_to=end), today) == preset

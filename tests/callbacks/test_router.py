"""The router: each user action gives the expected next view; the URL sets the controls."""

from datetime import date

from dash import no_update

from callbacks.router import OPTION_LISTS, apply_event, controls_of, options_of, routed
from dashboard.geography import tables as geography
from dashboard.viewstate import ViewState, from_query
from dashboard.vocabulary.filters import Filters
from tests.queries import brute

NO_DATES = {"dashboard-dates.start_date": None, "dashboard-dates.end_date": None}


def test_clicking_a_state_drills_into_it():
    click = {"points": [{"location": 29, "z": 10}]}
    view = apply_event(ViewState(), "dashboard-map", click, NO_DATES)
    assert view.filters.state == (29,) and view.level == "state"


def test_clicking_a_district_then_a_hub():
    state = ViewState(filters=Filters(state=(29,)))
    district = apply_event(state, "dashboard-map", {"points": [{"location": "KA-mysuru"}]}, {})
    assert district.level == "district" and district.filters.district == ("KA-mysuru",)
    hub_click = {"points": [{"customdata": ["H-NIMHANS-01", "NIMHANS", "1,000"]}]}
    hub = apply_event(district, "dashboard-map", hub_click, {})
    assert hub.level == "hub" and hub.filters.hub == ("H-NIMHANS-01",)


def test_dropdowns_set_filters_and_state_change_clears_drill_below():
    view = ViewState(filters=Filters(state=(29,), district=("KA-mysuru",)))
    changed = apply_event(view, "dashboard-state", ["9"], {})
    assert changed.filters.state == (9,) and changed.filters.district == ()
    partner = apply_event(view, "dashboard-partner", ["NIMHANS", "AIIMS-DEL"], {})
    assert partner.filters.partner == ("NIMHANS", "AIIMS-DEL")


def test_dates_from_picker_and_preset():
    inputs = {"dashboard-dates.start_date": "2024-04-01", "dashboard-dates.end_date": "2025-03-31"}
    view = apply_event(ViewState(), "dashboard-dates", None, inputs)
    assert (view.filters.date_from, view.filters.date_to) == (date(2024, 4, 1), date(2025, 3, 31))
    all_time = apply_event(view, "dashboard-preset", "all", {})
    assert all_time.filters.date_from is None and all_time.filters.date_to is None


def test_disease_bar_and_month_clicks():
    view = apply_event(ViewState(), "dashboard-diseases", {"points": [{"y": "Tuberculosis"}]}, {})
    assert view.filters.disease == ("Tuberculosis",)
    month = apply_event(view, "dashboard-trend", {"points": [{"x": "2024-03-01"}]}, {})
    assert month.month == 202403


def test_clear_keeps_metric_and_tab():
    view = ViewState(filters=Filters(state=(29,)), metric="participants", tab="trends")
    cleared = apply_event(view, "dashboard-clear", 1, {})
    assert cleared == ViewState(metric="participants", tab="trends")


def test_controls_follow_the_view():
    view = ViewState(filters=Filters(state=(29,), partner=("NIMHANS",)), tab="partner")
    controls = controls_of(view)
    assert controls["state"] == [29] and controls["partner"] == ["NIMHANS"]
    assert controls["tab"] == "partner" and controls["partner_pick"] == "NIMHANS"


def test_options_offer_only_what_exists_under_other_filters(world_data):
    _, world = world_data
    view = ViewState(filters=Filters(sector=("education",), cadre=("astronaut",)))
    options = options_of(view)
    rows = brute.records(world, Filters(sector=("education",)))
    assert options["state"] == []  # an unknown cadre matches nothing, so no state is offered
    assert {o["value"] for o in options["cadre"]} >= {"astronaut"}  # a chosen value stays
    view = ViewState(filters=Filters(sector=("education",)))
    options = options_of(view)
    states, diseases, sectors = options["state"], options["disease"], options["sector"]
    cadres, partner_pick = options["cadre"], options["partner_pick"]
    assert {o["value"] for o in states} == {r["state"] for r in rows}
    assert {o["value"] for o in diseases} == {r["disease"] for r in rows}
    everything = brute.records(world, Filters())
    assert {o["value"] for o in sectors} == {r["sector"] for r in everything}
    counts = {o["value"]: o["label"] for o in cadres}
    for cadre, label in counts.items():
        n = sum(1 for r in rows if r["cadre"] == cadre)
        assert label.endswith(f"({n})")
    assert all("(" not in o["label"] for o in partner_pick)


def test_a_district_click_at_india_level_drills_to_the_district():
    click = {"points": [{"location": "KA-mysuru"}]}
    view = apply_event(ViewState(white_spots_only=True), "dashboard-map", click, {})
    assert view.filters.district == ("KA-mysuru",) and view.level == "district"
    assert apply_event(ViewState(), "dashboard-map", {"points": [{}]}, {}) == ViewState()


def test_filter_lists_are_sent_when_the_filters_may_have_changed(world_data):
    tab = routed("?state=29", "dashboard-tabs", "trends", {})
    assert tab["search"] == "?state=29&tab=trends"
    assert set(tab["options"]) == set(OPTION_LISTS)
    assert all(o is no_update for o in tab["options"].values())  # the page's lists still hold
    state = routed("?state=29", "dashboard-state", [9], {})
    assert state["search"] == "?state=9"
    assert state["options"] == options_of(from_query("?state=9"))
    opened = routed("?state=29", None, None, {})  # first load, back, forward, a pasted link
    assert opened["search"] is no_update
    assert opened["options"] == options_of(from_query("?state=29"))
    assert opened["options"] != state["options"]


def test_the_filter_button_counts_the_filters_the_view_holds(world_data):
    assert routed("", None, None, {})["filter_button"] == "Filters"
    both = routed("?state=29&from=2023-01-01&to=2023-06-30", None, None, {})
    assert both["filter_button"] == "Filters (2)"  # a state and a period
    assert routed("?state=29", "dashboard-state", [], {})["filter_button"] == "Filters"


def test_financial_year_presets_name_their_years(monkeypatch):
    """On 7 December 2026 (the clock pinned) the presets read FY 2026-27 to date and
    FY 2025-26, and a link with this FY's dates shows its preset chosen."""
    monkeypatch.setattr("callbacks.router.today_in_india", lambda: date(2026, 12, 7))
    answer = routed("?from=2026-04-01&to=2026-12-07", None, None, {})
    labels = {o["value"]: o["label"] for o in answer["presets"]}
    assert labels["fy"] == "FY 2026-27 to date" and labels["last-fy"] == "FY 2025-26"
    assert answer["controls"]["preset"] == "fy"
    last = routed("?from=2025-04-01&to=2026-03-31", None, None, {})
    assert last["controls"]["preset"] == "last-fy"


def test_a_hub_clicked_in_a_state_opens_its_whole_reach():
    """The state drilled into is let go (its filter kept only part of the hub's reach);
    the other filters stay."""
    view = from_query("?state=29&sector=health")
    click = {"points": [{"customdata": ["HB0", "Hub 0", "10"]}]}
    hub = apply_event(view, "dashboard-map", click, {})
    assert hub.filters == Filters(sector=("health",), hub=("HB0",))


def test_every_state_and_ut_is_a_choice_in_the_map_list(world_data):
    """The map's list offers all 36 by name, reached or not, whatever the filters."""
    every = options_of(from_query("?sector=education&cadre=ASHA"))["map_state"]
    reference = geography.states()
    assert every == [
        {"label": name, "value": int(code)}
        for name, code in sorted(zip(reference.name, reference.state_code, strict=True))
    ]
    assert len(every) == 36


def test_choosing_from_the_map_list_drills_into_the_state():
    chosen = apply_event(ViewState(white_spots_only=True), "dashboard-map-state", 4, {})
    assert chosen.filters.state == (4,) and chosen.white_spots_only  # never reached stays
    assert controls_of(chosen)["map_state"] == 4
    back = apply_event(chosen, "dashboard-map-state", None, {})
    assert back.level == "india" and controls_of(back)["map_state"] is None
    two = ViewState(filters=Filters(state=(4, 7)))
    assert controls_of(two)["map_state"] is None

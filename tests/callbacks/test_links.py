"""A bad or stale link: each unusable part named with a link removing it, never shown as a value."""

from urllib.parse import parse_qsl

from dash import no_update

from callbacks.links import read_link
from callbacks.overview import show_kpis, show_map
from callbacks.router import routed
from tests.callbacks.test_pages import components

BAD_LINKS = {  # link: its unusable parts, and the usable view's query
    "?state=999&sector=health&tab=trends": ([("state", "999")], "?sector=health&tab=trends"),
    "?from=garbage&state=29": ([("from", "garbage")], "?state=29"),
    "?hub=NOPE&metric=participants": ([("hub", "NOPE")], "?metric=participants"),
    "?state=29&district=KA-nowhere": ([("district", "KA-nowhere")], "?state=29"),
    "?state=29&state=999&partner=PA3&partner=XX": (
        [("state", "999"), ("partner", "XX")],
        "?state=29&partner=PA3",
    ),
    "?from=2024-05-01&to=2024-01-01": ([("from", "2024-05-01")], "?to=2024-01-01"),
}


def test_each_unusable_part_of_a_link_is_set_apart(world_data):
    for search, (bad, usable) in BAD_LINKS.items():
        link = read_link(search)
        assert [(p.parameter, p.value) for p in link.bad] == bad, search
        assert link.view.to_query() == usable, search
        for part in link.bad:
            kept = [pair for pair in parse_qsl(search[1:]) if pair != (part.parameter, part.value)]
            assert parse_qsl(link.without(part).removeprefix("/?")) == kept
    good = read_link("?state=29&sector=health&tab=trends")
    assert good.bad == () and good.view.to_query() == "?state=29&sector=health&tab=trends"


def _links(tree) -> dict[str, str]:
    """Every link in a component tree (as sent), by its text."""
    return {
        c["props"]["children"]: c["props"]["href"]
        for c in components(tree)
        if isinstance(c["props"].get("href"), str) and isinstance(c["props"].get("children"), str)
    }


def test_the_banner_names_each_bad_part_with_a_way_out_and_data_as_of_stays(world_data):
    _, world = world_data
    latest = max(s["held_on"] for s in world.sessions)
    answer = show_kpis("?state=29&state=999&partner=PA3&partner=XX&tab=trends", None)
    assert set(answer["values"].values()) == {"-"}
    assert answer["as_of"] == f"Data as of {latest:%d %b %Y}"
    text = str(answer["banner"])
    assert "2 filters the page cannot use" in text and "999" in text and "XX" in text
    links = _links(answer["banner"])
    assert links["Remove state: 999"] == "/?state=29&partner=PA3&partner=XX&tab=trends"
    assert links["Remove partner: XX"] == "/?state=29&state=999&partner=PA3&tab=trends"
    assert links["Remove all of them"] == "/?state=29&partner=PA3&tab=trends"
    assert links["Clear all filters"] == "/"
    malformed = show_kpis("?from=garbage", None)
    assert "cannot use" in str(malformed["banner"]) and "garbage" in str(malformed["banner"])
    assert _links(malformed["banner"])["Remove from: garbage"] == "/"
    assert malformed["as_of"] == f"Data as of {latest:%d %b %Y}"


def test_controls_and_lists_never_hold_an_unknown_code(world_data):
    answer = routed("?state=999&state=29&sector=health", None, None, {})
    assert answer["search"] is no_update  # the link stays until the user changes the view
    assert answer["controls"]["state"] == [29] and answer["controls"]["sector"] == ["health"]
    offered = {o["value"] for o in answer["options"]["state"]}
    assert 999 not in offered and "999" not in offered
    assert not any(o["label"].startswith("999") for o in answer["options"]["state"])
    malformed = routed("?from=garbage&state=29", None, None, {})
    assert malformed["controls"]["state"] == [29] and malformed["controls"]["date_from"] is None
    changed = routed("?state=999&state=29&sector=health", "dashboard-tabs", "trends", {})
    assert changed["search"] == "?state=29&sector=health&tab=trends"  # the bad part dropped


def test_the_breadcrumb_shows_only_what_the_link_can_use(world_data):
    for search in ("?state=999", "?hub=NOPE", "?from=garbage"):
        assert show_map(search, None)["breadcrumb"] == [{"label": "India", "active": True}]
    crumbs = show_map("?state=29&district=KA-nowhere", None)["breadcrumb"]
    assert [c["label"] for c in crumbs] == ["India", "Karnataka"]
    assert "cannot be shown" in str(show_map("?state=999", None)["map"])

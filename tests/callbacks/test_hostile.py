"""Values the page would never send, over HTTP: each is a 400 naming what is wrong (or the
page's own word for a link it cannot use), never a 500."""

import pytest

from app import app
from callbacks.door import KINDS, Refused, check_body
from callbacks.downloads import CHARTS
from callbacks.overview import NEVER_REACHED_CSV
from layouts import ids
from tests.callbacks.protocol import UPDATE, ask, client, download


@pytest.fixture
def http(world_data):
    return client()


@pytest.mark.parametrize(
    "view, search, parameter",
    [("map", "?state=abc", "state"), ("nothing", "", "view"), ("options", "", "view")],
)
def test_a_download_of_a_bad_link_or_chart_is_400(http, view, search, parameter):
    answer = download(http, view, search)
    assert answer.status_code == 400
    assert answer.get_json()["parameter"] == parameter


def test_every_chart_with_a_csv_link_downloads(http):
    linked = {
        c.id["view"]
        for c in app.validation_layout._traverse()
        if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == ids.DOWNLOAD
    } | {NEVER_REACHED_CSV.id["view"]}  # drawn in the side panel by a callback
    assert linked == set(CHARTS)
    for view in CHARTS:
        search = "?tab=trends&month=202001" if view == "month" else ""
        assert download(http, view, search).status_code == 200, view


@pytest.mark.parametrize(
    "search",
    [
        "?tab=trends&month=999913",
        "?tab=trends&month=%D9%A2%D9%A0%D9%A2%D9%A0%D9%A0%D9%A1",
        "?from=0001-01-01&to=9999-12-31",
        "?state=99999999999999999999",
        "?state=%C2%B2",
        "?cadre=%00",
        "?" + "&".join(f"cadre=c{i}" for i in range(5000)),
    ],
)
@pytest.mark.parametrize(
    "output",
    [
        f"{ids.kpi('hubs')}.children",
        f"{ids.MAP}.figure",
        f"{ids.TREND}.figure",
        f"{ids.DISEASES}.figure",
        f"{ids.PARTNER_VIEW}.children",
        f"{ids.URL}.search",
    ],
)
def test_hostile_links_never_fail_a_callback(http, search, output):
    answer = ask(http, output, {f"{ids.URL}.search": search, f"{ids.VERSION}.data": 1})
    assert answer.status_code in (200, 204), answer.get_data(as_text=True)[:300]


@pytest.mark.parametrize(
    "trigger, value, parameter",
    [
        (f"{ids.filter_list('state')}.value", ["abc"], "state"),
        (f"{ids.filter_list('state')}.value", ["99999999999999999999"], "state"),
        (f"{ids.filter_list('cadre')}.value", [{"a": 1}], "cadre"),
        (f"{ids.filter_list('cadre')}.value", "ASHA", "cadre"),
        (f"{ids.filter_list('cadre')}.value", ["x"] * 201, "cadre"),
        (f"{ids.DATES}.start_date", "tomorrow", "from"),
        (f"{ids.DATES}.start_date", "0001-01-01", "from"),
        (f"{ids.MAP_STATE}.value", "Kerala", "state"),
        (f"{ids.MAP_STATE}.value", ["29"], "state"),
    ],
)
def test_a_control_value_the_page_never_sends_is_400(http, trigger, value, parameter):
    answer = ask(http, f"{ids.URL}.search", {f"{ids.URL}.search": "", trigger: value}, trigger)
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    assert answer.get_json()["parameter"] == parameter


@pytest.mark.parametrize(
    "click",
    [
        "a string",
        {"points": "none"},
        {"points": [5]},
        {"points": [{"location": {"a": 1}}]},
        {"points": [{"customdata": "H"}]},
        {"points": [{"x": "9999-13-01"}]},
        {"points": [{"y": None}]},
    ],
)
@pytest.mark.parametrize("chart", [ids.MAP, ids.DISEASES, ids.TREND])
def test_odd_clicks_never_fail_the_router(http, chart, click):
    values = {f"{ids.URL}.search": "", f"{chart}.clickData": click}
    answer = ask(http, f"{ids.URL}.search", values, f"{chart}.clickData")
    assert answer.status_code in (200, 204, 400), answer.get_data(as_text=True)[:300]


@pytest.mark.parametrize(
    "body, part",
    [
        (b"not json", "body"),
        (b"[]", "body"),
        (b"{}", "output"),
        (b'{"output": 5}', "output"),
        (b'{"output": "nothing.children"}', "output"),
        (b'{"output": "dashboard-grid-query.data"}', "output"),  # runs in the browser
        (b'{"output": "page-data-as-of.children", "outputs": 5}', "outputs"),
        (
            b'{"output": "page-data-as-of.children", "outputs": {"id": "page-data-as-of",'
            b' "property": "children"}, "inputs": 5}',
            "inputs",
        ),
        (
            b'{"output": "page-data-as-of.children", "outputs": {"id": "page-data-as-of",'
            b' "property": "children"}, "inputs": [{"id": "page-url", "property": "pathname",'
            b' "value": {"a": 1}}]}',
            "inputs[0]",
        ),
        (
            b'{"output": "page-data-as-of.children", "outputs": {"id": "page-data-as-of",'
            b' "property": "children"}, "inputs": [{"id": "elsewhere", "property": "pathname"}]}',
            "inputs[0]",
        ),
        (
            b'{"output": "page-data-as-of.children", "outputs": {"id": "page-data-as-of",'
            b' "property": "children"}, "inputs": [{"id": "page-url", "property": "pathname",'
            b' "value": "/"}], "changedPropIds": 5}',
            "changedPropIds",
        ),
    ],
)
def test_a_malformed_callback_body_is_400_naming_its_part(http, body, part):
    answer = http.post(UPDATE, data=body, content_type="application/json")
    assert answer.status_code == 400
    assert answer.get_json()["parameter"] == part


def test_the_door_knows_the_kind_of_every_property_it_checks():
    declared = {
        d["property"]
        for spec in app.callback_map.values()
        for d in (*spec["inputs"], *spec.get("state", []))
    }
    assert set(KINDS) <= declared
    with pytest.raises(Refused):
        check_body({"output": "page-data-as-of.children"}, {})

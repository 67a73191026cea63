"""The language a request is answered in: from its link, remembered in a cookie, and the
switch that keeps the view."""

import json
from datetime import date

import pytest

from callbacks.overview import show_kpis, show_map
from callbacks.pages import show_page
from dashboard.access.language import switch_href
from dashboard.clock import day_text
from dashboard.vocabulary.language import current, speaking
from layouts import ids
from tests.callbacks.protocol import ask, client


@pytest.fixture
def http(world_data):
    return client()


def test_a_page_in_hindi_is_remembered_and_a_page_without_lang_follows_it(http):
    assert http.get("/").status_code == 200  # English unless asked: no redirect
    answer = http.get("/?lang=hi")
    assert answer.status_code == 200
    assert "lang=hi" in answer.headers["Set-Cookie"]
    again = http.get("/live?state=29")
    assert again.status_code == 302
    assert again.headers["Location"].endswith("/live?state=29&lang=hi")
    http.get("/?lang=en")
    assert http.get("/").status_code == 200


def test_a_callback_speaks_the_language_of_the_page_asking(http):
    """Over Dash's protocol: the `lang` of the URL the callback reads sets its language,
    and the request leaves no language behind."""
    values = {f"{ids.URL}.search": "?lang=hi", f"{ids.VERSION}.data": 1}
    answer = ask(http, f"{ids.DATA_AS_OF}.children", values)
    assert answer.status_code == 200
    as_of = json.loads(answer.get_data(as_text=True))["response"][ids.DATA_AS_OF]["children"]
    assert as_of.endswith("तक का डेटा"), as_of
    values[f"{ids.URL}.search"] = ""
    english = ask(http, f"{ids.DATA_AS_OF}.children", values).get_data(as_text=True)
    assert "Data as of" in english
    assert current() == "en"


def test_the_tiles_map_and_panel_in_hindi(world_data):
    with speaking("hi"):
        tiles = show_kpis("?lang=hi&from=2023-01-01&to=2023-06-30", None)
        drawn = show_map("?lang=hi", None)
        page = json.dumps(show_page("/", "?lang=hi"), ensure_ascii=False)
    assert tiles["as_of"].endswith("तक का डेटा")
    assert all("तुलना" in text for text in tiles["changes"].values())
    assert drawn["breadcrumb"][0]["label"] == "भारत"
    panel = json.dumps(drawn["panel"], ensure_ascii=False)
    assert "के अनुसार राज्य" in panel  # "States by attendances"
    for words in ("उपस्थिति", "कार्यक्रम", "फ़िल्टर", "रोगवार कवरेज", "साझेदार संस्थान"):
        assert words in page
    assert "Attendances" not in page
    assert "दिसंबर" in page  # the charts' config: plotly's dates in Hindi
    english = json.dumps(show_page("/"))
    assert "Attendances" in english and "उपस्थिति" not in english


def test_the_switch_keeps_the_view_in_the_other_language():
    assert switch_href("?state=29&state=22&lang=hi&tab=trends", "en") == (
        "?state=29&state=22&tab=trends&lang=en"
    )
    assert switch_href("", "hi") == "?lang=hi"


def test_dates_in_each_language():
    day = date(2026, 12, 7)
    assert day_text(day) == "07 Dec 2026"
    with speaking("hi"):
        assert day_text(day) == "07 दिस॰ 2026"


def test_state_names_in_hindi_from_the_one_file_every_state_of_the_geography_has():
    from dashboard.geography import tables
    from dashboard.geography.spoken import state_names

    hindi = state_names("hi")
    assert set(hindi) == set(tables.states()["state_code"])
    assert all(name and not name.isascii() for name in hindi.values())


def test_the_answers_name_states_in_hindi(world_data):
    from callbacks.common import data
    from callbacks.names import names
    from dashboard.geography.spoken import state_names
    from dashboard.vocabulary.filters import Filters

    english = data().states(Filters())
    with speaking("hi"):
        states = data().states(Filters())
        lists = data().options(Filters())["state"]
        named = names("state", [29])
        matrix = data().matrix(Filters())
    hindi = state_names("hi")
    assert states["state"].tolist() == [hindi[c] for c in english["state_code"]]
    assert set(lists["label"]) <= set(hindi.values())
    assert named == ["कर्नाटक"]
    assert len(matrix) and set(matrix["state"]) <= set(hindi.values())


def test_a_charts_csv_in_hindi_has_hindi_headers_and_names(world_data):
    from callbacks.downloads import frame_for, headed
    from dashboard.viewstate import from_query

    english = headed(frame_for("map", from_query("")))
    assert list(english.columns[:3]) == ["state_code", "state", "attendances"]  # the API's
    with speaking("hi"):
        hindi = headed(frame_for("map", from_query("?lang=hi")))
    assert list(hindi.columns[:3]) == ["राज्य का LGD कोड", "राज्य", "उपस्थिति"]
    assert "कर्नाटक" in set(hindi["राज्य"])


def test_a_link_the_page_cannot_use_is_explained_in_hindi(world_data):
    with speaking("hi"):
        banner = json.dumps(show_kpis("?lang=hi&from=kal", None)["banner"], ensure_ascii=False)
    assert "इस लिंक में एक ऐसा फ़िल्टर है" in banner
    assert "आरंभ तिथि: 'kal' YYYY-MM-DD रूप में तिथि नहीं है" in banner


def test_the_document_names_its_language_and_title(http):
    hindi = http.get("/?lang=hi").get_data(as_text=True)
    assert '<html lang="hi">' in hindi and "<title>ECHO India डैशबोर्ड</title>" in hindi
    english = http.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "<title>ECHO India dashboard</title>" in english


def test_the_attention_tab_in_hindi(world_data):
    from callbacks.attention import attention_for
    from callbacks.common import as_sent
    from dashboard.vocabulary.filters import Filters
    from layouts.attention import attention_list

    with speaking("hi"):
        tab = json.dumps(as_sent(attention_list(attention_for(Filters()))), ensure_ascii=False)
    assert "तुलना की गई अवधियाँ" in tab and "वे कार्यक्रम जिनकी उपस्थिति घटी" in tab
    assert "Periods compared" not in tab and "MMM" not in tab

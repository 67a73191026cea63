"""Each chart's text alternative states the numbers its chart draws, in the language spoken:
checked against independent counts on the small world, in English and Hindi."""

from collections import Counter

import pytest

from callbacks.overview import show_map
from callbacks.tabs import show_coverage
from dashboard.figures.alternative import SHOWN, ranked_text
from dashboard.geography import tables as geography
from dashboard.geography.spoken import state_names
from dashboard.numbers import indian
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.language import speaking
from tests.queries import brute

TITLES = {
    "en": ("Attendances by state", "Attendances by district", "Attendances by disease area"),
    "hi": ("राज्य के अनुसार उपस्थिति", "ज़िले के अनुसार उपस्थिति", "रोग क्षेत्र के अनुसार उपस्थिति"),
}


def _said(text: str, title: str, counts: Counter, name) -> None:
    """The text names the largest counts (up to SHOWN) with their numbers, no more."""
    assert text.startswith(title + ": "), text
    for code, count in counts.most_common(SHOWN):
        assert f"{name(code)} {indian(count)}" in text, (code, count, text)
    for code, _count in counts.most_common()[SHOWN:]:  # counted, not named
        assert f"{name(code)} " not in text, (code, text)


@pytest.mark.parametrize("language", ["en", "hi"])
def test_the_map_and_the_ranking_say_their_numbers(world_data, language):
    _, world = world_data
    records = brute.records(world, Filters())
    names = state_names(language) if language != "en" else {}
    english = dict(zip(geography.states().state_code, geography.states().name, strict=True))
    by_state = Counter(r["state"] for r in records)
    by_disease = Counter(r["disease"] for r in records)
    states_title, districts_title, diseases_title = TITLES[language]
    with speaking(language):
        india = show_map(f"?lang={language}", None)["text"]
        state = max(by_state, key=by_state.get)
        in_state = show_map(f"?state={state}&lang={language}", None)["text"]
        diseases = show_coverage(f"?lang={language}", None)["diseases_text"]
    _said(india, states_title, by_state, lambda code: names.get(code, english[code]))
    by_district = Counter(r["district"] for r in records if r["state"] == state)
    district_names = dict(
        zip(geography.districts().district_code, geography.districts().name, strict=True)
    )
    _said(in_state, districts_title, by_district, district_names.get)
    _said(diseases, diseases_title, by_disease, str)


def test_a_chart_with_nothing_says_so_and_counts_what_it_leaves_out():
    assert ranked_text("Attendances by state", ["A", "B"], [0, 0]) == (
        "Attendances by state: none in this selection."
    )
    names, values = [f"S{i}" for i in range(13)], list(range(1, 14))
    text = ranked_text("Attendances by state", names, values)
    assert text.startswith("Attendances by state: S12 13, S11 12,") and text.endswith(
        "S3 4 and 3 more."
    )

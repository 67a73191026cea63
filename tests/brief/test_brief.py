"""The brief's numbers, read back from the PDF's text, against the page's tiles and
independent counts of the test world; the command's refusals; the button's callback."""

import base64
import io
from datetime import date

import pytest
from cachelib import SimpleCache
from pypdf import PdfReader

from callbacks.brief import download_brief
from callbacks.overview import show_kpis
from dashboard.access.scoped import ScopedData
from dashboard.brief import make_brief
from dashboard.cli import main
from dashboard.geography import tables as geography
from dashboard.numbers import compact, indian
from dashboard.service import DashboardData, dashboard_data
from dashboard.tiles import KPIS
from dashboard.vocabulary.attention import FIGURES, RULES, Thresholds
from dashboard.vocabulary.filters import Filters
from dashboard.vocabulary.scope import INDIA, Scope
from tests.attention_world import AS_OF, attention_world, rules
from tests.queries import brute

KARNATAKA = 29
VIEWS = {
    "india, a financial year to date": (
        INDIA,
        Filters(date_from=date(2023, 4, 1), date_to=date(2023, 10, 31)),
        "?from=2023-04-01&to=2023-10-31",
    ),
    "a state filter": (INDIA, Filters(state=(KARNATAKA,)), f"?state={KARNATAKA}"),
    "a state's account": (Scope(states=frozenset({KARNATAKA})), Filters(), ""),
}


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def lines_after(text: str, heading: str, count: int) -> list[str]:
    lines = text.splitlines()
    start = lines.index(heading) + 2  # the heading, then the table's header row
    return lines[start : start + count]


@pytest.fixture(scope="module", params=list(VIEWS))
def brief(request, brief_world):
    _, world = brief_world
    scope, filters, search = VIEWS[request.param]
    pdf = make_brief(ScopedData(dashboard_data(), scope), filters)
    seen = filters.replace(state=filters.state or tuple(sorted(scope.states)))
    return text_of(pdf), brute.records(world, seen), scope, search, world


def test_tiles_are_the_pages_tiles_and_the_worlds_counts(brief, as_scope):
    text, rows, scope, search, _ = brief
    as_scope(scope)
    page = show_kpis(search, None)
    expected = brute.metrics(rows)
    for metric, label in KPIS:
        at = text.index(f"\n{label}\n")
        tile = text[at:].splitlines()[2:4]
        assert tile[0] == page["values"][metric] == compact(expected[metric])
        change = page["changes"][metric]
        if change:  # the change's words may wrap: compare them without line breaks
            assert " ".join(text[at:].split())[:200].count(change) == 1


def test_programmes_hubs_and_disease_areas_are_counted(brief):
    text, rows, _, _, world = brief
    names = {p["program_code"]: p["name"] for p in world.programs}
    by_programme = brute.grouped(rows, "program")
    top = sorted(by_programme.items(), key=lambda kv: (-kv[1]["attendances"], names[kv[0]]))
    printed = lines_after(text, "Top programmes", len(top[:10]))
    for (code, counted), line in zip(top[:10], printed, strict=True):
        numbers = [indian(counted[m]) for m in ("attendances", "participants", "sessions")]
        assert line.startswith(names[code]) and line.endswith(" ".join(numbers))
    states = {r["state"] for r in rows}
    flat = " ".join(text.split())
    for area, counted in brute.grouped(rows, "disease").items():
        gaps = len(states - {r["state"] for r in rows if r["disease"] == area})
        numbers = [counted[m] for m in ("attendances", "participants", "programs")]
        numbers += [counted["states_reached"], gaps]
        assert f"{area} {' '.join(indian(n) for n in numbers)}" in flat


def test_a_states_brief_holds_only_that_state(brief_world):
    _, world = brief_world
    scope = Scope(states=frozenset({KARNATAKA}))
    text = text_of(make_brief(ScopedData(dashboard_data(), scope), Filters()))
    rows = brute.records(world, Filters(state=(KARNATAKA,)))
    districts = geography.districts()
    total = (districts.state_code == KARNATAKA).sum()
    reached = len({r["district"] for r in rows})
    assert f"{reached} of {total} districts reached" in text
    assert "States / UTs: Karnataka" in text
    others = [h["name"] for h in world.hubs if h["hub_code"] not in {r["hub"] for r in rows}]
    assert not [name for name in others if f"\n{name} " in text]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--from", "2023-02-30"], "from: '2023-02-30' is not a date"),
        (["--state", "Karnataka"], "state: 'Karnataka' is not an LGD state code"),
        (["--sector", "space"], "unknown sector 'space'"),
        (["--disease", "Scurvy"], "unknown disease 'Scurvy'"),
    ],
)
def test_the_command_refuses_bad_filters_in_one_line(brief_world, tmp_path, capsys, args, words):
    store, _ = brief_world
    out = tmp_path / "brief.pdf"
    assert main(["brief", "--db", store.url, "--out", str(out), *args]) == 2
    error = capsys.readouterr().err
    assert words in error and error.count("\n") == 1 and "Traceback" not in error
    assert not out.exists()


def test_the_command_writes_the_brief(brief_world, tmp_path):
    store, world = brief_world
    out = tmp_path / "brief.pdf"
    assert main(["brief", "--db", store.url, "--out", str(out), "--state", "29"]) == 0
    expected = brute.metrics(brute.records(world, Filters(state=(KARNATAKA,))))
    assert f"\nAttendances\n{compact(expected['attendances'])}\n" in text_of(out.read_bytes())


def test_the_button_sends_the_views_brief(brief_world, as_scope):
    _, world = brief_world
    as_scope(Scope(states=frozenset({KARNATAKA})))
    sent = download_brief(1, "?sector=health")
    assert sent["filename"] == "echo-india-brief.pdf"
    pdf = base64.b64decode(sent["content"])
    expected = brute.metrics(brute.records(world, Filters(state=(KARNATAKA,), sector=("health",))))
    assert pdf.startswith(b"%PDF")
    assert f"\nAttendances\n{compact(expected['attendances'])}\n" in text_of(pdf)


def test_the_attention_page_lists_the_tabs_items_with_their_counts(attention_store):
    data = ScopedData(DashboardData(attention_store, SimpleCache()), INDIA)
    assert data.data_as_of() == AS_OF  # the rules' periods are those counted by hand
    text = " ".join(text_of(make_brief(data, Filters())).split())
    expected = rules(attention_world(), Filters(), Thresholds())
    for rule, heading in RULES.items():
        assert f"{heading}: {len(expected[rule])}" in text
    programmes = {p["program_code"]: p["name"] for p in attention_world().programs}
    for code, figures in expected["attendance_fell"].items():
        before, recent = (indian(figures[n]) for n in ("before", "recent"))
        assert (
            f"{programmes[code]}: {FIGURES['before']}: {before}; {FIGURES['recent']}: {recent};"
        ) in text


def test_a_hindi_brief_is_written_in_shaped_devanagari(brief_world):
    """The Hindi brief's words, conjuncts (त्र, क्ष) and nasal signs included, read back from
    the PDF, drawn in the vendored Noto Sans Devanagari. (Words whose vowel sign is drawn
    before its consonant, ि, or with a reph, र्, are shaped right on the page but do not
    read back in order from a PDF's text: they are not checked here.)"""
    pdf = make_brief(ScopedData(dashboard_data(), INDIA), Filters(), language="hi")
    text = text_of(pdf)
    for words in ("सारांश", "संपूर्ण भारत", "एक नज़र में", "सत्र", "रोग क्षेत्र", "पहुँचे राज्य"):
        assert words in text
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any(name.endswith("Noto-Sans-Devanagari") for name in fonts)

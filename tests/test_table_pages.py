"""Pages of a long table: search, column filters, sort and slice, each checked by hand."""

import math
from datetime import date

import pandas as pd
import pytest

from dashboard.table_pages import (
    MAX_ROWS,
    BadPage,
    PageRequest,
    filtered,
    page_request,
    searched,
    sorted_rows,
    table_page,
)

ROWS = [
    # code, name, hub, disease, attendances, retention, start
    ("P07", "Tuberculosis care", "Hub Mysuru", "Tuberculosis", 120, 0.5, date(2021, 4, 1)),
    ("P02", "mental health first aid", "Hub Delhi", "Mental health", 45, None, date(2022, 1, 10)),
    ("P10", "TB in prisons", "Hub Mysuru", "Tuberculosis", 45, 0.25, date(2020, 7, 15)),
    ("P01", "Early years (a.c)", "Hub Raipur", "Early childhood", 300, 0.75, None),
    ("P05", "Palliative care", "Hub Delhi", "Palliative care", 0, 0.0, date(2023, 3, 3)),
    ("P03", "HIV counselling", "hub shimla", "HIV", 45, 1.0, date(2021, 4, 1)),
]
COLUMNS = ["code", "name", "hub", "disease", "attendances", "retention", "start"]
SEARCHED = ("code", "name", "hub", "disease")


@pytest.fixture
def frame() -> pd.DataFrame:
    table = pd.DataFrame(ROWS, columns=COLUMNS)
    table["name"] = table["name"].astype("str")
    return table


def as_dicts() -> list[dict]:
    return [dict(zip(COLUMNS, row, strict=True)) for row in ROWS]


def codes(frame: pd.DataFrame) -> list[str]:
    return list(frame["code"])


def request(start=0, end=100, sort=(), filters=None) -> PageRequest:
    return PageRequest(start, end, tuple(sort), filters or {})


def test_search_any_case_in_any_searched_column(frame):
    texts = ("mysuru", "TB", "care", "HUB DELHI", "p0", "a.c", "(", "zzz", "  hiv ")
    for text in (*texts, "delhi hub", "tuberculosis mysuru p1", "care  delhi", "care zzz"):
        words = text.lower().split()  # every word, each in any searched column, in any order
        expected = [
            r["code"]
            for r in as_dicts()
            if all(any(w in str(r[c]).lower() for c in SEARCHED) for w in words)
        ]
        assert codes(searched(frame, text, SEARCHED)) == expected, text


def test_aiims_delhi_finds_aiims_new_delhi():
    """Words of a name typed short, across fields: the hub's code and its long name."""
    hubs = pd.DataFrame(
        {
            "code": ["P1", "P2", "P3"],
            "hub": [
                "All India Institute of Medical Sciences, New Delhi - Tuberculosis hub",
                "All India Institute of Medical Sciences, Bhopal - Tuberculosis hub",
                "Lady Hardinge Medical College, New Delhi - Cancer hub",
            ],
            "hub_code": ["H-AIIMS-DEL-01", "H-AIIMS-BPL-01", "H-LHMC-01"],
        }
    )
    columns = ("code", "hub", "hub_code")
    assert codes(searched(hubs, "AIIMS Delhi", columns)) == ["P1"]
    assert codes(searched(hubs, "delhi aiims", columns)) == ["P1"]
    assert codes(searched(hubs, "New Delhi", columns)) == ["P1", "P3"]


def test_no_search_and_unknown_columns_keep_every_row(frame):
    assert codes(searched(frame, "", SEARCHED)) == codes(frame)
    assert codes(searched(frame, None, SEARCHED)) == codes(frame)
    assert codes(searched(frame, "care", ("nowhere",))) == codes(frame)


def test_text_filters_match_in_any_case(frame):
    cases = {
        "contains": lambda v: "care" in v.lower(),
        "notContains": lambda v: "care" not in v.lower(),
        "equals": lambda v: v.lower() == "palliative care",
        "notEqual": lambda v: v.lower() != "palliative care",
        "startsWith": lambda v: v.lower().startswith("palliative"),
        "endsWith": lambda v: v.lower().endswith("care"),
    }
    words = {"contains": "CARE", "notContains": "care", "startsWith": "Palliative"}
    words |= {"endsWith": "care"}
    for kind, keep in cases.items():
        spec = {"filterType": "text", "type": kind, "filter": words.get(kind, "PALLIATIVE care")}
        expected = [r["code"] for r in as_dicts() if keep(r["name"])]
        assert codes(filtered(frame, {"name": spec})) == expected, kind


def test_number_filters_leave_blanks_out(frame):
    cases = {
        ("equals", 45, None): lambda v: v == 45,
        ("notEqual", 45, None): lambda v: v != 45,
        ("greaterThan", 45, None): lambda v: v > 45,
        ("greaterThanOrEqual", 45, None): lambda v: v >= 45,
        ("lessThan", 45, None): lambda v: v < 45,
        ("lessThanOrEqual", 45, None): lambda v: v <= 45,
        ("inRange", 0, 120): lambda v: 0 < v < 120,  # AG Grid's default leaves the ends out
    }
    for (kind, low, high), keep in cases.items():
        spec = {"filterType": "number", "type": kind, "filter": low, "filterTo": high}
        expected = [r["code"] for r in as_dicts() if keep(r["attendances"])]
        assert codes(filtered(frame, {"attendances": spec})) == expected, kind
    spec = {"filterType": "number", "type": "greaterThan", "filter": 0.3}
    kept = [r["code"] for r in as_dicts() if r["retention"] is not None and r["retention"] > 0.3]
    assert codes(filtered(frame, {"retention": spec})) == kept
    blank = {"filterType": "number", "type": "blank"}
    assert codes(filtered(frame, {"retention": blank})) == ["P02"]
    assert "P02" not in codes(filtered(frame, {"retention": {**blank, "type": "notBlank"}}))


def test_date_filters(frame):
    day = date(2021, 4, 1)
    cases = {
        ("equals", "2021-04-01 00:00:00", None): lambda d: d == day,
        ("greaterThan", "2021-04-01 00:00:00", None): lambda d: d > day,
        ("lessThan", "2021-04-01 00:00:00", None): lambda d: d < day,
        ("inRange", "2020-01-01 00:00:00", "2022-01-10 00:00:00"): lambda d: (
            date(2020, 1, 1) < d < date(2022, 1, 10)
        ),
    }
    for (kind, low, high), keep in cases.items():
        spec = {"filterType": "date", "type": kind, "dateFrom": low, "dateTo": high}
        expected = [r["code"] for r in as_dicts() if r["start"] is not None and keep(r["start"])]
        assert codes(filtered(frame, {"start": spec})) == expected, kind


def test_conditions_join_by_and_or_or(frame):
    one = {"filterType": "text", "type": "contains", "filter": "care"}
    two = {"filterType": "text", "type": "startsWith", "filter": "tb"}
    either = {"filterType": "text", "operator": "OR", "conditions": [one, two]}
    both = {**either, "operator": "AND"}
    names = {r["code"]: r["name"].lower() for r in as_dicts()}
    assert codes(filtered(frame, {"name": either})) == [
        c for c, n in names.items() if "care" in n or n.startswith("tb")
    ]
    assert codes(filtered(frame, {"name": both})) == [
        c for c, n in names.items() if "care" in n and n.startswith("tb")
    ]
    number = {"filterType": "number", "type": "greaterThan", "filter": 44}
    text = {"filterType": "text", "type": "contains", "filter": "hub d"}
    assert codes(filtered(frame, {"attendances": number, "hub": text})) == ["P02"]


@pytest.mark.parametrize(
    "model",
    [
        {"hub": {"filterType": "set", "values": ["Hub Delhi"]}},  # an Enterprise filter
        {"hub": {"filterType": "text", "type": "soundsLike", "filter": "x"}},
        {"hub": {"filterType": "text", "type": "contains", "filter": None}},
        {"hub": {"filterType": "text", "type": "contains", "filter": {"x": 1}}},
        {"attendances": {"filterType": "number", "type": "equals", "filter": "many"}},
        {"attendances": {"filterType": "number", "type": "inRange", "filter": 1}},
        {"attendances": {"filterType": "number", "type": "equals", "filter": True}},
        {"start": {"filterType": "date", "type": "equals", "dateFrom": "not a day"}},
        {"start": {"filterType": "date", "type": "equals", "dateFrom": 20210401}},
        {"nowhere": {"filterType": "text", "type": "contains", "filter": "x"}},
        {"hub": "Hub Delhi"},
        {"hub": None},
        {"hub": {"filterType": "text", "operator": "OR", "conditions": ["x", None]}},
        {},
    ],
)
def test_unknown_filters_are_ignored(frame, model):
    assert codes(filtered(frame, model)) == codes(frame)


def test_sort_any_case_blanks_last_ties_by_key(frame):
    def expected(column, descending):
        present = [r for r in as_dicts() if r[column] is not None]
        blank = [r for r in as_dicts() if r[column] is None]
        by_code = sorted(present, key=lambda r: r["code"])
        ordered = sorted(by_code, key=lambda r: _key(r[column]), reverse=descending)
        return [r["code"] for r in ordered] + sorted(r["code"] for r in blank)

    for column in ("attendances", "retention", "hub", "start"):
        for descending in (False, True):
            got = codes(sorted_rows(frame, [(column, not descending)], key="code"))
            assert got == expected(column, descending), (column, descending)


def _key(value):
    return value.lower() if isinstance(value, str) else value


def test_sort_by_two_columns_and_unknown_ones(frame):
    got = codes(sorted_rows(frame, [("hub", True), ("attendances", False)], key="code"))
    rows = sorted(as_dicts(), key=lambda r: r["code"])
    rows.sort(key=lambda r: -r["attendances"])
    rows.sort(key=lambda r: r["hub"].lower())
    assert got == [r["code"] for r in rows]
    assert codes(sorted_rows(frame, [("nowhere", True)], key="code")) == sorted(codes(frame))
    assert codes(sorted_rows(frame, [("code", False)], key="code")) == sorted(
        codes(frame), reverse=True
    )
    assert codes(sorted_rows(frame, [])) == codes(frame)


def test_pages_cover_every_matching_row_once(frame):
    wanted = {"attendances": {"filterType": "number", "type": "greaterThan", "filter": 0}}
    kept = sorted(
        (r for r in as_dicts() if r["attendances"] > 0),
        key=lambda r: (-r["attendances"], r["code"]),
    )
    seen = []
    for start in range(0, 8, 2):
        page = table_page(
            frame, request(start, start + 2, [("attendances", False)], wanted), key="code"
        )
        assert page.total == len(kept)
        seen += codes(page.rows)
    assert seen == [r["code"] for r in kept]


def test_search_filter_and_sort_together(frame):
    wanted = {"hub": {"filterType": "text", "type": "contains", "filter": "mysuru"}}
    page = table_page(frame, request(0, 1, [("attendances", True)], wanted), "tb", SEARCHED, "code")
    matching = [
        r
        for r in as_dicts()
        if "mysuru" in r["hub"].lower() and any("tb" in str(r[c]).lower() for c in SEARCHED)
    ]
    assert page.total == len(matching) == 1
    assert codes(page.rows) == [r["code"] for r in matching]
    beyond = table_page(frame, request(40, 60), key="code")
    assert beyond.total == len(ROWS) and beyond.rows.empty


def test_a_grid_request_is_read():
    got = page_request(
        {
            "startRow": 20,
            "endRow": 120.0,
            "sortModel": [
                {"colId": "attendances", "sort": "desc"},
                {"colId": "name", "sort": "sideways"},
                "junk",
                {"sort": "asc"},
            ],
            "filterModel": {"name": {"filterType": "text", "type": "contains", "filter": "x"}},
            "api": {},
            "context": None,
        }
    )
    assert got == PageRequest(
        20,
        120,
        (("attendances", False),),
        {"name": {"filterType": "text", "type": "contains", "filter": "x"}},
    )
    assert page_request({"startRow": 0, "endRow": 0, "sortModel": None}) == PageRequest(0, 0)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        [],
        "rows",
        {},
        {"startRow": 0},
        {"startRow": -1, "endRow": 20},
        {"startRow": 20, "endRow": 0},
        {"startRow": 0.5, "endRow": 20},
        {"startRow": True, "endRow": 20},
        {"startRow": "0", "endRow": "20"},
        {"startRow": 0, "endRow": math.inf},
        {"startRow": 0, "endRow": math.nan},
        {"startRow": 0, "endRow": MAX_ROWS + 1},
        {"startRow": 0, "endRow": 20, "filterModel": ["x"]},
        {"startRow": 0, "endRow": 20, "sortModel": {"colId": "x"}},
    ],
)
def test_a_malformed_request_is_refused(raw):
    with pytest.raises(BadPage):
        page_request(raw)

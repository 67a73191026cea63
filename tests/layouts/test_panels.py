"""The side panel's lists: each row once, ordered by the number shown, the rest one click away."""

import pandas as pd

from callbacks.common import as_sent
from layouts import ids, panels
from tests.callbacks.test_pages import components


def tables(panel) -> dict[str, list[list[str]]]:
    """Each list of a panel (as sent) by its section's title: its rows' cells as text."""
    found = {}
    for section in components(panel):
        children = section["props"].get("children")
        if section["type"] != "Div" or not isinstance(children, list) or len(children) != 2:
            continue
        title, content = children
        if not (isinstance(title, dict) and title.get("type") == "H3"):
            continue
        rows = [c for c in components(content) if c["type"] == "Tr"]
        found[title["props"]["children"]] = [
            [cell["props"]["children"] for cell in row["props"]["children"]] for row in rows[1:]
        ]
    return found


def more_buttons(panel) -> dict[str, dict]:
    return {
        c["props"]["children"]: c["props"]["id"]
        for c in components(panel)
        if isinstance(c["props"].get("id"), dict) and c["props"]["id"].get("type") == ids.MORE
    }


def district(programs: pd.DataFrame, cadres: pd.DataFrame, whole: bool = False):
    hubs = pd.DataFrame({"name": ["Hub A"], "attendances": [10]})
    return as_sent(panels.district_panel("Mysuru", "Karnataka", programs, hubs, cadres, {}, whole))


PROGRAMS = pd.DataFrame(
    {
        "program_code": [f"P{i:02d}" for i in range(12)],
        "name": ["TB care - cohort 1"] * 2 + [f"Programme {i}" for i in range(2, 12)],
        "attendances": [50, 50, *range(40, 30, -1)],
    }
)
# as the cadres view ranks them: by attendances, which the panel does not show
CADRES = pd.DataFrame(
    {"cadre": ["ASHA", "ANM", "Teacher"], "attendances": [90, 60, 30], "participants": [3, 9, 5]}
)


def test_the_cadres_are_ordered_by_the_participants_shown():
    cadres = tables(district(PROGRAMS, CADRES))["Cadres"]
    assert cadres == [["ANM", "9"], ["Teacher", "5"], ["ASHA", "3"]]


def test_each_programme_is_listed_once_by_its_code_and_the_rest_is_one_click_away():
    panel = district(PROGRAMS, CADRES)
    listed = tables(panel)["Programmes that reached it"]
    assert [row[0] for row in listed] == [f"P{i:02d}" for i in range(8)]
    assert listed[:2] == [["P00", "TB care - cohort 1", "50"], ["P01", "TB care - cohort 1", "50"]]
    assert more_buttons(panel) == {"and 4 more": ids.more(panels.PANEL, "programmes")}
    whole = district(PROGRAMS, CADRES, whole=True)
    everything = [row[0] for row in tables(whole)["Programmes that reached it"]]
    assert everything == list(PROGRAMS.program_code)  # each once, most attendances first
    assert more_buttons(whole) == {}

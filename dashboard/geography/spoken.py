"""Place names in the language being spoken.

States and UTs have their Hindi names in one file, keyed by LGD state code
(data/geography/state_names_hi.csv); districts, hubs, programmes and partners keep the
names stored. Answers are translated on their way out, so caches hold one copy.
"""

from functools import cache

import pandas as pd

from dashboard.geography.tables import GEOGRAPHY_DIR
from dashboard.vocabulary.language import DEFAULT, current

STATE_NAMES = {"hi": GEOGRAPHY_DIR / "state_names_hi.csv"}  # language: its file


@cache
def state_names(language: str) -> dict[int, str]:
    """Every state's name in `language` by LGD code (empty for English: as stored)."""
    if language not in STATE_NAMES:
        return {}
    table = pd.read_csv(STATE_NAMES[language], dtype={"state_code": int, "name_hi": str})
    return dict(zip(table["state_code"], table[f"name_{language}"], strict=True))


def state_name(code: int, stored: str) -> str:
    """A state's name as the current language writes it."""
    return state_names(current()).get(int(code), stored)


def spoken(answer):
    """An answer with its state names in the current language: a frame with `state_code`
    and `state` columns, or the filter lists (the `state` list's labels); anything else as
    it is. English answers are returned untouched."""
    if current() == DEFAULT:
        return answer
    names = state_names(current())
    if isinstance(answer, pd.DataFrame) and {"state", "state_code"} <= set(answer.columns):
        hindi = answer["state_code"].map(names)
        return answer.assign(state=hindi.where(hindi.notna(), answer["state"]))
    if isinstance(answer, dict) and isinstance(answer.get("state"), pd.DataFrame):
        lists = answer["state"]
        if {"value", "label"} <= set(lists.columns):
            labels = pd.to_numeric(lists["value"], errors="coerce").map(names)
            lists = lists.assign(label=labels.where(labels.notna(), lists["label"]))
            return {**answer, "state": lists}
    return answer

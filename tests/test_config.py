"""Settings from the environment: the attention thresholds."""

import pytest

from dashboard.config import attention_thresholds
from dashboard.vocabulary.attention import Thresholds


def test_thresholds_default_and_are_overridden_one_by_one(monkeypatch):
    assert attention_thresholds() == Thresholds()
    monkeypatch.setenv("ECHO_ATTENTION_SILENT_DAYS", "90")
    monkeypatch.setenv("ECHO_ATTENTION_FALL_SHARE", " 0.25 ")
    chosen = attention_thresholds()
    assert (chosen.silent_days, chosen.fall_share) == (90, 0.25)
    assert chosen.cohort_minimum == Thresholds().cohort_minimum


@pytest.mark.parametrize(
    "variable, value, words",
    [
        ("ECHO_ATTENTION_SILENT_DAYS", "1.5", "is not a whole number"),
        ("ECHO_ATTENTION_FALL_SHARE", "much", "is not a number"),
        ("ECHO_ATTENTION_LOST_MINIMUM", "-1", "is negative"),
    ],
)
def test_a_bad_threshold_is_refused_by_name(monkeypatch, variable, value, words):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=f"{variable}=.*{words}"):
        attention_thresholds()

"""What needs attention: the rules' names and their thresholds (docs/metrics.md).

Their words are in English, marked for translation (`N_`) and translated where shown.

The thresholds are settings: the defaults here, each overridable by the environment
(`dashboard.config.attention_thresholds`). The view, the backtest and (later) the brief and
the alerts read the same `Thresholds`, so they list the same items.
"""

from dataclasses import dataclass, fields

from dashboard.vocabulary.language import N_

# The rules, in the order the page lists them, with their headings.
RULES = {
    "attendance_fell": N_("Programmes whose attendance fell"),
    "silent_hubs": N_("Hubs with no session lately"),
    "lost_districts": N_("Districts that lost coverage"),
    "retention_fell": N_("Programmes whose retention fell"),
    "cohort_once": N_("Cohorts where most attended once"),
}
# Each figure an item carries, by name, with its heading on the page.
FIGURES = {
    "before": N_("Attendances, the 3 months before"),
    "recent": N_("Attendances, last 3 full months"),
    "change": N_("Change"),
    "last_session": N_("Last session"),
    "days_silent": N_("Days without a session"),
    "running_since": N_("Programme running since"),
    "last_year": N_("Attendances last year, same days"),
    "this_year": N_("Attendances this year so far"),
    "retention_before": N_("Retention, the 3 months before"),
    "retention_recent": N_("Retention, last 3 full months"),
    "participants": N_("Participants, last 3 full months"),
    "cohort": N_("Participants who first came in the 3 months before"),
    "once": N_("Of them, attended once"),
    "once_share": N_("Share attended once"),
}
SHARES = ("change", "retention_before", "retention_recent", "once_share")  # fractions
DAYS = ("last_session", "running_since")  # dates; every other figure is a count
WINDOW_MONTHS = 3  # the last three full months against the three before


@dataclass(frozen=True)
class Thresholds:
    """When an item needs attention (shares are fractions: 0.3 is 30%)."""

    fall_share: float = 0.3  # attendance fell by at least this share ...
    fall_minimum: int = 30  # ... and by at least this many attendances
    silent_days: int = 60  # a running programme's hub with no session for this many days
    lost_minimum: int = 5  # a district's attendances last year, on the same days, at least
    retention_drop: float = 0.1  # retention fell by at least this much (0.1: 10 points) ...
    retention_minimum: int = 10  # ... among at least this many participants, each window
    once_share: float = 0.5  # more than this share of a cohort attended once ...
    cohort_minimum: int = 10  # ... in a cohort of at least this many participants


# Each threshold in words, for the page and the backtest ("{}": its value).
THRESHOLD_WORDS = {
    "fall_share": N_("attendance fell by at least {:.0%}"),
    "fall_minimum": N_("and by at least {} attendances"),
    "silent_days": N_("a hub is silent after {} days without a session"),
    "lost_minimum": N_("a district lost counts if it had at least {} attendances last year"),
    "retention_drop": N_("retention fell by at least {:.0%} (percentage points)"),
    "retention_minimum": N_("with at least {} participants in each period"),
    "once_share": N_("more than {:.0%} of a cohort attended once"),
    "cohort_minimum": N_("in a cohort of at least {} participants"),
}
THRESHOLD_NAMES = tuple(f.name for f in fields(Thresholds))
# The periods compared, in words ("{}": the days or months, as the page writes them).
WINDOW_WORDS = (
    N_("Attendance and retention: the last 3 full months ({}) against the 3 before ({})"),
    N_("Coverage: this financial year so far ({}) against the same days a year earlier ({})"),
    N_("Hubs: days since the last session, counted to {}"),
)
NO_DATA = N_("No sessions in the store yet.")
NONE = N_("None.")
PERIODS_HEADING = N_("Periods compared")
THRESHOLDS_HEADING = N_("Thresholds (settings)")
LIVE_HEADING = N_("What needs attention")
COUNT_HEADING = N_("Items")
FIRST_HEADING = N_("First listed")

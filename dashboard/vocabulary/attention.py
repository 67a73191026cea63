"""What needs attention: the rules' names and their thresholds (docs/metrics.md).

The thresholds are settings: the defaults here, each overridable by the environment
(`dashboard.config.attention_thresholds`). The view, the backtest and (later) the brief and
the alerts read the same `Thresholds`, so they list the same items.
"""

from dataclasses import dataclass, fields

# The rules, in the order the page lists them, with their headings.
RULES = {
    "attendance_fell": "Programmes whose attendance fell",
    "silent_hubs": "Hubs with no session lately",
    "lost_districts": "Districts that lost coverage",
    "retention_fell": "Programmes whose retention fell",
    "cohort_once": "Cohorts where most attended once",
}
# Each figure an item carries, by name, with its heading on the page.
FIGURES = {
    "before": "Attendances, the 3 months before",
    "recent": "Attendances, last 3 full months",
    "change": "Change",
    "last_session": "Last session",
    "days_silent": "Days without a session",
    "running_since": "Programme running since",
    "last_year": "Attendances last year, same days",
    "this_year": "Attendances this year so far",
    "retention_before": "Retention, the 3 months before",
    "retention_recent": "Retention, last 3 full months",
    "participants": "Participants, last 3 full months",
    "cohort": "Participants who first came in the 3 months before",
    "once": "Of them, attended once",
    "once_share": "Share attended once",
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
    "fall_share": "attendance fell by at least {:.0%}",
    "fall_minimum": "and by at least {} attendances",
    "silent_days": "a hub is silent after {} days without a session",
    "lost_minimum": "a district lost counts if it had at least {} attendances last year",
    "retention_drop": "retention fell by at least {:.0%} (percentage points)",
    "retention_minimum": "with at least {} participants in each period",
    "once_share": "more than {:.0%} of a cohort attended once",
    "cohort_minimum": "in a cohort of at least {} participants",
}
THRESHOLD_NAMES = tuple(f.name for f in fields(Thresholds))
# The periods compared, in words ("{}": the days or months, as the page writes them).
WINDOW_WORDS = (
    "Attendance and retention: the last 3 full months ({}) against the 3 before ({})",
    "Coverage: this financial year so far ({}) against the same days a year earlier ({})",
    "Hubs: days since the last session, counted to {}",
)
NO_DATA = "No sessions in the store yet."
NONE = "None."
PERIODS_HEADING = "Periods compared"
THRESHOLDS_HEADING = "Thresholds (settings)"
LIVE_HEADING = "What needs attention"
COUNT_HEADING = "Items"
FIRST_HEADING = "First listed"

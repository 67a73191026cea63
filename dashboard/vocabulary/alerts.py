"""The alerts' digest: its words (marked for translation, `N_`) and how its periods and
items are named (dashboard/alerts)."""

from datetime import date

from dashboard.vocabulary.language import N_

FREQUENCIES = ("daily", "weekly")  # a weekly subscriber is sent at the first run of a week
SUBJECT = N_("ECHO India: {count} new items need attention (data as of {day})")
OPENING = N_("New since your last alert, for what your account sees, as of {day}:")
ITEM_KEY = N_("Item")
CLOSING = N_(
    "To stop an item coming back, an administrator can acknowledge or snooze it by its "
    "item key; to stop these e-mails, ask them to unsubscribe you."
)


def item_key(rule: str, code: str) -> str:
    """An item as subscribers and commands name it: rule and code, `silent_hubs:HB2`."""
    return f"{rule}:{code}"


def period(day: date, frequency: str) -> str:
    """The period a run on `day` sends for: the day, or its ISO week (`2026-W49`)."""
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()

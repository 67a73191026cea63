"""One run of the alerts (`python -m dashboard alerts --send`, from cron): every subscriber
due gets one digest of the needs-attention items new since their last one.

For each subscriber the items are computed through `ScopedData` (their scope) in their
language, less those they acknowledged or snoozed; "new" is against the items listed at
their previous digest, which the store keeps. The digest's row is claimed (the lock,
store/alerts.py) before the mail is handed over, so two runs at once send it once; a
subscriber with nothing new gets no mail, daily or weekly, but their period is recorded as
done. A store without sessions, or one that cannot be read, fails the run: no digest is
ever sent that says less than the data would.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage

from dashboard.access.scoped import ScopedData
from dashboard.alerts.digest import digest, key
from dashboard.alerts.mail import MailError
from dashboard.attention import Item, needs_attention
from dashboard.service import DashboardData
from dashboard.store import accounts
from dashboard.store import alerts as kept
from dashboard.store.alerts import Subscription
from dashboard.store.database import Store
from dashboard.vocabulary.alerts import period
from dashboard.vocabulary.attention import Thresholds
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.filters import BadFilter, Filters
from dashboard.vocabulary.language import speaking

Send = Callable[[EmailMessage], None]


class AlertsFailed(Exception):
    """The run could not decide what to send (no data, the store unreadable): nothing sent."""


@dataclass
class Report:
    """What a run did, subscriber by subscriber (emails)."""

    sent: list[str] = field(default_factory=list)
    nothing_new: list[str] = field(default_factory=list)
    done_already: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "email: why"
    previews: list[str] = field(default_factory=list)  # a dry run's digests, as text

    def text(self) -> str:
        lines = [*self.previews]
        for label, emails in (
            ("sent", self.sent),
            ("nothing new", self.nothing_new),
            ("sent already this period", self.done_already),
            ("FAILED", self.failed),
        ):
            lines.append(f"{label}: {len(emails)}" + (" — " + "; ".join(emails) if emails else ""))
        return "\n".join(lines)


@dataclass(frozen=True)
class Run:
    """What one run needs: the store, its data manager, the thresholds, the day it runs
    on, where links point, and `send` (None: a dry run, which prints and claims nothing)."""

    store: Store
    data: DashboardData
    thresholds: Thresholds
    today: date
    sender: str
    dashboard_url: str
    send: Send | None
    who: str


def run_alerts(run: Run) -> Report:
    """Every subscriber due, once; `AlertsFailed` when the store has no data or cannot be
    read at the start (before anything is claimed)."""
    try:
        subscribers = kept.subscriptions(run.store)
        as_of = run.data.data_as_of()
    except StoreUnavailable as error:
        raise AlertsFailed(f"the store cannot be read ({error}): no alert was sent") from error
    if as_of is None:
        raise AlertsFailed("the store holds no sessions: no alert was sent")
    report = Report()
    for subscriber in subscribers:
        try:
            _one(run, subscriber, as_of, report)
        except (StoreUnavailable, BadFilter) as error:
            report.failed.append(f"{subscriber.email}: {error}")
    return report


def _one(run: Run, subscriber: Subscription, as_of: date, report: Report) -> None:
    when = period(run.today, subscriber.frequency)
    if kept.is_claimed(run.store, subscriber.user_id, when):
        report.done_already.append(subscriber.email)
        return
    with speaking(subscriber.language):
        items = _items(run, subscriber)
        listed = {key(item) for item in items}
        before = kept.last_listed(run.store, subscriber.user_id)
        new = [item for item in items if key(item) not in before]
        message = (
            digest(new, as_of, subscriber.email, run.sender, run.dashboard_url) if new else None
        )
    if run.send is None:
        preview = _shown(message) if message else f"(nothing new for {subscriber.email})"
        report.previews.append(preview)
        (report.sent if message else report.nothing_new).append(subscriber.email)
        return
    if not kept.claim(run.store, subscriber.user_id, when, as_of, listed, {key(i) for i in new}):
        report.done_already.append(subscriber.email)
        return
    if message is None:
        report.nothing_new.append(subscriber.email)
        return
    _send(run, subscriber, when, message, len(new), report)


def _items(run: Run, subscriber: Subscription) -> list[Item]:
    """The subscriber's items as their scope sees them, less those they muted."""
    account = accounts.find_user(run.store, user_id=subscriber.user_id)
    scoped = ScopedData(run.data, account.scope)
    attention = needs_attention(scoped, Filters(), run.thresholds)
    muted = kept.muted(run.store, subscriber.user_id, run.today)
    return [item for item in attention.items if key(item) not in muted]


def _send(
    run: Run, subscriber: Subscription, when: str, message: EmailMessage, count: int, report: Report
) -> None:
    try:
        run.send(message)
    except MailError as error:
        kept.release(run.store, subscriber.user_id, when)
        report.failed.append(f"{subscriber.email}: the mail server refused it ({error})")
        return
    accounts.record(
        run.store, run.who, "alert sent", f"to={subscriber.email} period={when} items={count}"
    )
    report.sent.append(subscriber.email)


def _shown(message: EmailMessage) -> str:
    """A digest as a dry run prints it: its headers, then its text as read."""
    return f"To: {message['To']}\nSubject: {message['Subject']}\n\n{message.get_content()}"

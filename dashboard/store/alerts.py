"""Alert subscriptions, the digests sent and the items muted, as the store keeps them.

A digest's row in `alert_sent` is its lock: `claim` inserts it in its own transaction, and
the table's key (subscriber, period) lets only one run's insert through, on SQLite and
PostgreSQL alike, however many runs start at once. A run whose mail then fails `release`s
its claim, so the next run tries again.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.exc import IntegrityError

from dashboard.store.accounts import utc_now
from dashboard.store.database import Store
from dashboard.store.schema import alert_mute, alert_sent, alert_subscription, app_user


@dataclass(frozen=True)
class Subscription:
    """Who gets the digest, how often (daily, weekly) and in which language (en, hi)."""

    user_id: int
    email: str
    frequency: str
    language: str


def subscribe(store: Store, user_id: int, frequency: str, language: str) -> None:
    """Subscribe the user, or change how often and in which language they are sent it."""
    with store.transaction() as conn:
        conn.execute(delete(alert_subscription).where(alert_subscription.c.user_id == user_id))
        conn.execute(
            insert(alert_subscription).values(
                user_id=user_id, frequency=frequency, language=language, subscribed_at=utc_now()
            )
        )


def unsubscribe(store: Store, user_id: int) -> bool:
    """False when the user was not subscribed."""
    with store.transaction() as conn:
        where = alert_subscription.c.user_id == user_id
        return bool(conn.execute(delete(alert_subscription).where(where)).rowcount)


def subscriptions(store: Store) -> list[Subscription]:
    """Every subscription of a user who can sign in, by email."""
    query = (
        select(alert_subscription, app_user.c.email)
        .join(app_user, app_user.c.id == alert_subscription.c.user_id)
        .where(app_user.c.disabled.is_(False))
        .order_by(app_user.c.email)
    )
    return [
        Subscription(row["user_id"], row["email"], row["frequency"], row["language"])
        for row in store.rows(query)
    ]


def is_claimed(store: Store, user_id: int, period: str) -> bool:
    where = (alert_sent.c.user_id == user_id) & (alert_sent.c.period == period)
    return store.scalar(select(alert_sent.c.period).where(where)) is not None


def last_listed(store: Store, user_id: int) -> frozenset[str]:
    """The items listed when the user's latest digest was claimed (none before the first)."""
    query = (
        select(alert_sent.c.listed)
        .where(alert_sent.c.user_id == user_id)
        .order_by(alert_sent.c.claimed_at.desc(), alert_sent.c.period.desc())
        .limit(1)
    )
    return _keys(store.scalar(query) or "")


def claim(
    store: Store,
    user_id: int,
    period: str,
    as_of: date,
    listed: Iterable[str],
    sent: Iterable[str],
) -> bool:
    """Claim the user's digest for `period`, recording what it lists and sends; False
    when another run has claimed it already."""
    try:
        with store.transaction() as conn:
            conn.execute(
                insert(alert_sent).values(
                    user_id=user_id,
                    period=period,
                    as_of=as_of,
                    claimed_at=utc_now(),
                    listed="\n".join(sorted(listed)),
                    sent="\n".join(sorted(sent)),
                )
            )
    except IntegrityError:
        return False
    return True


def release(store: Store, user_id: int, period: str) -> None:
    """Give a claim back (its mail was not sent), so the next run sends it."""
    where = (alert_sent.c.user_id == user_id) & (alert_sent.c.period == period)
    with store.transaction() as conn:
        conn.execute(delete(alert_sent).where(where))


def sent(store: Store, user_id: int) -> list[dict]:
    """The user's digests, oldest first: period, as_of, listed and sent (sets of keys)."""
    query = (
        select(alert_sent).where(alert_sent.c.user_id == user_id).order_by(alert_sent.c.claimed_at)
    )
    return [
        {**row, "listed": _keys(row["listed"]), "sent": _keys(row["sent"])}
        for row in store.rows(query)
    ]


def mute(store: Store, user_id: int, item: str, until: date | None) -> None:
    """Leave `item` out of the user's digests: until a day (snoozed) or for good
    (acknowledged, `until` None)."""
    with store.transaction() as conn:
        where = (alert_mute.c.user_id == user_id) & (alert_mute.c.item == item)
        conn.execute(delete(alert_mute).where(where))
        conn.execute(
            insert(alert_mute).values(user_id=user_id, item=item, until=until, at=utc_now())
        )


def muted(store: Store, user_id: int, day: date) -> frozenset[str]:
    """The items the user acknowledged, or snoozed past `day`."""
    query = select(alert_mute.c.item).where(
        alert_mute.c.user_id == user_id,
        or_(alert_mute.c.until.is_(None), alert_mute.c.until > day),
    )
    return frozenset(store.read(query).item)


def _keys(text: str) -> frozenset[str]:
    return frozenset(line for line in text.split("\n") if line)

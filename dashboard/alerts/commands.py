"""`python -m dashboard alerts ...`: subscribe, unsubscribe, acknowledge or snooze an item,
and the run itself (`--send` from cron, `--dry-run` to see what it would send).

Registered by dashboard/cli.py. Each change is written to the audit log as made from the
command line; a bad argument raises AccountError (one line, exit status 2), a failed run
AlertsFailed (one paragraph, exit status 1, and an audit row when the store takes one).
"""

import argparse
import getpass
from contextlib import suppress
from datetime import timedelta

from cachelib import SimpleCache

from dashboard import config
from dashboard.alerts import mail
from dashboard.alerts.run import AlertsFailed, Run, run_alerts
from dashboard.clock import today_in_india
from dashboard.service import DashboardData
from dashboard.store import accounts
from dashboard.store import alerts as kept
from dashboard.store.accounts import Account, AccountError
from dashboard.store.database import Store
from dashboard.vocabulary.alerts import FREQUENCIES
from dashboard.vocabulary.attention import RULES
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.language import LANGUAGES

MAX_SNOOZE_DAYS = 365


def add_parser(commands: argparse._SubParsersAction, with_store) -> None:
    """The `alerts` command; `with_store(sub)` adds `--db` to one."""
    words = "mail subscribers what is new in Needs attention, or manage their subscriptions"
    alerts = with_store(commands.add_parser("alerts", help=words))
    mode = alerts.add_mutually_exclusive_group()
    mode.add_argument("--send", action="store_true", help="send the digests due")
    mode.add_argument("--dry-run", action="store_true", help="print them; send and record none")
    actions = alerts.add_subparsers(dest="action", metavar="ACTION")
    subscribe = with_store(actions.add_parser("subscribe", help="subscribe a user (or change "
                           "how often and in which language)"))  # fmt: skip
    subscribe.add_argument("email")
    subscribe.add_argument("--weekly", action="store_true", help="once a week (default: daily)")
    subscribe.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0])
    with_store(actions.add_parser("unsubscribe", help="stop a user's alerts")).add_argument("email")
    with_store(actions.add_parser("list", help="every subscription"))
    for name, words in (("ack", "leave ITEM out of the user's alerts for good"),
                        ("snooze", "leave ITEM out of the user's alerts for --days")):  # fmt: skip
        action = with_store(actions.add_parser(name, help=words))
        action.add_argument("email")
        action.add_argument("item", help="the item's key, as its digest names it (rule:code)")
        if name == "snooze":
            action.add_argument("--days", type=int, required=True)


def run(args: argparse.Namespace, store: Store) -> None:
    """Carry out `alerts ACTION`, or a run (`--send`, `--dry-run`)."""
    if args.action is None:
        _run(args, store)
    else:
        ACTIONS[args.action](args, store)


def _run(args: argparse.Namespace, store: Store) -> None:
    if not (args.send or args.dry_run):
        raise AccountError("say --send or --dry-run (or an ACTION: subscribe, unsubscribe, ...)")
    try:
        thresholds = config.attention_thresholds()
        settings = config.smtp() if args.send else None
        alerts = Run(
            store=store,
            data=DashboardData(store, SimpleCache()),
            thresholds=thresholds,
            today=today_in_india(),
            sender=settings.sender if settings else "(dry run)",
            dashboard_url=config.dashboard_url(),
            send=(lambda message: mail.send(settings, message)) if settings else None,
            who=_who(),
        )
        report = run_alerts(alerts)
    except (ValueError, AlertsFailed) as error:
        _failed(store, str(error))
        raise AlertsFailed(str(error)) from None
    print(report.text())
    if report.failed:
        _failed(store, "; ".join(report.failed))
        raise AlertsFailed(f"{len(report.failed)} digests failed (listed above)")


def _failed(store: Store, why: str) -> None:
    """An audit row for a failed run, when the store will take one."""
    with suppress(StoreUnavailable):  # the store is down: the message and exit status say so
        accounts.record(store, _who(), "alerts failed", why)


def _subscribe(args: argparse.Namespace, store: Store) -> None:
    user = _user(store, args.email)
    frequency = FREQUENCIES[1] if args.weekly else FREQUENCIES[0]
    kept.subscribe(store, user.id, frequency, args.lang)
    _audit(store, "alerts subscribed", f"{user.email} {frequency} lang={args.lang}")
    print(f"Subscribed {user.email}: {frequency}, in {args.lang}, for {user.scope.key()}.")


def _unsubscribe(args: argparse.Namespace, store: Store) -> None:
    user = _user(store, args.email)
    if not kept.unsubscribe(store, user.id):
        raise AccountError(f"{user.email} is not subscribed to alerts")
    _audit(store, "alerts unsubscribed", user.email)
    print(f"Unsubscribed {user.email}: no more alerts.")


def _list(args: argparse.Namespace, store: Store) -> None:
    found = kept.subscriptions(store)
    for s in found:
        print(f"{s.email}\t{s.frequency}\t{s.language}")
    if not found:
        print("No subscriptions yet: add one with `python -m dashboard alerts subscribe EMAIL`.")


def _ack(args: argparse.Namespace, store: Store) -> None:
    user, item = _user(store, args.email), _item(args.item)
    kept.mute(store, user.id, item, None)
    _audit(store, "alert acknowledged", f"{user.email} item={item}")
    print(f"Acknowledged {item} for {user.email}: it is left out of their alerts.")


def _snooze(args: argparse.Namespace, store: Store) -> None:
    if not 1 <= args.days <= MAX_SNOOZE_DAYS:
        raise AccountError(f"--days must be between 1 and {MAX_SNOOZE_DAYS}")
    user, item = _user(store, args.email), _item(args.item)
    until = today_in_india() + timedelta(days=args.days)
    kept.mute(store, user.id, item, until)
    _audit(store, "alert snoozed", f"{user.email} item={item} until={until}")
    print(f"Snoozed {item} for {user.email} until {until}.")


def _user(store: Store, email: str) -> Account:
    user = accounts.find_user(store, email=email)
    if user is None:
        raise AccountError(f"no user {email} (add them with `python -m dashboard user add`)")
    return user


def _item(text: str) -> str:
    """An item's key as the digests write it (rule:code), checked."""
    rule, _, code = text.partition(":")
    if rule not in RULES or not code.strip():
        raise AccountError(f"{text!r} is not an item key: give rule:code, a rule being one of "
                           f"{', '.join(RULES)} (each digest names its items' keys)")  # fmt: skip
    return f"{rule}:{code.strip()}"


def _audit(store: Store, action: str, detail: str) -> None:
    accounts.record(store, _who(), action, detail)


def _who() -> str:
    return f"command line ({getpass.getuser()})"


ACTIONS = {
    "subscribe": _subscribe,
    "unsubscribe": _unsubscribe,
    "list": _list,
    "ack": _ack,
    "snooze": _snooze,
}

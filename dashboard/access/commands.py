"""`python -m dashboard user|token|audit ...`: accounts, API tokens and the audit log.

Registered by dashboard/cli.py like the store's commands. Each change is written to the
audit log as made from the command line. A bad argument raises AccountError, which the
command line shows as one line and exit status 2.
"""

import argparse
import getpass
import sys
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from dashboard import config
from dashboard.access import demo
from dashboard.access.credentials import MIN_PASSWORD_LENGTH, hash_password, new_token, token_digest
from dashboard.clock import IST
from dashboard.store import accounts
from dashboard.store.accounts import AccountError
from dashboard.store.database import Store
from dashboard.store.schema import ROLES
from dashboard.tabular import safe_csv
from dashboard.vocabulary.scope import Scope

DEFAULT_TOKEN_DAYS = 90
MAX_TOKEN_DAYS = 3650
TIME = "%Y-%m-%d %H:%M"


def add_parsers(commands: argparse._SubParsersAction, with_store) -> None:
    """The `user`, `token` and `audit` commands; `with_store(sub)` adds `--db` to one."""
    user = commands.add_parser("user", help="add, list or disable the people who sign in")
    actions = user.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = with_store(actions.add_parser("add", help="add a user (password read from stdin)"))
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=ROLES)
    _scope_arguments(add)
    add.add_argument("--password-stdin", action="store_true", required=True,
                     help=f"read the password (at least {MIN_PASSWORD_LENGTH} characters) from "
                     "standard input")  # fmt: skip
    with_store(actions.add_parser("list", help="every user, their role and scope"))
    disable = with_store(actions.add_parser("disable", help="stop a user signing in, at once"))
    disable.add_argument("email")
    with_store(actions.add_parser("demo", help="the demo accounts (embedded demo store only)"))

    token = commands.add_parser("token", help="create, list or revoke API tokens")
    actions = token.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = with_store(actions.add_parser("create", help="a token for a user, printed once"))
    create.add_argument("email")
    create.add_argument("--name", required=True, help="a unique name, to list and revoke it by")
    create.add_argument("--days", type=int, default=DEFAULT_TOKEN_DAYS,
                        help=f"days until it expires (default {DEFAULT_TOKEN_DAYS})")  # fmt: skip
    _scope_arguments(create, " (narrower than the user's; default: the user's own)")
    with_store(actions.add_parser("list", help="every token (never the token itself)"))
    revoke = with_store(actions.add_parser("revoke", help="stop a token working, at once"))
    revoke.add_argument("name")

    audit = with_store(commands.add_parser("audit", help="the audit log, times in UTC and IST"))
    audit.add_argument("--since", type=_day, help="from this day on (YYYY-MM-DD, UTC)")
    audit.add_argument("--csv", action="store_true", help="as CSV, for a spreadsheet")


def _scope_arguments(parser: argparse.ArgumentParser, note: str = "") -> None:
    parser.add_argument("--state", type=int, action="append", default=[], metavar="LGD",
                        help="a state's LGD code; repeat for more" + note)  # fmt: skip
    parser.add_argument("--partner", action="append", default=[], metavar="CODE",
                        help="a partner code; repeat for more" + note)  # fmt: skip


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day as YYYY-MM-DD") from None


def run(args: argparse.Namespace, store: Store) -> None:
    """Carry out `user ACTION`, `token ACTION` or `audit`."""
    if args.command == "audit":
        _audit(args, store)
        return
    ACTIONS[(args.command, args.action)](args, store)


def _user_add(args: argparse.Namespace, store: Store) -> None:
    password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"the password on standard input must have at least {MIN_PASSWORD_LENGTH} characters"
        )
    user = accounts.add_user(
        store, args.email, args.role, hash_password(password), args.state, args.partner
    )
    _audit_change(store, "user added", f"{user.email} role={user.role} scope={user.scope.key()}")
    print(f"Added {user.email} ({user.role}, sees {user.scope.key()}).")


def _user_list(args: argparse.Namespace, store: Store) -> None:
    rows = [
        {
            "email": u.email,
            "role": u.role,
            "sees": u.scope.key(),
            "disabled": "yes" if u.disabled else "",
            "created (UTC)": u.created_at.strftime(TIME),
        }
        for u in accounts.users(store)
    ]
    print(_table(rows) if rows else "No users yet: add one with `python -m dashboard user add`.")


def _user_disable(args: argparse.Namespace, store: Store) -> None:
    user = accounts.set_disabled(store, args.email)
    _audit_change(store, "user disabled", user.email)
    print(f"Disabled {user.email}: their open sessions and tokens stop working at once.")


def _user_demo(args: argparse.Namespace, store: Store) -> None:
    if not config.is_demo_store(args.db):
        print("Not the embedded demo store: no demo accounts made.")
        return
    made = demo.create_demo_accounts(store)
    for email in made:
        _audit_change(store, "user added", f"{email} (demo account)")
    print(f"Demo accounts: {len(made)} made, {len(demo.DEMO_ACCOUNTS) - len(made)} there already.")


def _token_create(args: argparse.Namespace, store: Store) -> None:
    if not 1 <= args.days <= MAX_TOKEN_DAYS:
        raise AccountError(f"--days must be between 1 and {MAX_TOKEN_DAYS}")
    owner = accounts.find_user(store, email=args.email)
    if owner is None or owner.disabled:
        raise AccountError(f"no user {args.email} who can sign in")
    narrower = args.state or args.partner
    scope = Scope(states=frozenset(args.state), partners=frozenset(args.partner))
    token = new_token()
    made = accounts.add_token(
        store,
        args.name,
        owner,
        token_digest(token),
        datetime.now(UTC) + timedelta(days=args.days),
        scope if narrower else None,
    )
    sees = made.scope(owner).key()
    _audit_change(store, "token created", f"token={made.name} for={owner.email} scope={sees}")
    print(f"Token {made.name!r} for {owner.email}, sees {sees}, expires {made.expires_at:{TIME}} "
          "UTC. It is shown this once; keep it secret:")  # fmt: skip
    print(token)


def _token_list(args: argparse.Namespace, store: Store) -> None:
    rows = [
        {
            "name": t.name,
            "user": t.email,
            "scope": Scope(states=t.states, partners=t.partners).key() if t.narrowed else "user's",
            "expires (UTC)": t.expires_at.strftime(TIME),
            "revoked": t.revoked_at.strftime(TIME) if t.revoked_at else "",
            "first used": t.first_used_at.strftime(TIME) if t.first_used_at else "",
        }
        for t in accounts.tokens(store)
    ]
    print(_table(rows) if rows else "No tokens yet.")


def _token_revoke(args: argparse.Namespace, store: Store) -> None:
    token = accounts.revoke_token(store, args.name)
    _audit_change(store, "token revoked", f"token={token.name} for={token.email}")
    print(f"Revoked {token.name!r}: it stops working at once.")


def _audit(args: argparse.Namespace, store: Store) -> None:
    since = datetime.combine(args.since, datetime.min.time(), UTC) if args.since else None
    rows = [
        {
            "utc": row["at"].strftime("%Y-%m-%d %H:%M:%S"),
            "ist": row["at"].astimezone(IST).strftime("%Y-%m-%d %H:%M:%S"),
            "who": row["who"],
            "action": row["action"],
            "detail": row["detail"],
            "ip": row["ip"],
        }
        for row in accounts.audit_events(store, since=since)
    ]
    if args.csv:
        columns = ["utc", "ist", "who", "action", "detail", "ip"]
        sys.stdout.write(safe_csv(pd.DataFrame(rows, columns=columns)))
    else:
        print(_table(rows) if rows else "No audit events" + (" since then." if since else "."))


def _audit_change(store: Store, action: str, detail: str) -> None:
    accounts.record(store, f"command line ({getpass.getuser()})", action, detail)


def _table(rows: list[dict]) -> str:
    return pd.DataFrame(rows).to_string(index=False)


ACTIONS = {
    ("user", "add"): _user_add,
    ("user", "list"): _user_list,
    ("user", "disable"): _user_disable,
    ("user", "demo"): _user_demo,
    ("token", "create"): _token_create,
    ("token", "list"): _token_list,
    ("token", "revoke"): _token_revoke,
}

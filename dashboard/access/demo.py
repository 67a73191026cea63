"""The demo's four accounts: one per role, with passwords anyone may read.

`python -m dashboard user demo` (called by `make run`) creates them on the embedded demo
store only; the sign-in page lists them only there and only while the server listens on a
loopback address; `make serve` refuses to start while any of them can sign in.
"""

from dataclasses import dataclass

from dashboard.access.credentials import hash_password
from dashboard.store import accounts
from dashboard.store.database import Store

DEMO_DOMAIN = "demo.invalid"  # a domain that can never receive mail (RFC 2606)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    states: tuple[int, ...] = ()
    partners: tuple[str, ...] = ()
    sees: str = ""


DEMO_ACCOUNTS = (
    DemoAccount(f"ministry@{DEMO_DOMAIN}", "ministry-demo", "ministry", sees="all of India"),
    DemoAccount(f"karnataka@{DEMO_DOMAIN}", "karnataka-demo", "state", states=(29,),
                sees="Karnataka"),
    DemoAccount(f"nimhans@{DEMO_DOMAIN}", "nimhans-demo", "partner", partners=("NIMHANS",),
                sees="NIMHANS's programmes"),
    DemoAccount(f"data@{DEMO_DOMAIN}", "data-demo", "data_manager", partners=("NIMHANS",),
                sees="NIMHANS's programmes; imports their data (/import)"),
    DemoAccount(f"admin@{DEMO_DOMAIN}", "admin-demo", "admin", sees="all of India; the audit log"),
)  # fmt: skip


def create_demo_accounts(store: Store) -> list[str]:
    """Create the demo accounts that are missing; the emails created."""
    made = []
    for demo in DEMO_ACCOUNTS:
        if accounts.find_user(store, email=demo.email) is None:
            accounts.add_user(
                store, demo.email, demo.role, hash_password(demo.password), demo.states,
                demo.partners,
            )  # fmt: skip
            made.append(demo.email)
    return made


def demo_accounts_enabled(store: Store) -> list[str]:
    """The demo accounts that can sign in (those `make serve` refuses to run with)."""
    return [
        user.email
        for user in accounts.users(store)
        if user.email.endswith("@" + DEMO_DOMAIN) and not user.disabled
    ]


def listed(store: Store) -> list[DemoAccount]:
    """The demo accounts to show on the sign-in page: those present and enabled."""
    present = set(demo_accounts_enabled(store))
    return [demo for demo in DEMO_ACCOUNTS if demo.email in present]


def serving_refusal(store: Store) -> str | None:
    """Why a production server must not start on this store (None when it may)."""
    present = demo_accounts_enabled(store)
    if not present:
        return None
    return (
        f"demo accounts with published passwords can sign in ({', '.join(present)}): "
        "disable them first, each with `python -m dashboard user disable EMAIL`"
    )

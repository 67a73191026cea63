"""Configuration from the environment (docs/configuration.md), read in one place."""

import ipaddress
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from dashboard.vocabulary.attention import THRESHOLD_NAMES, Thresholds

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "sqlite:///data/echo.db"


def database_url(explicit: str | None = None) -> str:
    """The store's URL: `--db`, else DATABASE_URL, else the embedded demo store.

    A relative SQLite path is taken from the repository root, so the app finds
    the same store whichever folder it is started from.
    """
    url = explicit or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        url = prefix + str(REPO_ROOT / url[len(prefix) :])
    return url


def import_database_url() -> str | None:
    """The store the import page writes through (a role that may write, on PostgreSQL,
    where the web role only reads); unset: the web server's own store."""
    return os.environ.get("IMPORT_DATABASE_URL") or None


def uploads_dir() -> Path | None:
    """Where the import page keeps uploads until they are imported (ECHO_UPLOADS; unset:
    a private folder in the system's temporary folder)."""
    value = os.environ.get("ECHO_UPLOADS", "").strip()
    return Path(value) if value else None


def redis_url() -> str | None:
    return os.environ.get("REDIS_URL") or None


def host() -> str:
    return os.environ.get("HOST", "127.0.0.1")


def port() -> int:
    return int(os.environ.get("PORT", "8050"))


def engine_dir() -> Path | None:
    """Where the in-memory engine's arrays are saved once and mapped by every worker
    process (ECHO_ENGINE_DIR); None (`off`) keeps a private copy in each process.

    Default: a folder of this user's under the system's temporary folder. A relative
    path is taken from the repository root.
    """
    value = os.environ.get("ECHO_ENGINE_DIR", "").strip()
    if value.lower() in ("off", "0", "false", "no"):
        return None
    if not value:
        return Path(tempfile.gettempdir()) / f"echo-engine-{os.getuid()}"
    return REPO_ROOT / Path(value).expanduser()


def secret_key() -> str | None:
    """The key signing session cookies and sign-in forms (SECRET_KEY): the same on every
    worker and machine, and kept across restarts, or signed-in users and live screens
    opened with a token must sign in again after each restart."""
    return os.environ.get("SECRET_KEY") or None


def secure_cookies() -> bool:
    """Send the session cookie over HTTPS only (ECHO_SECURE_COOKIES; `make serve` sets it)."""
    return os.environ.get("ECHO_SECURE_COOKIES", "").strip().lower() in ("1", "true", "yes")


def is_demo_store(explicit: str | None = None) -> bool:
    """The embedded demo store: DATABASE_URL unset (or naming the same file)."""
    return database_url(explicit) == database_url(DEFAULT_DATABASE_URL)


def on_loopback() -> bool:
    """The server listens on a loopback address only (no one else can reach it)."""
    name = host().strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def attention_thresholds() -> Thresholds:
    """The thresholds of what needs attention: each default (vocabulary.attention) unless
    ECHO_ATTENTION_<NAME> is set (ECHO_ATTENTION_SILENT_DAYS=90). A value that is not a
    non-negative number of the threshold's kind is refused, naming the variable."""
    defaults = Thresholds()
    chosen = {}
    for name in THRESHOLD_NAMES:
        variable = f"ECHO_ATTENTION_{name.upper()}"
        raw = os.environ.get(variable, "").strip()
        if not raw:
            continue
        kind = type(getattr(defaults, name))
        try:
            value = kind(raw)
        except ValueError:
            wanted = "a whole number" if kind is int else "a number"
            raise ValueError(f"{variable}={raw[:40]!r} is not {wanted}") from None
        if value < 0:
            raise ValueError(f"{variable}={raw[:40]!r} is negative")
        chosen[name] = value
    return replace(defaults, **chosen)


@dataclass(frozen=True)
class Smtp:
    """Where the alerts' digests are mailed from and through (docs/configuration.md)."""

    host: str
    port: int
    user: str | None
    password: str | None
    starttls: bool
    sender: str
    dashboard_url: str


def smtp() -> Smtp:
    """The mail settings from ECHO_SMTP_* and ECHO_ALERTS_FROM; ValueError naming the
    variable that is missing or not usable."""
    host, sender = (os.environ.get(v, "").strip() for v in ("ECHO_SMTP_HOST", "ECHO_ALERTS_FROM"))
    if not host:
        raise ValueError("ECHO_SMTP_HOST is not set: the mail server to send alerts through")
    if not sender:
        raise ValueError("ECHO_ALERTS_FROM is not set: the address alerts are sent from")
    raw_port = os.environ.get("ECHO_SMTP_PORT", "").strip() or "25"
    if not raw_port.isdigit():
        raise ValueError(f"ECHO_SMTP_PORT={raw_port[:40]!r} is not a port number")
    return Smtp(
        host=host,
        port=int(raw_port),
        user=os.environ.get("ECHO_SMTP_USER") or None,
        password=os.environ.get("ECHO_SMTP_PASSWORD") or None,
        starttls=os.environ.get("ECHO_SMTP_STARTTLS", "").strip().lower() in ("1", "true", "yes"),
        sender=sender,
        dashboard_url=dashboard_url(),
    )


def dashboard_url() -> str:
    """The dashboard's address as readers reach it (ECHO_DASHBOARD_URL), for the alerts'
    links; without it they carry the link's path only."""
    return os.environ.get("ECHO_DASHBOARD_URL", "").strip().rstrip("/")


@dataclass(frozen=True)
class Oidc:
    """The OpenID Connect provider users may sign in through (docs/configuration.md)."""

    issuer: str
    client_id: str
    client_secret: str
    name: str | None  # shown on the button; None: the interface's own words


def oidc() -> Oidc | None:
    """Single sign-on's settings from OIDC_*; None when OIDC_ISSUER is unset (no single
    sign-on); ValueError naming the variable that is missing when it is set."""
    issuer = os.environ.get("OIDC_ISSUER", "").strip().rstrip("/")
    if not issuer:
        return None
    client = {v: os.environ.get(v, "").strip() for v in ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")}
    for variable, value in client.items():
        if not value:
            raise ValueError(f"{variable} is not set: single sign-on (OIDC_ISSUER) needs it")
    name = os.environ.get("OIDC_NAME", "").strip() or None
    return Oidc(issuer, client["OIDC_CLIENT_ID"], client["OIDC_CLIENT_SECRET"], name)

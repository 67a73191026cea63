"""Sign-in for every request: who is asking, and what they may see (`g.scope`).

Before any page, callback or API view runs, `identify` finds the asker, in this order: an
`Authorization: Bearer TOKEN` header; a live screen's session bound to a token (opened
once with `/live?token=...`); a signed-in user's session (Flask-Login). Each is checked
against the store at every request, so a revoked or expired token, or a disabled user,
stops working at once. Without any: a page GET goes to /login, anything else is a 401 in
JSON. /login (and its single sign-on, sso.py), /healthz and the static assets stay open;
they show nothing of the data.

The sign-in form carries a CSRF token (Flask-WTF), failed attempts are throttled per
address (Flask-Limiter, in Redis when REDIS_URL is set), passwords are argon2 hashes.
"""

import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Flask,
    Response,
    g,
    get_flashed_messages,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from dashboard import config
from dashboard.access import demo
from dashboard.access.audit import audit
from dashboard.access.credentials import password_matches, token_digest
from dashboard.access.imports import imports
from dashboard.access.language import linked, page
from dashboard.clock import IST
from dashboard.service import dashboard_data
from dashboard.store import accounts
from dashboard.store.accounts import Account
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.language import _
from dashboard.vocabulary.scope import NOTHING, Scope

OPEN_PATHS = (
    "/login",
    "/login/sso",
    "/login/sso/callback",
    "/healthz",
    "/api/v1/openapi.json",
    "/_favicon.ico",
)  # no data
OPEN_PREFIXES = ("/assets/", "/_dash-component-suites/")  # static files, no data
JSON_PREFIXES = ("/api/", "/_dash-", "/healthz")  # read by scripts and the page's code
LIVE_PATH = "/live"
LIVE_TOKEN = "live_token"  # the session key of a live screen's token (its digest)
LIVE_SESSION_DAYS = 400  # the token's expiry ends it sooner
FAILED_SIGN_INS = "10 per minute;50 per hour"  # per address; successful ones are not counted
AUDIT_PAGE_ROWS = 50
OUTAGE_GRACE_SECONDS = 15 * 60
NOT_SIGNED_IN = "sign in first (/login), or send the header Authorization: Bearer TOKEN"
BAD_TOKEN = "the token is unknown, expired or revoked"

access = Blueprint("access", __name__, template_folder="templates")
T = TypeVar("T")
_last_checks: dict[tuple, tuple[float, Any]] = {}  # (kind, key) -> (monotonic time, answer)
login_manager = LoginManager()
limiter = Limiter(get_remote_address, storage_uri=config.redis_url() or "memory://")


class SignedIn(UserMixin):
    """A signed-in account, as Flask-Login holds it."""

    def __init__(self, account: Account):
        self.account = account
        self.id = str(account.id)


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])


class SignOutForm(FlaskForm):
    """Only the CSRF token: a sign-out comes from our own page."""


def install(server: Flask) -> None:
    """Sign-in on every request of `server`: the session's settings, the checks, the pages."""
    server.secret_key = config.secret_key() or secrets.token_hex(32)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies(),
        PERMANENT_SESSION_LIFETIME=timedelta(days=LIVE_SESSION_DAYS),
    )
    login_manager.init_app(server)
    login_manager.user_loader(_load_user)
    limiter.init_app(server)
    server.before_request(identify)
    server.register_blueprint(access)
    server.register_blueprint(imports)


def _load_user(user_id: str) -> SignedIn | None:
    """The session's account as it is now: a disabled one is signed out at once."""
    account = _through_outage(
        ("user", user_id), lambda: accounts.find_user(_store(), user_id=int(user_id))
    )
    return SignedIn(account) if account and not account.disabled else None


def _through_outage(key: tuple, check: Callable[[], T]) -> T:
    """`check()` against the store; while the store cannot be read, the same check's last
    answer if it is at most OUTAGE_GRACE_SECONDS old (a live screen rides out a short
    outage, showing its numbers as stale), else StoreUnavailable. With the store readable,
    every request is checked afresh, so revocation is immediate."""
    try:
        found = check()
    except StoreUnavailable:
        kept = _last_checks.get(key)
        if kept is None or time.monotonic() - kept[0] > OUTAGE_GRACE_SECONDS:
            raise
        return kept[1]
    _last_checks[key] = (time.monotonic(), found)
    return found


def identify() -> Response | None:
    """Set `g.scope`, `g.who` and `g.account` for this request, or answer it (401, or a
    redirect to /login) when no valid credentials come with it."""
    g.scope, g.who, g.account = NOTHING, "anonymous", None
    open_path = request.path in OPEN_PATHS or request.path.startswith(OPEN_PREFIXES)
    header = request.headers.get("Authorization")
    if header is not None:
        found = _bearer(header)
        if found is None:
            return None if open_path else _unauthorized(BAD_TOKEN)
        return _asker(*found)
    if request.path == LIVE_PATH and "token" in request.args:
        return _open_live_screen()
    if LIVE_TOKEN in session:
        found = _token(session[LIVE_TOKEN])
        if found is not None:
            return _asker(*found)
        session.pop(LIVE_TOKEN)
    if current_user.is_authenticated:
        account = current_user.account
        return _asker(account.scope, account.email, account)
    return None if open_path else _refused()


def _asker(scope: Scope, who: str, account: Account) -> None:
    g.scope, g.who, g.account = scope, who, account


def _bearer(header: str) -> tuple[Scope, str, Account] | None:
    scheme, _space, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return _token(token_digest(value.strip()))


def _token(digest: str) -> tuple[Scope, str, Account] | None:
    return _through_outage(("token", digest), lambda: _check_token(digest))


def _check_token(digest: str) -> tuple[Scope, str, Account] | None:
    """A live token's scope, who it speaks for, and its owner (None for a token that is
    unknown, expired, revoked, or whose owner is disabled). Its first use is audited."""
    store = _store()
    found = accounts.token_and_owner(store, digest)
    if found is None:
        return None
    token, owner = found
    if not token.live_at(accounts.utc_now()) or owner.disabled:
        return None
    who = f"{owner.email} (token {token.name})"
    if accounts.mark_first_used(store, token):
        audit("token first used", f"token={token.name}", who=who)
    return token.scope(owner), who, owner


def _open_live_screen() -> Response:
    """`/live?token=...`: bind this browser's session to the token and drop it from the
    address (history, logs, a screenshot); the screen then runs for as long as the token
    lives, checked at every request."""
    digest = token_digest(request.args["token"].strip())
    if _token(digest) is None:
        return Response(
            _(
                "This live screen's link does not open: the token is unknown, expired or "
                "revoked. Ask an administrator for a new link ({command})."
            ).format(command="python -m dashboard token create"),
            status=401,
            mimetype="text/plain",
        )
    session.clear()
    session[LIVE_TOKEN] = digest
    session.permanent = True
    rest = [(k, v) for k, v in request.args.items(multi=True) if k != "token"]
    return redirect(LIVE_PATH + ("?" + urlencode(rest) if rest else ""))


def _refused() -> Response:
    if request.method == "GET" and not request.path.startswith(JSON_PREFIXES):
        asked = request.full_path if request.query_string else request.path
        return redirect(linked("/login?" + urlencode({"next": asked})))
    return _unauthorized(NOT_SIGNED_IN)


def _unauthorized(message: str) -> Response:
    answer = jsonify(error=message)
    answer.status_code = 401
    answer.headers["WWW-Authenticate"] = 'Bearer realm="ECHO India dashboard"'
    return answer


def _store():
    return dashboard_data().store


# ---- pages ----------------------------------------------------------------------------


def _only_failures(response: Response) -> bool:
    return response.status_code != 302


@access.route("/login", methods=["GET", "POST"])
@page
@limiter.limit(FAILED_SIGN_INS, methods=["POST"], deduct_when=_only_failures)
def login():
    form = SignInForm()
    if request.method == "GET" and g.account is not None:
        return redirect(next_page())
    if request.method == "GET":
        return _login_page(form)
    if not form.validate_on_submit():
        if "csrf_token" in form.errors:
            return _login_page(
                form, _("The form had expired or came from elsewhere: try again."), 400
            )
        return _login_page(form, _("Enter your email and password."), 400)
    account = accounts.find_user(_store(), email=form.email.data)
    if not password_matches(account.password_hash if account else None, form.password.data):
        audit("sign-in failed", "wrong email or password", who=form.email.data)
        return _login_page(form, _("Wrong email or password."), 401)
    if account.disabled:
        audit("sign-in failed", "account disabled", who=account.email)
        return _login_page(form, _("This account is disabled: ask an administrator."), 403)
    session.clear()
    login_user(SignedIn(account))
    audit("sign-in", f"role={account.role}", who=account.email)
    return redirect(next_page())


@access.errorhandler(RateLimitExceeded)
def too_many(error: RateLimitExceeded):
    message = _("Too many failed sign-ins from your address: wait a minute, then try again.")
    return _login_page(SignInForm(), message, 429)


@access.route("/logout", methods=["GET", "POST"])
@page
def logout():
    form = SignOutForm()
    if request.method == "POST" and form.validate_on_submit():
        who = g.who
        logout_user()
        session.clear()
        audit("sign-out", who=who)
        return redirect(linked("/login"))
    return render_template("logout.html", form=form, who=g.who)


@access.route("/admin/audit")
@page
def audit_page():
    """The audit log, newest first, a page at a time (admins only)."""
    if g.account is None or g.account.role != "admin":
        refused = _("Only administrators may read the audit log.")
        return Response(refused, 403, mimetype="text/plain")
    page = max(request.args.get("page", 1, type=int), 1)
    store = _store()
    total = accounts.audit_count(store)
    rows = accounts.audit_events(store, limit=AUDIT_PAGE_ROWS, offset=(page - 1) * AUDIT_PAGE_ROWS)
    for row in rows:
        row["ist"] = row["at"].astimezone(IST)
    pages = max((total + AUDIT_PAGE_ROWS - 1) // AUDIT_PAGE_ROWS, 1)
    return render_template("audit.html", rows=rows, page=page, pages=pages, total=total)


def _login_page(form: SignInForm, message: str = "", status: int = 200):
    message = message or next(iter(get_flashed_messages()), "")  # single sign-on's refusal
    listed = demo.listed(_store()) if config.is_demo_store() and config.on_loopback() else []
    page = render_template("login.html", form=form, message=message, demo_accounts=listed)
    return page, status


def next_page() -> str:
    """Where to go after signing in: a path on this site only (never another host), in the
    language the sign-in page spoke."""
    asked = request.args.get("next", "/")
    if not asked.startswith("/") or asked.startswith("//") or "\\" in asked:
        asked = "/"
    return linked(asked)

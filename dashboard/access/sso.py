"""Single sign-on through an OpenID Connect provider, where one is configured (OIDC_*).

`/login/sso` sends the browser to the provider (the authorization code flow, with state,
nonce and PKCE); `/login/sso/callback` takes the code back, and Authlib exchanges it and
checks the ID token (its signature by the provider's published keys, issuer, audience,
nonce, expiry). The token's email names an existing, enabled user of the store, who is
signed in with the role and scope the store gives them: the provider says who someone is,
never what they may see. Every failure goes back to /login naming its cause, and is
audited as the password form's are. Without OIDC_ISSUER there is no button and both paths
answer 404.

The browser leaves and comes back by plain navigations (a link, redirects, the provider's
redirect with `?code=...`): the Content-Security-Policy governs none of them, and the
SameSite=Lax session cookie comes back with the provider's redirect.
"""

import re
from functools import cache

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError
from authlib.integrations.flask_client import OAuth
from authlib.integrations.flask_client.apps import FlaskOAuth2App
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    request,
    session,
    url_for,
)
from flask_limiter import RateLimitExceeded
from flask_login import login_user
from joserfc.errors import JoseError
from requests import RequestException
from werkzeug.wrappers import Response

from dashboard import config
from dashboard.access.audit import audit
from dashboard.access.web import FAILED_SIGN_INS, SignedIn, limiter, next_page, too_many
from dashboard.service import dashboard_data
from dashboard.store import accounts
from dashboard.store.accounts import Account
from dashboard.vocabulary.language import _

CLIENT_NAME = "oidc"
SCOPES = "openid email"
PROVIDER_TIMEOUT_SECONDS = 10  # each request to the provider; a stuck one must not hold a worker
NEXT = "sso_next"  # the session key of the page to open once signed in
METHOD = "method=openid-connect"  # in the audit rows' detail
DETAIL_CHARACTERS = 300  # of a failure's cause in its audit row (a provider's words, say)
ERROR_CODE = re.compile(r"[a-z_]{1,40}")  # OAuth's error codes: access_denied, login_required
EMAIL_CHARACTERS = 254  # the longest address there is (and the sign-in form takes)

sso = Blueprint("sso", __name__)
sso.register_error_handler(RateLimitExceeded, too_many)  # the sign-in page saying so, 429


class Refused(Exception):
    """A single sign-on that cannot go on: the audit row's detail, the message the person
    reads, and who they said they were (None: not known)."""

    def __init__(self, detail: str, message: str, who: str | None = None):
        super().__init__(detail)
        self.detail, self.message, self.who = detail, message, who


def install(server: Flask) -> None:
    """The two paths, and the button on the sign-in page. The settings are read once here,
    so a half-configured provider stops the start, naming the variable that is missing."""
    config.oidc()
    server.register_blueprint(sso)
    server.context_processor(_button)


def _button() -> dict[str, str]:
    """The sign-in page's button: its words and its link (keeping `next`); none unset."""
    settings = config.oidc()
    if settings is None:
        return {"sso_button": "", "sso_link": ""}
    return {
        "sso_button": _("Sign in with {name}").format(name=_provider(settings)),
        "sso_link": url_for("sso.start", next=request.args.get("next")),
    }


def _provider(settings: config.Oidc) -> str:
    return settings.name or _("single sign-on")


def _settings() -> config.Oidc:
    """The provider's settings, or 404 when single sign-on is not configured."""
    settings = config.oidc()
    if settings is None:
        abort(404)
    return settings


@cache
def _client(settings: config.Oidc) -> FlaskOAuth2App:
    """The provider's Authlib client, registered the first time it is used; it reads the
    provider's discovery document once, and its keys when a token first needs them."""
    return OAuth(current_app).register(
        CLIENT_NAME,
        server_metadata_url=f"{settings.issuer}/.well-known/openid-configuration",
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        client_kwargs={
            "scope": SCOPES,
            "code_challenge_method": "S256",
            "default_timeout": PROVIDER_TIMEOUT_SECONDS,
        },
    )


@sso.route("/login/sso")
def start() -> Response:
    """Off to the provider, remembering where to go once signed in (a local path only)."""
    settings = _settings()
    session[NEXT] = next_page()
    try:
        return _client(settings).authorize_redirect(_callback_uri())
    except (AuthlibBaseError, RequestException, ValueError) as error:
        unreachable = _(
            "{name} could not be reached: try again later, or sign in with your password."
        ).format(name=_provider(settings))
        return _refused(Refused(f"provider unreachable: {error}", unreachable))


def _callback_uri() -> str:
    """Where the provider sends the browser back: under the dashboard's public address
    (ECHO_DASHBOARD_URL) when it is set, as TLS may end before this server; else this
    request's own."""
    public = config.dashboard_url()
    return public + url_for("sso.callback") if public else url_for("sso.callback", _external=True)


def _refused_here(_response: Response) -> bool:
    return g.get("sso_refused", False)


@sso.route("/login/sso/callback")
@limiter.limit(FAILED_SIGN_INS, deduct_when=_refused_here)
def callback() -> Response:
    """The provider's answer: the store's user of the verified email signed in, or back to
    /login saying why not. Failures from one address are throttled as the password form's
    are (a forged code or state costs the provider a request each)."""
    settings = _settings()
    try:
        account = _account(_email(_claims(settings), settings))
    except Refused as refused:
        return _refused(refused)
    going = session.get(NEXT, "/")
    session.clear()
    login_user(SignedIn(account))
    audit("sign-in", f"role={account.role}; {METHOD}", who=account.email)
    return redirect(going)


def _claims(settings: config.Oidc) -> dict:
    """The ID token's claims, once Authlib has exchanged the code and checked the token."""
    name = _provider(settings)
    if "error" in request.args:
        error = request.args["error"]
        error = error if ERROR_CODE.fullmatch(error) else "?"  # shown: a code, never prose
        message = _("{name} did not sign you in ({error}).").format(name=name, error=error)
        raise Refused(f"provider error: {error}", message)
    try:
        token = _client(settings).authorize_access_token()
    except MismatchingStateError:
        message = _("The sign-in had expired or came from elsewhere: try again.")
        raise Refused("state mismatch", message) from None
    except (AuthlibBaseError, JoseError, RequestException, ValueError) as error:
        message = _("{name}'s answer could not be checked: try again.").format(name=name)
        raise Refused(f"token refused: {error}", message) from None
    if "userinfo" not in token:
        message = _("{name} sent no identity: try again.").format(name=name)
        raise Refused("no ID token", message)
    return token["userinfo"]


def _email(claims: dict, settings: config.Oidc) -> str:
    """The claims' email, if the provider has verified it (or does not say)."""
    email = claims.get("email")
    if not isinstance(email, str) or not 0 < len(email.strip()) <= EMAIL_CHARACTERS:
        message = _("{name} did not give your email address.").format(name=_provider(settings))
        raise Refused("no email", message)
    if claims.get("email_verified", True) not in (True, "true"):
        message = _("{name} has not verified your email address.").format(name=_provider(settings))
        raise Refused("email not verified", message, who=email)
    return email.strip()


def _account(email: str) -> Account:
    """The store's enabled user with this email (in any case)."""
    account = accounts.find_user(dashboard_data().store, email=email)
    if account is None:
        message = _(
            "No account here has the email {email}: ask an administrator to add you."
        ).format(email=email)
        raise Refused("unknown email", message, who=email)
    if account.disabled:
        message = _("This account is disabled: ask an administrator.")
        raise Refused("account disabled", message, who=account.email)
    return account


def _refused(refused: Refused) -> Response:
    """Back to /login (keeping `next`) with the message; the failure audited."""
    g.sso_refused = True
    audit("sign-in failed", f"{refused.detail[:DETAIL_CHARACTERS]}; {METHOD}", who=refused.who)
    flash(refused.message, "error")
    going = session.pop(NEXT, "/")
    return redirect(url_for("access.login", next=None if going == "/" else going))

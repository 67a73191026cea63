"""What every answer carries to protect the page, and what a request may weigh.

Security headers come from flask-talisman: a Content-Security-Policy that lets the page
run only its own scripts (Dash's few inline scripts by their hashes) and be framed by
no one, `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` and a Referrer-Policy
that sends no path to other sites. docs/configuration.md says what the policy allows and
why. Request bodies (Dash's callbacks) are capped, so one request cannot hold a worker
reading megabytes.

Sign-in and other request hooks live elsewhere; this module only sets headers and limits.
Nothing names the Python version: not the development server's `Server` header
(`QuietRequestHandler`), nor the page's configuration (app.py).
"""

from collections.abc import Iterable

from flask import Flask
from flask_talisman import Talisman
from werkzeug.serving import WSGIRequestHandler

MAX_BODY_BYTES = 256 * 1024  # a callback's body is a few kilobytes; see docs/configuration.md
REFERRER_POLICY = "same-origin"
EMPTY_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # of "": plotly's blank styles


def content_security_policy(script_hashes: Iterable[str]) -> dict[str, str]:
    """The page's policy: everything from its own server, inline scripts only by hash."""
    return {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self'",
        "style-src-elem": "'self' 'unsafe-inline'",
        "style-src-attr": f"'unsafe-hashes' {EMPTY_HASH}",
        "img-src": "'self' data: blob:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def install(server: Flask, script_hashes: Iterable[str]) -> None:
    """Add the headers to every answer and cap request bodies (413 beyond the cap)."""
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    Talisman(
        server,
        content_security_policy=content_security_policy(script_hashes),
        force_https=False,  # TLS ends at the load balancer; HSTS is sent on HTTPS requests
        session_cookie_secure=False,
        frame_options="DENY",
        referrer_policy=REFERRER_POLICY,
    )


class QuietRequestHandler(WSGIRequestHandler):
    """The development server's handler, naming itself without its or Python's version."""

    def version_string(self) -> str:
        return "Werkzeug"

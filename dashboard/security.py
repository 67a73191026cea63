"""What every answer carries to protect the page, and what a request may weigh.

Security headers come from flask-talisman: a Content-Security-Policy that lets the page
run only its own scripts (Dash's few inline scripts by their hashes) and be framed by
no one, `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` and a Referrer-Policy
that sends no path to other sites. docs/configuration.md says what the policy allows and
why. Request bodies (Dash's callbacks) are capped, so one request cannot hold a worker
reading megabytes.

Sign-in and other request hooks live elsewhere; this module only sets headers and limits.
Single sign-on (access/sso.py) needs nothing more of the policy: the browser leaves for the
provider by a link and a redirect, and comes back by the provider's redirect, none of which
a directive governs; the page itself never asks the provider for anything.
Nothing names the Python version: not the development server's `Server` header
(`QuietRequestHandler`), nor the page's configuration (app.py).
"""

import base64
import hashlib
from collections.abc import Iterable

from flask import Flask
from flask_talisman import Talisman
from werkzeug.serving import WSGIRequestHandler

MAX_BODY_BYTES = 256 * 1024  # a callback's body is a few kilobytes; see docs/configuration.md
REFERRER_POLICY = "same-origin"
# The style attributes plotly.js writes as text (the rest it sets through the DOM, which the
# policy does not govern): blank ones, those of the tags chart text may hold (<b>, <i>, <sub>,
# <sup>, <s>, <u>, <a>, <em>), and its test of how images are scaled. They are allowed by
# their hash alone; no other inline style attribute is.
PLOTLY_STYLE_ATTRIBUTES = (
    "",
    "font-size:70%",
    "text-decoration:line-through",
    "text-decoration:underline",
    "font-weight:bold",
    "font-style:italic",
    "cursor:pointer",
    "font-style:italic;font-weight:bold",
    "image-rendering: optimizeSpeed; image-rendering: -moz-crisp-edges; "
    "image-rendering: -o-crisp-edges; image-rendering: -webkit-optimize-contrast; "
    "image-rendering: optimize-contrast; image-rendering: crisp-edges; "
    "image-rendering: pixelated; ",
)


def source_hash(text: str) -> str:
    """A CSP hash source for an inline script or style."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def content_security_policy(script_hashes: Iterable[str]) -> dict[str, str]:
    """The page's policy: everything from its own server, inline scripts only by hash."""
    return {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self'",
        "style-src-elem": "'self' 'unsafe-inline'",
        "style-src-attr": " ".join(["'unsafe-hashes'", *map(source_hash, PLOTLY_STYLE_ATTRIBUTES)]),
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

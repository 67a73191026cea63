"""Security headers on every answer, Dash's inline scripts allowed by hash only, no Python
version published, and request bodies capped."""

import base64
import hashlib
import re
import sys
from pathlib import Path

import pytest

from app import server
from dashboard.security import MAX_BODY_BYTES, PLOTLY_STYLE_ATTRIBUTES, source_hash

REPO = Path(__file__).resolve().parents[1]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
IE_ONLY = re.compile(r"<!--\[if IE\]>.*?<!\[endif\]-->", re.S)


@pytest.fixture
def http(signed_in_http):
    return signed_in_http


def _policy(answer) -> dict[str, list[str]]:
    directives = answer.headers["Content-Security-Policy"].split(";")
    return {d.split()[0]: d.split()[1:] for d in (d.strip() for d in directives) if d}


@pytest.mark.parametrize(
    "path", ["/", "/live", "/healthz", "/api/v1/nothing", "/_dash-layout", "/assets/app.css"]
)
def test_every_answer_carries_the_security_headers(http, path):
    answer = http.get(path)
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["Referrer-Policy"] == "same-origin"
    policy = _policy(answer)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]


def test_inline_scripts_run_only_by_their_hash(http):
    page = http.get("/")
    policy = _policy(page)
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    html = IE_ONLY.sub("", page.get_data(as_text=True))
    inline = [body for attrs, body in INLINE_SCRIPT.findall(html) if "json" not in attrs]
    assert len(inline) >= 2  # the renderer's start and our clientside callbacks
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in scripts, body[:80]
    assert set(scripts) == {"'self'"} | {
        f"'sha256-{base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()}'" for b in inline
    }


def test_no_page_or_header_names_the_python_version(http):
    version = sys.version.split()[0]
    for path in ("/", "/live", "/_dash-config", "/api/v1/nothing"):
        answer = http.get(path)
        assert version not in answer.get_data(as_text=True), path
        assert all(version not in value for value in answer.headers.values()), path
    assert "python_version" not in http.get("/").get_data(as_text=True)


def test_a_body_over_the_cap_is_413_json(http):
    body = b"{" + b" " * MAX_BODY_BYTES + b"}"
    answer = http.post("/_dash-update-component", data=body, content_type="application/json")
    assert answer.status_code == 413
    assert "error" in answer.get_json()


def test_the_style_attributes_allowed_are_plotlys_own():
    """Each style attribute the policy allows by hash is one our plotly.js writes."""
    bundle = (REPO / "assets" / "plotly.min.js").read_text()
    tags, image_test = PLOTLY_STYLE_ATTRIBUTES[1:-1], PLOTLY_STYLE_ATTRIBUTES[-1]
    for style in tags:
        assert f'"{style}"' in bundle, style
    for declaration in image_test.split("; ")[:-1]:
        name, value = declaration.split(": ")
        assert f'["{name}","{value}"]' in bundle, declaration
    allowed = _policy(server.test_client().get("/"))["style-src-attr"]
    assert allowed == ["'unsafe-hashes'", *map(source_hash, PLOTLY_STYLE_ATTRIBUTES)]

"""Operations around every request: one log line each, browser caching and compression of assets.

One line per request (method, route, status, milliseconds) shows which routes are
slow; for Dash callbacks the route names the first output, since every callback
shares one URL. A start-up line says where the app listens, which store it reads
(without its password) and how recent the data is, so a wrong DATABASE_URL shows
at once.
"""

import logging
import re
import time

import brotli
from flask import Flask, Request, Response, g, request
from werkzeug.exceptions import HTTPException

try:
    from compression import zstd
except ImportError:  # Python before 3.14
    from backports import zstd

from dashboard.config import redis_url
from dashboard.queries.lookups import data_as_of
from dashboard.store.database import Store
from dashboard.vocabulary.errors import StoreUnavailable

logger = logging.getLogger("echo.web")

BUNDLE_PREFIX = "/_dash-component-suites/"
PLOTLY_ASSET = "/assets/plotly.min.js"  # our own plotly.js, traces we draw only (frontend/)
BUNDLE_ENCODINGS = {  # preferred first; levels worth paying once per process
    "zstd": lambda data: zstd.compress(data, 12),
    "br": lambda data: brotli.compress(data, quality=7),
}
_bundles: dict[tuple[str, str], bytes] = {}  # a few MB: every bundle the page loads
# what the pages fetch after their scripts, as they draw charts, lists, dates and the grid
LATER_BUNDLES = (
    "dash/dcc/async-graph.js",
    "dash/dcc/async-dropdown.js",
    "dash/dcc/async-datepicker.js",
    "dash_ag_grid/async-community.js",
)
SCRIPT = re.compile(r'src="((?:/_dash-component-suites/|/assets/plotly\.min\.js)[^"]*)"')

DASH_UPDATE = "/_dash-update-component"
ASSET_PREFIX = "/assets/"
FINGERPRINTED_MAX_AGE = 365 * 24 * 3600  # Dash adds ?m=<mtime> to the assets it links
ASSET_MAX_AGE = 24 * 3600  # files fetched by plain URL, such as the map geometry
GEOJSON = "application/geo+json"
LOG_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"


def configure_logging() -> None:
    """Log at INFO to stderr; our request lines replace the development server's own."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def install(server: Flask) -> None:
    """Add the request hooks (they run before Flask-Compress's, which was added first)."""
    server.before_request(_start_clock)
    server.after_request(_compress_bundles)
    server.after_request(_cache_assets)
    server.after_request(_log_request)


def route_of(req: Request) -> str:
    """The path, and for a Dash callback the first output it updates."""
    if req.path != DASH_UPDATE:
        return req.path
    try:
        body = req.get_json(silent=True, cache=True)
    except HTTPException:  # a body over the size limit: answered 413, never read
        body = None
    output = str(body.get("output", "")) if isinstance(body, dict) else ""
    output = output.strip(".").split("...")[0]
    return f"{req.path} {output.split('@')[0]}" if output else req.path


def _start_clock() -> None:
    g.started = time.perf_counter()


def _cache_assets(response: Response) -> Response:
    if request.path.startswith(ASSET_PREFIX) and response.status_code in (200, 304):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        fingerprinted = "m" in request.args
        response.cache_control.max_age = FINGERPRINTED_MAX_AGE if fingerprinted else ASSET_MAX_AGE
        if fingerprinted:
            response.cache_control.immutable = True
    if response.mimetype == GEOJSON:
        # Flask-Compress fixes its list of types at start-up and GeoJSON is not on it;
        # sent as the JSON it is, the 1.2 MB of district outlines travel gzipped.
        response.mimetype = "application/json"
    return response


def _compress_bundles(response: Response) -> Response:
    """The JavaScript bundles (our plotly.js is 1.4 MB) compressed hard, once per process:
    they never change under their versioned URL, so the first visit gets them smallest
    (plotly.js 0.46 MB instead of Flask-Compress's 0.50 MB) and no request pays again."""
    accepted = request.headers.get("Accept-Encoding", "")
    encoding = next((e for e in BUNDLE_ENCODINGS if e in accepted), None)
    if (
        encoding is None
        or not (request.path.startswith(BUNDLE_PREFIX) or request.path == PLOTLY_ASSET)
        or response.status_code != 200
        or "Content-Encoding" in response.headers
    ):
        return response
    key = (request.full_path, encoding)
    response.direct_passthrough = False  # a file response: read it, then replace its body
    body = _bundles.get(key)
    if body is None:
        body = _bundles[key] = BUNDLE_ENCODINGS[encoding](response.get_data())
    response.set_data(body)
    response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    return response


def compress_bundles_ahead(server: Flask, index: str) -> None:
    """Compress the bundles the pages load (those `index`, the page every path shares,
    names, and those loaded later) before serving them. Under gunicorn the app is loaded
    before the fork, so every worker, recycled ones too, starts with them: no first
    visitor waits while a worker compresses plotly.js (see BENCHMARKS.md)."""
    preferred = next(iter(BUNDLE_ENCODINGS))
    with server.test_client() as client:
        paths = {*SCRIPT.findall(index), *(BUNDLE_PREFIX + path for path in LATER_BUNDLES)}
        for path in sorted(paths):
            client.get(path, headers={"Accept-Encoding": preferred})


def _log_request(response: Response) -> Response:
    started = g.get("started")
    elapsed = (time.perf_counter() - started) * 1000 if started else 0.0
    logger.info(
        "%s %s %s %.0f ms", request.method, route_of(request), response.status_code, elapsed
    )
    return response


def startup_line(address: str, store_url: str | None = None) -> str:
    """Where the app listens, the store it reads and its data-as-of date (or why not known)."""
    store = Store(store_url, read_only=True)
    try:
        shown = store.engine.url.render_as_string(hide_password=True)
        try:
            value = data_as_of(store)
            as_of = value.isoformat() if value else "no sessions yet"
        except StoreUnavailable as error:
            as_of = f"unknown: the store cannot be read ({error})"
        cache = "Redis" if redis_url() else "in-process"
        return (
            f"ECHO India dashboard at {address} · store {shown} · data as of {as_of} · "
            f"{cache} cache"
        )
    finally:
        store.dispose()

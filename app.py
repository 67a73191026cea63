"""The ECHO India dashboard: one Dash app serving the page and the HTTP API.

`python app.py` runs the development server; `gunicorn app:server` the production one.
"""

import logging
from functools import wraps

from dash import Dash, html
from flask import request

import callbacks.attention
import callbacks.brief
import callbacks.door
import callbacks.downloads
import callbacks.imports
import callbacks.language
import callbacks.live
import callbacks.overview
import callbacks.pages
import callbacks.phone
import callbacks.router
import callbacks.tabs  # importing registers the callbacks
from callbacks.first_view import first_view_html
from dashboard import api, config, memory, quality, security, web_log
from dashboard.access import sso
from dashboard.access import web as access
from dashboard.service import dashboard_data
from dashboard.vocabulary.language import _, current
from layouts import dashboard, first_view
from layouts.pages import PAGES, early_fetches, shell

logger = logging.getLogger("echo")


class EchoDash(Dash):
    """Dash, without the Python version in the configuration every page carries."""

    def _config(self) -> dict:
        config = super()._config()
        config.pop("python_version", None)
        return config

    def interpolate_index(self, **kwargs) -> str:
        """The page in the language of its link: its title, and the document's lang (screen
        readers and the browser's Devanagari shaping read it); what the page will fetch
        once its scripts run, asked for beside them (layouts.pages.early_fetches); and the
        dashboard's first view, its tiles and map drawn by the server before any script
        (callbacks.first_view), where the app will draw its own."""
        search = request.query_string.decode()
        early = early_fetches(request.path, search)
        css = kwargs["css"] + "".join(_preload(url, kind) for url, kind in early)
        entry = first_view_html(request.path, search) + kwargs["app_entry"]
        page = super().interpolate_index(
            **{**kwargs, "css": css, "app_entry": entry, "title": _("ECHO India dashboard")}
        )
        return page.replace("<html>", f'<html lang="{current()}">', 1)


def _preload(url: str, kind: str) -> str:
    """A fetch is preloaded as plotly.js asks (same-origin, with credentials: `crossorigin`)."""
    cors = " crossorigin" if kind == "fetch" else ""
    return f'<link rel="preload" href="{url}" as="{kind}"{cors}>'


app = EchoDash(
    __name__,
    title="ECHO India dashboard",
    update_title=None,
    compress=True,
    serve_locally=True,
    suppress_callback_exceptions=True,
)
app.layout = callbacks.pages.first_layout
app.validation_layout = html.Div(
    [shell(), *(page() for page in PAGES.values()), dashboard.programmes_tab()]
)
server = app.server
server.register_blueprint(api.api)
server.register_blueprint(quality.quality)
web_log.install(server)
security.install(server, [*app.csp_hashes(), security.source_hash(first_view.SCRIPT)])
callbacks.language.install(app)  # the language first: sign-in's answers speak it too
access.install(server)  # who is asking, before any callback or view reads the request
sso.install(server)  # single sign-on, where OIDC_ISSUER is set
callbacks.door.install(app)


def _no_page_is_not_found() -> None:
    """A path with no page answers 404, not 200: the page still loads and says so, with a
    link home (layouts.pages.not_found). Dash serves every path from one catch-all route."""
    rule = next(r for r in server.url_map.iter_rules() if r.rule == "/<path:path>")
    index = server.view_functions[rule.endpoint]

    @wraps(index)
    def page_or_not_found(*args, **kwargs):
        answer = index(*args, **kwargs)
        return answer if request.path in PAGES else (answer, 404)

    server.view_functions[rule.endpoint] = page_or_not_found


_no_page_is_not_found()


def _set_up_before_serving() -> None:
    """Let Dash finish its once-per-process set-up now, not on the first request: under
    threaded servers two first requests race it and bundles fail with "not a registered
    library" (plotly/dash#3971). With gunicorn's preload this runs once, before the fork,
    and so does compressing the bundles."""
    with server.test_client() as client:
        client.get("/_dash-layout")  # Dash's set-up runs before sign-in's check (a 401)
    with server.test_request_context("/"):
        index = app.index()
    web_log.compress_bundles_ahead(server, index)


_set_up_before_serving()
memory.return_large_blocks_promptly()  # workers run for days: no high-water marks


def main() -> None:
    web_log.configure_logging()
    logger.info(web_log.startup_line(f"http://{config.host()}:{config.port()}"))
    dashboard_data()  # opens the store and starts warming its caches before the first request
    app.run(
        host=config.host(),
        port=config.port(),
        debug=False,
        request_handler=security.QuietRequestHandler,
    )


if __name__ == "__main__":
    main()

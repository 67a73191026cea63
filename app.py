"""The ECHO India dashboard: one Dash app serving the page and the HTTP API.

`python app.py` runs the development server; `gunicorn app:server` the production one.
"""

import logging

from dash import Dash, html

import callbacks.downloads
import callbacks.overview
import callbacks.pages
import callbacks.router
import callbacks.tabs  # noqa: F401  (importing registers the callbacks)
from dashboard import api, config
from dashboard.service import dashboard_data
from layouts.pages import PAGES, shell

logger = logging.getLogger("echo")

app = Dash(
    __name__,
    title="ECHO India dashboard",
    update_title=None,
    compress=True,
    serve_locally=True,
    suppress_callback_exceptions=True,
)
app.layout = shell
app.validation_layout = html.Div([shell(), *(page() for page in PAGES.values())])
server = app.server
server.register_blueprint(api.api)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    store = dashboard_data().store
    url = f"http://{config.host()}:{config.port()}"
    logger.info("ECHO India dashboard at %s, store %s", url, store.engine.url.render_as_string())
    app.run(host=config.host(), port=config.port(), debug=False)


if __name__ == "__main__":
    main()

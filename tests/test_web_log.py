"""Bundles compressed before the first visitor: the app does it when loaded (before the fork)."""

import re

import app
from dashboard import web_log


def test_every_bundle_the_first_page_loads_is_compressed_when_the_app_loads():
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', index)
    later = [web_log.BUNDLE_PREFIX + path for path in web_log.LATER_BUNDLES]
    assert len(scripts) > 5
    for path in scripts + later:
        assert (f"{path}?", "zstd") in web_log._bundles, path  # Flask's full path of a GET
        answer = client.get(path, headers={"Accept-Encoding": "zstd"})
        assert answer.status_code == 200 and answer.headers["Content-Encoding"] == "zstd"
        assert answer.get_data() == web_log._bundles[(f"{path}?", "zstd")]

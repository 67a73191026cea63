"""Bundles compressed before the first visitor: the app does it when loaded (before the fork)."""

import re

import app
from dashboard import web_log


def test_every_bundle_the_first_page_loads_is_compressed_ahead(monkeypatch, signed_in_http):
    client = signed_in_http
    index = client.get("/").get_data(as_text=True)
    monkeypatch.setattr(web_log, "_bundles", {})  # as before the app's own set-up ran
    web_log.compress_bundles_ahead(app.server, index)
    ahead = dict(web_log._bundles)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', index)
    later = [web_log.BUNDLE_PREFIX + path for path in web_log.LATER_BUNDLES]
    assert len(scripts) > 5
    for path in scripts + later:
        assert (f"{path}?", "zstd") in ahead, path  # Flask's full path of a plain GET
        answer = client.get(path, headers={"Accept-Encoding": "zstd"})
        assert answer.status_code == 200 and answer.headers["Content-Encoding"] == "zstd"
        assert answer.get_data() == ahead[(f"{path}?", "zstd")]


def test_loading_the_app_compresses_our_plotly_js(signed_in_http):
    index = signed_in_http.get("/").get_data(as_text=True)
    plotly_js = re.search(r'src="(/assets/plotly\.min\.js\?m=[^"]+)"', index).group(1)
    assert (plotly_js, "zstd") in web_log._bundles

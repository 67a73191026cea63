"""Our plotly.js (assets/plotly.min.js, built by frontend/plotly): the version the plotly
package ships, with every trace type the figure builders draw."""

import re
from pathlib import Path

from plotly.offline import get_plotlyjs_version

REPO = Path(__file__).resolve().parents[2]
BANNER = re.compile(r"/\* plotly\.js v(?P<version>[\d.]+), traces: (?P<traces>[a-z,]+);")
TRACE = re.compile(r'"type": "([a-z]+)"')
NOT_TRACES = {"mercator"}  # projection types written the same way


def bundle() -> re.Match:
    head = (REPO / "assets" / "plotly.min.js").read_text(encoding="utf-8")[:300]
    found = BANNER.match(head)
    assert found, f"assets/plotly.min.js lacks the build's banner: {head[:120]!r}"
    return found


def test_the_bundle_is_the_plotly_js_version_the_plotly_package_ships():
    assert bundle()["version"] == get_plotlyjs_version()


def test_the_bundle_holds_every_trace_type_the_figures_draw():
    drawn = set()
    for module in (REPO / "dashboard" / "figures").glob("*.py"):
        drawn |= set(TRACE.findall(module.read_text(encoding="utf-8")))
    drawn -= NOT_TRACES
    assert drawn and drawn <= set(bundle()["traces"].split(","))

"""Dash's callback endpoint fuzzed (Hypothesis): every server callback asked with values
the page would never send (hostile links, odd clicks, values of any kind) and bodies that
are not what the page sends. No answer is a 5xx, on either store.

Bounded for `make test`; CALLBACK_FUZZ_EXAMPLES raises the number of requests. Each run
prints its answers counted by status.
"""

import json
import os
from collections import Counter
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callbacks.downloads import CHARTS
from tests.callbacks.protocol import UPDATE, callbacks, client

EXAMPLES = int(os.environ.get("CALLBACK_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,  # the same examples every run: a dependable test in CI
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
statuses: Counter = Counter()

HOSTILE = (
    "29", "9", "²", "٢٩", "99999999999999999999", "9" * 5000, "0001-01-01", "9999-12-31",
    "2024-04-01", "2019-13-01", "202001", "999913", "\x00", "a\nb", "trends", "programmes",
    "partner", "participants", "disease", "HB1", "PR1", "PA1", "ASHA", "health", "KA-mysuru",
    "=HYPERLINK(1)", "<script>", "", "hi", "en",
)  # fmt: skip
PARAMETERS = (
    "from", "to", "state", "district", "partner", "disease", "sector", "cadre", "hub",
    "program", "metric", "tab", "split", "white", "month", "rotate", "refresh", "lang",
)  # fmt: skip
words = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
links = st.one_of(
    st.lists(st.tuples(st.sampled_from(PARAMETERS) | st.text(max_size=5), words), max_size=6).map(
        lambda pairs: "?" + urlencode(pairs)
    ),
    st.sampled_from(PARAMETERS).map(lambda name: "?" + f"{name}=1&" * 300),
    st.none(),
)
anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | words,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3),
    max_leaves=8,
)
point = st.fixed_dictionaries(
    {},
    optional={"location": anything, "customdata": anything, "x": anything, "y": anything},
)
clicks = st.one_of(st.fixed_dictionaries({"points": st.lists(point, max_size=2)}), anything)
grid_requests = st.one_of(
    st.fixed_dictionaries(
        {
            "startRow": anything | st.integers(-5, 300),
            "endRow": anything | st.integers(-5, 300),
            "sortModel": anything,
            "filterModel": anything,
        }
    ),
    anything,
)
BY_PROPERTY = {
    "search": links,
    "pathname": st.sampled_from(["/", "/live", "/nothing"]) | st.text(max_size=20),
    "clickData": clicks,
    "getRowsRequest": grid_requests,
    "n_clicks": st.integers(0, 5) | st.none(),
    "n_intervals": st.integers(0, 5) | st.none(),
    "start_date": words | st.none(),
    "end_date": words | st.none(),
    "active_tab": words | st.none(),
}


def _value(prop: str):
    return BY_PROPERTY.get(prop, anything)


def _dependency(draw, declared: dict):
    """One input or state as the page sends it: the component, its property, a value."""
    value = draw(_value(declared["property"]))
    if not declared["id"].startswith("{"):
        return {"id": declared["id"], "property": declared["property"], "value": value}
    pattern = json.loads(declared["id"])
    views = draw(st.lists(st.sampled_from(CHARTS) | words, min_size=1, max_size=3))
    return [
        {"id": {**pattern, "view": view}, "property": declared["property"], "value": value}
        for view in views
    ]


def _prop_ids(item) -> list[str]:
    items = item if isinstance(item, list) else [item]
    return [
        (json.dumps(i["id"], separators=(",", ":")) if isinstance(i["id"], dict) else i["id"])
        + f".{i['property']}"
        for i in items
    ]


@st.composite
def callback_bodies(draw, specs: list[dict]):
    """A body for one of the server callbacks, in the protocol's shape, with fuzzed values."""
    spec = draw(st.sampled_from(specs))
    outputs = [
        {"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1].split("@")[0]}
        for o in spec["output"].strip(".").split("...")
    ]
    inputs = [_dependency(draw, d) for d in spec["inputs"]]
    body = {
        "output": spec["output"],
        "outputs": outputs if spec["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "changedPropIds": draw(st.lists(st.sampled_from(_prop_ids(draw(st.sampled_from(inputs)))))),
    }
    if spec.get("state"):
        body["state"] = [_dependency(draw, d) for d in spec["state"]]
    return body


@pytest.fixture(scope="module", autouse=True)
def counted():
    yield
    counts = dict(sorted(statuses.items()))
    print(f"\nCallback fuzz: {sum(statuses.values())} requests by status: {counts}")


@pytest.fixture
def http(world_data):
    return client()


def _post(http, data: bytes):
    answer = http.post(UPDATE, data=data, content_type="application/json")
    statuses[answer.status_code] += 1
    assert answer.status_code < 500, (data[:300], answer.get_data(as_text=True)[:300])
    return answer


def test_every_callback_survives_values_the_page_never_sends(http):
    specs = callbacks(http)

    @FUZZ
    @given(body=callback_bodies(specs))
    def fuzz(body):
        _post(http, json.dumps(body).encode())

    fuzz()


def test_bodies_the_page_never_sends_are_refused(http):
    specs = callbacks(http)

    @FUZZ
    @given(
        body=st.one_of(
            anything.map(json.dumps),
            callback_bodies(specs).flatmap(
                lambda b: st.sampled_from(sorted(b)).map(
                    lambda key: json.dumps({**b, key: "broken"})
                )
            ),
            st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")),
        )
    )
    def fuzz(body):
        answer = _post(http, body.encode("utf-8", "surrogatepass"))
        assert answer.status_code == 400, body[:300]

    fuzz()

"""The dashboard's first view in the page's HTML: the KPI tiles and the map of the states
equal a count by hand over what the role may see, in the language spoken; a scope that
sees nothing and a store fault leave it out of a page still served; kept per view."""

from html.parser import HTMLParser

import pytest
from cachelib import SimpleCache

from callbacks import first_view as module
from callbacks.first_view import first_view_html
from dashboard import service
from dashboard.access.scoped import ScopedData
from dashboard.figures.first_map import colour
from dashboard.numbers import indian
from dashboard.tiles import KPIS
from dashboard.vocabulary.errors import StoreUnavailable
from dashboard.vocabulary.language import speaking
from dashboard.vocabulary.scope import NOTHING, Scope
from tests.access.scopes import ROLES, records
from tests.callbacks.protocol import client
from tests.queries import brute


class Parsed(HTMLParser):
    """The first view's tiles (metric -> shown, full) and shaded states (code -> value,
    fill), its ids, and its words."""

    def __init__(self, page: str):
        super().__init__()
        self.tiles: dict[str, tuple[str, str]] = {}
        self.states: dict[int, tuple[float, str]] = {}
        self.ids: list[str] = []
        self.words: list[str] = []
        self._tile: tuple[str, str] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "id" in found:
            self.ids.append(found["id"])
        if "data-metric" in found:
            self._tile = (found["data-metric"], found["title"])
        if tag == "path" and "data-state" in found:
            self.states[int(found["data-state"])] = (float(found["data-value"]), found["fill"])

    def handle_data(self, data):
        if self._tile:
            metric, full = self._tile
            self.tiles[metric] = (data, full)
            self._tile = None
        self.words.append(data)


@pytest.fixture
def world(small_world):
    store, world = small_world
    service.use(service.DashboardData(store, SimpleCache()))
    yield world
    service.use(None)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("search", ["", "?sector=health&from=2019-06-01&metric=participants"])
def test_the_first_view_counts_what_the_role_sees(world, as_scope, role, search):
    scope = ROLES[role]
    as_scope(scope)
    seen = records(world, scope, module.read_link(search).view.filters)
    page = Parsed(first_view_html("/", search))
    counts = brute.metrics(seen)
    assert {m: full for m, (_, full) in page.tiles.items()} == {
        m: indian(counts[m]) for m, _ in KPIS
    }
    metric = "participants" if "participants" in search else "attendances"
    by_state = {s: m[metric] for s, m in brute.grouped(seen, "state").items()}
    shaded = {code: value for code, (value, _) in page.states.items() if value}
    assert shaded == by_state
    if scope.states:
        assert set(page.states) == scope.states  # no other state drawn, not even white
    else:
        assert len(page.states) == 36
    low, high = min(by_state.values()), max(by_state.values())
    for value, fill in page.states.values():
        assert fill == (colour(value, low, high) if value else "#ffffff")
    assert len(page.ids) == len(set(page.ids)) and all(i.startswith("first-view") for i in page.ids)


def test_the_colours_are_plotlys_viridis_at_its_ends_and_middle():
    assert colour(1, 1, 9) == "#440154" and colour(9, 1, 9) == "#fde725"
    assert colour(5, 1, 9) == colour(3, 3, 3)  # one value alone takes the middle
    assert colour(5, 1, 9) == "#22908c"  # halfway from #26828e to #1f9e89 at 0.5


def test_a_scope_that_sees_nothing_gets_no_first_view(world, as_scope):
    as_scope(NOTHING)
    assert first_view_html("/", "") == ""


def test_only_the_india_view_of_the_dashboard_is_drawn(world, as_scope):
    as_scope(ROLES["ministry"])
    assert first_view_html("/", "")
    for path, search in [("/live", ""), ("/", "?state=29"), ("/", "?white=1"), ("/", "?state=x")]:
        assert first_view_html(path, search) == "", (path, search)


def test_the_first_view_in_hindi(world, as_scope):
    as_scope(Scope(states=frozenset({29})))
    with speaking("hi"):
        page = Parsed(first_view_html("/", "?lang=hi"))
    words = " ".join(page.words)
    assert "उपस्थिति" in words and "कर्नाटक" in words and "तक का डेटा" in words
    assert "Attendances" not in words and "Karnataka" not in words
    english = " ".join(Parsed(first_view_html("/", "")).words)
    assert "Attendances" in english and "Karnataka" in english


def test_the_first_view_is_kept_per_view(world, as_scope, monkeypatch):
    as_scope(ROLES["ministry"])
    drawn = []
    real = module._drawn
    monkeypatch.setattr(module, "_drawn", lambda *args: drawn.append(args) or real(*args))
    first = first_view_html("/", "?metric=sessions")
    assert first_view_html("/", "?metric=sessions") == first and len(drawn) == 1
    as_scope(ROLES["state"])  # another scope: drawn for it
    assert first_view_html("/", "?metric=sessions") != first and len(drawn) == 2


def test_the_page_carries_the_first_view_before_its_scripts(world):
    page = client().get("/").get_data(as_text=True)
    assert page.index('id="first-view"') < page.index('id="react-entry-point"')
    assert page.index('id="first-view"') < page.index("<script src=")
    assert 'data-state="29"' in page


def test_a_store_fault_serves_the_page_without_the_first_view(world, monkeypatch):
    http = client()

    def fails(*_args, **_kwargs):
        raise StoreUnavailable("the store is down")

    monkeypatch.setattr(ScopedData, "summary", fails)
    answer = http.get("/")
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert 'id="react-entry-point"' in page and 'id="first-view"' not in page
    monkeypatch.setattr(module, "_drawn", lambda *_args: 1 / 0)  # a fault of its own
    assert http.get("/?metric=sessions").status_code == 200


def test_the_index_built_unasked_opens_no_store():
    """app.py builds the index once before gunicorn forks: no one asks, so no data manager
    (its warming threads would leave their locks held in every forked worker)."""
    from app import server

    service.use(None)
    with server.test_request_context("/"):
        assert first_view_html("/", "") == ""
    assert service._current is None

"""Every user action on the dashboard, timed from outside as the callbacks a browser fires.

An interaction is the set of callback POSTs one action sets off (through the URL
router, in waves, at most six at a time), timed from the first request to the last
answer. Each repetition picks other values (weighted by attendances, as real interest
is), so the engine's memory of its last few selections does not help a cold run:

- cold: the response cache (this server's Redis database) is emptied just before;
- warm: the same action again at once, from the same page state (every answer cached).

Actions start from the India view with no filter, or from a page state set in the
page's URL (`?state=29`, `?tab=trends`) as a loaded page would hold it; only the
action itself is timed.

A state or partner user (a token narrowed to one state or one partner) runs the same
actions with values from within its scope: its own state or partner wherever it names one.
"""

import calendar
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from benchmarks.dash_protocol import (
    OK_STATUS,
    PARALLEL_PER_PAGE,
    Http,
    Page,
    Recorder,
    Sample,
    get_json,
    server_callbacks,
)
from benchmarks.load_test import Choices, load_choices


@dataclass(frozen=True)
class Pick:
    """The values one repetition uses: distinct states per action, so no two actions
    of a repetition share a selection."""

    filter_state: int
    drill_state: int
    district_state: int
    district: str
    hub_state: int
    hub: str
    partner: str
    view_partner: str
    disease: str
    sector: str
    cadre: str
    dates: tuple[str, str]
    split: str
    metric_dates: tuple[str, str]  # the date range a map is shaded by participants in


@dataclass(frozen=True)
class Interaction:
    key: str
    label: str
    act: Callable[[Page, Pick], None]
    search: Callable[[Pick], str] | None = None  # the page's URL before the action


def click(location: Any = None, hub: str | None = None) -> dict:
    """A map click as plotly reports it: a region by location, a hub marker by customdata."""
    point: dict[str, Any] = {"curveNumber": 0, "pointNumber": 0}
    if hub is not None:
        point.update(curveNumber=1, customdata=[hub])
    else:
        point["location"] = location
    return {"points": [point]}


def _tab(name: str) -> Callable[[Page, Pick], None]:
    return lambda page, _pick: page.change("dashboard-tabs.active_tab", name)


def open_programmes(page: Page, _pick: Pick | None) -> None:
    """The tab, then the table's first page: the new URL empties the grid's cache (in the
    browser), and the grid asks the server for its first block."""
    page.change("dashboard-tabs.active_tab", "programmes")
    page.grid_asks("dashboard-grid")


INTERACTIONS = (
    Interaction("first_load", "first load (/)", lambda page, _p: page.open("/")),
    Interaction(
        "filter_state",
        "filter: state",
        lambda pg, p: pg.change("dashboard-state.value", [p.filter_state]),
    ),
    Interaction(
        "filter_partner",
        "filter: partner",
        lambda pg, p: pg.change("dashboard-partner.value", [p.partner]),
    ),
    Interaction(
        "filter_disease",
        "filter: disease area",
        lambda pg, p: pg.change("dashboard-disease.value", [p.disease]),
    ),
    Interaction(
        "filter_sector",
        "filter: sector",
        lambda pg, p: pg.change("dashboard-sector.value", [p.sector]),
    ),
    Interaction(
        "filter_cadre", "filter: cadre", lambda pg, p: pg.change("dashboard-cadre.value", [p.cadre])
    ),
    Interaction(
        "filter_dates",
        "filter: date range",
        lambda pg, p: pg.change_many(
            {"dashboard-dates.start_date": p.dates[0], "dashboard-dates.end_date": p.dates[1]}
        ),
    ),
    Interaction(
        "metric_participants",
        "map: shade by participants (dates)",
        lambda pg, p: pg.change("dashboard-map-metric.value", "participants"),
        search=lambda p: f"?from={p.metric_dates[0]}&to={p.metric_dates[1]}",
    ),
    Interaction(
        "drill_state",
        "drill: state (map click)",
        lambda pg, p: pg.change("dashboard-map.clickData", click(p.drill_state)),
    ),
    Interaction(
        "drill_district",
        "drill: district (map click)",
        lambda pg, p: pg.change("dashboard-map.clickData", click(p.district)),
        search=lambda p: f"?state={p.district_state}",
    ),
    Interaction(
        "drill_hub",
        "drill: hub (marker click)",
        lambda pg, p: pg.change("dashboard-map.clickData", click(hub=p.hub)),
        search=lambda p: f"?state={p.hub_state}",
    ),
    Interaction("partner_tab", "partner view: open tab", _tab("partner")),
    Interaction(
        "partner_pick",
        "partner view: choose partner",
        lambda pg, p: pg.change("dashboard-partner-pick.value", p.view_partner),
        search=lambda _p: "?tab=partner",
    ),
    Interaction("trends_tab", "trends: open tab", _tab("trends")),
    Interaction(
        "trend_split",
        "trends: split by disease/partner",
        lambda pg, p: pg.change("dashboard-split.value", p.split),
        search=lambda _p: "?tab=trends",
    ),
    Interaction("programmes_tab", "programme table: open tab", open_programmes),
)


# --- What each repetition picks ---------------------------------------------------------------


@dataclass(frozen=True)
class World:
    """The real codes users pick from, with their attendances as weights."""

    choices: Choices
    hubs: dict[int, list[tuple[str, int]]]  # by the hub's state
    sectors: list[str]
    cadres: list[str]
    months: list[str]  # "YYYY-MM" with sessions, in order


@dataclass(frozen=True)
class Role:
    """Whom the interactions run as: a ministry user (all of India), or a user of one state
    or one partner, who names only its own in the filters and drills only within it."""

    name: str = "ministry"
    state: int | None = None
    partner: str | None = None


MINISTRY = Role()


def within(world: World, role: Role) -> World:
    """The values `role` picks from: the API already answers within its token's scope, and
    a state or partner user names only its own state or partner (another is refused)."""
    c = world.choices
    states = [(s, w) for s, w in c.states if role.state in (None, s)]
    partners = [(p, w) for p, w in c.partners if role.partner in (None, p)]
    if not states or not partners:
        raise RuntimeError(f"the {role.name} user's scope holds no attendances: {role}")
    choices = Choices(states=states, districts=c.districts, diseases=c.diseases, partners=partners)
    return World(choices, world.hubs, world.sectors, world.cadres, world.months)


def load_world(base: str, page: Page) -> World:
    """States, districts, partners, diseases and hubs from /api/v1; sectors and cadres from
    the filter lists of a loaded page (the API has no view of them)."""
    choices = load_choices(base)
    hubs: dict[int, list[tuple[str, int]]] = {}
    for row in get_json(f"{base}/api/v1/hubs"):
        if row["attendances"] > 0:
            hubs.setdefault(row["state_code"], []).append((row["hub_code"], row["attendances"]))
    trend = get_json(f"{base}/api/v1/trend", interval="month")
    return World(
        choices=choices,
        hubs=hubs,
        sectors=[o["value"] for o in page.values.get("dashboard-sector.options") or []],
        cadres=[o["value"] for o in page.values.get("dashboard-cadre.options") or []],
        months=[row["period"] for row in trend if row["attendances"] > 0],
    )


def _distinct(rng: random.Random, items: list[tuple[Any, int]], count: int) -> list[Any]:
    """`count` different values, each drawn in proportion to its weight."""
    pool, chosen = list(items), []
    while pool and len(chosen) < count:
        values, weights = zip(*pool, strict=True)
        value = rng.choices(values, weights=weights)[0]
        chosen.append(value)
        pool = [item for item in pool if item[0] != value]
    return chosen + [chosen[-1]] * (count - len(chosen))


def _one(rng: random.Random, items: list[tuple[Any, int]]) -> Any:
    return _distinct(rng, items, 1)[0]


def year_from(month: str) -> tuple[str, str]:
    """Twelve whole months starting with `month` ("2021-07" -> 2021-07-01 .. 2022-06-30)."""
    year, first = int(month[:4]), int(month[5:7])
    last_year, last = (year, first + 11) if first == 1 else (year + 1, first - 1)
    day = calendar.monthrange(last_year, last)[1]
    return f"{year:04d}-{first:02d}-01", f"{last_year:04d}-{last:02d}-{day:02d}"


def pick(world: World, repetition: int, seed: int = 0) -> Pick:
    """The values repetition `repetition` uses (the same seed gives the same picks)."""
    rng = random.Random(seed * 1000 + repetition)
    c = world.choices
    with_districts = [(s, w) for s, w in c.states if c.districts.get(s)]
    with_hubs = [(s, w) for s, w in c.states if world.hubs.get(s)]
    filter_state, drill_state, district_state = _distinct(rng, with_districts, 3)
    hub_state = _one(
        rng, [(s, w) for s, w in with_hubs if s not in (drill_state, district_state)] or with_hubs
    )
    partner, view_partner = _distinct(rng, c.partners, 2)
    starts = world.months[: max(1, len(world.months) - 11)]
    return Pick(
        filter_state=filter_state,
        drill_state=drill_state,
        district_state=district_state,
        district=_one(rng, c.districts[district_state]),
        hub_state=hub_state,
        hub=_one(rng, world.hubs[hub_state]),
        partner=partner,
        view_partner=view_partner,
        disease=_one(rng, c.diseases),
        sector=world.sectors[repetition % len(world.sectors)],
        cadre=world.cadres[repetition % len(world.cadres)],
        dates=year_from(rng.choice(starts)),
        split=("disease", "partner")[repetition % 2],
        metric_dates=year_from(rng.choice(starts)),
    )


# --- Timing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """One run of one interaction: wall time, its requests, and the slowest of them."""

    ms: float
    requests: int
    errors: int
    slowest_kind: str
    slowest_ms: float


def timing(ms: float, samples: list[Sample]) -> Timing:
    slowest = max(samples, key=lambda s: s.seconds, default=None)
    return Timing(
        ms=round(ms, 1),
        requests=len(samples),
        errors=sum(s.status not in OK_STATUS for s in samples),
        slowest_kind=slowest.kind if slowest else "",
        slowest_ms=round(slowest.seconds * 1000, 1) if slowest else 0.0,
    )


class Driver:
    """One browser tab on the server, able to time an action cold and warm."""

    def __init__(self, base: str, flush: Callable[[], None], pool: ThreadPoolExecutor):
        self.base = base
        self.flush = flush
        self.recorder = Recorder()
        callbacks = server_callbacks(get_json(base + "/_dash-dependencies", timeout=60))
        self.page = Page(Http(base, self.recorder), callbacks, pool)

    def timed(self, act: Callable[[], None]) -> Timing:
        mark = len(self.recorder.samples)
        started = time.perf_counter()
        act()
        elapsed = (time.perf_counter() - started) * 1000
        return timing(elapsed, self.recorder.since(mark))

    def cold_and_warm(self, interaction: Interaction, chosen: Pick, india) -> tuple[Timing, Timing]:
        """Set the page up, empty the cache, time the action; then the same action again."""
        self.page.restore(india)
        if interaction.search:
            self.page.values["dashboard-url.search"] = interaction.search(chosen)
        before = self.page.snapshot()
        self.flush()
        cold = self.timed(lambda: interaction.act(self.page, chosen))
        self.page.restore(before)
        warm = self.timed(lambda: interaction.act(self.page, chosen))
        return cold, warm


def measure(
    base: str,
    flush: Callable[[], None],
    repeat: int,
    seed: int = 0,
    progress: Callable[[str], None] = print,
    role: Role = MINISTRY,
) -> dict[str, dict[str, list[dict]]]:
    """Every interaction `repeat` times, cold then warm: {key: {"cold": [...], "warm": [...]}},
    as `role` (whose token the requests must already send) with values within its scope.

    An untimed round comes first: a worker's first call of a code path is paid once in a
    server's life, not at every cold click."""
    results: dict[str, dict[str, list[dict]]] = {
        i.key: {"label": i.label, "cold": [], "warm": []} for i in INTERACTIONS
    }
    with ThreadPoolExecutor(PARALLEL_PER_PAGE) as pool:
        driver = Driver(base, flush, pool)
        driver.page.open("/")
        world = within(load_world(base, driver.page), role)
        _one_round(driver, pick(world, -1, seed))  # untimed, with values of its own
        for repetition in range(repeat):
            for key, (cold, warm) in _one_round(driver, pick(world, repetition, seed)).items():
                results[key]["cold"].append(cold.__dict__)
                results[key]["warm"].append(warm.__dict__)
            progress(f"{role.name} user: repetition {repetition + 1}/{repeat} done")
    return results


def _one_round(driver: Driver, chosen: Pick) -> dict[str, tuple[Timing, Timing]]:
    """Every interaction once, cold then warm, from the India view."""
    india = driver.page.snapshot()
    timings = {}
    for interaction in INTERACTIONS:
        timings[interaction.key] = driver.cold_and_warm(interaction, chosen, india)
        if interaction.key == "first_load":
            india = driver.page.snapshot()
    return timings

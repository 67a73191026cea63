"""Past one machine: two app servers on one PostgreSQL and one Redis give the same numbers.

The servers keep no state of their own, so a load balancer may send any request
to either: a deep link gives identical numbers on both, an import is seen by both
at once, and an answer one server computed is served by the other from Redis.
"""

import pytest
from cachelib.serializers import RedisSerializer
from redis import Redis

from dashboard.clock import today_in_india
from dashboard.numbers import indian
from dashboard.viewstate import from_query
from layouts.live import KPIS
from tests import signin
from tests.browser.driver import AppServer
from tests.queries import brute
from tests.serving.http import authorize, dashboard_kpis, get_json, live_kpis
from tests.serving.new_data import add_session

LINK = "?state=22&state=29&sector=health"
MARK = 4_242_424


@pytest.fixture
def two_servers(postgres_world, redis_url):
    store, _, url = postgres_world
    servers = [AppServer(url, {"REDIS_URL": redis_url}) for _ in range(2)]
    token = signin.token(store)
    for server in servers:
        authorize(server.url, token)
    yield servers
    for server in servers:
        server.stop()


def counts(world, search: str) -> dict[str, int]:
    return brute.metrics(brute.records(world, from_query(search).filters))


def same_numbers_on_both(servers, world) -> None:
    expected = counts(world, LINK)
    summaries = [get_json(f"{s.url}/api/v1/summary{LINK}") for s in servers]
    assert summaries[0] == summaries[1]
    assert {m: summaries[0][m] for m in expected} == expected
    tiles = [dashboard_kpis(s.url, LINK) for s in servers]
    assert tiles[0] == tiles[1]
    assert tiles[0]["dashboard-kpi-attendances.title"] == indian(expected["attendances"])
    screens = [live_kpis(s.url, LINK) for s in servers]
    assert screens[0] == screens[1]
    assert screens[0] == {f"live-kpi-{m}.children": indian(expected[m]) for m, _ in KPIS}


def test_a_deep_link_gives_identical_numbers_and_an_import_reaches_both(
    postgres_world, two_servers
):
    store, world, _ = postgres_world
    same_numbers_on_both(two_servers, world)
    people = [p["participant_code"] for p in world.participants if p["participant_code"] < "U020"]
    add_session(store, world, "PR0", today_in_india(), people)
    same_numbers_on_both(two_servers, world)  # at once: the data version keys every answer
    for server in two_servers:
        as_of = get_json(server.url + "/healthz")["data_as_of"]
        assert as_of == today_in_india().isoformat()


def mark_summaries(client: Redis, keys: set[bytes]) -> int:
    """Overwrite the cached summaries among `keys` with a number no query could give."""
    serializer = RedisSerializer()
    marked = 0
    for key in keys:
        value = serializer.loads(client.get(key))
        if isinstance(value, tuple) and isinstance(value[0], dict) and "attendances" in value[0]:
            value[0]["attendances"] = MARK
            client.set(key, serializer.dumps(value), keepttl=True)
            marked += 1
    return marked


def test_an_answer_one_server_computed_is_served_by_the_other(
    postgres_world, two_servers, redis_url
):
    store, world, _ = postgres_world
    first, second = two_servers
    client = Redis.from_url(redis_url)
    before = set(client.keys("echo:*"))
    link = "?state=9"
    assert (
        get_json(f"{first.url}/api/v1/summary{link}")["attendances"]
        == (counts(world, link)["attendances"])
    )
    assert mark_summaries(client, set(client.keys("echo:*")) - before) == 1
    assert get_json(f"{second.url}/api/v1/summary{link}")["attendances"] == MARK
    add_session(store, world, "PR1", today_in_india(), [world.participants[0]["participant_code"]])
    fresh = counts(world, link)["attendances"]  # a new data version: every key turns over
    assert get_json(f"{second.url}/api/v1/summary{link}")["attendances"] == fresh
    assert get_json(f"{first.url}/api/v1/summary{link}")["attendances"] == fresh

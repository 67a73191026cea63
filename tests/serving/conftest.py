"""Servers as in production: PostgreSQL, Redis, several processes, a read-only role.

Redis tests skip when no Redis answers, except under CI=true, where they fail.
Each xdist worker gets its own Redis database (11, 12, ...), emptied around every
test, so tests running side by side never read each other's cached answers.
"""

import os
from collections.abc import Iterator

import pytest
from redis import Redis
from redis.exceptions import RedisError

from dashboard.store.database import Store
from tests.conftest import own_postgres_world
from tests.world import World

REDIS_BASE = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")


def _redis_database() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
    return 11 + int(worker.removeprefix("gw"))


@pytest.fixture
def redis_url() -> Iterator[str]:
    url = f"{REDIS_BASE}/{_redis_database()}"
    client = Redis.from_url(url, socket_connect_timeout=3)
    try:
        client.flushdb()
    except RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is required under CI=true but unreachable: {error}")
        pytest.skip(f"Redis unreachable: {error}")
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def postgres_world() -> Iterator[tuple[Store, World, str]]:
    """A PostgreSQL store of its own, with a world this test may add to."""
    with own_postgres_world(seed=3) as found:
        yield found

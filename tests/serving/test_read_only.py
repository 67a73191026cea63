"""The web process needs only read access: it serves everything with a read-only role.

The role is made with the statements the README gives ("PostgreSQL: the web process only
reads"); schema changes stay with `python -m dashboard migrate`, run by the owner, never by
the web server.
"""

from collections.abc import Iterator

import psycopg
import pytest

from dashboard.numbers import indian
from dashboard.viewstate import from_query
from layouts.live import KPIS
from tests import signin
from tests.browser.driver import AppServer
from tests.conftest import read_only_role
from tests.queries import brute
from tests.serving.http import authorize, dashboard_kpis, get, get_json, live_kpis

LINK = "?state=29&from=2020-01-01&to=2023-12-31"


@pytest.fixture
def reader_url(postgres_world) -> Iterator[str]:
    """A login role that may read every table of the store and nothing else."""
    with read_only_role(postgres_world[2]) as url:
        yield url


def test_the_app_serves_every_view_with_a_read_only_role(postgres_world, reader_url):
    store, world, _ = postgres_world
    expected = brute.metrics(brute.records(world, from_query(LINK).filters))
    server = AppServer(reader_url, account=False)  # the role cannot add users: the owner did
    authorize(server.url, signin.token(store))
    try:
        assert get_json(server.url + "/healthz")["database"] == "ok"
        summary = get_json(f"{server.url}/api/v1/summary{LINK}")
        assert {m: summary[m] for m in expected} == expected
        tiles = dashboard_kpis(server.url, LINK)
        assert tiles["dashboard-kpi-participants.title"] == indian(expected["participants"])
        screen = live_kpis(server.url, LINK)
        assert screen == {f"live-kpi-{m}.children": indian(expected[m]) for m, _ in KPIS}
        assert get(server.url + "/live" + LINK)[0] == 200
    finally:
        server.stop()


def test_the_role_can_read_but_not_write_nor_change_the_schema(reader_url):
    with psycopg.connect(reader_url, autocommit=True) as reader:
        assert reader.execute("SELECT count(*) FROM attendance_fact").fetchone()[0] > 0
        for statement in (
            "INSERT INTO partner (partner_code, name, kind) VALUES ('X', 'X', 'ngo')",
            "UPDATE data_version SET version = version + 1",
            "CREATE TABLE intruder (x int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reader.execute(statement)


def test_tables_a_later_migration_adds_are_readable_too(postgres_world, reader_url):
    _, _, url = postgres_world
    with psycopg.connect(url, autocommit=True) as owner:
        owner.execute("CREATE TABLE added_later (x int)")
        owner.execute("INSERT INTO added_later VALUES (1)")
    with psycopg.connect(reader_url) as reader:
        assert reader.execute("SELECT x FROM added_later").fetchone() == (1,)

"""`make serve`'s server: gunicorn with gunicorn.conf.py, several workers, one Redis cache.

One server with two workers: the start-up line names the URL, the store and its
data-as-of date; every request is one log line with its route and latency;
responses are compressed; assets carry cache headers; and an answer cached by one
worker is served by the other, through Redis.
"""

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from redis import Redis

from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from tests import signin
from tests.browser.driver import REPO, free_port
from tests.serving.http import authorize, get, get_json
from tests.serving.test_two_servers import MARK, mark_summaries
from tests.world import make_world, write_world

BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
SUMMARY_LINE = re.compile(r"\[(\d+)\] INFO echo\.web: GET /api/v1/summary 200 \d+ ms")


class Gunicorn:
    def __init__(self, env: dict[str, str], log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.out = open(log, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=REPO,
            env={**os.environ, **env, "PORT": str(self.port)},
            stdout=self.out,
            stderr=subprocess.STDOUT,
        )

    def wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            if "worker" in self.text() and self.text().count("ready") >= 2:
                try:
                    if get(self.url + "/healthz")[0] == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.3)
        raise TimeoutError(self.text())

    def text(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.out.close()


@pytest.fixture
def gunicorn(tmp_path, redis_url) -> Iterator[Gunicorn]:
    url = f"sqlite:///{tmp_path}/store.db"
    store = Store(url)
    migrate(store)
    write_world(store, make_world(seed=7))
    token = signin.token(store)
    store.dispose()
    env = {"DATABASE_URL": url, "REDIS_URL": redis_url, "WEB_CONCURRENCY": "2"}
    server = Gunicorn({**env, "GUNICORN_THREADS": "2"}, tmp_path / "gunicorn.log")
    server.wait_until_up()
    authorize(server.url, token)
    yield server
    server.stop()


def test_start_up_names_the_address_the_store_and_its_data_as_of(gunicorn):
    as_of = get_json(gunicorn.url + "/healthz")["data_as_of"]
    expected = f"ECHO India dashboard at {gunicorn.url} · store sqlite:///"
    line = next(line for line in gunicorn.text().splitlines() if expected in line)
    assert f"data as of {as_of} · Redis cache" in line
    assert "2 workers x 2 threads" in gunicorn.text()


def test_compression_cache_headers_and_one_log_line_per_request(gunicorn):
    status, headers, _ = get(gunicorn.url + "/live", BROWSER)
    assert status == 200 and headers["Content-Encoding"] in ("gzip", "br")
    index = get(gunicorn.url + "/")[2].decode()
    css = re.search(r'href="(/assets/app\.css\?m=[^"]+)"', index).group(1)
    _, headers, _ = get(gunicorn.url + css, BROWSER)
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    script = re.search(r'src="(/_dash-component-suites/[^"]*dash_renderer[^"]*)"', index)
    _, headers, _ = get(gunicorn.url + script.group(1), BROWSER)
    assert "max-age=31536000" in headers["Cache-Control"]
    _, headers, body = get(gunicorn.url + "/assets/geo/districts.geojson", BROWSER)
    assert headers["Cache-Control"] == "public, max-age=86400"
    assert headers["Content-Encoding"] in ("br", "deflate", "gzip")
    assert len(body) < Path(REPO, "assets/geo/districts.geojson").stat().st_size / 2
    time.sleep(0.5)
    for route in ("/live", "/assets/geo/districts.geojson"):
        assert re.search(rf"INFO echo\.web: GET {re.escape(route)} 200 \d+ ms", gunicorn.text())


def test_an_answer_one_worker_cached_is_served_by_every_worker(gunicorn, redis_url):
    client = Redis.from_url(redis_url)
    before = set(client.keys("echo:*"))
    get_json(gunicorn.url + "/api/v1/summary?state=22")
    assert mark_summaries(client, set(client.keys("echo:*")) - before) == 1
    for _ in range(60):  # fresh connections, until both workers have answered
        assert get_json(gunicorn.url + "/api/v1/summary?state=22")["attendances"] == MARK
        if len(set(SUMMARY_LINE.findall(gunicorn.text()))) >= 2:
            break
        time.sleep(0.05)
    assert len(set(SUMMARY_LINE.findall(gunicorn.text()))) >= 2, "one worker took every request"


def test_plotly_js_goes_out_compressed_hard(gunicorn):
    index = get(gunicorn.url + "/")[2].decode()
    plotly_js = re.search(r'src="(/assets/plotly\.min\.js\?m=[^"]+)"', index).group(1)
    status, headers, body = get(gunicorn.url + plotly_js, {"Accept-Encoding": "zstd"})
    assert status == 200 and headers["Content-Encoding"] == "zstd"
    assert len(body) < 480_000  # 0.50 MB at flask-compress's default level


def test_the_first_burst_of_bundles_after_a_start_all_load(gunicorn):
    """Every worker sets Dash up before serving: none answers 500 to a first burst."""
    index = get(gunicorn.url + "/")[2].decode()
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+)"', index)
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda path: get(gunicorn.url + path)[0], bundles * 4))
    assert statuses == [200] * len(statuses)


def test_every_worker_draws_the_first_view_into_the_page(gunicorn):
    """Each worker draws the first view into the page, promptly (the page built before the
    fork with no one asking opens no store: tests/callbacks/test_first_view.py)."""
    answered: set[str] = set()
    for _ in range(40):  # fresh connections, until both workers have answered
        started = time.monotonic()
        status, _, body = get(gunicorn.url + "/")
        assert status == 200 and b'id="first-view"' in body
        assert time.monotonic() - started < 20
        time.sleep(0.05)
        answered = set(re.findall(r"\[(\d+)\] INFO echo\.web: GET / 200", gunicorn.text()))
        if len(answered) >= 2:
            break
    assert len(answered) >= 2, "one worker took every request"

"""gunicorn settings for `make serve`: the production server, several workers on one machine.

Workers hold no state of their own: query answers live in the cache REDIS_URL
names (one for every worker, and for every machine behind a load balancer), the
data in the store DATABASE_URL names, and the in-memory engine in files every
worker maps (ECHO_ENGINE_DIR). The work is mostly CPU, so one worker per core
plus one, two threads each: measured on 2 cores with 50 simulated users on 1M
attendances, 3 x 2 gave p95 82 ms, 2 x 3 106 ms (earlier 5 x 2 126 ms, 2 x 4 192 ms);
fewer workers hold less memory (each keeps its own recent selections and kept answers).
The app loads before the fork (preload), so workers share its pages and start in
a moment. Workers are recycled now and then, so a slow leak in any library cannot
grow for days on a screen left running.
Override with the environment: WEB_CONCURRENCY (workers), GUNICORN_THREADS, HOST, PORT.
Session cookies are sent over HTTPS only (ECHO_SECURE_COOKIES=1, set here unless given);
set SECRET_KEY so sessions outlive a restart. The server refuses to start while the demo
accounts, whose passwords are published, can sign in.
"""

import gc
import multiprocessing
import os
import sys

from dashboard import config as echo_config
from dashboard import memory, web_log
from dashboard.access.demo import serving_refusal
from dashboard.service import dashboard_data
from dashboard.store.database import Store

os.environ.setdefault("ECHO_SECURE_COOKIES", "1")  # read when the app loads, after this file
wsgi_app = "app:server"
bind = f"{echo_config.host()}:{echo_config.port()}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() + 1, 9)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 60
graceful_timeout = 20
keepalive = 75  # longer than a load balancer's idle timeout, so it closes first
preload_app = True  # the app's modules load once, before the fork: workers share those pages
max_requests = 5000
max_requests_jitter = 500
accesslog = None  # dashboard/web_log.py writes one line per request instead
control_socket_disable = True  # one socket path per user would clash between servers


def on_starting(server) -> None:
    """Refuse to serve while the demo accounts can sign in. (A store of its own: the data
    manager must not start in the master, whose threads and locks the workers would inherit.)"""
    store = Store(read_only=True)
    try:
        refusal = serving_refusal(store)
    finally:
        store.dispose()
    if refusal:
        server.log.error("not starting: %s", refusal)
        sys.exit(2)


def when_ready(server) -> None:
    """Say once, from the master, where the app listens, which store it reads, how recent."""
    web_log.configure_logging()
    server.log.info(web_log.startup_line(f"http://{bind}"))
    server.log.info("%s workers x %s threads", workers, threads)
    if workers > 1 and not echo_config.redis_url():
        server.log.warning("REDIS_URL is unset: each worker keeps its own cache of query answers")
    if not echo_config.secret_key():
        server.log.warning("SECRET_KEY is unset: everyone must sign in again after a restart")


def pre_fork(server, worker) -> None:
    """Move everything the preloaded app made into a generation the collector never scans:
    a worker's full collections stay short, and do not copy the shared pages they would
    otherwise touch."""
    gc.freeze()


def post_request(worker, req, environ, resp) -> None:
    """Now and then, after an answer is sent, hand back freed heap when much has piled up
    (a worker otherwise keeps its busiest moment's heap for days; each page handed back
    costs a page fault when used again, so not after every answer)."""
    memory.release_now_and_then()


def post_worker_init(worker) -> None:
    """Give each worker the app's log format and a warm data manager before its first request."""
    web_log.configure_logging()
    dashboard_data()
    worker.log.info("worker %s ready", worker.pid)

"""The production server as `make serve` starts it, run as a child process and measured.

gunicorn with gunicorn.conf.py, on a free port, with its own Redis database so the
response cache can be emptied between runs without touching anyone else's, and an
engine folder (ECHO_ENGINE_DIR) emptied at every start, so the engine is built from
the store as after a first deployment (unless ECHO_ENGINE_DIR is `off`, which is
passed on). The workers load the engine in the background after start; `wait_quiet`
tells when every worker has finished (their CPU goes idle), and `MemoryWatch`
samples RSS and PSS of the master and all workers throughout.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests
from redis import Redis

REPO = Path(__file__).resolve().parents[2]
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m gunicorn -c gunicorn.conf.py` reading one store, stopped by its PID."""

    def __init__(self, database_url: str, redis_url: str, log_path: Path, engine_dir: Path):
        self.database_url = database_url
        self.redis_url = redis_url
        self.log_path = log_path
        self.engine_dir = None if engine_dir_off() else engine_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.started = 0.0

    def start(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
        }
        if self.engine_dir:
            shutil.rmtree(self.engine_dir, ignore_errors=True)
            env["ECHO_ENGINE_DIR"] = str(self.engine_dir)
        self.flush()
        with open(self.log_path, "w") as log:
            self.started = time.monotonic()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def processes(self) -> list[psutil.Process]:
        """The master and its workers, as they are now."""
        if self.process is None or self.process.poll() is not None:
            return []
        try:
            master = psutil.Process(self.process.pid)
            return [master, *master.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def workers(self) -> int:
        return max(0, len(self.processes()) - 1)

    def wait_listening(self, timeout: float = 120) -> None:
        """Until /healthz answers 200; the server's log tail if it dies first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_tail()}")
            try:
                if requests.get(self.base + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server did not answer within {timeout:.0f} s: {self.log_tail()}")

    def flush(self) -> None:
        """Empty the response cache (only this server's Redis database)."""
        client = Redis.from_url(self.redis_url, socket_connect_timeout=5)
        try:
            client.flushdb()
        finally:
            client.close()

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """SIGTERM to the master (it stops its workers); SIGKILL by PID to any left over."""
        if self.process is None:
            return
        children = self.processes()[1:]
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for child in children:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
        if self.engine_dir:
            shutil.rmtree(self.engine_dir, ignore_errors=True)


def engine_dir_off() -> bool:
    """True when the caller asked for an engine in each process (ECHO_ENGINE_DIR=off)."""
    return os.environ.get("ECHO_ENGINE_DIR", "").strip().lower() in ("off", "0", "false", "no")


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            times = process.cpu_times()
            total += times.user + times.system
    return total


def wait_quiet(
    server: Server, window: float = 2.0, idle_share: float = 0.05, timeout: float = 900
) -> float:
    """Seconds from server start until its processes use under `idle_share` of one core
    for a whole `window`: every worker has then finished loading its engine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before, started = cpu_seconds(server.processes()), time.monotonic()
        time.sleep(window)
        used = cpu_seconds(server.processes()) - before
        if used < idle_share * (time.monotonic() - started):
            return started - server.started
    raise RuntimeError(f"the server was still busy after {timeout:.0f} s")


@dataclass
class MemoryWatch:
    """RSS and PSS summed over the master and all workers, sampled every `every` seconds."""

    server: Server
    every: float = 1.0
    samples: list[tuple[float, float, float]] = field(default_factory=list)  # (t, rss, pss)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=30)

    def sample(self) -> tuple[float, float, float]:
        """One reading now: (seconds since server start, RSS MB, PSS MB)."""
        rss = pss = 0.0
        for process in self.server.processes():
            try:
                info = process.memory_full_info()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            rss += info.rss / MB
            pss += getattr(info, "pss", info.rss) / MB
        reading = (time.monotonic() - self.server.started, rss, pss)
        self.samples.append(reading)
        return reading

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def peak(self) -> dict[str, float]:
        return {
            "peak_rss_mb": round(max((s[1] for s in self.samples), default=0.0)),
            "peak_pss_mb": round(max((s[2] for s in self.samples), default=0.0)),
        }

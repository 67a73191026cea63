"""Time an import through the "Import data" page (Flask's test client, in one process).

Run by hand from the repository root (not part of the test suite):

    python -m benchmarks.import_page --attendances 1000000

It writes the import files of `benchmarks.import_speed`, migrates a fresh SQLite store,
signs in as an administrator, uploads the folder's CSV files, and prints the upload's
size and the seconds the upload, the check (the importer's dry run) and the import took.
"""

import argparse
import io
import os
import re
import tempfile
import time
from pathlib import Path

from cachelib import SimpleCache

from benchmarks.import_speed import generate
from dashboard import service
from dashboard.access.credentials import hash_password
from dashboard.store import accounts
from dashboard.store.database import Store
from dashboard.store.migrate import migrate

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
PASSWORD = "benchmark-password"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendances", type=int, default=1_000_000)
    args = parser.parse_args()
    os.environ.setdefault("PARTICIPANT_KEY", "benchmark-participant-key-0123456789")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["ECHO_UPLOADS"] = str(root / "uploads")
        generate(root / "files", args.attendances)
        store = Store(f"sqlite:///{root}/store.db")
        migrate(store)
        accounts.add_user(store, "admin@bench.invalid", "admin", hash_password(PASSWORD))
        service.use(service.DashboardData(Store(store.url, read_only=True), SimpleCache()))
        from app import server  # after the environment is set

        http = server.test_client()
        token = CSRF.search(http.get("/login").get_data(as_text=True)).group(1)
        form = {"email": "admin@bench.invalid", "password": PASSWORD, "csrf_token": token}
        http.post("/login", data=form)
        files = sorted((root / "files").glob("*.csv"))
        size = sum(f.stat().st_size for f in files)
        token = CSRF.search(http.get("/import").get_data(as_text=True)).group(1)
        sent = [(io.BytesIO(f.read_bytes()), f.name) for f in files]
        start = time.perf_counter()
        answer = http.post(
            "/import", data={"csrf_token": token, "files": sent}, content_type="multipart/form-data"
        )
        uploaded = time.perf_counter()
        page = answer.headers["Location"]
        _wait(http, page, "checking")
        checked = time.perf_counter()
        token = CSRF.search(http.get(page).get_data(as_text=True)).group(1)
        http.post(page + "/confirm", data={"csrf_token": token})
        state = _wait(http, page, "importing")
        done = time.perf_counter()
        mb = size / 2**20
        print(f"upload: {len(files)} CSV files, {mb:.1f} MB, {args.attendances:,} attendances")
        print(f"upload request {uploaded - start:.1f} s, check {checked - uploaded:.1f} s, "
              f"import {done - checked:.1f} s; state: {state}")  # fmt: skip


def _wait(http, page: str, state: str) -> str:
    while True:
        found = re.search(r'data-state="(\w+)"', http.get(page).get_data(as_text=True)).group(1)
        if found != state:
            return found
        time.sleep(0.5)


if __name__ == "__main__":
    main()

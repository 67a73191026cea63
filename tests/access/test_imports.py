"""The "Import data" page through Flask's test client: check, confirm, refuse, abandon.

Each test runs on SQLite and on PostgreSQL, with a store holding the importer tests' GOOD
files, read by the app read-only as in production (on PostgreSQL as the web role, the
imports writing through IMPORT_DATABASE_URL: tests/good_store.py); the uploads add
sessions and attendances whose counts the test knows."""

import csv
import html
import io
import re
import time
from collections.abc import Iterator

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app import server
from dashboard import service
from dashboard.access import imports
from dashboard.importer import import_path
from dashboard.store import accounts
from dashboard.store.database import Store
from dashboard.store.schema import attendance, metadata
from dashboard.vocabulary.filters import Filters
from tests.access.conftest import CSRF, actions, person, sign_in
from tests.conftest import BACKENDS
from tests.good_store import good_store
from tests.importer.helpers import GOOD, write_files

NEW_SESSIONS = "session_code,program_code,held_on,duration_minutes\nS3,PR1,2020-02-04,60\n"
NEW_ATTENDANCE = "session_code,participant_code\nS3,U1\nS3,U2\nS2,U2\n"
BROKEN_SESSIONS = (
    "session_code,program_code,held_on,duration_minutes\n"
    "S3,PR1,2020-02-04,60\n"
    "S4,PR1,not a date,60\n"
    "S5,PR9,2020-02-05,60\n"
)


# A hub in a misspelt district and a session code too long: reasons with values filled in.
MISTYPED = {
    "hubs.csv": GOOD["hubs.csv"].replace("Bengaluru Urban", "Bangalor"),
    "sessions.csv": NEW_SESSIONS.replace("S3,", "S" * 41 + ","),
}
REASONS = {
    "en": [
        'Bangalor: unknown district in Karnataka; did you mean "Bengaluru Urban"?',
        "longer than 40 characters",
    ],
    "hi": [
        'Bangalor: Karnataka में अज्ञात ज़िला; क्या आपका आशय "Bengaluru Urban" था?',
        "40 वर्णों से लंबा",
    ],
}


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, monkeypatch) -> Iterator[Store]:
    """A store with the GOOD files on each backend, read by the app; uploads kept under
    tmp_path."""
    monkeypatch.setenv("ECHO_UPLOADS", str(tmp_path / "uploads"))
    yield from good_store(tmp_path, monkeypatch, request.param)


def data_rows(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table but the audit log, on either backend: the audit log records
    each upload by design (so a SQLite file's hash cannot stay the same, and PostgreSQL has
    no file to hash), every other row stays as it was when nothing is written."""
    with store.engine.connect() as conn:
        return {
            t.name: sorted(map(tuple, conn.execute(select(t)).all()))
            for t in metadata.sorted_tables
            if t.name != "audit_event"
        }


def signed_in(store: Store, role: str = "data_manager", **scope):
    http = server.test_client()
    if role == "data_manager" and not scope:
        scope = {"partners": ["PA2"]}
    who = person(store, role, **scope)
    assert sign_in(http, who.email, "correct horse battery").status_code == 302
    return http, who


def workbook(files: dict[str, str]) -> bytes:
    """The CSV texts as one XLSX workbook, a sheet per file (named like the file)."""
    book = Workbook()
    book.remove(book.active)
    for name, text in files.items():
        sheet = book.create_sheet(name.removesuffix(".csv"))
        for row in csv.reader(io.StringIO(text)):
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(http, files: dict[str, str | bytes], page: str = "/import"):
    """POST `files` through the form of `page` (the import page, in a language)."""
    token = CSRF.search(http.get(page).get_data(as_text=True)).group(1)
    sent = [(io.BytesIO(t if isinstance(t, bytes) else t.encode()), n) for n, t in files.items()]
    data = {"csrf_token": token, "files": sent}
    return http.post(page, data=data, content_type="multipart/form-data")


def upload_id(http, answer) -> str:
    """The upload's id, once its check (in the background) has ended."""
    found = re.search(r"/import/([\w-]+)", answer.headers["Location"]).group(1)
    wait_for_import(http, found)
    return found


def press(http, upload: str, button: str):
    token = CSRF.search(http.get(f"/import/{upload}").get_data(as_text=True)).group(1)
    return http.post(f"/import/{upload}/{button}", data={"csrf_token": token})


def wait_for_import(http, upload: str) -> str:
    """The report page once the check or import has ended (it polls meanwhile), in the
    language the browser remembers."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        page = http.get(f"/import/{upload}", follow_redirects=True).get_data(as_text=True)
        if 'data-state="importing"' not in page and 'data-state="checking"' not in page:
            return page
        time.sleep(0.05)
    raise AssertionError("the check or import did not end within 30 s")


def counts_row(page: str, name: str) -> list[int]:
    row = re.search(rf"<tr><td>{name}</td>((?:<td>\d+</td>)+)</tr>", page).group(1)
    return [int(n) for n in re.findall(r"\d+", row)]


NEW = {"sessions.csv": NEW_SESSIONS, "attendance.csv": NEW_ATTENDANCE}


@pytest.mark.parametrize(
    ("role", "files"),
    [("data_manager", NEW), ("admin", NEW), ("data_manager", {"new.xlsx": workbook(NEW)})],
)
def test_a_checked_upload_imports_once_confirmed(store, role, files):
    http, who = signed_in(store, role)
    before = data_rows(store)
    answer = upload(http, files)
    assert answer.status_code == 302
    upload_key = upload_id(http, answer)
    page = http.get(f"/import/{upload_key}").get_data(as_text=True)
    named = "new.xlsx[{}]" if "new.xlsx" in files else "{}.csv"  # a sheet, or a file
    assert counts_row(page, re.escape(named.format("sessions"))) == [1, 0, 0]
    assert counts_row(page, re.escape(named.format("attendance"))) == [3, 0, 0]
    assert data_rows(store) == before  # the check wrote nothing
    assert press(http, upload_key, "confirm").status_code == 302
    page = wait_for_import(http, upload_key)
    assert 'data-state="imported"' in page
    expected = len(GOOD["attendance.csv"].splitlines()) - 1 + 3
    assert store.scalar(select(func.count()).select_from(attendance)) == expected
    assert service.dashboard_data().summary(Filters())["attendances"] == expected
    assert not list((imports.staging.staging_root() / upload_key / "files").glob("*"))
    assert actions(store, who.email)[-4:] == [
        "import upload", "import check", "import confirm", "import imported"
    ]  # fmt: skip
    checked = next(r for r in accounts.audit_events(store) if r["action"] == "import check")
    assert named.format("sessions") + ": 1 new, 0 changed, 0 unchanged" in checked["detail"]


def test_each_error_is_shown_with_its_line_and_nothing_is_written(store):
    http, _ = signed_in(store)
    before = data_rows(store)
    upload_key = upload_id(http, upload(http, {"sessions.csv": BROKEN_SESSIONS}))
    page = http.get(f"/import/{upload_key}").get_data(as_text=True)
    assert 'id="confirm-import"' not in page
    csv_text = http.get(f"/import/{upload_key}/problems.csv").get_data(as_text=True)
    lines = {(row.split(",")[1], row.split(",")[2]) for row in csv_text.splitlines()[1:]}
    assert {("sessions.csv", "3"), ("sessions.csv", "4")} <= lines
    assert press(http, upload_key, "confirm").status_code == 302
    assert data_rows(store) == before


def test_uploads_left_unconfirmed_are_swept_away(store):
    http, _ = signed_in(store)
    upload_key = upload_id(http, upload(http, {"sessions.csv": NEW_SESSIONS}))
    imports.staging.sweep(time.time() + imports.staging.ABANDONED_AFTER_SECONDS - 60)
    assert (imports.staging.staging_root() / upload_key).exists()
    imports.staging.sweep(time.time() + imports.staging.ABANDONED_AFTER_SECONDS + 60)
    assert not (imports.staging.staging_root() / upload_key).exists()


def test_an_abandoned_upload_is_removed_and_changes_nothing(store):
    http, _ = signed_in(store)
    before = data_rows(store)
    upload_key = upload_id(http, upload(http, {"sessions.csv": NEW_SESSIONS}))
    assert press(http, upload_key, "abandon").status_code == 302
    assert not (imports.staging.staging_root() / upload_key).exists()
    assert http.get(f"/import/{upload_key}").status_code == 404
    assert data_rows(store) == before


def test_a_store_changed_since_the_check_means_checking_again(store, tmp_path):
    http, _ = signed_in(store)
    upload_key = upload_id(http, upload(http, {"sessions.csv": NEW_SESSIONS}))
    other = {"sessions.csv": "session_code,program_code,held_on\nS9,PR1,2020-03-03\n"}
    assert not import_path(store, write_files(tmp_path / "other", other)).refused
    before = data_rows(store)
    answer = press(http, upload_key, "confirm")
    assert "upload+the+files+again" in answer.headers["Location"]
    assert data_rows(store) == before


def test_another_users_upload_is_not_found(store):
    http, _ = signed_in(store)
    upload_key = upload_id(http, upload(http, {"sessions.csv": NEW_SESSIONS}))
    other, _ = signed_in(store)
    assert other.get(f"/import/{upload_key}").status_code == 404
    assert other.get(f"/import/{upload_key}/problems.csv").status_code == 404


def test_too_large_an_upload_is_refused_with_a_message(store, monkeypatch):
    http, _ = signed_in(store)
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 1000)
    answer = upload(http, {"sessions.csv": NEW_SESSIONS + "S9,PR1,2020-03-03,60\n" * 100})
    assert answer.status_code == 413
    assert "larger than" in answer.get_data(as_text=True)


def test_the_import_page_and_its_report_in_hindi(store):
    http, _ = signed_in(store)
    page = http.get("/import?lang=hi").get_data(as_text=True)
    assert '<html lang="hi">' in page and '<h2 class="h5">डेटा आयात करें</h2>' in page
    assert ">फ़ाइलों की जाँच करें</button>" in page and "<code>hubs.csv</code>" in page
    upload_key = upload_id(http, upload(http, {"sessions.csv": BROKEN_SESSIONS}, "/import?lang=hi"))
    report = http.get(f"/import/{upload_key}?lang=hi").get_data(as_text=True)
    assert '<h2 class="h5">डेटा आयात: जाँच पूरी</h2>' in report
    assert re.search(r"जाँच में \d+ त्रुटियाँ मिलीं", report)
    assert "<th>गंभीरता</th>" in report and "<td>त्रुटि</td>" in report


def reasons(page: str) -> list[str]:
    """The report's problems as `value: reason` (HTML unescaped)."""
    rows = re.findall(r"<td>([^<]*)</td><td>([^<]*)</td></tr>", page)
    return [html.unescape(f"{value}: {reason}") for value, reason in rows]


@pytest.mark.parametrize("language", ["hi", "en"])
def test_the_reasons_are_in_the_language_of_the_report_page(store, language):
    """Checked for a page in one language, the report says each reason in it (values filled
    in); the same report in the other language says them in the other, its CSV too."""
    http, _ = signed_in(store)
    answer = upload(http, MISTYPED, f"/import?lang={language}")
    upload_key = upload_id(http, answer)
    for shown in (language, "en" if language == "hi" else "hi"):
        page = http.get(f"/import/{upload_key}?lang={shown}").get_data(as_text=True)
        found = reasons(page)
        assert REASONS[shown][0] in found, found
        assert "S" * 41 + ": " + REASONS[shown][1] in found, found
        assert bool(re.search(r"[\u0900-\u097f]", "".join(found))) == (shown == "hi")
        assert (
            f'href="/import/{upload_key}/problems.csv{"?lang=hi" if shown == "hi" else ""}"' in page
        )
    csv_text = http.get(f"/import/{upload_key}/problems.csv?lang=hi").get_data(as_text=True)
    assert REASONS["hi"][1] in csv_text and REASONS["en"][1] not in csv_text


def test_too_large_an_upload_is_refused_in_hindi(store, monkeypatch):
    http, _ = signed_in(store)
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 1000)
    files = {"sessions.csv": NEW_SESSIONS + "S9,PR1,2020-03-03,60\n" * 100}
    answer = upload(http, files, "/import?lang=hi")
    assert answer.status_code == 413
    assert "MB से बड़ा है" in answer.get_data(as_text=True)


@pytest.mark.parametrize("role", ["ministry", "partner"])
def test_only_data_managers_and_admins_may_import(store, role):
    http, _ = signed_in(store, role, **({"partners": ["PA2"]} if role == "partner" else {}))
    assert http.get("/import").status_code == 403
    assert server.test_client().post("/import").status_code == 401
    assert server.test_client().get("/import").status_code == 302


OUTSIDE = [  # (the data manager's scope, files, (file, line, column) of the error)
    ({"partners": ["PA1"]}, {"sessions.csv": NEW_SESSIONS}, ("sessions.csv", "2", "program_code")),
    ({"states": [27]}, {"sessions.csv": NEW_SESSIONS}, ("sessions.csv", "2", "program_code")),
    (
        {"partners": ["PA1"]},
        {"attendance.csv": "session_code,participant_code\nS2,U2\nS1,U2\n"},
        ("attendance.csv", "3", "session_code"),
    ),
    (
        {"partners": ["PA2"]},
        {"hubs.csv": GOOD["hubs.csv"] + "HB2,Other hub,PA1,Karnataka,Mysuru,,,\n"},
        ("hubs.csv", "3", "host_partner_code"),
    ),
    (
        {"partners": ["PA1"]},
        {"hubs.csv": GOOD["hubs.csv"].replace("PA2", "PA1")},  # taking PA2's hub over
        ("hubs.csv", "2", "host_partner_code"),
    ),
    ({"partners": ["PA2"]}, {"partners.csv": GOOD["partners.csv"]}, ("partners.csv", "0", "")),
]


@pytest.mark.parametrize(("scope", "files", "where"), OUTSIDE)
def test_rows_outside_the_data_managers_scope_are_refused_by_line(store, scope, files, where):
    http, _ = signed_in(store, **scope)
    before = data_rows(store)
    upload_key = upload_id(http, upload(http, files))
    assert 'id="confirm-import"' not in http.get(f"/import/{upload_key}").get_data(as_text=True)
    csv_text = http.get(f"/import/{upload_key}/problems.csv").get_data(as_text=True)
    found = [tuple(row.split(",")[1:4]) for row in csv_text.splitlines()[1:]]
    assert where in found, csv_text
    assert data_rows(store) == before


def test_rows_within_a_states_scope_are_accepted(store):
    http, _ = signed_in(store, states=[29])  # Karnataka, where GOOD's hub is
    page = http.get(f"/import/{upload_id(http, upload(http, {'sessions.csv': NEW_SESSIONS}))}")
    assert 'id="confirm-import"' in page.get_data(as_text=True)


def test_a_second_import_waits_for_the_first_with_a_message(store):
    http, _ = signed_in(store)
    upload_key = upload_id(http, upload(http, {"sessions.csv": NEW_SESSIONS}))
    held = imports.staging.import_lock(wait=True)  # the check's thread may still hold it
    try:
        answer = press(http, upload_key, "confirm")
        page = http.get(answer.headers["Location"]).get_data(as_text=True)
        assert "Another import is running" in page
        assert 'data-state="checked"' in page
    finally:
        imports.staging.release(held)
    assert press(http, upload_key, "confirm").status_code == 302
    assert 'data-state="imported"' in wait_for_import(http, upload_key)

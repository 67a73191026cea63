"""The data quality page: each finding of `check` with its rows, for administrators only."""

import re
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import update

from app import server
from dashboard.importer import import_path
from dashboard.store.database import Store
from dashboard.store.schema import program
from tests.access.conftest import person, sign_in
from tests.good_store import good_store
from tests.importer.helpers import GOOD, write_files

LONELY = GOOD["programs.csv"] + "PR2,Diabetes for nurses,HB1,Diabetes,health,PA1,2021-01-01,\n"


@pytest.fixture
def store(tmp_path, monkeypatch) -> Iterator[Store]:
    yield from good_store(tmp_path, monkeypatch)


def page_as(store: Store, role: str, page: str = "/admin/quality") -> tuple[int, str]:
    http = server.test_client()
    who = person(store, role)
    assert sign_in(http, who.email, "correct horse battery").status_code == 302
    answer = http.get(page)
    return answer.status_code, answer.get_data(as_text=True)


def test_each_finding_is_shown_with_its_rows(store, tmp_path):
    assert not import_path(store, write_files(tmp_path / "more", {"programs.csv": LONELY})).refused
    with store.transaction() as conn:  # GOOD's sessions are in January 2020
        conn.execute(update(program).where(program.c.program_code == "PR1").values(
            start_date=date(2020, 2, 1), end_date=date(2020, 3, 1)))  # fmt: skip
    status, page = page_as(store, "admin")
    assert status == 200
    assert "programmes without sessions: 1<" in page
    assert re.search(r"<td>PR2</td>", page)
    sessions = len(GOOD["sessions.csv"].splitlines()) - 1
    assert f"sessions outside their programme&#39;s dates: {sessions}<" in page
    assert page.count("<td>PR1</td>") == sessions


def test_the_findings_in_hindi(store, tmp_path):
    assert not import_path(store, write_files(tmp_path / "more", {"programs.csv": LONELY})).refused
    status, page = page_as(store, "admin", "/admin/quality?lang=hi")
    assert status == 200 and '<html lang="hi">' in page
    assert '<h2 class="h5">डेटा गुणवत्ता</h2>' in page
    assert "सत्रों के बिना कार्यक्रम: 1<" in page


def test_a_clean_store_has_no_findings(store):
    status, page = page_as(store, "admin")
    assert (status, 'id="quality-none"' in page) == (200, True)


@pytest.mark.parametrize("role", ["ministry", "data_manager"])
def test_only_administrators_see_data_quality(store, role):
    http = server.test_client()
    scope = {"partners": ["PA2"]} if role == "data_manager" else {}
    who = person(store, role, **scope)
    sign_in(http, who.email, "correct horse battery")
    assert http.get("/admin/quality").status_code == 403

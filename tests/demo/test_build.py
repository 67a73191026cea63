"""`build_demo` writes the generated frames into a store, replacing everything but geography."""

from datetime import date

import pytest
from sqlalchemy import func, insert, select

from dashboard.demo import build as build_module
from dashboard.demo.build import build_demo
from dashboard.demo.generate import generate
from dashboard.store.database import Store
from dashboard.store.migrate import migrate
from dashboard.store.schema import (
    attendance,
    attendance_fact,
    data_version,
    district,
    hub,
    participant,
    partner,
    program,
)

TODAY = date(2026, 11, 27)
TABLES = {
    "partner": "partners",
    "hub": "hubs",
    "disease_area": "disease_areas",
    "program": "programs",
    "program_partner": "program_partners",
    "session": "sessions",
    "participant": "participants",
    "attendance": "attendance",
}


def _count(store: Store, table) -> int:
    return int(store.scalar(select(func.count()).select_from(table)))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Store, dict[str, int]]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('demo')}/t.db")
    migrate(store)
    counts = build_demo(store, attendances=20_000, seed=1, progress=False, today=TODAY)
    yield store, counts
    store.dispose()


@pytest.fixture(scope="module")
def frames():
    return generate(20_000, seed=1, today=TODAY)


def test_store_rows_equal_the_generated_frames(built, frames):
    store, counts = built
    expected = frames.counts()
    for table, name in TABLES.items():
        assert counts[table] == expected[name], table
        assert int(store.scalar(f"SELECT COUNT(*) FROM {table}")) == expected[name], table


def test_read_model_holds_every_attendance(built):
    store, counts = built
    assert counts["attendance_fact"] == counts["attendance"] == 20_000
    assert _count(store, attendance_fact) == 20_000


def test_codes_and_places_survive_the_round_trip(built, frames):
    store, _ = built
    hubs = store.read(
        select(hub.c.hub_code, district.c.district_code, hub.c.latitude, hub.c.longitude)
        .join(district, district.c.id == hub.c.district_id)
        .order_by(hub.c.id)
    )
    assert hubs["hub_code"].tolist() == frames.hubs["hub_code"].tolist()
    assert hubs["district_code"].tolist() == frames.hubs["district_code"].tolist()
    people = store.read(
        select(participant.c.participant_code, district.c.district_code)
        .join(district, district.c.id == participant.c.district_id)
        .order_by(participant.c.id)
    )
    assert (
        people["district_code"].tolist()
        == frames.participants["district_code"].astype(str).tolist()
    )
    dates = store.read(select(program.c.start_date, program.c.end_date).order_by(program.c.id))
    assert dates["start_date"].astype(str).tolist() == (
        frames.programs["start_date"].dt.strftime("%Y-%m-%d").tolist()
    )


def test_geography_stays_and_no_session_is_in_the_future(built):
    store, _ = built
    assert _count(store, district) >= 700
    assert str(store.scalar("SELECT MAX(held_on) FROM session")) <= TODAY.isoformat()


def test_rebuilding_replaces_everything(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/t.db")
    migrate(store)
    build_demo(store, attendances=15_000, seed=4, progress=False, today=TODAY)
    version = store.scalar(select(data_version.c.version))
    counts = build_demo(store, attendances=10_000, seed=5, progress=False, today=TODAY)
    assert _count(store, attendance) == _count(store, attendance_fact) == 10_000
    assert _count(store, participant) == counts["participant"]
    assert store.scalar(select(data_version.c.version)) == version + 1
    store.dispose()


def test_a_failed_build_leaves_the_previous_data_set(tmp_path, monkeypatch):
    store = Store(f"sqlite:///{tmp_path}/t.db")
    migrate(store)
    before = build_demo(store, attendances=10_000, seed=4, progress=False, today=TODAY)
    original = Store.insert_rows

    def failing(self, conn, table, rows):
        if table.name == "attendance":
            raise RuntimeError("disk full")
        original(self, conn, table, rows)

    monkeypatch.setattr(Store, "insert_rows", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        build_demo(store, attendances=12_000, seed=9, progress=False, today=TODAY)
    assert _count(store, participant) == before["participant"]
    assert _count(store, attendance_fact) == 10_000
    store.dispose()


def test_progress_goes_to_stderr(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(build_module, "CHUNK_ROWS", 4_000)
    store = Store(f"sqlite:///{tmp_path}/t.db")
    migrate(store)
    build_demo(store, attendances=10_000, seed=2, progress=True, today=TODAY)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "row" in captured.err
    store.dispose()


def test_build_into_postgresql(new_store):
    store = new_store("postgresql")
    counts = build_demo(store, attendances=20_000, seed=1, progress=False, today=TODAY)
    assert _count(store, attendance) == _count(store, attendance_fact) == 20_000
    assert _count(store, participant) == counts["participant"]
    with store.transaction() as conn:
        new_id = conn.execute(
            insert(partner)
            .values(partner_code="NEW", name="A later import", kind="ngo")
            .returning(partner.c.id)
        ).scalar_one()
    assert new_id == counts["partner"] + 1

"""The write path on SQLite and PostgreSQL: upserts by code, idempotence, dry runs, rollback."""

import pytest
from cachelib import SimpleCache
from sqlalchemy import select

from dashboard import service
from dashboard.importer import import_path, write
from dashboard.queries import lookups
from dashboard.store.schema import hub, participant, program_partner
from dashboard.vocabulary.filters import Filters
from tests.conftest import BACKENDS
from tests.importer.helpers import GOOD, snapshot, write_files


def imported(store, folder, **options):
    result = import_path(store, folder, **options)
    assert not result.refused, result.text()
    return result


def counts(result) -> dict[str, tuple[int, int, int]]:
    return {name: (c.inserted, c.updated, c.unchanged) for name, c in result.counts.items()}


@pytest.fixture(params=BACKENDS)
def store(request, new_store):
    return new_store(request.param)


def test_import_writes_every_file_and_the_views_show_it(store, tmp_path):
    result = imported(store, write_files(tmp_path, GOOD))
    assert counts(result) == {
        "partners": (2, 0, 0),
        "hubs": (1, 0, 0),
        "programs": (1, 0, 0),
        "sessions": (2, 0, 0),
        "participants": (2, 0, 0),
        "attendance": (3, 0, 0),
    }
    data = service.DashboardData(store, SimpleCache())
    summary = data.summary(Filters())
    assert summary["attendances"] == 3
    assert summary["participants"] == 2
    assert summary["districts_reached"] == 2
    districts = data.districts(Filters(state=(29,)))
    reached = districts[districts.attendances > 0]
    assert sorted(reached.district_code) == ["KA-bengaluru-urban", "KA-mysuru"]
    partners = data.partners(Filters())
    assert sorted(partners.partner_code) == ["PA1", "PA2"]
    assert str(data.data_as_of()) == "2020-01-14"


def test_the_same_files_twice_change_nothing(store, tmp_path):
    folder = write_files(tmp_path, GOOD)
    imported(store, folder)
    before = snapshot(store)
    result = imported(store, folder)
    assert all(new == 0 and changed == 0 for new, changed, _ in counts(result).values())
    assert counts(result)["attendance"] == (0, 0, 3)
    assert snapshot(store) == before


def test_a_changed_row_is_updated_in_place(store, tmp_path):
    imported(store, write_files(tmp_path / "a", GOOD))
    hub_id = store.scalar(select(hub.c.id).where(hub.c.hub_code == "HB1"))
    changed = GOOD | {
        "hubs.csv": GOOD["hubs.csv"].replace("St John's TB hub", "St John's TB and HIV hub"),
        "participants.csv": GOOD["participants.csv"].replace("U1,ASHA", "U1,Medical officer"),
    }
    result = imported(store, write_files(tmp_path / "b", changed))
    assert counts(result)["hubs"] == (0, 1, 0)
    assert counts(result)["participants"] == (0, 1, 1)
    row = store.read(select(hub.c.id, hub.c.name)).iloc[0]
    assert (row["id"], row["name"]) == (hub_id, "St John's TB and HIV hub")
    cadre = store.scalar(select(participant.c.cadre).where(participant.c.participant_code == "U1"))
    assert cadre == "Medical officer"


def test_a_column_left_out_keeps_the_stored_values(store, tmp_path):
    imported(store, write_files(tmp_path / "a", GOOD))
    files = {
        "hubs.csv": "hub_code,name,host_partner_code,state,district\n"
        "HB1,St John's TB hub,PA2,Karnataka,Bengaluru Urban\n",
        "programs.csv": "program_code,name,hub_code,disease_area,sector,start_date\n"
        "PR1,TB care for ASHAs,HB1,tuberculosis,health,2020-01-01\n",
    }
    result = imported(store, write_files(tmp_path / "b", files))
    assert counts(result) == {"hubs": (0, 0, 1), "programs": (0, 0, 1)}
    assert store.read(select(hub.c.latitude, hub.c.longitude)).iloc[0].tolist() == [
        12.9716,
        77.5946,
    ]
    assert len(store.read(select(program_partner))) == 1


def test_listed_partners_replace_a_programmes_partners(store, tmp_path):
    imported(store, write_files(tmp_path / "a", GOOD))
    files = {"programs.csv": GOOD["programs.csv"].replace(",PA1,", ",PA1;PA2,")}
    result = imported(store, write_files(tmp_path / "b", files))
    assert counts(result) == {"programs": (0, 1, 0)}
    assert len(store.read(select(program_partner))) == 2


def test_dry_run_counts_exactly_and_writes_nothing(store, tmp_path):
    imported(store, write_files(tmp_path / "a", GOOD))
    before = snapshot(store)
    files = GOOD | {
        "sessions.csv": GOOD["sessions.csv"] + "S3,PR1,2020-01-21,60\n",
        "attendance.csv": GOOD["attendance.csv"] + "S2,U2\nS3,U1\nS3,U1\n",
        "partners.csv": GOOD["partners.csv"].replace("St John's", "St. John's"),
    }
    result = imported(store, write_files(tmp_path / "b", files), dry_run=True)
    assert counts(result) == {
        "partners": (0, 1, 1),
        "hubs": (0, 0, 1),
        "programs": (0, 0, 1),
        "sessions": (1, 0, 2),
        "participants": (0, 0, 2),
        "attendance": (2, 0, 4),
    }
    assert "Dry run" in result.text()
    assert snapshot(store) == before


def test_an_import_moves_the_data_version_and_the_dashboard_shows_it_at_once(store, tmp_path):
    imported(store, write_files(tmp_path / "a", GOOD))
    data = service.DashboardData(store, SimpleCache())
    version = lookups.current_data_version(store)
    assert data.summary(Filters())["sessions"] == 2
    files = {
        "sessions.csv": "session_code,program_code,held_on\nS3,PR1,2020-02-11\n",
        "attendance.csv": "session_code,participant_code\nS3,U2\n",
    }
    imported(store, write_files(tmp_path / "b", files))
    assert lookups.current_data_version(store) == version + 1
    assert data.summary(Filters())["sessions"] == 3
    assert str(data.data_as_of()) == "2020-02-11"


def test_a_failure_while_writing_leaves_the_store_as_it_was(store, tmp_path, monkeypatch):
    imported(store, write_files(tmp_path / "a", GOOD))
    before = snapshot(store)

    def broken(conn):
        raise RuntimeError("disk full")

    monkeypatch.setattr(write, "refresh_read_model", broken)
    files = GOOD | {"attendance.csv": GOOD["attendance.csv"] + "S2,U2\n"}
    with pytest.raises(RuntimeError, match="disk full"):
        import_path(store, write_files(tmp_path / "b", files))
    assert snapshot(store) == before

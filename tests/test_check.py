"""`check` finds what is wrong in a store, and says nothing is when nothing is."""

from sqlalchemy import text

from dashboard.check import check_store
from tests.world import make_world, write_world


def test_clean_store_has_no_problems(new_store):
    store = new_store("sqlite")
    world = make_world(seed=7)
    write_world(store, world)
    report = check_store(store)
    assert report.problems == []
    assert report.counts["attendance"] == len(world.attendance)
    assert report.data_as_of == max(s["held_on"] for s in world.sessions)
    assert "Problems: none found" in report.text()


def test_problems_are_found_and_named(new_store):
    store = new_store("sqlite")
    write_world(store, make_world(seed=7))
    with store.transaction() as conn:
        conn.execute(text("UPDATE hub SET latitude = 8.5, longitude = 77.0 WHERE hub_code = 'HB2'"))
        conn.execute(
            text(
                "INSERT INTO program (program_code, name, hub_id, disease_area_id, sector,"
                " start_date) VALUES ('PR-EMPTY', 'Empty', 1, 1, 'health', '2024-01-01')"
            )
        )
        conn.execute(
            text("UPDATE session SET held_on = '2001-01-01' WHERE session_code = 'PR0-S0'")
        )
        conn.execute(
            text(
                "DELETE FROM attendance_fact"
                " WHERE rowid IN (SELECT rowid FROM attendance_fact LIMIT 3)"
            )
        )
    problems = "\n".join(check_store(store).problems)
    assert "hubs outside their district: HB2" in problems
    assert "programmes without sessions: PR-EMPTY" in problems
    assert "1 sessions outside their programme's dates" in problems
    assert "read model differs from attendance by 3 rows" in problems


def test_empty_store_says_geography_is_missing(tmp_path):
    from dashboard.store.database import Store
    from dashboard.store.migrate import upgrade_schema

    store = Store(f"sqlite:///{tmp_path}/bare.db")
    upgrade_schema(store)
    assert "no geography loaded: run migrate" in check_store(store).problems

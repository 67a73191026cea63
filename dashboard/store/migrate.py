"""Create or upgrade the store's schema (Alembic) and load India's geography into it.

Only `python -m dashboard migrate` calls this; the web server never changes the
schema, so it can run with a read-only database role.
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from dashboard.geography import tables as geography
from dashboard.store.database import Store
from dashboard.store.schema import district, state
from dashboard.store.writes import upsert

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade_schema(store: Store) -> None:
    """Bring the schema to the newest revision, in one transaction."""
    with store.transaction() as conn:
        command.upgrade(alembic_config(conn), "head")


def schema_is_current(store: Store) -> bool:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with store.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision() == head


def load_geography(store: Store) -> None:
    """Upsert India's states and districts from the project's geography files."""
    states = geography.states()[[column.name for column in state.c]]
    districts = geography.districts()
    districts = districts[[column.name for column in district.c if column.name != "id"]]
    with store.transaction() as conn:
        upsert(conn, state, states, "state_code")
        upsert(conn, district, districts, "district_code")


def migrate(store: Store) -> None:
    """What `python -m dashboard migrate` does: schema first, then geography."""
    upgrade_schema(store)
    load_geography(store)

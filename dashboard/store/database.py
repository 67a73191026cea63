"""The single door to the store: every read and write goes through `Store`.

Reads carry a time limit (a slow query must not hang a dashboard worker) and
turn connection failures into `StoreUnavailable`, which the web layer shows as
a readable state instead of a traceback.

On PostgreSQL, reads have a pool of their own: autocommit connections that
carry the limit from the moment they connect, so a read is one round trip after
the pool's liveness check (in a transaction setting its own limit it was four:
0.6 ms a read, now 0.28). Writes, imports and the engine's snapshot use the
other pool, without a limit.
"""

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Result, Table, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.sql import Executable

from dashboard.config import database_url
from dashboard.vocabulary.errors import StoreUnavailable

READ_TIMEOUT_SECONDS = 20.0


class Store:
    """A SQLAlchemy engine with the project's rules for SQLite and PostgreSQL."""

    def __init__(self, url: str | None = None, read_timeout: float = READ_TIMEOUT_SECONDS):
        self.url = database_url(url)
        self.read_timeout = read_timeout
        self.engine: Engine = _make_engine(self.url)
        self._reader: Engine = _make_reader(self.engine, self.url, read_timeout)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def read(
        self, statement: Executable | str, params: Mapping[str, Any] | None = None
    ) -> pd.DataFrame:
        """Run one read query under the time limit and return its rows."""
        return self._reading(statement, params, _as_frame)

    def scalar(self, statement: Executable | str, params: Mapping[str, Any] | None = None) -> Any:
        """Run one read query under the time limit and return its first value (None for no
        row); no frame is built, as every answer reads the data version this way."""
        return self._reading(statement, params, lambda result: result.scalar())

    def _reading(
        self,
        statement: Executable | str,
        params: Mapping[str, Any] | None,
        take: Callable[[Result], Any],
    ) -> Any:
        if isinstance(statement, str):
            statement = text(statement)
        try:
            with self._reader.connect() as conn, self._sqlite_time_limit(conn):
                return take(conn.execute(statement, params or {}))
        except (OperationalError, DBAPIError) as error:
            raise StoreUnavailable(_describe(error)) from error

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing write transaction."""
        with self.engine.begin() as conn:
            yield conn

    def insert_rows(self, conn: Connection, table: Table, rows: pd.DataFrame) -> None:
        """Bulk-insert a frame: COPY on PostgreSQL, executemany on SQLite."""
        if rows.empty:
            return
        columns = list(rows.columns)
        records = rows.astype(object).where(rows.notna(), None).itertuples(index=False, name=None)
        if self.is_sqlite:
            marks = ", ".join("?" for _ in columns)
            sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
            conn.connection.driver_connection.executemany(sql, records)
            return
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for record in records:
                copy.write_row(record)

    def dispose(self) -> None:
        self._reader.dispose()
        self.engine.dispose()

    @contextmanager
    def _sqlite_time_limit(self, conn: Connection) -> Iterator[None]:
        """Stop a SQLite read that runs past the limit (PostgreSQL's read connections
        carry theirs), and take the check off the connection after it."""
        if not self.is_sqlite:
            yield
            return
        deadline = time.monotonic() + self.read_timeout
        raw = conn.connection.driver_connection
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args={"connect_timeout": 5},
    )


def _make_reader(engine: Engine, url: str, read_timeout: float) -> Engine:
    """The engine reads go through: on PostgreSQL a pool of autocommit connections whose
    statements stop at the limit; on SQLite the store's own engine."""
    if engine.dialect.name == "sqlite":
        return engine
    limit = f"-c statement_timeout={int(read_timeout * 1000)}"
    return create_engine(
        engine.url,
        isolation_level="AUTOCOMMIT",
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args={"connect_timeout": 5, "options": limit},
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA cache_size = -131072")
    cursor.close()


def _as_frame(result: Result) -> pd.DataFrame:
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _describe(error: Exception) -> str:
    message = str(getattr(error, "orig", error)).strip().splitlines()
    return message[0] if message else error.__class__.__name__


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Slices of at most `size` items (for IN lists the databases cap)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]

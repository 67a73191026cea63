"""The single door to the store: every read and write goes through `Store`.

Reads carry a time limit (a slow query must not hang a dashboard worker) and
turn connection failures into `StoreUnavailable`, which the web layer shows as
a readable state instead of a traceback. Bulk reads (the engine's load, the
export) go through a `snapshot`, bulk writes through `insert_rows` inside a
`transaction` (or an `exclusive_transaction`, an import's).

On PostgreSQL, reads have a pool of their own: autocommit connections that
carry the limit from the moment they connect, so a read is one round trip after
the pool's liveness check instead of four in a transaction setting its own limit.
Writes, imports and snapshots use the other pool, without a limit.

The web server opens its store read-only (`read_only=True`): SQLite through a
`mode=ro` URI, so a missing file is an unreadable store rather than a new empty
one; PostgreSQL sessions in read-only transactions, besides the read-only role.
A read-only SQLite store follows its file (`FollowedFile`): while the file is
missing every read raises `StoreUnavailable`, and when another file has taken its
place the connections are dropped and opened afresh on the new one. The commands
that write (migrate, demo, import) open it read-write.
"""

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import URL, Connection, Engine, Result, Table, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.sql import Executable

from dashboard.config import database_url
from dashboard.store.followed import FollowedFile, Identity
from dashboard.store.snapshot import Snapshot
from dashboard.vocabulary.errors import StoreUnavailable

READ_TIMEOUT_SECONDS = 20.0
# Two imports overlapping on PostgreSQL (READ COMMITTED) would each rebuild the read model
# beside the other's new facts: the second waits here for the first's commit instead.
LOCK_DATA_VERSION = "LOCK TABLE data_version IN EXCLUSIVE MODE"


class Store:
    """A SQLAlchemy engine with the project's rules for SQLite and PostgreSQL."""

    def __init__(
        self,
        url: str | None = None,
        read_timeout: float = READ_TIMEOUT_SECONDS,
        read_only: bool = False,
    ):
        self.url = database_url(url)
        self.read_timeout = read_timeout
        self.read_only = read_only
        self._access_writer: Store | None = None
        path = _sqlite_file(self.url)
        self._file = FollowedFile(path) if read_only and path else None
        self.engine: Engine = _make_engine(self.url, read_only)
        self._reader: Engine = _make_reader(self.engine, self.url, read_timeout, read_only)

    @property
    def identity(self) -> Identity | None:
        """Which file a read-only SQLite store last read (None otherwise): answers kept
        for one file are never given for another that took its place."""
        return None if self._file is None else self._file.identity

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def is_in_memory(self) -> bool:
        """An SQLite database in this process's memory, seen by no other process."""
        database = self.engine.url.database or ""
        return self.is_sqlite and (database in ("", ":memory:") or "mode=memory" in self.url)

    def read(
        self, statement: Executable | str, params: Mapping[str, Any] | None = None
    ) -> pd.DataFrame:
        """Run one read query under the time limit and return its rows."""
        return self._reading(statement, params, _as_frame)

    def scalar(self, statement: Executable | str, params: Mapping[str, Any] | None = None) -> Any:
        """Run one read query under the time limit and return its first value (None for no
        row); no frame is built, as every answer reads the data version this way."""
        return self._reading(statement, params, lambda result: result.scalar())

    def rows(
        self, statement: Executable | str, params: Mapping[str, Any] | None = None
    ) -> list[Mapping[str, Any]]:
        """Run one read query under the time limit and return its rows as mappings (for a
        few rows, such as an account's, where a frame's types would get in the way)."""
        return self._reading(statement, params, lambda result: result.mappings().all())

    def _reading(
        self,
        statement: Executable | str,
        params: Mapping[str, Any] | None,
        take: Callable[[Result], Any],
    ) -> Any:
        if isinstance(statement, str):
            statement = text(statement)
        self._follow_file()
        try:
            with self._reader.connect() as conn, self._sqlite_time_limit(conn):
                return take(conn.execute(statement, params or {}))
        except (OperationalError, DBAPIError) as error:
            raise StoreUnavailable(_describe(error)) from error

    def _follow_file(self) -> None:
        """A read-only SQLite store: unavailable while its file is missing, reopened when
        another file has taken its place."""
        if self._file is None:
            return
        try:
            replaced = self._file.replaced()
        except FileNotFoundError:
            raise StoreUnavailable(f"the store's file {self._file.path} is missing") from None
        if replaced:
            self.dispose()  # the next connections open the file now at the path

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """A read-only transaction that sees one data version (WAL snapshot / REPEATABLE
        READ), without the reads' time limit: for reading a whole table or more."""
        try:
            with self.engine.connect() as conn:
                if self.is_sqlite:
                    conn.exec_driver_sql("BEGIN")
                else:
                    conn = conn.execution_options(isolation_level="REPEATABLE READ")
                try:
                    yield Snapshot(conn, self.is_sqlite)
                finally:
                    conn.rollback()
        except (OperationalError, DBAPIError) as error:
            raise StoreUnavailable(_describe(error)) from error

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing write transaction."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def exclusive_transaction(self, commit: Callable[[], bool]) -> Iterator[Connection]:
        """One write transaction on one connection that no other writer of the data can
        slip into (on SQLite taken with BEGIN IMMEDIATE; on PostgreSQL it first locks the
        data version against every other write of it, readers going on), committed at its
        end when `commit()` says so and rolled back otherwise, or on any error."""
        with self.engine.connect() as conn:
            transaction = conn.begin()
            try:
                if self.is_sqlite:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                else:
                    conn.exec_driver_sql(LOCK_DATA_VERSION)
                yield conn
            except BaseException:
                transaction.rollback()
                raise
            if commit():
                transaction.commit()
            else:
                transaction.rollback()

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

    def analyze(self, tables: Iterable[str]) -> None:
        """Fresh planner statistics after a large write (PostgreSQL; SQLite needs none)."""
        if self.is_sqlite:
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for name in tables:
                conn.execute(text(f"ANALYZE {name}"))

    def close_idle_connections(self) -> None:
        """On SQLite, close the pooled connections, each holding up to the store's
        cache_size of pages after a long read (connections in use are left alone)."""
        if self.is_sqlite:
            self.engine.dispose()

    def access_writer(self) -> "Store":
        """The store the web server writes sign-in's few rows through (store/accounts.py):
        a read-only store's one read-write companion on the same database, opened on first
        use; a read-write store is its own. On PostgreSQL the web role's grants (README)
        allow it only those writes."""
        if not self.read_only:
            return self
        if self._access_writer is None:
            self._access_writer = Store(self.url, self.read_timeout)
        return self._access_writer

    def dispose(self) -> None:
        self._reader.dispose()
        self.engine.dispose()
        if self._access_writer is not None:
            self._access_writer.dispose()

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


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite store's URL; None for PostgreSQL and in-memory stores."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or ":memory:" in url:
        return None
    return Path(url[len(prefix) :].split("?", 1)[0])


def _make_engine(url: str, read_only: bool = False) -> Engine:
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if read_only and path:  # never creates the file, never writes to it
            url = URL.create("sqlite", database=path.as_uri(), query={"mode": "ro", "uri": "true"})
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_reader_pragmas if read_only else _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args={"connect_timeout": 5, **_postgres_options(read_only)},
    )


def _make_reader(engine: Engine, url: str, read_timeout: float, read_only: bool) -> Engine:
    """The engine reads go through: on PostgreSQL a pool of autocommit connections whose
    statements stop at the limit; on SQLite the store's own engine."""
    if engine.dialect.name == "sqlite":
        return engine
    return create_engine(
        engine.url,
        isolation_level="AUTOCOMMIT",
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        connect_args={"connect_timeout": 5, **_postgres_options(read_only, read_timeout)},
    )


def _postgres_options(read_only: bool, read_timeout: float | None = None) -> dict[str, str]:
    """Session settings: a read-only store's transactions cannot write; reads stop at the limit."""
    settings = ["-c default_transaction_read_only=on"] if read_only else []
    if read_timeout is not None:
        settings.append(f"-c statement_timeout={int(read_timeout * 1000)}")
    return {"options": " ".join(settings)} if settings else {}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA cache_size = -131072")
    cursor.close()


def _sqlite_reader_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """A reader's settings: the journal mode is the writers' to set, in the file."""
    dbapi_connection.execute("PRAGMA cache_size = -131072")


def _as_frame(result: Result) -> pd.DataFrame:
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _describe(error: Exception) -> str:
    message = str(getattr(error, "orig", error)).strip().splitlines()
    return message[0] if message else error.__class__.__name__


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Slices of at most `size` items (for IN lists the databases cap)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]

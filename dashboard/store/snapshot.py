"""One consistent read of many rows: the engine's load and the exporter read through it.

A snapshot is a read-only transaction that sees one data version (a WAL snapshot on
SQLite, REPEATABLE READ on PostgreSQL), without the time limit of the dashboard's reads.
Fetching millions of rows one by one in Python is slow (see BENCHMARKS.md), so `ints` has
the store itself pack integers into text (SQLite `group_concat`) or binary (PostgreSQL
`COPY ... BINARY`) and numpy parses them in C.
"""

from collections.abc import Iterator

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Row, text
from sqlalchemy.sql import Executable

CHUNK_ROWS = 2_000_000
PG_HEADER = 19  # signature (11) + flags (4) + header extension length (4)


class Snapshot:
    """One read transaction: every array, frame and row comes from the same data version."""

    def __init__(self, conn: Connection, is_sqlite: bool):
        self.conn = conn
        self.is_sqlite = is_sqlite

    def frame(self, statement: Executable | str) -> pd.DataFrame:
        if isinstance(statement, str):
            statement = text(statement)
        result = self.conn.execute(statement)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def rows(self, statement: Executable, batch: int) -> Iterator[Row]:
        """The statement's rows, fetched `batch` at a time (for more rows than memory holds)."""
        yield from self.conn.execute(statement.execution_options(yield_per=batch))

    def scalar(self, sql: str) -> int | None:
        return self.conn.execute(text(sql)).scalar()

    def days(self, column: str) -> str:
        """SQL for a date column as whole days since 1970-01-01."""
        if self.is_sqlite:
            return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"
        return f"({column} - DATE '1970-01-01')"

    def ints(self, columns: list[str], table: str, key: str) -> np.ndarray:
        """Integer expressions over `table` as an (n, len(columns)) int64 array, read in
        chunks of `key` (an indexed integer column) to bound memory."""
        low, high = self.conn.execute(text(f"SELECT min({key}), max({key}) FROM {table}")).one()
        if low is None:
            return np.zeros((0, len(columns)), dtype=np.int64)
        rows = self.scalar(f"SELECT count(*) FROM {table}") or 1
        step = max(1, int((high - low + 1) * CHUNK_ROWS / rows))
        parts = [
            self._chunk(columns, table, f"{key} BETWEEN {start} AND {start + step - 1}")
            for start in range(low, high + 1, step)
        ]
        return np.concatenate(parts).reshape(-1, len(columns))

    def _chunk(self, columns: list[str], table: str, where: str) -> np.ndarray:
        if self.is_sqlite:
            packed = " || ',' || ".join(f"({c})" for c in columns)
            sql = f"SELECT group_concat({packed}) FROM {table} WHERE {where}"
            found = self.scalar(sql)
            return np.fromstring(found or "", dtype=np.int64, sep=",")
        return self._copy(columns, table, where)

    def _copy(self, columns: list[str], table: str, where: str) -> np.ndarray:
        selected = ", ".join(f"({c})::int8" for c in columns)
        sql = f"COPY (SELECT {selected} FROM {table} WHERE {where}) TO STDOUT (FORMAT binary)"
        cursor = self.conn.connection.driver_connection.cursor()
        buffer = bytearray()
        with cursor.copy(sql) as copy:
            for block in copy:
                buffer += block
        fields = [("count", ">i2")]
        for i in range(len(columns)):
            fields += [(f"length{i}", ">i4"), (f"value{i}", ">i8")]
        row = np.dtype(fields)
        count = (len(buffer) - PG_HEADER - 2) // row.itemsize
        body = np.frombuffer(buffer, dtype=row, count=count, offset=PG_HEADER)
        values = np.stack([body[f"value{i}"] for i in range(len(columns))], axis=1)
        return values.astype(np.int64).ravel()

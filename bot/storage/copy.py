"""``orgbot db copy --to postgresql://...``: a SQLite database's data moved to PostgreSQL.

The target must hold no data (an empty database, or one migrated but never used). It is
migrated to the source's schema version, then every table is copied in foreign-key order with
``COPY`` (asyncpg ``copy_records_to_table``), ids included, in ONE transaction: a failure or a
count that differs leaves the target as it was. Roll-up tables (kept by triggers) are copied
as they are, with the triggers switched off during the copy, so every count (anonymous ones,
day versions) is the source's, exactly; identity sequences are then set past the highest id
SQLite ever gave (``sqlite_sequence``), so no id is reused. The SQLite file is only read, from
one snapshot, and is left as it was.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from bot.storage.migrations import bundled_migrations, migrate
from bot.storage.postgres.database import PostgresDatabase
from bot.storage.postgres.url import is_postgres_url, passwords_in, without_password

# Migrates the PostgreSQL database at a URL to exactly this schema version.
MigrateTo = Callable[[str, int], Awaitable[None]]

CHUNK = 5_000  # rows read from SQLite at a time
CONNECT_TIMEOUT = 10.0
NOT_COPIED = frozenset({"schema_version", "sqlite_sequence"})  # each side keeps its own


class CopyRefused(Exception):
    """The copy was not started; ``message`` is one line for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int  # rows in the SQLite snapshot
    target: int  # rows in PostgreSQL after the copy

    @property
    def ok(self) -> bool:
        return self.source == self.target


@dataclass(frozen=True)
class CopyReport:
    target: str  # the URL without its password
    schema_version: int
    tables: list[TableCount]
    seconds: float

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.target for t in self.tables)

    def lines(self) -> list[str]:
        """One line per table, then OK or FAILED."""
        width = max((len(t.table) for t in self.tables), default=0)
        out = [
            f"{t.table:<{width}}  {t.source:>12,} in SQLite  {t.target:>12,} in PostgreSQL"
            f"{'' if t.ok else '  DIFFERENT'}"
            for t in self.tables
        ]
        if self.ok:
            out.append(
                f"OK: {len(self.tables)} tables, {self.rows:,} rows copied to {self.target} "
                f"(schema version {self.schema_version}) in {self.seconds:.1f} s."
            )
        else:
            bad = ", ".join(t.table for t in self.tables if not t.ok)
            out.append(f"FAILED: counts differ in {bad}; nothing was kept in {self.target}.")
        return out


def _scrubbed(text: str, url: str) -> str:
    """``text`` with the URL's password (if any) blanked out, on one line."""
    for password in passwords_in(url):
        text = text.replace(password, "***")
    return " ".join(text.split())


async def migrate_postgres_to(url: str, version: int) -> None:
    """Apply the PostgreSQL migrations up to ``version`` (the source's), no further."""
    db = await PostgresDatabase.open(url, max_size=1)
    try:
        await migrate(db, bundled_migrations("postgresql")[:version])
    finally:
        await db.close()


async def copy_to_postgres(
    source: Path, url: str, migrate_to: MigrateTo = migrate_postgres_to, *, chunk: int = CHUNK
) -> CopyReport:
    """Copy every table of the SQLite database ``source`` to the PostgreSQL database at ``url``.

    Raises :class:`CopyRefused` (nothing written) when the source is missing or newer than this
    code, the target cannot be reached or already holds data, or their tables differ. Returns
    the counts; when one differs the copy was rolled back (``report.ok`` is False).
    """
    started = time.perf_counter()
    if not is_postgres_url(url):
        raise CopyRefused(f"--to must be a postgresql:// URL, not {without_password(url)!r}.")
    known = bundled_migrations("sqlite")[-1].version
    snapshot = await asyncio.to_thread(_Snapshot.open, source)
    try:
        version = await asyncio.to_thread(snapshot.schema_version)
        if version > known:
            raise CopyRefused(
                f"{source} has schema version {version}, but this version of the bot only knows "
                f"up to {known}: copy it with the bot that wrote it (or a newer one)."
            )
        tables = await asyncio.to_thread(snapshot.tables_in_order)
        conn = await _connect(url)
        try:
            await _check_target(conn, url, tables, version)
            await migrate_to(url, version)
            counts = await _copy(conn, url, snapshot, tables, chunk)
        finally:
            await conn.close()
    finally:
        await asyncio.to_thread(snapshot.close)
    return CopyReport(without_password(url), version, counts, time.perf_counter() - started)


async def _connect(url: str) -> asyncpg.Connection:
    try:
        return await asyncpg.connect(url, timeout=CONNECT_TIMEOUT)
    except (TimeoutError, OSError, asyncpg.PostgresError, ValueError) as exc:
        reason = _scrubbed(str(exc) or type(exc).__name__, url)
        raise CopyRefused(f"Cannot reach {without_password(url)}: {reason}.") from None


async def _check_target(
    conn: asyncpg.Connection, url: str, tables: Sequence[_Table], version: int
) -> None:
    """Refuse a target that holds data or a newer schema than the source's."""
    present = {
        r["tablename"]
        for r in await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
    }
    for table in tables:
        if table.name in present and await conn.fetchval(
            f"SELECT EXISTS (SELECT 1 FROM {_ident(table.name)})"
        ):
            raise CopyRefused(
                f"{without_password(url)} already holds data (table {table.name} has rows): "
                "db copy only fills an empty database, so nothing was copied."
            )
    if "schema_version" in present:
        have = await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_version")
        if have > version:
            raise CopyRefused(
                f"{without_password(url)} has schema version {have}, newer than the SQLite "
                f"database's {version}: run `orgbot db migrate` on the SQLite database first."
            )


async def _copy(
    conn: asyncpg.Connection, url: str, snapshot: _Snapshot, tables: Sequence[_Table], chunk: int
) -> list[TableCount]:
    columns = await _target_columns(conn, [t.name for t in tables])
    for table in tables:
        theirs = columns.get(table.name)
        if theirs is None or set(theirs) != set(table.columns):
            raise CopyRefused(
                f"Table {table.name} differs between the SQLite database and "
                f"{without_password(url)} (SQLite: {', '.join(table.columns)}; PostgreSQL: "
                f"{', '.join(theirs or ['missing'])}): nothing was copied."
            )
    counts: list[TableCount] = []
    try:
        async with conn.transaction():
            for table in tables:  # roll-ups are copied as they are, not recounted
                await conn.execute(f"ALTER TABLE {_ident(table.name)} DISABLE TRIGGER USER")
            for table in tables:
                convert = _converters(table.columns, columns[table.name])
                await conn.copy_records_to_table(
                    table.name,
                    records=_records(snapshot, table, convert, chunk),
                    columns=list(table.columns),
                )
            for table in tables:
                await conn.execute(f"ALTER TABLE {_ident(table.name)} ENABLE TRIGGER USER")
            await _reset_sequences(conn, snapshot, [t.name for t in tables])
            for table in tables:
                copied = await conn.fetchval(f"SELECT count(*) FROM {_ident(table.name)}")
                source_rows = await asyncio.to_thread(snapshot.count, table.name)
                counts.append(TableCount(table.name, source_rows, int(copied)))
            if not all(c.ok for c in counts):
                raise _Differ
    except _Differ:
        pass  # rolled back; the report says which counts differ
    except asyncpg.PostgresError as exc:
        raise CopyRefused(
            f"PostgreSQL refused the copy ({_scrubbed(str(exc), url)}); nothing was kept."
        ) from None
    return counts


class _Differ(Exception):
    """A count differs: roll the copy back."""


async def _target_columns(conn: asyncpg.Connection, tables: list[str]) -> dict[str, dict[str, str]]:
    """Each target table's columns and their types."""
    rows = await conn.fetch(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ANY($1::text[])",
        tables,
    )
    found: dict[str, dict[str, str]] = {}
    for r in rows:
        found.setdefault(r["table_name"], {})[r["column_name"]] = r["data_type"]
    return found


async def _reset_sequences(
    conn: asyncpg.Connection, snapshot: _Snapshot, tables: list[str]
) -> None:
    """Every identity (or serial) column's next value past the highest id SQLite gave."""
    rows = await conn.fetch(
        "SELECT table_name, column_name, "
        "pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq "
        "FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ANY($1::text[])",
        tables,
    )
    given = await asyncio.to_thread(snapshot.autoincrement_high_marks)
    for r in rows:
        if r["seq"] is None:
            continue
        table, column = r["table_name"], r["column_name"]
        highest = await conn.fetchval(f"SELECT max({_ident(column)}) FROM {_ident(table)}")
        high = max(int(highest or 0), given.get(table, 0))
        if high > 0:
            await conn.execute("SELECT setval($1, $2, true)", r["seq"], high)


async def _records(
    snapshot: _Snapshot,
    table: _Table,
    convert: Callable[[tuple[Any, ...]], tuple[Any, ...]],
    chunk: int,
) -> AsyncIterator[tuple[Any, ...]]:
    cursor = await asyncio.to_thread(snapshot.rows, table)
    while rows := await asyncio.to_thread(cursor.fetchmany, chunk):
        for row in rows:
            yield convert(row)


_INT = ("bigint", "integer", "smallint")
_FLOAT = ("double precision", "real", "numeric")


def _converters(
    names: Sequence[str], types: dict[str, str]
) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A row converter to the target's types (SQLite's typing is loose, asyncpg's is not)."""
    wanted: list[type | None] = []
    for name in names:
        kind = types[name]
        wanted.append(
            int
            if kind in _INT
            else float
            if kind in _FLOAT
            else bytes
            if kind == "bytea"
            else str
            if kind in ("text", "character varying")
            else None
        )
    if all(w is None for w in wanted):
        return lambda row: row

    def convert(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            v if v is None or w is None or type(v) is w else w(v)
            for v, w in zip(row, wanted, strict=True)
        )

    return convert


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[str, ...]


class _Snapshot:
    """The SQLite database opened read-only, every read from one snapshot (one transaction)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    @classmethod
    def open(cls, path: Path) -> _Snapshot:
        if not path.is_file():
            raise CopyRefused(f"There is no SQLite database at {path}.")
        try:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts
        except sqlite3.DatabaseError as exc:
            raise CopyRefused(f"Cannot read {path} as an SQLite database: {exc}.") from None
        return cls(path, conn)

    def close(self) -> None:
        self._conn.close()

    def schema_version(self) -> int:
        try:
            row = self._conn.execute("SELECT coalesce(max(version), 0) FROM schema_version")
        except sqlite3.OperationalError:
            raise CopyRefused(
                f"{self.path} is not an organizer-bot database (it has no schema_version)."
            ) from None
        return int(row.fetchone()[0])

    def tables_in_order(self) -> list[_Table]:
        """The tables to copy, each after every table its foreign keys refer to."""
        names = [
            r[0]
            for r in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
            )
            if r[0] not in NOT_COPIED
        ]
        refers = {
            name: {
                r[2]
                for r in self._conn.execute(f"PRAGMA foreign_key_list({_ident(name)})")
                if r[2] != name
            }
            for name in names
        }
        ordered: list[str] = []
        while len(ordered) < len(names):
            ready = [n for n in names if n not in ordered and refers[n] <= set(ordered)]
            if not ready:  # a cycle of foreign keys: no migration makes one
                raise CopyRefused(f"{self.path}: its tables refer to each other in a cycle.")
            ordered.extend(ready)
        return [
            _Table(
                name,
                tuple(r[1] for r in self._conn.execute(f"PRAGMA table_info({_ident(name)})")),
            )
            for name in ordered
        ]

    def rows(self, table: _Table) -> sqlite3.Cursor:
        cols = ", ".join(_ident(c) for c in table.columns)
        return self._conn.execute(f"SELECT {cols} FROM {_ident(table.name)}")

    def count(self, table: str) -> int:
        return int(self._conn.execute(f"SELECT count(*) FROM {_ident(table)}").fetchone()[0])

    def autoincrement_high_marks(self) -> dict[str, int]:
        """The highest id SQLite ever gave per AUTOINCREMENT table (rows since deleted too)."""
        try:
            rows = self._conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
        except sqlite3.OperationalError:  # no AUTOINCREMENT table was ever written
            return {}
        return {name: int(seq) for name, seq in rows}

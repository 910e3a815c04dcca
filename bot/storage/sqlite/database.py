"""One Database object over one aiosqlite connection.

WAL mode, foreign keys on, a busy timeout. Statements from concurrent tasks are serialised by
a lock so a transaction never interleaves with another task's statements. SQLite failures are
turned into typed errors with a sentence a person can read.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import threading
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.domain.errors import StartupError, StoredConflict, Unavailable
from bot.storage.database import Dialect, Params
from bot.storage.unavailable import BUSY, FAILED, READ_ONLY

log = logging.getLogger(__name__)


def translate_error(exc: sqlite3.Error) -> Unavailable:
    """Map an SQLite operational error to a sentence for the person who caused it."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return Unavailable(BUSY)
    if "readonly" in text or "read-only" in text:
        log.error("database is read-only: %s", exc)
        return Unavailable(READ_ONLY)
    log.exception("database error")
    return Unavailable(FAILED)


class Transaction:
    """Statements run inside one BEGIN IMMEDIATE ... COMMIT."""

    dialect: Dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        with _translated():
            cursor = await self._conn.execute(sql, params)
        return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        with _translated():
            await self._conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        with _translated():
            async with self._conn.execute(sql, params) as cur:
                return await cur.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        with _translated():
            async with self._conn.execute(sql, params) as cur:
                return list(await cur.fetchall())

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


@contextmanager
def _translated() -> Iterator[None]:
    """A write refused by a constraint becomes the project's StoredConflict; a busy, read-only
    or failing database its Unavailable (the transaction then rolls back), as outside one."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise StoredConflict(str(exc)) from exc
    except sqlite3.OperationalError as exc:
        raise translate_error(exc) from exc


async def _worker_stopped(connection: aiosqlite.Connection) -> None:
    """Wait for the thread of a connection that failed to open to end.

    aiosqlite asks it to stop without waiting; if the loop closed first (the process exiting on
    this very error), the thread would fail to report back and print a traceback.
    """
    thread = getattr(connection, "_thread", None)  # aiosqlite 0.22 keeps no public handle
    if isinstance(thread, threading.Thread) and thread.is_alive():
        await asyncio.to_thread(thread.join, 5.0)


class Database:
    """The bot's SQLite database. Use :meth:`open`, then repositories built on it."""

    dialect: Dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: Path | str) -> None:
        self._conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, busy_timeout_ms: int = 5000) -> Database:
        """Open (creating if needed) the database file, or raise StartupError with one line."""
        in_memory = str(path) == ":memory:"
        if not in_memory:
            path = Path(path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StartupError(f"Cannot create the folder for database {path}: {exc}") from None
            _create_private(path)
        connecting = aiosqlite.connect(str(path), isolation_level=None)
        try:
            conn = await connecting
        except sqlite3.Error as exc:
            await _worker_stopped(connecting)
            raise StartupError(f"Cannot open database {path}: {exc}.") from None
        conn.row_factory = sqlite3.Row
        try:
            await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await conn.execute("PRAGMA foreign_keys = ON")
            async with conn.execute("PRAGMA journal_mode = WAL") as cur:
                await cur.fetchone()
            await conn.execute("PRAGMA synchronous = NORMAL")
            async with conn.execute("SELECT count(*) FROM sqlite_master") as cur:
                await cur.fetchone()
        except sqlite3.DatabaseError as exc:
            await conn.close()
            raise StartupError(_startup_reason(path, exc)) from None
        return cls(conn, path)

    async def close(self) -> None:
        await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Run the block atomically; any exception rolls everything back."""
        async with self._lock:
            try:
                await self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise translate_error(exc) from exc
            try:
                yield Transaction(self._conn)
            except BaseException:
                await self._rollback()
                raise
            try:
                await self._conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                await self._rollback()
                raise translate_error(exc) from exc

    async def _rollback(self) -> None:
        if self._conn.in_transaction:
            await self._conn.execute("ROLLBACK")

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._lock:
            try:
                async with self._conn.execute(sql, params) as cur:
                    return await cur.fetchone()
            except sqlite3.OperationalError as exc:
                raise translate_error(exc) from exc

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._lock:
            try:
                async with self._conn.execute(sql, params) as cur:
                    return list(await cur.fetchall())
            except sqlite3.OperationalError as exc:
                raise translate_error(exc) from exc

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def execute_script(self, script: str) -> None:
        """Run a multi-statement script as one transaction (used by migrations)."""
        async with self._lock:
            try:
                await self._conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nCOMMIT;")
            except sqlite3.Error:
                await self._rollback()
                raise

    async def backup(self, target: Path) -> None:
        """Copy the live database to a new private file with SQLite's online backup API.

        Safe while other connections (the running bot) read and write. The copy is checked
        before this returns; a failed copy is removed.
        """
        target = Path(target)
        if target.exists():
            raise StartupError(f"{target} already exists; choose a new file name for the backup.")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StartupError(f"Cannot create the folder for {target}: {exc.strerror}.") from None
        _create_private(target)
        dest = sqlite3.connect(target, check_same_thread=False)
        try:
            async with self._lock:
                await self._conn.backup(dest)
            found = dest.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in found] != ["ok"]:
                raise StartupError(f"The backup at {target} failed its integrity check.")
        except (sqlite3.Error, StartupError) as exc:
            dest.close()
            target.unlink(missing_ok=True)
            if isinstance(exc, StartupError):
                raise
            raise StartupError(f"The backup to {target} failed: {exc}.") from None
        dest.close()

    async def integrity_check(self) -> list[str]:
        """Problems found by PRAGMA integrity_check (empty when the file is sound)."""
        rows = await self.fetchall("PRAGMA integrity_check")
        found = [str(r[0]) for r in rows]
        return [] if found == ["ok"] else found


def _create_private(path: Path) -> None:
    """Create the file readable by its owner only, before SQLite opens it."""
    if path.exists():
        return
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise StartupError(f"Cannot create database {path}: {exc.strerror}.") from None


def _startup_reason(path: Path | str, exc: sqlite3.DatabaseError) -> str:
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        return (
            f"Database {path} is not a valid SQLite file (it may be corrupt). Move it aside or "
            "restore a backup, then start again."
        )
    if "locked" in text or "busy" in text:
        return f"Database {path} is locked by another program; stop it and start again."
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"Database {path} cannot be written: check its permissions and free disk space."
    return f"Database {path} cannot be used: {exc}."

"""The PostgreSQL Database (asyncpg): the same port as bot/storage/sqlite, over a pool.

Repositories write ``?`` placeholders; they become ``$1..$n`` here (bot/storage/postgres/
placeholders.py). Each transaction holds one pooled connection from BEGIN to COMMIT; reads
and writes outside one take a connection for that statement only, so many tasks (and many
processes) work at once. Transactions run at PostgreSQL's default READ COMMITTED level: a
read-then-write that must not race another process takes row locks (``FOR UPDATE``, see
bot/storage/sql.py) or is a single ``INSERT ... ON CONFLICT``.

Errors leave as the project's: a write refused by a constraint is StoredConflict (its
``constraint`` text names the table and columns, as SQLite's does: "UNIQUE constraint failed:
campaigns.community_id, campaigns.slug"), a server that is gone, full or busy is Unavailable
with the sentences SQLite's backend uses. Errors that are bugs in the SQL itself (a syntax
error, an unknown column, a Python value of the wrong type) are left as they are, so they are
seen and fixed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from typing import Any

import asyncpg
from asyncpg import exceptions as pg

from bot.domain.errors import StartupError, StoredConflict, Unavailable
from bot.storage.database import Dialect, Params
from bot.storage.postgres.placeholders import to_numbered
from bot.storage.postgres.url import passwords_in, without_password
from bot.storage.unavailable import BUSY, FAILED, READ_ONLY

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0  # seconds to wait for the server to answer a new connection
_STATUS_COUNT = re.compile(r"\s(\d+)$")
_BUSY = (
    pg.TooManyConnectionsError,
    pg.TransactionRollbackError,  # serialization failure, deadlock
    pg.LockNotAvailableError,
    pg.CannotConnectNowError,
)
_GONE = (
    pg.PostgresConnectionError,
    pg.OperatorInterventionError,  # an admin shutdown, a crash, a cancelled statement
    pg.InsufficientResourcesError,  # disk full, out of memory
    pg.ConnectionDoesNotExistError,
    pg.InternalClientError,  # a connection the server ended while asyncpg was still using it
    OSError,
    TimeoutError,
)


def rows_changed(status: str) -> int:
    """How many rows a command changed, from asyncpg's status ("UPDATE 3", "INSERT 0 1")."""
    found = _STATUS_COUNT.search(status or "")
    return int(found[1]) if found else 0


def conflict_text(exc: pg.IntegrityConstraintViolationError) -> str:
    """What a refused write violated, worded like SQLite's message, naming the table and the
    columns (never the values, which may be a member's)."""
    table = getattr(exc, "table_name", None) or "?"
    name = getattr(exc, "constraint_name", None) or ""
    suffix = f" ({name})" if name else ""
    if isinstance(exc, pg.NotNullViolationError):
        column = getattr(exc, "column_name", None) or "?"
        return f"NOT NULL constraint failed: {table}.{column}"
    if isinstance(exc, pg.CheckViolationError):
        return f"CHECK constraint failed: {table}.{name or '?'}"
    columns = _key_columns(getattr(exc, "detail", None) or "")
    named = ", ".join(f"{table}.{column}" for column in columns) if columns else table
    if isinstance(exc, pg.UniqueViolationError):
        return f"UNIQUE constraint failed: {named}{suffix}"
    if isinstance(exc, pg.ForeignKeyViolationError):
        return f"FOREIGN KEY constraint failed: {named}{suffix}"
    return f"constraint failed: {named}{suffix}"


def _key_columns(detail: str) -> list[str]:
    """The columns of a detail such as ``Key (community_id, slug)=(1, x) already exists.``"""
    if not detail.startswith("Key ("):
        return []
    end = detail.find(")=(")
    if end < 0:
        return []
    return [column.strip().strip('"') for column in detail[5:end].split(",") if column.strip()]


def translate(exc: Exception) -> Exception | None:
    """The project's error for a driver error, or None when it is a bug to leave as it is."""
    if isinstance(exc, pg.IntegrityConstraintViolationError):
        return StoredConflict(conflict_text(exc))
    if isinstance(exc, _BUSY):
        log.warning("database busy: %s", type(exc).__name__)
        return Unavailable(BUSY)
    if isinstance(exc, pg.ReadOnlySQLTransactionError):
        log.error("database is read-only: %s", exc)
        return Unavailable(READ_ONLY)
    if isinstance(exc, _GONE) or (
        isinstance(exc, pg.InterfaceError) and not isinstance(exc, pg._base.DataError)
    ):
        log.error("database failed to answer: %s", type(exc).__name__)
        return Unavailable(FAILED)
    return None


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except (
        pg.PostgresError,
        pg.InterfaceError,
        pg.InternalClientError,
        OSError,
        TimeoutError,
    ) as exc:
        mapped = translate(exc)
        if mapped is None:
            raise
        raise mapped from exc


class _Statements:
    """The statements shared by a transaction and the database outside one."""

    dialect: Dialect = "postgresql"

    async def _run(self, method: str, sql: str, *args: Any) -> Any:
        raise NotImplementedError

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return how many rows it changed. Without parameters the text
        may hold several statements (a migration), and it is not rewritten."""
        if not params:
            return rows_changed(await self._run("execute", sql))
        return rows_changed(await self._run("execute", to_numbered(sql), *params))

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self._run("executemany", to_numbered(sql), [tuple(r) for r in rows])

    async def fetchone(self, sql: str, params: Params = ()) -> asyncpg.Record | None:
        return await self._run("fetchrow", to_numbered(sql), *params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[asyncpg.Record]:
        return list(await self._run("fetch", to_numbered(sql), *params))

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


class Transaction(_Statements):
    """Statements inside one transaction on one connection."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def _run(self, method: str, sql: str, *args: Any) -> Any:
        with _translated():
            return await getattr(self._conn, method)(sql, *args)


class PostgresDatabase(_Statements):
    """The bot's PostgreSQL database. Use :meth:`open`, then repositories built on it."""

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self._pool = pool
        self.path = without_password(url)

    @classmethod
    async def open(
        cls,
        url: str,
        *,
        min_size: int = 1,
        max_size: int = 10,
        connect_timeout: float = CONNECT_TIMEOUT,
    ) -> PostgresDatabase:
        """Connect a pool to ``url``, or raise StartupError with one line (no password)."""
        shown = without_password(url)
        try:
            pool = await asyncpg.create_pool(
                url,
                min_size=min_size,
                max_size=max_size,
                timeout=connect_timeout,
                server_settings={"application_name": "orgbot"},
            )
        except Exception as exc:  # every way of failing becomes one line
            raise StartupError(_startup_reason(shown, url, exc, connect_timeout)) from None
        return cls(pool, url)

    async def close(self) -> None:
        await self._pool.close()

    async def _run(self, method: str, sql: str, *args: Any) -> Any:
        with _translated():
            return await getattr(self._pool, method)(sql, *args)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Run the block atomically on one connection; any exception rolls it back."""
        with _translated():
            conn = await self._pool.acquire()
        try:
            tx = conn.transaction()
            with _translated():
                await tx.start()
            try:
                yield Transaction(conn)
            except BaseException:
                with suppress(Exception):  # a connection gone rolls back by itself
                    await tx.rollback()
                raise
            with _translated():
                await tx.commit()
        finally:
            await self._pool.release(conn)


def _startup_reason(shown: str, url: str, exc: BaseException, timeout: float) -> str:
    """One line for the operator about a database that cannot be used; never a password."""
    lines = str(exc).strip().splitlines()
    detail = lines[0] if lines else type(exc).__name__
    for secret in passwords_in(url):
        detail = detail.replace(secret, "***")
    if isinstance(exc, pg.InvalidAuthorizationSpecificationError):
        return (
            f"PostgreSQL at {shown} refused the login ({detail}): check the user and password "
            "in ORGBOT_DATABASE_URL."
        )
    if isinstance(exc, pg.InvalidCatalogNameError):
        return f"PostgreSQL at {shown}: {detail}. Create it first (createdb), then start again."
    if isinstance(exc, TimeoutError):
        return f"PostgreSQL at {shown} did not answer within {timeout:g} s; is it running?"
    if isinstance(exc, OSError):
        reason = exc.strerror or detail
        return f"Cannot connect to PostgreSQL at {shown}: {reason}. Is the server running there?"
    if isinstance(exc, pg.ClientConfigurationError | ValueError):
        return f"ORGBOT_DATABASE_URL is not a usable PostgreSQL address ({shown}): {detail}."
    if isinstance(exc, _BUSY):
        return f"PostgreSQL at {shown} is not accepting connections now: {detail}."
    return f"Cannot use PostgreSQL at {shown}: {detail}."

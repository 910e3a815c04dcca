"""Numbered SQL migrations (migrations/NNNN_name.sql), applied in order at start.

Each backend keeps the same numbered history in its own folder (bot/storage/sqlite/migrations,
bot/storage/postgres/migrations), written in its own SQL. A ``schema_version`` table records
what is applied. Running again changes nothing; a database whose schema is newer than this code
knows is refused with a clear message. On PostgreSQL the run holds a transaction-level advisory
lock, so several processes starting at once migrate once (the others wait, then find nothing
to do), and each migration is atomic like the whole run.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from asyncpg import PostgresError

from bot.domain.errors import StartupError, StoredConflict, Unavailable
from bot.storage.database import Database, Dialect
from bot.storage.postgres.database import PostgresDatabase
from bot.storage.sqlite.database import Database as SqliteDatabase
from bot.storage.sqlite.database import _startup_reason

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
_PACKAGES: dict[Dialect, str] = {
    "sqlite": "bot.storage.sqlite",
    "postgresql": "bot.storage.postgres",
}
# pg_advisory_xact_lock key held while migrating ("orgbot:migrate"); other locks use others.
MIGRATION_LOCK = 0x6F7267626F746D67


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def bundled_migrations(dialect: Dialect = "sqlite") -> list[Migration]:
    """The migrations shipped for ``dialect``'s backend, sorted by number."""
    found = []
    for entry in resources.files(_PACKAGES[dialect]).joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


async def current_version(db: Database) -> int:
    """The highest migration applied (0 on a new database)."""
    if db.dialect == "postgresql":
        if await db.fetchval("SELECT to_regclass('schema_version') IS NOT NULL") is not True:
            return 0
    elif (
        await db.fetchone(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        )
        is None
    ):
        return 0
    return int(await db.fetchval("SELECT coalesce(max(version), 0) FROM schema_version") or 0)


async def migrate(db: Database, migrations: list[Migration] | None = None) -> list[int]:
    """Apply pending migrations; return the versions applied now."""
    migrations = bundled_migrations(db.dialect) if migrations is None else migrations
    if isinstance(db, PostgresDatabase):
        return await _migrate_postgres(db, migrations)
    if isinstance(db, SqliteDatabase):
        return await _migrate_sqlite(db, migrations)
    raise TypeError(f"no migrations for {type(db).__name__}")


def _too_new(db: Database, have: int, known: int) -> StartupError:
    return StartupError(
        f"Database {db.path} has schema version {have}, but this version of the bot only "
        f"knows up to {known}. Upgrade the bot (or restore a backup made by this version)."
    )


async def _migrate_sqlite(db: SqliteDatabase, migrations: list[Migration]) -> list[int]:
    known = migrations[-1].version if migrations else 0
    try:
        await db.execute_script(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
        )
        have = await current_version(db)
        if have > known:
            raise _too_new(db, have, known)
        applied = []
        for m in migrations:
            if m.version <= have:
                continue
            await db.execute_script(
                f"{m.sql}\nINSERT INTO schema_version (version, name, applied_at) "
                f"VALUES ({m.version}, '{m.name}', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));"
            )
            applied.append(m.version)
        return applied
    except sqlite3.DatabaseError as exc:
        raise StartupError(_startup_reason(db.path, exc)) from None


async def _migrate_postgres(db: PostgresDatabase, migrations: list[Migration]) -> list[int]:
    """Every pending migration in one transaction, under the migration lock."""
    known = migrations[-1].version if migrations else 0
    applied: list[int] = []
    step = "schema_version"
    try:
        async with db.transaction() as tx:
            await tx.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            await tx.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY,"
                ' name TEXT COLLATE "C" NOT NULL, applied_at TEXT COLLATE "C" NOT NULL)'
            )
            have = int(await tx.fetchval("SELECT coalesce(max(version), 0) FROM schema_version"))
            if have > known:
                raise _too_new(db, have, known)
            for m in migrations:
                if m.version <= have:
                    continue
                step = f"{m.version:04d}_{m.name}"
                await tx.execute(m.sql)
                await tx.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (m.version, m.name, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
                )
                applied.append(m.version)
    except (StoredConflict, Unavailable) as exc:
        raise StartupError(f"Migrating {db.path} failed at {step}: {exc.message}") from None
    except PostgresError as exc:  # the SQL itself was refused: say where, on one line
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise StartupError(
            f"Migrating {db.path} failed at {step} ({first}); nothing of it was applied."
        ) from None
    return applied

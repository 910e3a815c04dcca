"""Numbered SQL migrations (migrations/NNNN_name.sql), applied in order at start.

A ``schema_version`` table records what is applied. Running again changes nothing; a database
whose schema is newer than this code knows is refused with a clear message.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from bot.domain.errors import StartupError
from bot.storage.sqlite.database import Database, _startup_reason

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """The migrations shipped in bot/storage/sqlite/migrations, sorted by number."""
    found = []
    for entry in resources.files("bot.storage.sqlite").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


async def current_version(db: Database) -> int:
    row = await db.fetchone(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    )
    if row is None:
        return 0
    row = await db.fetchone("SELECT coalesce(max(version), 0) FROM schema_version")
    return int(row[0]) if row else 0


async def migrate(db: Database, migrations: list[Migration] | None = None) -> list[int]:
    """Apply pending migrations; return the versions applied now."""
    migrations = bundled_migrations() if migrations is None else migrations
    known = migrations[-1].version if migrations else 0
    try:
        await db.execute_script(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
        )
        have = await current_version(db)
        if have > known:
            raise StartupError(
                f"Database {db.path} has schema version {have}, but this version of the bot only "
                f"knows up to {known}. Upgrade the bot (or restore a backup made by this version)."
            )
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

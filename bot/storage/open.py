"""Open the database the settings name: PostgreSQL when ORGBOT_DATABASE_URL is set, else the
SQLite file at ORGBOT_DATABASE_PATH (the default)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from bot.storage.postgres.database import PostgresDatabase
from bot.storage.postgres.url import without_password
from bot.storage.sqlite.database import Database as SqliteDatabase
from bot.storage.sqlite.process_lock import ProcessLock, lock_database

AnyDatabase = SqliteDatabase | PostgresDatabase


class DatabaseSettings(Protocol):
    """What opening a database reads of the settings (bot.settings.Settings has it)."""

    database_path: Path
    db_busy_timeout_ms: int
    database_pool_size: int

    @property
    def postgres_url(self) -> str | None: ...


async def open_database(settings: DatabaseSettings) -> AnyDatabase:
    """The configured database, open; StartupError with one line when it cannot be."""
    url = settings.postgres_url
    if url:
        return await PostgresDatabase.open(url, max_size=settings.database_pool_size)
    return await SqliteDatabase.open(settings.database_path, settings.db_busy_timeout_ms)


def database_name(settings: DatabaseSettings) -> str:
    """The database as it may be shown: the file, or the URL without its password."""
    url = settings.postgres_url
    return without_password(url) if url else str(settings.database_path)


def process_lock(settings: DatabaseSettings) -> ProcessLock | None:
    """The SQLite file's one-process lock (DatabaseInUse if another process holds it). None on
    PostgreSQL, where several processes sharing the database is the point."""
    if settings.postgres_url:
        return None
    return lock_database(settings.database_path)

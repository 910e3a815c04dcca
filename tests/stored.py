"""What a bot process stored, read by the test afterwards on the run's backend.

On the SQLite run that is the database file; on the PostgreSQL run, the database the test's
``database_url`` fixture made (in ORGBOT_DATABASE_URL, which the bot processes read too).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any


def stored_rows(database: Path, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` (``?`` placeholders) as tuples, from the SQLite file ``database`` or,
    on the PostgreSQL run, from the test's PostgreSQL database."""
    url = os.environ.get("ORGBOT_DATABASE_URL")
    if not url:
        with closing(sqlite3.connect(database)) as db:
            return db.execute(sql, params).fetchall()
    # Its own thread and loop: callers may be inside a test's running event loop.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, _postgres_rows(url, sql, params)).result(timeout=60)


async def _postgres_rows(url: str, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    from bot.storage.postgres.database import PostgresDatabase

    db = await PostgresDatabase.open(url, min_size=1, max_size=1)
    try:
        return [tuple(row) for row in await db.fetchall(sql, params)]
    finally:
        await db.close()


def left_sound(database: Path) -> bool:
    """After a bot process stopped: SQLite's integrity check passes, or on PostgreSQL the
    process closed every connection it had to the test's database."""
    if not os.environ.get("ORGBOT_DATABASE_URL"):
        return stored_rows(database, "PRAGMA integrity_check") == [("ok",)]
    others = stored_rows(
        database,
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    return others == [(0,)]

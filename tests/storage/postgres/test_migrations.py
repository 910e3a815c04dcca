"""PostgreSQL migrations: the whole history on an empty database, nothing the second time, once
when several processes start together, atomically, and never onto a newer schema."""

from __future__ import annotations

import asyncio

import pytest

from bot.domain.errors import StartupError
from bot.storage.migrations import Migration, bundled_migrations, current_version, migrate
from bot.storage.postgres.database import PostgresDatabase

from .conftest import needs_server

pytestmark = needs_server


async def test_migrate_an_empty_database_then_nothing(empty_postgres: str) -> None:
    db = await PostgresDatabase.open(empty_postgres)
    try:
        assert await current_version(db) == 0
        every = [m.version for m in bundled_migrations("postgresql")]
        assert await migrate(db) == every
        assert await current_version(db) == every[-1]
        assert await migrate(db) == []
        names = await db.fetchall("SELECT version, name FROM schema_version ORDER BY version")
        assert [(r["version"], r["name"]) for r in names] == [
            (m.version, m.name) for m in bundled_migrations("postgresql")
        ]
    finally:
        await db.close()


async def test_processes_starting_together_migrate_once(empty_postgres: str) -> None:
    """Three pools stand for three processes: one applies everything, the others wait on the
    advisory lock and then find nothing to do (none fails on a table that already exists)."""
    pools = [await PostgresDatabase.open(empty_postgres) for _ in range(3)]
    try:
        results = await asyncio.wait_for(asyncio.gather(*(migrate(db) for db in pools)), 60)
        every = [m.version for m in bundled_migrations("postgresql")]
        assert sorted(results, key=len) == [[], [], every]
        assert await pools[0].fetchval("SELECT count(*) FROM schema_version") == len(every)
    finally:
        for db in pools:
            await db.close()


async def test_a_failing_migration_applies_nothing(empty_postgres: str) -> None:
    first = bundled_migrations("postgresql")[:2]
    broken = Migration(3, "broken", "CREATE TABLE fine (id BIGINT); SELECT no_such_column;")
    db = await PostgresDatabase.open(empty_postgres)
    try:
        with pytest.raises(StartupError) as info:
            await migrate(db, [*first, broken])
        assert "0003_broken" in info.value.message and "\n" not in info.value.message
        assert await current_version(db) == 0  # the run is one transaction
        assert await db.fetchval("SELECT to_regclass('communities') IS NULL") is True
        assert await migrate(db, first) == [1, 2]
    finally:
        await db.close()


async def test_a_newer_schema_is_refused(pg: PostgresDatabase) -> None:
    await pg.execute(
        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
        (999, "future", "2030-01-01T00:00:00Z"),
    )
    with pytest.raises(StartupError, match="schema version 999"):
        await migrate(pg)

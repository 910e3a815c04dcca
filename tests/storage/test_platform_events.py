"""Platform events taken (migration 0017): a key is claimed once, by one of any number of
concurrent claims; keys older than an hour are deleted while claiming."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.core.event_claims import KEY_MAX, EventClaims, stored_key
from bot.domain.clock import ManualClock
from bot.domain.models import Platform
from bot.storage.database import Database
from bot.storage.migrations import migrate
from bot.storage.platform_events import PlatformEventRepository
from bot.storage.sqlite.database import Database as SqliteDatabase


@pytest.fixture
async def db(tmp_path: Path, database_url: str | None) -> AsyncIterator[Database]:
    """A migrated database of the run's backend (a SQLite file, or the test's PostgreSQL one)."""
    opened: Database
    if database_url is None:
        opened = await SqliteDatabase.open(tmp_path / "events.sqlite3", 5000)
        await migrate(opened)
    else:
        from bot.storage.postgres.database import PostgresDatabase

        opened = await PostgresDatabase.open(database_url)
    yield opened
    await opened.close()


async def test_a_key_is_claimed_once_per_platform(db: Database) -> None:
    repo = PlatformEventRepository(db)
    assert await repo.claim("slack", "T1/Ev1", "2026-01-05T12:00:00Z")
    assert not await repo.claim("slack", "T1/Ev1", "2026-01-05T12:01:00Z")
    assert await repo.claim("slack", "T1/Ev2", "2026-01-05T12:01:00Z")
    assert await repo.claim("discord", "T1/Ev1", "2026-01-05T12:01:00Z")
    row = await db.fetchone("SELECT * FROM platform_events WHERE event_key = 'T1/Ev1' LIMIT 1")
    assert row is not None and set(row.keys()) == {"platform", "event_key", "seen_at"}


async def test_of_concurrent_claims_exactly_one_wins(db: Database) -> None:
    repo = PlatformEventRepository(db)
    won = await asyncio.gather(
        *(repo.claim("slack", "T1/Ev1", "2026-01-05T12:00:00Z") for _ in range(20))
    )
    assert won.count(True) == 1


async def test_old_keys_are_forgotten(db: Database) -> None:
    repo = PlatformEventRepository(db)
    await repo.claim("slack", "old", "2026-01-05T10:59:59Z")
    await repo.claim("slack", "new", "2026-01-05T11:00:00Z")
    assert await repo.forget_before("2026-01-05T11:00:00Z") == 1
    assert await repo.claim("slack", "old", "2026-01-05T12:00:00Z")
    assert not await repo.claim("slack", "new", "2026-01-05T12:00:00Z")


async def test_claims_keep_keys_an_hour_and_prune_while_claiming(db: Database) -> None:
    clock = ManualClock()
    claims = EventClaims(PlatformEventRepository(db), clock)
    assert await claims.first_time(Platform.SLACK, "T1/Ev1")
    clock.advance(timedelta(minutes=59))
    assert not await claims.first_time(Platform.SLACK, "T1/Ev1")
    clock.advance(timedelta(minutes=6))  # past the hour, and a prune is due (every 5 minutes)
    assert await claims.first_time(Platform.SLACK, "T1/Ev2")  # prunes on the way
    assert await db.fetchval("SELECT count(*) FROM platform_events") == 1
    assert await claims.first_time(Platform.SLACK, "T1/Ev1")  # forgotten


async def test_a_long_key_is_kept_as_its_digest(db: Database) -> None:
    claims = EventClaims(PlatformEventRepository(db), ManualClock())
    long = "x" * (KEY_MAX + 1)
    assert await claims.first_time(Platform.SLACK, long)
    assert not await claims.first_time(Platform.SLACK, long)
    assert stored_key(long) != long and len(stored_key(long)) <= KEY_MAX
    assert stored_key("T1/Ev1") == "T1/Ev1"

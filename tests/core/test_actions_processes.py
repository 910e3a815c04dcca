"""Several bot processes recording actions on one PostgreSQL database: each report counted once,
the daily cap kept across processes, ids never given twice, no deadlock on the roll-ups."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.core.actions import ActionService
from bot.core.live_counts import LiveCounts
from bot.domain.action_models import Change
from bot.domain.clock import ManualClock
from bot.domain.errors import RateLimited
from bot.services import Services
from bot.storage.actions import ActionRepository
from bot.storage.postgres.database import PostgresDatabase

from .actions_world import BALINT, MONDAY_NOON, SANDERS, WELCH, World, make_world

pytestmark = pytest.mark.postgres
WAIT = 30.0  # seconds; a loaded machine


@pytest.fixture
async def world(full_services: Services, clock: ManualClock) -> World:
    clock.set(MONDAY_NOON)
    return await make_world(full_services)


@pytest.fixture
async def other_db(database_url: str) -> AsyncIterator[PostgresDatabase]:
    """A second pool on the same database: what another bot process holds."""
    db = await PostgresDatabase.open(database_url)
    yield db
    await db.close()


def recorder(world: World, db: PostgresDatabase, clock: ManualClock) -> ActionService:
    """The actions service of another process, on its own connections."""
    services = world.services
    return ActionService(
        ActionRepository(db),
        services.prompts,
        services.campaigns,
        services.directory,
        clock,
        services.actions.daily_cap,
        services.actions.emoji,
        LiveCounts(clock, 0),
    )


async def test_two_processes_count_each_report_once_and_keep_the_cap(
    world: World, other_db: PostgresDatabase, clock: ManualClock
) -> None:
    """Both processes get the same burst (a redelivered event lands on either) plus a member
    over the daily cap split between them: every call counted once, the cap held."""
    here, there = world.services.actions, recorder(world, other_db, clock)
    crowd = [await world.actor(f"p{i}") for i in range(30)]
    prompts = [world.prompt] + [await world.post(message=f"m{i}") for i in range(2, 8)]
    burst = []
    for actor in crowd:
        for lawmaker in (SANDERS, WELCH, BALINT):
            for service in (here, there):
                burst.append(
                    service.report(actor, "contact", prompt_id=world.prompt.id, lawmaker=lawmaker)
                )
    over = [
        (here if i % 2 else there).report(world.ann, "contact", prompt_id=p.id, lawmaker=SANDERS)
        for i, p in enumerate(prompts)
    ]
    try:
        results = await asyncio.wait_for(
            asyncio.gather(*burst, *over, return_exceptions=True), WAIT
        )
    finally:
        await there.batcher.close(WAIT)
    failed = [r for r in results[: len(burst)] if isinstance(r, BaseException)]
    assert failed == []
    assert sorted(r.change for r in results[: len(burst)] if not isinstance(r, BaseException)) == (
        [Change.RECORDED] * 90 + [Change.UNCHANGED] * 90
    )
    refused = [r for r in results[len(burst) :] if isinstance(r, RateLimited)]
    assert len(refused) == len(prompts) - here.daily_cap
    assert await world.count() == 90 + here.daily_cap
    assert await world.consistent()


async def test_a_batch_waits_for_another_process_s_batch_and_takes_later_ids(
    world: World, other_db: PostgresDatabase
) -> None:
    """While one process's batch is open, another's waits at its start (so it reads what the
    first wrote); once the first ends, the second's ids come after every id the first gave."""
    first, second = ActionRepository(world.services.db), ActionRepository(other_db)
    entered = asyncio.Event()
    taken: list[int] = []

    async def later() -> None:
        async with second.batch() as batch:
            entered.set()
            taken.append(await batch.next_id())

    async with first.batch() as batch:
        start = await batch.next_id()
        waiting = asyncio.create_task(later())
        await blocked_on_a_lock(world, other_db)
        assert not entered.is_set()
        await batch.write([], [], [])
    await asyncio.wait_for(waiting, WAIT)
    assert taken[0] > start


async def blocked_on_a_lock(world: World, db: PostgresDatabase) -> None:
    """Wait until some session of this database waits for a lock (the server's own view is
    the only signal there is, so it is asked again and again)."""
    async with asyncio.timeout(WAIT):
        while True:
            waiting = await world.services.db.fetchval(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if waiting:
                return
            await asyncio.sleep(0.01)

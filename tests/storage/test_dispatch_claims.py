"""The dispatch log's claims hold on both backends when claims run at once (on PostgreSQL each
transaction has its own pooled connection, as another process would): a slot is claimed once,
a send in doubt is reported as interrupted once, and a schedule's settings and its claims agree."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from bot.domain.models import Platform
from bot.domain.schedule_models import DispatchKind, DispatchStatus
from bot.services import Services
from bot.storage.schedules import DispatchRepository, ScheduleRepository

NOW = datetime(2026, 1, 5, 14, 0, tzinfo=UTC)


async def schedule_of(services: Services) -> tuple[int, int]:
    """(community id, schedule id) of a daily schedule checked up to NOW."""
    actor = await services.members.actor(Platform.CONSOLE, "c1", "org", True)
    community = actor.community.id
    campaign = await services.campaigns.create(
        actor, {"title": "Fund the libraries", "ask": "Ask.", "script": "Hi {lawmaker}."}
    )
    schedule = await ScheduleRepository(services.db).add(
        community, campaign.id, "general", "daily at 09:00", "UTC", None, None, None, NOW
    )
    return community, schedule.id


async def test_of_concurrent_claims_of_a_slot_exactly_one_wins(services: Services) -> None:
    community, schedule = await schedule_of(services)
    repo = DispatchRepository(services.db)
    slot = NOW + timedelta(hours=19)
    won = await asyncio.gather(
        *(repo.claim_prompt(community, schedule, slot, NOW) for _ in range(8))
    )
    assert won.count(True) == 1
    member_won = await asyncio.gather(
        *(
            repo.claim(community, DispatchKind.REMINDER, "member:1", "2026-01-06", NOW)
            for _ in range(8)
        )
    )
    assert member_won.count(True) == 1


async def test_a_paused_or_handled_schedule_owes_no_slot(services: Services) -> None:
    community, schedule = await schedule_of(services)
    dispatches = DispatchRepository(services.db)
    schedules = ScheduleRepository(services.db)
    assert not await dispatches.claim_prompt(community, schedule, NOW, NOW)  # handled up to NOW
    await schedules.set_paused(schedule, True, NOW)
    assert not await dispatches.claim_prompt(community, schedule, NOW + timedelta(hours=1), NOW)
    await schedules.set_paused(schedule, False, NOW - timedelta(days=1))  # never moves back
    found = await schedules.get(community, schedule)
    assert found is not None and found.checked_until == NOW
    assert await dispatches.claim_prompt(community, schedule, NOW + timedelta(hours=1), NOW)


async def test_sends_in_doubt_are_reported_interrupted_once_when_two_recoveries_race(
    services: Services,
) -> None:
    community, _ = await schedule_of(services)
    repo = DispatchRepository(services.db)
    for n in range(40):
        day = (date(2026, 1, 6) + timedelta(days=n)).isoformat()
        assert await repo.claim(community, DispatchKind.DIGEST, f"community:{community}", day, NOW)
    if services.db.dialect == "postgresql":  # a connection each, ready: the four truly race
        await asyncio.gather(*(services.db.fetchval("SELECT pg_sleep(0.05)") for _ in range(4)))
    found = await asyncio.gather(*(repo.interrupt_in_doubt(NOW, "stopped") for _ in range(4)))
    ids = [row.id for rows in found for row in rows]
    assert len(ids) == 40 and len(set(ids)) == 40  # each once, by one of the recoveries
    assert all(row.status is DispatchStatus.INTERRUPTED for rows in found for row in rows)
    assert await repo.unreported_interruptions(community) == {community: {DispatchKind.DIGEST: 40}}


async def test_a_claim_made_while_an_edit_is_under_way_sees_the_edit(services: Services) -> None:
    """An edit that handles tomorrow's 09:00 slot ahead of time, and a claim of that slot made
    in the middle of the edit's transaction (as another process would): the claim waits for the
    edit and is refused, so the old settings post nothing the edit counted as handled."""
    community, schedule = await schedule_of(services)
    dispatches = DispatchRepository(services.db)
    slot = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    if services.db.dialect == "postgresql":  # connections ready, so the claim starts at once
        await asyncio.gather(*(services.db.fetchval("SELECT pg_sleep(0.05)") for _ in range(3)))
    claims: list[asyncio.Task[bool]] = []

    def handled_until(posted: int) -> datetime:
        assert posted == 0
        claims.append(asyncio.create_task(dispatches.claim_prompt(community, schedule, slot, NOW)))
        return slot + timedelta(hours=1)

    await ScheduleRepository(services.db).edit(
        schedule, "general", "daily at 10:00", "UTC", None, None, (NOW, NOW), handled_until
    )
    [claim] = claims
    assert not await claim
    assert await dispatches.for_subject(DispatchKind.PROMPT, f"schedule:{schedule}") == []

"""Reminders are claimed as their DM leaves, not when the batch starts, and a stop leaves the
ones not yet on their way for the next start.

The platform here sends through a real delivery queue paced at one request a second, on a
virtual timer whose waits the test holds: while the first reminder is sent, the others wait for
the limiter, and the test sees what the dispatch log holds at that moment.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import timedelta

import pytest

from bot.delivery.limits import GLOBAL, Rate, RateLimiter
from bot.delivery.queue import DeliveryQueue
from bot.delivery.timing import VirtualTimer
from bot.domain.campaign_models import Campaign
from bot.domain.clock import ManualClock
from bot.domain.models import Community, Platform
from bot.messages import Message, PostedRef
from bot.services import Services

from .conftest import RecordingPort, actor_of

MEMBERS = ("ann", "bob", "cai", "dee", "eve")


class QueuedPort(RecordingPort):
    """A platform whose every DM goes through a delivery queue allowing one request a second;
    each wait for the limiter is held until the test lets it pass."""

    claims_at_send = True

    def __init__(self, clock: ManualClock) -> None:
        super().__init__(clock)
        self.waiting = asyncio.Event()
        self.go_on = asyncio.Event()
        timer = VirtualTimer(start=0.0, on_wait=self._held)
        limiter = RateLimiter(lambda key: (Rate(1, 1.0),) if key == GLOBAL else (), timer)
        self.queue = DeliveryQueue(limiter, delivers=lambda keys: True)

    async def _held(self, seconds: float) -> None:
        self.waiting.set()
        await self.go_on.wait()

    async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
        keys: Sequence[str] = (f"route:dm:{user_id}", GLOBAL)
        parent = super()
        return await self.queue.run(keys, lambda: parent.send_dm(community, user_id, message))


@pytest.fixture
async def port(services: Services, clock: ManualClock) -> QueuedPort:
    queued = QueuedPort(clock)
    services.scheduler.attach(queued)
    return queued


async def reminders_due(services: Services, clock: ManualClock) -> None:
    """Five members whose daily 09:00 reminder is due a minute ago."""
    for name in MEMBERS:
        actor = await actor_of(services, name)
        plan = await services.reminders.turn_on(actor, "09:00", "", "every day")
    clock.set(plan.next_at + timedelta(minutes=1))


async def statuses(services: Services) -> list[str]:
    rows = await services.db.fetchall("SELECT status FROM dispatches WHERE kind = 'reminder'")
    return sorted(r["status"] for r in rows)


async def test_only_the_reminder_on_its_way_is_claimed(
    services: Services, port: QueuedPort, campaign: Campaign, clock: ManualClock
) -> None:
    """While the first DM goes out and the others wait for the limiter, the log holds one row
    (so a crash then costs one reminder, not the batch); then each is claimed as it leaves."""
    await reminders_due(services, clock)
    tick = asyncio.create_task(services.scheduler.engine.tick())
    await asyncio.wait_for(port.waiting.wait(), 10)
    claimed = await statuses(services)
    port.go_on.set()
    assert len(claimed) == 1, claimed  # the first, sent or being sent
    await asyncio.wait_for(tick, 10)
    assert await statuses(services) == ["sent"] * len(MEMBERS)
    assert sorted(s.where for s in port.sent) == sorted(f"dm:{name}" for name in MEMBERS)


async def test_a_stop_leaves_the_waiting_reminders_for_the_next_start(
    services: Services, port: QueuedPort, campaign: Campaign, clock: ManualClock
) -> None:
    """Stopping while reminders wait for the limiter: they are neither sent, claimed nor
    recorded as failures, and the next start sends each of them once."""
    await reminders_due(services, clock)
    engine = services.scheduler.engine
    tick = asyncio.create_task(engine.tick())
    await asyncio.wait_for(port.waiting.wait(), 10)
    engine.stop.request()
    port.go_on.set()
    await asyncio.wait_for(tick, 10)
    assert await statuses(services) == ["sent"]
    assert len(port.sent) == 1
    assert await services.db.fetchall("SELECT * FROM delivery_failures") == []

    engine.stop.clear()  # the next start
    clock.advance(timedelta(minutes=5))
    await engine.tick()
    assert await statuses(services) == ["sent"] * len(MEMBERS)
    assert sorted(s.where for s in port.sent) == sorted(f"dm:{name}" for name in MEMBERS)


async def test_a_host_without_a_queue_is_claimed_before_it_is_called(
    services: Services, campaign: Campaign, clock: ManualClock
) -> None:
    """The console has no delivery queue: each reminder is claimed just before it is shown."""
    seen: list[list[str]] = []

    class Watching(RecordingPort):
        async def send_dm(self, community: Community, user_id: str, message: Message) -> PostedRef:
            seen.append(await statuses(services))
            return await super().send_dm(community, user_id, message)

    services.scheduler.attach(Watching(clock, Platform.CONSOLE))
    await reminders_due(services, clock)
    await services.scheduler.engine.tick()
    assert len(seen) == len(MEMBERS)
    assert all("sending" in before for before in seen)
    assert await statuses(services) == ["sent"] * len(MEMBERS)

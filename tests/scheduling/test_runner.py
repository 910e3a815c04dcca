"""The production wiring: APScheduler jobs, the weekly data refresh, hosts that start late."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from apscheduler.triggers.cron import CronTrigger

from bot.domain.campaign_models import Campaign
from bot.domain.clock import ManualClock
from bot.domain.errors import Unavailable
from bot.domain.models import Actor, Community, Platform
from bot.messages import Message, PostedRef
from bot.scheduling.runner import DataRefresh
from bot.services import Services
from bot.storage.schedules import DeliveryFailureRepository, DispatchRepository

from .conftest import RecordingPort


async def test_start_wakes_the_engine_every_minute_and_refreshes_weekly(
    services: Services,
) -> None:
    """start() adds the minute tick and the Sunday data refresh; stop() removes them."""
    scheduler = services.scheduler
    await scheduler.start()
    try:
        aps = scheduler._aps
        assert aps is not None and aps.running
        tick, refresh = aps.get_job("tick"), aps.get_job("refresh")
        assert isinstance(tick.trigger, CronTrigger) and str(tick.trigger.fields[-1]) == "0"
        assert str(refresh.trigger) == "cron[day_of_week='sun', hour='4', minute='17']"
    finally:
        await scheduler.stop()
    assert not scheduler.running


async def test_the_refresh_syncs_from_the_mirror_and_forgets_old_log_rows(
    services: Services, clock: ManualClock
) -> None:
    """The weekly job calls the data sync with the mirror setting, then prunes 90-day-old rows."""
    asked: list[str | None] = []

    async def sync(mirror: str | None) -> None:
        asked.append(mirror)

    refresh = DataRefresh(
        sync,
        "../shared/civic-data",
        DispatchRepository(services.db),
        DeliveryFailureRepository(services.db),
        clock,
    )
    actor = await services.members.actor(Platform.CONSOLE, "c", "olga", True)
    await DeliveryFailureRepository(services.db).record(
        actor.community.id, "daily reminder", "dm", "closed", clock.now()
    )
    clock.advance(timedelta(days=91))
    assert await refresh.run()
    assert asked == ["../shared/civic-data"]
    assert await DeliveryFailureRepository(services.db).recent(actor.community.id) == []


async def test_a_failed_refresh_keeps_the_old_data(services: Services, clock: ManualClock) -> None:
    """If the download fails the job says so and does not raise (the old index stays)."""

    async def sync(mirror: str | None) -> None:
        raise Unavailable("The lawmaker data could not be downloaded.")

    refresh = DataRefresh(
        sync, None, DispatchRepository(services.db), DeliveryFailureRepository(services.db), clock
    )
    assert not await refresh.run()


class LateHost(RecordingPort):
    """A host that is still connecting (like discord.py before READY)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.ready = asyncio.Event()

    def is_ready(self) -> bool:
        return self.ready.is_set()

    async def wait_until_ready(self) -> None:
        await self.ready.wait()


async def test_a_host_that_becomes_ready_is_caught_up_at_once(
    services: Services, clock: ManualClock
) -> None:
    """Slots wait while the host connects; when it is ready the engine ticks right away."""
    ticked = asyncio.Event()

    async def tick() -> None:
        ticked.set()

    services.scheduler.outbox.on_ready(tick)
    host = LateHost(clock)
    services.scheduler.attach(host)
    actor = await services.members.actor(Platform.CONSOLE, "c", "olga", True)
    assert not services.scheduler.outbox.ready(actor.community)
    host.ready.set()
    await asyncio.wait_for(ticked.wait(), 2)
    assert services.scheduler.outbox.ready(actor.community)


class BlockingPort(RecordingPort):
    """A platform whose posts wait until the test lets them through."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.entered = asyncio.Event()
        self.release = asyncio.Event()

    async def post(self, community: Community, channel_id: str, message: Message) -> PostedRef:
        self.entered.set()
        await self.release.wait()
        return await super().post(community, channel_id, message)


async def test_stopping_lets_a_post_in_progress_finish(
    services: Services, clock: ManualClock, organizer: Actor, campaign: Campaign
) -> None:
    """stop() during a scheduled post waits for it: the slot ends 'sent', never cut mid-send."""
    port = BlockingPort(clock)
    services.scheduler.attach(port)
    await services.schedules.add(organizer, campaign.slug, "calls", "daily 09:00")
    clock.advance(timedelta(hours=2, seconds=30))
    await services.scheduler.start()
    await asyncio.wait_for(port.entered.wait(), 5)
    stopping = asyncio.create_task(services.scheduler.stop())
    await asyncio.sleep(0)
    assert not stopping.done()
    port.release.set()
    await asyncio.wait_for(stopping, 5)
    row = await services.db.fetchone("SELECT status FROM dispatches WHERE kind = 'prompt'")
    assert row is not None and row["status"] == "sent"
    assert len(port.posts()) == 1

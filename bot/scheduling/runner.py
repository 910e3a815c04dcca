"""The scheduler in production: APScheduler wakes the engine; the database says what is due.

Jobs on an AsyncIOScheduler (wall clock, UTC):

- ``tick`` every minute at second 0, and once at start (so a slot missed while the bot was
  down, within the grace window, goes out right away);
- ``refresh`` weekly: the lawmaker data sync (``services.directory.sync`` with the mirror
  setting), then old dispatch-log and failure rows are forgotten.

A host that is still connecting when a slot falls due is waited for: when it reports ready, the
engine ticks at once. ``stop`` lets the sends under way finish and starts no other (what is
left goes out at the next start, within the grace window), then gives the leadership up.

Only the leader's ticks do anything (:mod:`bot.scheduling.leadership`). Where other processes
may lead (PostgreSQL), a follower also ticks every ``retry`` seconds, which tries to take the
leadership; the tick that takes it catches up at once on what is due.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.cogkit import HostPort
from bot.delivery.outbox import Outbox
from bot.domain.clock import Clock
from bot.domain.errors import Unavailable
from bot.domain.schedule_models import Fired
from bot.scheduling.engine import Engine
from bot.storage.schedules import DeliveryFailureRepository, DispatchRepository

log = logging.getLogger(__name__)

KEEP_LOG = timedelta(days=90)
STOP_WAIT = 60.0  # seconds stop() waits for the sends under way
Sync = Callable[[str | None], Awaitable[object]]


class DataRefresh:
    """The weekly job: fresh lawmaker data, and old log rows forgotten."""

    def __init__(
        self,
        sync: Sync,
        mirror: str | None,
        dispatches: DispatchRepository,
        failures: DeliveryFailureRepository,
        clock: Clock,
    ) -> None:
        self._sync = sync
        self._mirror = mirror
        self._dispatches = dispatches
        self._failures = failures
        self._clock = clock

    async def run(self) -> bool:
        """True if the data was refreshed; a failure is logged and the old data kept."""
        refreshed = True
        try:
            await self._sync(self._mirror)
            log.info("weekly lawmaker data refresh done")
        except Unavailable as exc:
            refreshed = False
            log.warning("weekly lawmaker data refresh failed; keeping the old data: %s", exc)
        before = self._clock.now() - KEEP_LOG
        await self._dispatches.prune(before)
        await self._failures.prune(before)
        return refreshed


class Scheduler:
    """Owns the engine, the outbox hosts attach to, and (once started) APScheduler."""

    def __init__(
        self,
        engine: Engine,
        outbox: Outbox,
        refresh: DataRefresh,
        refresh_day: str = "sun",
        refresh_at: time = time(4, 17),
    ) -> None:
        self.engine = engine
        self.outbox = outbox
        self.refresh = refresh
        self._refresh_day = refresh_day
        self._refresh_at = refresh_at
        self._aps: AsyncIOScheduler | None = None
        self._jobs: set[asyncio.Task[object]] = set()
        self._hooked = False
        self._follower: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._aps is not None

    def attach(self, port: HostPort) -> None:
        """A host that background sends for its platform go through."""
        self.outbox.attach(port)

    def detach(self, port: HostPort) -> None:
        self.outbox.detach(port)

    async def start(self) -> None:
        """Start waking the engine (catching up on anything due now)."""
        if self._aps is not None:
            return
        self.engine.stop.clear()
        if not self._hooked:  # a host that finishes connecting later is caught up at once
            self.outbox.on_ready(self._shielded(self.tick))
            self._hooked = True
        aps = AsyncIOScheduler(timezone=UTC)
        aps.add_job(
            self._shielded(self.tick),
            CronTrigger(second=0, timezone=UTC),
            id="tick",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=30,
            next_run_time=datetime.now(UTC),
        )
        aps.add_job(
            self._shielded(self.refresh.run),
            CronTrigger(
                day_of_week=self._refresh_day,
                hour=self._refresh_at.hour,
                minute=self._refresh_at.minute,
                timezone=UTC,
            ),
            id="refresh",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=3600,
        )
        aps.start()
        self._aps = aps
        retry = self.engine.leadership.retry
        if retry is not None:  # a follower tries to lead every few seconds
            self._follower = asyncio.ensure_future(self._following(retry))
        log.info("scheduler started")

    async def stop(self) -> None:
        """Stop waking the engine; the sends under way finish first (never cut mid-send), and
        a tick in progress starts no other."""
        self.engine.stop.request()
        follower, self._follower = self._follower, None
        if follower is not None:
            follower.cancel()  # a tick it started is shielded, and waited for below
        aps, self._aps = self._aps, None
        if aps is None:
            await self._engine_idle()
            await self.engine.leadership.release()
            return
        aps.pause()  # nothing new starts
        await asyncio.sleep(0)  # a job just handed to its executor gets going
        if self._jobs:
            _, unfinished = await asyncio.wait(set(self._jobs), timeout=STOP_WAIT)
            if unfinished:
                log.warning("stopped with %d scheduled jobs unfinished", len(unfinished))
        await self._engine_idle()
        aps.shutdown(wait=False)
        await self.engine.leadership.release()  # another process takes over at its next try
        log.info("scheduler stopped")

    async def _engine_idle(self) -> None:
        """Wait for a tick started any other way (/clock) to end too."""
        try:
            async with asyncio.timeout(STOP_WAIT):
                await self.engine.idle()
        except TimeoutError:
            log.warning("stopped while a tick was still running")

    def _shielded(self, job: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[object]]:
        """The job as APScheduler runs it: shutting APScheduler down cancels its call, never the
        job itself, which :meth:`stop` waits for."""

        async def run() -> object:
            task = asyncio.ensure_future(job())
            self._jobs.add(task)
            task.add_done_callback(self._jobs.discard)
            return await asyncio.shield(task)

        run.__name__ = getattr(job, "__name__", "job")
        return run

    async def _following(self, every: float) -> None:
        """Every ``every`` seconds while this process does not lead: a tick, which tries to
        take the leadership (and does nothing else unless it got it). A plain task rather than
        an APScheduler job: no log line each time, and none skipped on a busy machine."""
        follow = self._shielded(self.tick)
        while True:
            await asyncio.sleep(every)
            if not self.engine.leading:  # the leader ticks on the minute
                try:
                    await follow()
                except Exception:
                    log.exception("trying to take over the scheduler failed")

    async def tick(self) -> list[Fired]:
        fired = await self.engine.tick()
        if fired:  # a count at INFO: the items may name members (a reminder's), so DEBUG only
            log.info("%d scheduled item(s) handled (DEBUG lists each)", len(fired))
        for item in fired:
            log.debug("%s: %s", item.at.isoformat(), item.text)
        return fired

"""The engine: run whatever is due at the clock's time, exactly once, from the database.

Each job (scheduled prompts, reminders, the daily digest) answers two questions: what is due at
``now`` (and then does it), and when is the next thing due after a moment. :meth:`Engine.tick`
asks every job the first; :meth:`Engine.advance` moves a movable clock forward one due moment at
a time, ticking at each, so jumping the clock three days fires exactly what three days would
have, each at its own time (tests and the console's /clock use it). In production the APScheduler
runner calls :meth:`tick` every minute.

On the first tick after a start, dispatch-log rows a previous process left 'sending' (it died
during a send) are marked 'interrupted' and never sent again: a post might have gone out, and a
missed post is better than a double one. The jobs are told (every time, even of no rows: a job
that keeps its own sends in doubt, like the ask to confirm a district, marks them then), so
organizers hear of it.

Stopping (SIGTERM, Ctrl-C) sets :attr:`Engine.stop`: the sends under way finish, no job starts
another, and an advance ends at the moment it reached. What was not sent is not claimed, so the
next start sends it (within the grace window).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Protocol

from bot.core.metrics import NO_METRICS, Metrics
from bot.domain.clock import Clock
from bot.domain.errors import InvalidInput
from bot.domain.schedule_models import Dispatch, DispatchStatus, Fired
from bot.scheduling.clockwork import MovableClock
from bot.storage.schedules import DispatchRepository

log = logging.getLogger(__name__)

MAX_STEPS = 100_000  # due moments one advance may step through


class Stop:
    """Whether the process is stopping; shared by the engine and the jobs that send."""

    def __init__(self) -> None:
        self.requested = False

    def request(self) -> None:
        self.requested = True

    def clear(self) -> None:
        self.requested = False


class Job(Protocol):
    async def run_due(self, now: datetime) -> list[Fired]: ...

    async def next_due(self, after: datetime) -> datetime | None: ...

    async def interrupted(self, rows: list[Dispatch], now: datetime) -> None: ...


class Engine:
    def __init__(
        self,
        clock: Clock,
        dispatches: DispatchRepository,
        jobs: list[Job],
        stop: Stop | None = None,
        metrics: Metrics = NO_METRICS,
    ) -> None:
        self.clock = clock
        self._metrics = metrics
        self._dispatches = dispatches
        self.jobs = jobs
        self.stop = stop or Stop()
        self._lock = asyncio.Lock()
        self._recovered = False

    async def tick(self) -> list[Fired]:
        """Do everything due now. Ticks never overlap."""
        async with self._lock:
            return await self._tick()

    async def _tick(self) -> list[Fired]:
        if not self._recovered:
            await self._recover()
        now = self.clock.now()
        fired: list[Fired] = []
        for job in self.jobs:
            if self.stop.requested:
                break
            try:
                fired += await job.run_due(now)
            except Exception:
                log.exception("scheduled job %s failed at %s", type(job).__name__, now)
        return fired

    async def idle(self) -> None:
        """Return once no tick is running."""
        async with self._lock:
            return

    async def next_due(self, after: datetime) -> datetime | None:
        found = [due for job in self.jobs if (due := await job.next_due(after)) is not None]
        return min(found) if found else None

    async def advance(self, delta: timedelta) -> list[Fired]:
        """Move the clock forward by ``delta``, firing each due moment on the way in order."""
        clock = self.clock
        if not isinstance(clock, MovableClock):
            raise InvalidInput("The bot's clock follows real time here; it can't be moved.")
        async with self._lock:
            target = clock.now() + delta
            fired = await self._tick()
            for _ in range(MAX_STEPS):
                if self.stop.requested:
                    return fired  # stopping: the clock stays where the last sends were made
                due = await self.next_due(clock.now())
                if due is None or due > target:
                    break
                clock.set(due)
                fired += await self._tick()
            if self.stop.requested:
                return fired
            clock.set(target)
            fired += await self._tick()
            return fired

    async def _recover(self) -> None:
        self._recovered = True
        rows = await self._dispatches.interrupt_in_doubt(self.clock.now())
        if rows:
            log.warning(
                "%d sends were interrupted by the last stop; not sending them again", len(rows)
            )
        for row in rows:
            self._metrics.scheduled(row.kind.value, DispatchStatus.INTERRUPTED.value)
        for job in self.jobs:  # told even of no rows: some jobs keep their own sends in doubt
            try:
                await job.interrupted(rows, self.clock.now())
            except Exception:
                log.exception("telling %s about interrupted sends failed", type(job).__name__)

"""The engine: run whatever is due at the clock's time, exactly once, from the database.

Each job (scheduled prompts, reminders, the daily digest) answers two questions: what is due at
``now`` (and then does it), and when is the next thing due after a moment. :meth:`Engine.tick`
asks every job the first; :meth:`Engine.advance` moves a movable clock forward one due moment at
a time, ticking at each, so jumping the clock three days fires exactly what three days would
have, each at its own time (tests and the console's /clock use it). In production the APScheduler
runner calls :meth:`tick` every minute.

Only the leader ticks (:mod:`bot.scheduling.leadership`: on SQLite the one process; on
PostgreSQL the process holding the advisory lock). Each tick first asks the leadership: a
follower's tick does nothing but the jobs marked ``every_process`` (work each process does for
itself, like warming its own caches). On the first tick after this process *became* the leader,
dispatch-log rows a previous leader left 'sending' (it died, or lost its lock, during a send) are
marked 'interrupted' and never sent again: a post might have gone out, and a missed post is
better than a double one. The jobs are told (every time, even of no rows: a job that keeps its
own sends in doubt, like the ask to confirm a district, marks them then), so organizers hear of
it. A follower never does this: the leader's sends under way are 'sending' too. A leader that
loses its lock mid-tick sends nothing more (:attr:`Stop.requested` turns true before each send).

Stopping (SIGTERM, Ctrl-C) sets :attr:`Engine.stop`: the sends under way finish, no job starts
another, and an advance ends at the moment it reached. What was not sent is not claimed, so the
next start sends it (within the grace window).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from bot.core.metrics import NO_METRICS, Metrics
from bot.domain.clock import Clock
from bot.domain.errors import InvalidInput
from bot.domain.schedule_models import Dispatch, DispatchStatus, Fired
from bot.domain.text import t
from bot.i18n.stored import keep
from bot.scheduling.clockwork import MovableClock
from bot.scheduling.leadership import Leadership, SoleLeadership, Standing
from bot.storage.schedules import DispatchRepository

log = logging.getLogger(__name__)

MAX_STEPS = 100_000  # due moments one advance may step through
INTERRUPTED = t(  # why a send left 'sending' is not sent again (kept in its dispatch's row)
    "the bot stopped while sending this; not sent again, to be sure it is not posted twice"
)


class Stop:
    """Whether sending must stop: the process is stopping, or it no longer leads. Shared by the
    engine and the jobs, which check it before every send."""

    def __init__(self) -> None:
        self._stopping = False
        self._leading: Callable[[], bool] = lambda: True

    @property
    def requested(self) -> bool:
        return self._stopping or not self._leading()

    def request(self) -> None:
        self._stopping = True

    def clear(self) -> None:
        self._stopping = False

    def follow(self, leading: Callable[[], bool]) -> None:
        """Also stop sending whenever ``leading()`` says this process is no longer the leader."""
        self._leading = leading


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
        leadership: Leadership | None = None,
    ) -> None:
        self.clock = clock
        self._metrics = metrics
        self._dispatches = dispatches
        self.jobs = jobs
        self.stop = stop or Stop()
        self.leadership: Leadership = leadership or SoleLeadership()
        self.stop.follow(lambda: self.leadership.leading)
        self._lock = asyncio.Lock()

    async def tick(self) -> list[Fired]:
        """Do everything due now. Ticks never overlap."""
        async with self._lock:
            return await self._tick()

    async def _tick(self) -> list[Fired]:
        standing = await self.leadership.hold()
        if standing is Standing.NEW:
            await self._recover()
        now = self.clock.now()
        fired: list[Fired] = []
        for job in self.jobs:
            if standing is Standing.FOLLOWER:
                if getattr(job, "every_process", False):
                    fired += await self._run(job, now)
                continue
            if self.stop.requested:
                break
            fired += await self._run(job, now)
        return fired

    async def _run(self, job: Job, now: datetime) -> list[Fired]:
        try:
            return await job.run_due(now)
        except Exception:
            log.exception("scheduled job %s failed at %s", type(job).__name__, now)
            return []

    @property
    def leading(self) -> bool:
        """Whether this process runs the scheduler (as far as it knows without asking)."""
        return self.leadership.leading

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
            raise InvalidInput(t("The bot's clock follows real time here; it can't be moved."))
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
        """Just became the leader: the sends the previous one left 'sending' were cut off."""
        rows = await self._dispatches.interrupt_in_doubt(self.clock.now(), keep(INTERRUPTED))
        if rows:
            log.warning(
                "%d sends were interrupted by the last stop (of this process or the last leader); "
                "not sending them again",
                len(rows),
            )
        for row in rows:
            self._metrics.scheduled(row.kind.value, DispatchStatus.INTERRUPTED.value)
        for job in self.jobs:  # told even of no rows: some jobs keep their own sends in doubt
            try:
                await job.interrupted(rows, self.clock.now())
            except Exception:
                log.exception("telling %s about interrupted sends failed", type(job).__name__)

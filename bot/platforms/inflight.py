"""Handlers a host is running (a slash command, a button press, a menu choice, a reaction):
waited for at shutdown, so none is cut off by the database closing under it.

A host counts each handler from the moment it takes the event, and tracks the task doing the
work. At shutdown, :meth:`InFlight.drain` (after the host stopped taking events) waits a few
seconds for them to finish; what is still running then is cancelled, and the host tells its
person :data:`STOPPED_MIDWAY` (one sentence, never a traceback). Only then are the host's
delivery queue and the database closed. Tests wait on :meth:`InFlight.idle` instead of sleeping.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from bot.domain.text import t

log = logging.getLogger(__name__)

HANDLER_WAIT = 5.0  # seconds handlers under way get to finish at shutdown
# Told to the person whose event it was, in their language (the host knows it: e.g. their
# Discord's or Slack's), never logged as such.
STOPPED_MIDWAY = t("The bot is restarting and could not finish that. Please try again in a minute.")
SHUTTING_DOWN = t("The bot is restarting. Please try again in a minute.")


class InFlight:
    """Counts running pieces of work; :meth:`idle` waits until there are none."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._tasks: set[asyncio.Task[object]] = set()
        self.closed = False  # draining: a host takes no new work
        self.draining = asyncio.Event()  # set when drain() starts (tests wait on it)

    @property
    def count(self) -> int:
        return self._count

    def begin(self) -> None:
        self._count += 1
        self._idle.clear()

    def end(self) -> None:
        self._count = max(0, self._count - 1)
        if self._count == 0:
            self._idle.set()

    def track(self, task: asyncio.Task[object] | None) -> None:
        """A task doing counted work: cancelled if it is still running when the wait at
        shutdown is over (kept here until it ends, so it is never garbage-collected early)."""
        if task is None or task.done():
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @contextmanager
    def counted(self) -> Iterator[None]:
        """Count the block as work (whose task to cancel is given to :meth:`track`)."""
        self.begin()
        try:
            yield
        finally:
            self.end()

    @contextmanager
    def running(self) -> Iterator[None]:
        """Count the block as work, done by the current task."""
        self.track(asyncio.current_task())
        with self.counted():
            yield

    async def idle(self) -> None:
        """Wait until no work is running (bound it with asyncio.timeout)."""
        await self._idle.wait()

    async def drain(self, within: float = HANDLER_WAIT) -> int:
        """Take no new work, wait up to ``within`` seconds for the work under way, then cancel
        what is left and wait (as long again) for it to end. How many were cancelled."""
        self.closed = True
        self.draining.set()
        try:
            async with asyncio.timeout(within):
                await self.idle()
            return 0
        except TimeoutError:
            pass
        me = asyncio.current_task()
        left = [task for task in self._tasks if not task.done() and task is not me]
        log.warning("stopping: %d handlers still running are cancelled", self._count)
        for task in left:
            task.cancel()
        if left:
            await asyncio.wait(left, timeout=within)
        try:
            async with asyncio.timeout(within):
                await self.idle()
        except TimeoutError:
            log.warning("stopped with %d handlers unfinished", self._count)
        return len(left)

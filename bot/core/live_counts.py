"""Keep posted prompts' live counts fresh without flooding the platform with edits.

Reports ``touch`` a campaign with the prompt they were made on. The first touch after a quiet
interval refreshes at once (awaited by the caller, so a transcript reads in order); touches
within ``interval`` seconds of the last refresh only gather, and one refresh runs when the
interval is over (a timer), with every prompt touched meanwhile. So each prompt is edited at
most once per interval however many actions arrive. Time comes from the injected clock and
the timer from ``schedule`` (the event loop's ``call_later`` by default), so tests drive it
without sleeping: :meth:`flush` runs what is waiting, now.

With several processes (``settle``), each edits the prompts its own reports touched, reading the
count from the database; two processes' edits can cross, leaving the older count showing. So
each refresh is followed, one interval later, by one more of the same prompts (unless a touch
came meanwhile, whose refresh is followed in turn): the last edit of every process reads the
database after every report it handled, and the prompt shows the true count an interval after
the last report.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.domain.clock import Clock

log = logging.getLogger(__name__)

Refresh = Callable[[set[int]], Awaitable[None]]  # refresh(prompt ids touched)
Cancel = Callable[[], object]
Schedule = Callable[[float, Callable[[], None]], Cancel]


def loop_schedule(delay: float, callback: Callable[[], None]) -> Cancel:
    return asyncio.get_running_loop().call_later(delay, callback).cancel


@dataclass
class _Pending:
    refresh: Refresh
    prompts: set[int] = field(default_factory=set)
    cancel: Cancel | None = None
    settling: bool = False  # only the re-read after a refresh (no touch since)


class LiveCounts:
    """A per-campaign coalescing refresher of posted prompts."""

    def __init__(
        self,
        clock: Clock,
        interval: float,
        schedule: Schedule = loop_schedule,
        settle: bool = False,
    ) -> None:
        self._clock = clock
        self.interval = timedelta(seconds=interval)
        self._schedule = schedule
        self._settle = settle and interval > 0  # several processes: re-read after each refresh
        self._closed = False
        self._pending: dict[int, _Pending] = {}
        self._last: dict[int, datetime] = {}
        self._running: set[asyncio.Task[None]] = set()
        self.refreshes = 0  # how many refreshes ran (for tests and logs)

    async def touch(self, campaign_id: int, prompt_id: int | None, refresh: Refresh) -> None:
        """Note a change to the campaign's counts; refresh now if the interval allows."""
        pending = self._pending.get(campaign_id)
        if pending is None:
            pending = self._pending[campaign_id] = _Pending(refresh)
        pending.refresh = refresh
        pending.settling = False
        if prompt_id is not None:
            pending.prompts.add(prompt_id)
        now = self._clock.now()
        last = self._last.get(campaign_id)
        if last is None or now - last >= self.interval:
            await self._run(campaign_id)
        elif pending.cancel is None:
            delay = (last + self.interval - now).total_seconds()
            pending.cancel = self._schedule(delay, lambda: self._fire(campaign_id))

    async def flush(self) -> None:
        """Refresh every waiting campaign now, and wait for refreshes under way."""
        for campaign_id in list(self._pending):
            await self._run(campaign_id)
        while self._running:
            await asyncio.gather(*self._running, return_exceptions=True)

    def waiting(self) -> dict[int, set[int]]:
        """Campaigns waiting for a refresh, with their touched prompts."""
        return {c: set(p.prompts) for c, p in self._pending.items()}

    def close(self) -> None:
        """Cancel the timers (at shutdown)."""
        self._closed = True
        for pending in self._pending.values():
            if pending.cancel is not None:
                pending.cancel()
        self._pending.clear()

    def _fire(self, campaign_id: int) -> None:
        task = asyncio.get_running_loop().create_task(self._run(campaign_id))
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _run(self, campaign_id: int) -> None:
        pending = self._pending.pop(campaign_id, None)
        if pending is None:
            return
        if pending.cancel is not None:
            pending.cancel()
        self._last[campaign_id] = self._clock.now()
        self.refreshes += 1
        try:
            await pending.refresh(pending.prompts)
        except Exception:
            log.exception("could not refresh the live count of campaign %s", campaign_id)
        settle = self._settle and not self._closed and not pending.settling
        if settle and campaign_id not in self._pending:
            again = _Pending(pending.refresh, set(pending.prompts), settling=True)
            self._pending[campaign_id] = again
            again.cancel = self._schedule(
                self.interval.total_seconds(), lambda: self._fire(campaign_id)
            )

"""Warming the stats: an engine job run on the scheduler's first tick, then at every tick ten
minutes or more after the last run.

Over a big history the first /stats of a trailing window reads every day of it (about 30 ms
over a million actions), and the first leaderboard of the last 7 or 30 days makes or moves the
window of member sums the database keeps (migration 0019); later asks reuse both. Doing that
once at start, after the first tick's due posts, and again for each community soon after its
midnight (:meth:`StatsService.warm` skips the communities whose day has not changed), keeps it
off the first person's wait.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from bot.core.stats import StatsService
from bot.domain.schedule_models import Fired

log = logging.getLogger(__name__)

EVERY = timedelta(minutes=10)


class StatsWarmup:
    """Fills the stats' memory, and moves the kept windows, for communities with recent
    actions: at start, and after each community's midnight."""

    every_process = True  # each process warms its own memory, leader of the scheduler or not

    def __init__(self, stats: StatsService) -> None:
        self._stats = stats
        self._last: datetime | None = None

    async def run_due(self, now: datetime) -> list[Fired]:
        if self._last is not None and abs(now - self._last) < EVERY:
            return []
        first = self._last is None
        self._last = now
        warmed = await self._stats.warm()
        if warmed and first:
            log.info("stats ready for %d communities with recent actions", warmed)
        return []

    async def next_due(self, after: datetime) -> datetime | None:
        return None  # it rides on the ticks the other jobs (and the minute) bring

    async def interrupted(self, rows: list[Any], now: datetime) -> None:
        return None

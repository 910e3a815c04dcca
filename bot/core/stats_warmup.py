"""Warming the stats at start: an engine job that runs once, on the scheduler's first tick.

Over a big history the first /stats of a trailing window reads every day of it (about 30 ms
over a million actions); later asks reuse what that read kept (the leaderboard needs no warm-up:
it sums roll-ups at every ask). Doing that read
once at start, after the first tick's due posts, keeps it off the first person's wait.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from bot.core.stats import StatsService
from bot.domain.schedule_models import Fired

log = logging.getLogger(__name__)


class StatsWarmup:
    """Fills the stats' memory for each community with recent actions, once."""

    every_process = True  # each process warms its own memory, leader of the scheduler or not

    def __init__(self, stats: StatsService) -> None:
        self._stats = stats
        self.done = False

    async def run_due(self, now: datetime) -> list[Fired]:
        if self.done:
            return []
        self.done = True
        warmed = await self._stats.warm()
        if warmed:
            log.info("stats ready for %d communities with recent actions", warmed)
        return []

    async def next_due(self, after: datetime) -> datetime | None:
        return None  # the first tick runs it; nothing later is due

    async def interrupted(self, rows: list[Any], now: datetime) -> None:
        return None

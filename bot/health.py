"""Is the bot able to work? The database answers, the lawmaker index is loaded, and each
platform it runs is connected. ``GET /healthz`` (bot.monitoring) answers with this.

A report names parts only (``database``, ``lawmaker_index``, ``discord``, ``slack``) and says
up or down: never an error's text, a path, a token or anything about a member.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.civic.store import DirectoryStore
from bot.domain.models import Platform
from bot.storage.database import Database

log = logging.getLogger(__name__)

CHECK_TIMEOUT = 2.0  # seconds each part gets to answer
DATABASE = "database"
LAWMAKER_INDEX = "lawmaker_index"
Probe = Callable[[], Awaitable[bool]]


async def _not_yet() -> bool:
    return False


class Connections:
    """Each platform this process runs, and how to tell whether its connection is up.

    The runner of a platform :meth:`expect` s it before connecting (down until told
    otherwise); its host :meth:`track` s a probe once it has a connection to ask about (a new
    probe replaces the old one, as when Discord's client is made anew for another try).
    """

    def __init__(self) -> None:
        self._probes: dict[Platform, Probe] = {}

    def expect(self, platform: Platform) -> None:
        self._probes.setdefault(platform, _not_yet)

    def track(self, platform: Platform, probe: Probe) -> None:
        self._probes[platform] = probe

    def lost(self, platform: Platform) -> None:
        """The platform's host closed: down until a new one is tracked."""
        if platform in self._probes:
            self._probes[platform] = _not_yet

    async def states(self, within: float = CHECK_TIMEOUT) -> dict[Platform, bool]:
        """Each expected platform: True if its connection is up (asked at once, ``within``)."""
        platforms = list(self._probes)
        answers = await asyncio.gather(
            *(_answer(self._probes[p], within) for p in platforms),
        )
        return dict(zip(platforms, answers, strict=True))


async def _answer(probe: Probe, within: float) -> bool:
    try:
        async with asyncio.timeout(within):
            return bool(await probe())
    except Exception:  # a probe that fails or hangs says "down", and is logged without detail
        log.debug("a health probe failed", exc_info=True)
        return False


@dataclass(frozen=True, slots=True)
class HealthReport:
    checks: dict[str, bool]  # part -> up

    @property
    def ok(self) -> bool:
        return all(self.checks.values())

    def body(self) -> dict[str, object]:
        """The JSON answer: ``{"status": "ok"|"down", "down": [...], "checks": {...}}``."""
        return {
            "status": "ok" if self.ok else "down",
            "down": [part for part, up in self.checks.items() if not up],
            "checks": {part: "up" if up else "down" for part, up in self.checks.items()},
        }


class Health:
    """Asks each part of the bot whether it is up."""

    def __init__(
        self,
        db: Database,
        directory: DirectoryStore,
        connections: Connections,
        timeout: float = CHECK_TIMEOUT,
    ) -> None:
        self.db = db
        self.directory = directory
        self.connections = connections
        self.timeout = timeout

    async def check(self) -> HealthReport:
        database, platforms = await asyncio.gather(
            _answer(self._database, self.timeout), self.connections.states(self.timeout)
        )
        checks = {DATABASE: database, LAWMAKER_INDEX: self._index_loaded()}
        checks.update({platform.value: up for platform, up in platforms.items()})
        return HealthReport(checks)

    async def _database(self) -> bool:
        row = await self.db.fetchone("SELECT 1")
        return row is not None and row[0] == 1

    def _index_loaded(self) -> bool:
        try:
            self.directory.current()  # loads an index installed since, if any
        except Exception:
            return False
        return True

    def index_age(self, now: datetime) -> float | None:
        """Seconds since the loaded lawmaker index was built; None with no index loaded."""
        directory = self.directory.loaded()
        if directory is None:
            return None
        return max(0.0, (now - directory.freshness.built_at).total_seconds())

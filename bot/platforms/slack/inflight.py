"""Work the host has acknowledged to Slack but not finished: waited for before shutting down
(and by tests, instead of sleeping)."""

from __future__ import annotations

import asyncio


class InFlight:
    """Counts running pieces of work; :meth:`idle` waits until there are none."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

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

    async def idle(self) -> None:
        """Wait until no work is running (bound it with asyncio.timeout)."""
        await self._idle.wait()

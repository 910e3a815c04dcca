"""Time for the limiter: real (monotonic seconds and asyncio.sleep) or virtual (tests, and hosts
whose waits a test records instead of sleeping through)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

Sleep = Callable[[float], Awaitable[None]]


class Timer(Protocol):
    def monotonic(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class RealTimer:
    """The process's monotonic clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class VirtualTimer:
    """Time that passes only when someone waits: each wait moves it on at once.

    ``waits`` keeps every wait asked for, so a test can check the pacing without sleeping;
    ``on_wait`` (optional) is called with each wait too.
    """

    def __init__(self, start: float = 1000.0, on_wait: Sleep | None = None) -> None:
        self._now = start
        self._on_wait = on_wait
        self.waits: list[float] = []

    def monotonic(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        self.waits.append(seconds)
        self._now += seconds
        if self._on_wait is not None:
            await self._on_wait(seconds)
        await asyncio.sleep(0)

    def pass_time(self, seconds: float) -> None:
        """Let time pass without anyone waiting (a test's "a minute later")."""
        self._now += seconds

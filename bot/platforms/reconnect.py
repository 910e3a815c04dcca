"""Starting a host while its platform cannot be reached (no network, DNS failing, refused):
one line to the operator per failed try, then another try after a capped, jittered backoff,
until the host connects or the process is stopped (the wait is cancelled at once)."""

from __future__ import annotations

import asyncio
import errno
import itertools
import logging
import random
import socket
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import aiohttp

from bot.domain.errors import StartupError

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]
NETWORK_ERRORS = (aiohttp.ClientError, OSError, TimeoutError)


class Unreachable(StartupError):
    """The platform could not be reached: worth another try (a refused token is not)."""


@dataclass(frozen=True, slots=True)
class Backoff:
    """Waits between tries: ``first``, doubling up to ``cap``, each spread by ±``jitter``."""

    first: float = 2.0
    cap: float = 300.0
    factor: float = 2.0
    jitter: float = 0.2

    def delays(self, rand: Callable[[], float] = random.random) -> Iterator[float]:
        """The wait before each next try; never above ``cap``."""
        step = min(self.first, self.cap)
        while True:
            yield min(self.cap, step * (1 + self.jitter * (2 * rand() - 1)))
            step = min(self.cap, step * self.factor)


def backoff(services: Services) -> Backoff:
    """The backoff the settings ask for (ORGBOT_CONNECT_RETRY_FIRST and _MAX)."""
    settings = services.settings
    return Backoff(settings.connect_retry_first, settings.connect_retry_max)


def reason(exc: BaseException) -> str:
    """A few words on why a connection failed, for the operator."""
    if isinstance(exc, aiohttp.ClientConnectorDNSError | socket.gaierror):
        return "its name could not be looked up: no network or DNS?"
    if isinstance(exc, aiohttp.ClientConnectorError):
        exc = exc.os_error
    if isinstance(exc, ConnectionRefusedError) or getattr(exc, "errno", None) == errno.ECONNREFUSED:
        return "connection refused"
    if isinstance(exc, TimeoutError | aiohttp.ServerTimeoutError):
        return "timed out"
    return type(exc).__name__


async def keep_trying(
    start: Callable[[], Awaitable[None]],
    backoff: Backoff,
    *,
    sleep: Sleep = asyncio.sleep,
    rand: Callable[[], float] = random.random,
) -> None:
    """Await ``start()`` until it returns; each :class:`Unreachable` is told in one line and
    tried again after the next backoff delay. Other errors end it."""
    delays = backoff.delays(rand)
    for attempt in itertools.count(1):
        try:
            await start()
            return
        except Unreachable as exc:
            wait = next(delays)
            log.warning("%s Trying again in %s (try %d).", exc.message, _seconds(wait), attempt + 1)
            await sleep(wait)


def _seconds(wait: float) -> str:
    return f"{wait:.0f} s" if wait >= 10 else f"{wait:.1f} s"

"""Pacing outbound requests so the platform never has to say 429.

A request names the limit keys it counts against, most specific first, for example
``("route:POST /channels/1/messages", "global")`` on Discord or
``("channel:C1", "method:chat.postMessage")`` on Slack. Each key may have:

- sliding windows ("at most N starts in any P seconds"), from the platform's documented limits;
- a bucket the platform reports in its response headers (Discord's X-RateLimit-Remaining and
  X-RateLimit-Reset-After), learned as requests go;
- a hold ("nothing before T"), from a 429's Retry-After.

A request counts in a window from its start until its answer arrives, and then for the window's
period after that answer (:meth:`RateLimiter.sending`). The platform judges a request when it
arrives, which is somewhere between the two; so however long a stalled event loop (a loaded
machine) holds requests between their turn and their arrival, the next window's requests can
never arrive together with them. Counting only starts would let them crowd one second and draw
429s.

Waiting is fair and cheap: each key has a first-come-first-served gate, so only the task at the
head of a key's line polls its windows, and a request waits for its own route before it queues
for the shared keys (a slow channel never holds the global line).
"""

from __future__ import annotations

import asyncio
import math
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from bot.delivery.timing import RealTimer, Timer

GLOBAL = "global"
_LEVELS = ("route:", "channel:", "method:", "global")


@dataclass(frozen=True, slots=True)
class Rate:
    """At most ``limit`` starts in any ``per`` seconds."""

    limit: int
    per: float

    @property
    def interval(self) -> float:
        return self.per / self.limit


class Window:
    """A sliding window over the last requests of one key: those still on their way (counted
    until they finish) and those that finished (or started, for :meth:`RateLimiter.acquire`)
    less than ``per`` seconds ago."""

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self._times: deque[float] = deque()  # ascending: each is appended at "now"
        self.open = 0  # requests started and not yet finished

    def wait(self, now: float) -> float:
        """Seconds until one more may start; ``math.inf`` when only a finish can free a place."""
        while self._times and self._times[0] <= now - self.rate.per:
            self._times.popleft()
        if len(self._times) + self.open < self.rate.limit:
            return 0.0
        if not self._times:
            return math.inf
        return self._times[0] + self.rate.per - now

    def take(self, now: float, until_finished: bool = False) -> None:
        if until_finished:
            self.open += 1
        else:
            self._times.append(now)

    def finish(self, now: float) -> None:
        self.open -= 1
        self._times.append(now)


@dataclass(slots=True)
class KeyState:
    windows: list[Window]
    remaining: int | None = None  # from the platform's headers; None: not known
    reset_at: float = 0.0
    hold_until: float = 0.0
    gate: asyncio.Lock = field(default_factory=asyncio.Lock)
    finished: asyncio.Event = field(default_factory=asyncio.Event)

    def wait(self, now: float) -> float:
        waits = [w.wait(now) for w in self.windows]
        waits.append(self.hold_until - now)
        if self.remaining is not None and self.remaining <= 0:
            waits.append(self.reset_at - now)
        return max(waits)

    def take(self, now: float, until_finished: bool = False) -> None:
        for window in self.windows:
            window.take(now, until_finished)
        if self.remaining is not None:
            if now >= self.reset_at:
                self.remaining = None  # the bucket refilled; the next answer says how much
            else:
                self.remaining -= 1

    def finish(self, now: float) -> None:
        for window in self.windows:
            window.finish(now)
        self.finished.set()


Rules = Callable[[str], Sequence[Rate]]


def no_rules(key: str) -> Sequence[Rate]:
    return ()


class RateLimiter:
    """Waits until a request may start under every limit it counts against."""

    def __init__(self, rules: Rules = no_rules, timer: Timer | None = None) -> None:
        self._rules = rules
        self.timer = timer or RealTimer()
        self._keys: dict[str, KeyState] = {}

    def state(self, key: str) -> KeyState:
        found = self._keys.get(key)
        if found is None:
            found = self._keys[key] = KeyState([Window(rate) for rate in self._rules(key)])
        return found

    async def acquire(self, keys: Sequence[str]) -> None:
        """Return when a request counting against ``keys`` may start (and count its start)."""
        await self._acquire(self._states(keys), 0, False)

    @asynccontextmanager
    async def sending(self, keys: Sequence[str]) -> AsyncIterator[None]:
        """Enter when a request counting against ``keys`` may start; it counts as on its way
        until the block ends (make the request inside, and leave once its answer arrived)."""
        states = self._states(keys)
        await self._acquire(states, 0, True)
        try:
            yield
        finally:
            now = self.timer.monotonic()
            for state in states:
                state.finish(now)

    def _states(self, keys: Sequence[str]) -> list[KeyState]:
        return [self.state(key) for key in sorted(dict.fromkeys(keys), key=_level)]

    async def _acquire(self, states: list[KeyState], index: int, until_finished: bool) -> None:
        if index == len(states):
            now = self.timer.monotonic()
            for state in states:
                state.take(now, until_finished)
            return
        state = states[index]
        async with state.gate:
            while True:
                wait = state.wait(self.timer.monotonic())
                if wait <= 0:
                    break
                if wait == math.inf:  # every place is held by a request on its way
                    state.finished.clear()
                    await state.finished.wait()
                else:
                    await self.timer.sleep(wait)
            await self._acquire(states, index + 1, until_finished)

    def hold(self, key: str, seconds: float) -> None:
        """Nothing counting against ``key`` starts for ``seconds`` (a 429's Retry-After)."""
        state = self.state(key)
        state.hold_until = max(state.hold_until, self.timer.monotonic() + max(0.0, seconds))

    def report(self, key: str, remaining: int, reset_after: float) -> None:
        """What the platform said is left in ``key``'s bucket, and when it refills."""
        state = self.state(key)
        state.remaining = remaining
        state.reset_at = self.timer.monotonic() + max(0.0, reset_after)

    def waiting_time(self, keys: Sequence[str]) -> float:
        """How long a request on ``keys`` would wait now (0 when it could start; ``math.inf``
        while it waits for a request on its way to finish)."""
        now = self.timer.monotonic()
        return max(0.0, *(self.state(key).wait(now) for key in keys))


def _level(key: str) -> int:
    for rank, prefix in enumerate(_LEVELS):
        if key.startswith(prefix):
            return rank
    return 0

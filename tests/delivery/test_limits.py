"""The rate limiter: sliding windows, buckets the platform reports, holds from 429s."""

from __future__ import annotations

import asyncio
import math

import pytest

from bot.delivery.limits import GLOBAL, Rate, RateLimiter
from bot.delivery.timing import VirtualTimer


def limiter(
    timer: VirtualTimer, per_route: Rate | None = None, total: Rate | None = None
) -> RateLimiter:
    def rules(key: str) -> tuple[Rate, ...]:
        if key == GLOBAL and total:
            return (total,)
        if key.startswith("route:") and per_route:
            return (per_route,)
        return ()

    return RateLimiter(rules, timer)


async def starts(
    limiter: RateLimiter, timer: VirtualTimer, keys: tuple[str, ...], n: int
) -> list[float]:
    found = []
    for _ in range(n):
        await limiter.acquire(keys)
        found.append(timer.monotonic())
    return found


async def test_a_window_lets_its_limit_through_then_waits_for_the_oldest() -> None:
    """50 per second: the first 50 start at once, the 51st a second after the first."""
    timer = VirtualTimer(start=0.0)
    times = await starts(limiter(timer, total=Rate(50, 1.0)), timer, (GLOBAL,), 51)
    assert times[:50] == [0.0] * 50
    assert times[50] == pytest.approx(1.0)


async def test_the_pace_never_breaks_the_window() -> None:
    """Over 500 starts no one-second window holds more than 50."""
    timer = VirtualTimer(start=0.0)
    times = await starts(limiter(timer, total=Rate(50, 1.0)), timer, (GLOBAL,), 500)
    for i in range(len(times) - 50):
        assert times[i + 50] - times[i] >= 1.0 - 1e-9


async def test_a_hold_delays_its_key_only() -> None:
    """A 429's Retry-After holds its route; another route starts at once."""
    timer = VirtualTimer(start=0.0)
    paced = limiter(timer)
    paced.hold("route:a", 2.5)
    await paced.acquire(("route:b", GLOBAL))
    assert timer.monotonic() == 0.0
    await paced.acquire(("route:a", GLOBAL))
    assert timer.monotonic() == pytest.approx(2.5)


async def test_a_global_hold_delays_everything() -> None:
    """A global 429 holds every request."""
    timer = VirtualTimer(start=0.0)
    paced = limiter(timer)
    paced.hold(GLOBAL, 1.5)
    await paced.acquire(("route:b", GLOBAL))
    assert timer.monotonic() == pytest.approx(1.5)


async def test_a_reported_empty_bucket_waits_for_its_reset() -> None:
    """Remaining 0 and Reset-After 3 s: the next request on that route waits 3 s."""
    timer = VirtualTimer(start=0.0)
    paced = limiter(timer)
    paced.report("route:a", remaining=1, reset_after=3.0)
    await paced.acquire(("route:a",))
    assert timer.monotonic() == 0.0
    await paced.acquire(("route:a",))
    assert timer.monotonic() == pytest.approx(3.0)


async def test_a_slow_route_does_not_hold_the_shared_line() -> None:
    """A request waiting for its own busy route never blocks another route's request."""
    timer = GatedTimer()
    paced = limiter(timer, per_route=Rate(1, 10.0), total=Rate(100, 1.0))
    await paced.acquire(("route:slow", GLOBAL))
    slow = asyncio.create_task(paced.acquire(("route:slow", GLOBAL)))
    await asyncio.wait_for(timer.sleeping.wait(), 1)  # the slow one waits for its route
    await asyncio.wait_for(paced.acquire(("route:quick", GLOBAL)), 1)
    assert not slow.done()
    timer.release.set()
    await asyncio.wait_for(slow, 1)
    assert timer.waits == [10.0]


class GatedTimer(VirtualTimer):
    """Virtual time whose waits last until the test releases them."""

    def __init__(self) -> None:
        super().__init__(start=0.0)
        self.sleeping = asyncio.Event()
        self.release = asyncio.Event()

    async def sleep(self, seconds: float) -> None:
        self.sleeping.set()
        await self.release.wait()
        await super().sleep(seconds)


async def test_waiting_time_reports_without_taking() -> None:
    """waiting_time says how long a request would wait, and counts nothing."""
    timer = VirtualTimer(start=0.0)
    paced = limiter(timer, per_route=Rate(1, 1.0))
    await paced.acquire(("route:a",))
    assert paced.waiting_time(("route:a",)) == pytest.approx(1.0)
    assert paced.waiting_time(("route:b",)) == 0.0


async def test_a_request_on_its_way_counts_until_it_finishes() -> None:
    """2 per second: two requests start and stay on their way; the third waits for one to
    finish and then a full second after that finish, not a second after their starts."""
    timer = VirtualTimer(start=0.0)
    paced = limiter(timer, total=Rate(2, 1.0))
    finish = asyncio.Event()

    async def request() -> None:
        async with paced.sending((GLOBAL,)):
            await finish.wait()

    first = [asyncio.create_task(request()) for _ in range(2)]
    await asyncio.sleep(0)
    timer.pass_time(5.0)  # a stalled loop: they are still on their way 5 s later
    third = asyncio.create_task(paced.acquire((GLOBAL,)))
    await asyncio.sleep(0)
    assert paced.waiting_time((GLOBAL,)) == math.inf and not third.done()
    finish.set()
    await asyncio.gather(*first)
    await asyncio.wait_for(third, 1)
    assert timer.monotonic() == pytest.approx(6.0)

"""The delivery queue: 429s waited out, transient failures retried, nothing lost or doubled."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from bot.delivery.limits import GLOBAL, RateLimiter
from bot.delivery.queue import AMBIGUOUS, FINAL, TRANSIENT, DeliveryQueue, Verdict
from bot.delivery.timing import VirtualTimer
from bot.domain.errors import NotAllowed, Unavailable


class Throttled(Exception):
    def __init__(self, after: float, everything: bool = False) -> None:
        super().__init__(f"429 retry after {after}")
        self.after = after
        self.everything = everything


class Flaky(Exception):
    """The platform was briefly unavailable (not done)."""


class Lost(Exception):
    """The answer never came (maybe done)."""


def classify(exc: BaseException) -> Verdict:
    if isinstance(exc, Throttled):
        return Verdict.throttled(exc.after, everything=exc.everything)
    if isinstance(exc, Flaky):
        return TRANSIENT
    if isinstance(exc, Lost):
        return AMBIGUOUS
    return FINAL


def queue(timer: VirtualTimer, max_attempts: int = 4) -> DeliveryQueue:
    return DeliveryQueue(
        RateLimiter(timer=timer), classify, max_attempts=max_attempts, jitter=lambda: 0.0
    )


def script(*outcomes: BaseException | str) -> tuple[Callable[[], Awaitable[str]], list[int]]:
    """A send that fails or succeeds as scripted, counting its calls."""
    calls = [0]

    async def send() -> str:
        outcome = outcomes[min(calls[0], len(outcomes) - 1)]
        calls[0] += 1
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    return send, calls


async def test_a_429_waits_retry_after_and_sends_once_more() -> None:
    """Throttled with Retry-After 2: one wait of 2 s, then the message goes, once."""
    timer = VirtualTimer(start=0.0)
    q = queue(timer)
    send, calls = script(Throttled(2.0), "ok")
    assert await q.run(("route:a", GLOBAL), send) == "ok"
    assert calls[0] == 2
    assert timer.waits == [2.0]
    assert (q.stats.throttled, q.stats.sent, q.stats.failed) == (1, 1, 0)


async def test_429s_do_not_use_up_the_attempts() -> None:
    """Five 429s in a row (more than max_attempts) are all waited out: never dropped."""
    timer = VirtualTimer(start=0.0)
    send, calls = script(*[Throttled(0.5)] * 5, "ok")
    assert await queue(timer, max_attempts=2).run(("route:a",), send) == "ok"
    assert calls[0] == 6


async def test_a_global_429_holds_other_routes_too() -> None:
    """A global 429 on one route makes the next request on another route wait as well."""
    timer = VirtualTimer(start=0.0)
    q = queue(timer)
    send, _ = script(Throttled(3.0, everything=True), "ok")
    await q.run(("route:a", GLOBAL), send)
    before = timer.monotonic()
    other, _ = script("ok")
    await q.run(("route:b", GLOBAL), other)
    assert before == pytest.approx(3.0)
    assert q.limiter.waiting_time((GLOBAL,)) == 0.0


async def test_transient_failures_are_retried_with_growing_backoff() -> None:
    """Two brief outages, then success: waits of 0.25 s and 0.5 s (no jitter)."""
    timer = VirtualTimer(start=0.0)
    q = queue(timer)
    send, calls = script(Flaky(), Flaky(), "ok")
    assert await q.run(("route:a",), send) == "ok"
    assert calls[0] == 3
    assert timer.waits == [0.25, 0.5]
    assert q.stats.retried == 2


async def test_a_lasting_outage_is_raised_after_max_attempts() -> None:
    """After max_attempts transient failures the last error goes to the caller."""
    timer = VirtualTimer(start=0.0)
    q = queue(timer, max_attempts=3)
    send, calls = script(Flaky())
    with pytest.raises(Flaky):
        await q.run(("route:a",), send)
    assert calls[0] == 3
    assert q.stats.failed == 1


async def test_a_maybe_done_send_is_not_repeated_unless_idempotent() -> None:
    """A lost answer is retried for an edit (idempotent), never for a new post."""
    timer = VirtualTimer(start=0.0)
    q = queue(timer)
    post, post_calls = script(Lost(), "posted")
    with pytest.raises(Lost):
        await q.run(("route:a",), post)
    edit, edit_calls = script(Lost(), "edited")
    assert await q.run(("route:a",), edit, idempotent=True) == "edited"
    assert (post_calls[0], edit_calls[0]) == (1, 2)


async def test_a_refusal_is_raised_at_once() -> None:
    """Blocked DMs or a missing permission: no retry, the error goes straight back."""
    timer = VirtualTimer(start=0.0)
    send, calls = script(NotAllowed("no"))
    with pytest.raises(NotAllowed):
        await queue(timer).run(("route:a",), send)
    assert calls[0] == 1 and timer.waits == []


async def test_a_failing_route_does_not_block_another() -> None:
    """While one DM backs off after outages, another member's DM goes out."""
    q = queue(VirtualTimer(start=0.0), max_attempts=5)
    gate = asyncio.Event()

    async def stuck() -> str:
        await gate.wait()
        raise Flaky()

    first = asyncio.create_task(q.run(("route:dm:1", GLOBAL), stuck))
    await asyncio.sleep(0)
    other, _ = script("delivered")
    assert await asyncio.wait_for(q.run(("route:dm:2", GLOBAL), other), 1) == "delivered"
    gate.set()
    with pytest.raises(Flaky):
        await first


async def test_one_route_keeps_its_order() -> None:
    """Requests on one route go one at a time, in the order they came."""
    q = queue(VirtualTimer(start=0.0))
    seen: list[int] = []

    def sender(n: int) -> Callable[[], Awaitable[int]]:
        async def send() -> int:
            await asyncio.sleep(0)
            seen.append(n)
            return n

        return send

    results = await asyncio.gather(*(q.run(("route:c",), sender(n)) for n in range(20)))
    assert results == list(range(20)) and seen == list(range(20))


async def test_a_caller_that_gives_up_does_not_drop_the_message() -> None:
    """Cancelling the caller leaves the send running; close() waits for it."""
    q = queue(VirtualTimer(start=0.0))
    release = asyncio.Event()
    delivered: list[str] = []

    async def send() -> str:
        await release.wait()
        delivered.append("x")
        return "x"

    caller = asyncio.create_task(q.run(("route:a",), send))
    await asyncio.sleep(0)
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await caller
    assert q.pending == 1
    release.set()
    await q.close(within=1)
    assert delivered == ["x"] and q.pending == 0


async def test_nothing_new_is_taken_after_close() -> None:
    """Once closed the queue refuses with a sentence instead of losing the message."""
    q = queue(VirtualTimer(start=0.0))
    await q.close()
    send, calls = script("ok")
    with pytest.raises(Unavailable, match="shutting down"):
        await q.run(("route:a",), send)
    assert calls[0] == 0

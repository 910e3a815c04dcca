"""The live count: each prompt is edited at most once per interval, however many actions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.core.live_counts import LiveCounts
from bot.domain.clock import ManualClock


class Timers:
    """A stand-in for the event loop's call_later: records timers; tests fire them."""

    def __init__(self) -> None:
        self.set: list[tuple[float, Callable[[], None]]] = []
        self.cancelled = 0

    def schedule(self, delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        self.set.append((delay, callback))

        def cancel() -> None:
            self.cancelled += 1

        return cancel


class Edits:
    """Records refreshes: the set of prompts each one was given."""

    def __init__(self) -> None:
        self.calls: list[set[int]] = []
        self.done = asyncio.Event()

    async def refresh(self, prompts: set[int]) -> None:
        self.calls.append(set(prompts))
        self.done.set()


@pytest.fixture
def timers() -> Timers:
    return Timers()


@pytest.fixture
def live(clock: ManualClock, timers: Timers) -> LiveCounts:
    return LiveCounts(clock, 10, timers.schedule)


async def test_the_first_touch_refreshes_at_once(live: LiveCounts) -> None:
    """After a quiet interval, the count is refreshed before touch returns."""
    edits = Edits()
    await live.touch(1, 7, edits.refresh)
    assert edits.calls == [{7}]


async def test_touches_within_the_interval_become_one_refresh(
    live: LiveCounts, timers: Timers
) -> None:
    """A hundred touches after a refresh wait for one timer, then refresh once with all."""
    edits = Edits()
    await live.touch(1, 7, edits.refresh)
    for i in range(100):
        await live.touch(1, 7 + i % 3, edits.refresh)
    assert edits.calls == [{7}]
    assert [delay for delay, _ in timers.set] == [10.0]
    await live.flush()
    assert edits.calls == [{7}, {7, 8, 9}]


async def test_the_timer_runs_the_waiting_refresh(live: LiveCounts, timers: Timers) -> None:
    """When the interval is over the timer refreshes what gathered meanwhile."""
    edits = Edits()
    await live.touch(1, 7, edits.refresh)
    await live.touch(1, 8, edits.refresh)
    edits.done.clear()
    _, fire = timers.set[0]
    fire()
    await asyncio.wait_for(edits.done.wait(), timeout=5)
    assert edits.calls == [{7}, {8}]
    assert live.waiting() == {}


async def test_a_touch_after_the_interval_refreshes_at_once(
    live: LiveCounts, timers: Timers, clock: ManualClock
) -> None:
    """Once the interval has passed on the clock, the next touch refreshes and drops the timer."""
    edits = Edits()
    await live.touch(1, 7, edits.refresh)
    await live.touch(1, 7, edits.refresh)
    clock.advance(timedelta(seconds=10))
    await live.touch(1, 8, edits.refresh)
    assert edits.calls == [{7}, {7, 8}]
    assert timers.cancelled == 1


async def test_campaigns_are_counted_apart(live: LiveCounts) -> None:
    """A refresh of one campaign does not hold back another's."""
    edits = Edits()
    await live.touch(1, 7, edits.refresh)
    await live.touch(2, 9, edits.refresh)
    assert edits.calls == [{7}, {9}]


async def test_a_failed_refresh_is_logged_and_the_next_one_runs(
    live: LiveCounts, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    """An edit that fails (the message was deleted) does not break reporting."""

    async def broken(prompts: set[int]) -> None:
        raise RuntimeError("message deleted")

    await live.touch(1, 7, broken)
    assert "could not refresh the live count of campaign 1" in caplog.text
    edits = Edits()
    clock.advance(timedelta(seconds=10))
    await live.touch(1, 7, edits.refresh)
    assert edits.calls == [{7}]


async def test_an_interval_of_zero_refreshes_every_time(clock: ManualClock, timers: Timers) -> None:
    """ORGBOT_LIVE_COUNT_INTERVAL=0 edits at every action (the console's demo)."""
    live = LiveCounts(clock, 0, timers.schedule)
    edits = Edits()
    for prompt in (7, 8, 9):
        await live.touch(1, prompt, edits.refresh)
    assert edits.calls == [{7}, {8}, {9}]
    assert timers.set == []


async def test_with_several_processes_each_refresh_is_read_again_an_interval_later(
    clock: ManualClock, timers: Timers
) -> None:
    """``settle``: a refresh is followed, one interval later, by one more of the same prompts;
    that one is not followed again, and a touch before it merges into it."""
    live = LiveCounts(clock, 10, timers.schedule, settle=True)
    edits = Edits()
    await live.touch(1, 7, edits.refresh)
    assert [delay for delay, _ in timers.set] == [10.0]
    await live.flush()
    assert edits.calls == [{7}, {7}]
    assert len(timers.set) == 1 and live.waiting() == {}
    clock.advance(timedelta(seconds=10))
    await live.touch(1, 8, edits.refresh)
    await live.touch(1, 9, edits.refresh)  # within the interval: waits with the re-read
    assert live.waiting() == {1: {8, 9}}
    await live.flush()
    assert edits.calls[2:] == [{8}, {8, 9}]
    assert live.waiting() == {1: {8, 9}}  # a touch's refresh is read again in turn
    live.close()


async def test_crossed_edits_of_two_processes_end_on_the_true_count(
    clock: ManualClock, timers: Timers
) -> None:
    """Two processes refresh one prompt from one database; the first one's edit, read before
    the second report, lands last. The re-read an interval later shows the true count."""
    database = {"count": 0}
    shown: list[int] = []
    read, land = asyncio.Event(), asyncio.Event()

    def editor(slow: bool) -> Callable[[set[int]], Any]:
        async def refresh(prompts: set[int]) -> None:
            count = database["count"]
            if slow and not land.is_set():
                read.set()
                await land.wait()
            shown.append(count)

        return refresh

    first = LiveCounts(clock, 10, timers.schedule, settle=True)
    second = LiveCounts(clock, 10, timers.schedule, settle=True)
    database["count"] = 1  # a report on the first process
    slow = asyncio.ensure_future(first.touch(1, 7, editor(slow=True)))
    await read.wait()
    database["count"] = 2  # a report on the second process
    await second.touch(1, 7, editor(slow=False))
    land.set()
    await slow
    assert shown == [2, 1]  # crossed: the prompt shows 1
    await first.flush()
    await second.flush()
    assert shown[-2:] == [2, 2]

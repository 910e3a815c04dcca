"""Closing the batcher at shutdown: what was submitted is committed before the database closes,
or, if it cannot be within the wait, rolled back and its callers told; nothing new is taken."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from bot.core.batcher import SHUTTING_DOWN, Batcher
from bot.domain.errors import Unavailable


class Store:
    """A commit step the test can hold: it records each batch once let through."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.go_on = asyncio.Event()
        self.saved: list[int] = []

    async def prepare(self, items: Sequence[int]) -> list[int]:
        return list(items)

    async def commit(self, items: list[int]) -> list[object]:
        self.entered.set()
        await self.go_on.wait()
        self.saved += items
        return [n * 10 for n in items]


async def test_close_waits_for_what_was_submitted() -> None:
    """A report being committed when close() begins is committed, and its caller answered."""
    store = Store()
    batcher: Batcher[int, int] = Batcher(store.prepare, store.commit)
    submitted = batcher.submit(1)
    await store.entered.wait()
    closing = asyncio.create_task(batcher.close(within=30))
    await asyncio.sleep(0)
    assert not closing.done()
    store.go_on.set()
    await closing
    assert await submitted == 10 and store.saved == [1]


async def test_close_cancels_what_cannot_finish_and_tells_its_callers() -> None:
    """A commit that never ends is cancelled once the wait is over: nothing saved, and the
    caller gets the shutdown sentence (not a hang, not a traceback)."""
    store = Store()
    batcher: Batcher[int, int] = Batcher(store.prepare, store.commit)
    submitted = batcher.submit(1)
    await store.entered.wait()
    await batcher.close(within=0.05)
    with pytest.raises(Unavailable) as refused:
        await submitted
    assert refused.value.message == str(SHUTTING_DOWN)
    assert store.saved == []


async def test_nothing_new_is_taken_once_closed() -> None:
    store = Store()
    batcher: Batcher[int, int] = Batcher(store.prepare, store.commit)
    await batcher.close(within=1)
    with pytest.raises(Unavailable):
        await batcher.submit(2)
    assert not store.entered.is_set()

"""InOrder: callers that look something up first still go on in the order they arrived."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.batcher import InOrder


async def test_a_caller_giving_up_does_not_let_the_next_overtake_an_earlier_one() -> None:
    """A (slow lookup), B (fails before its turn), C (fast): C still goes after A."""
    order = InOrder()
    went: list[str] = []
    a_may_go = asyncio.Event()

    async def caller(name: str, lookup: asyncio.Event | None, fail: bool = False) -> None:
        async with order.turn() as turn:
            if lookup is not None:
                await lookup.wait()
            if fail:
                raise LookupError(name)
            await turn.ready()
            went.append(name)

    a = asyncio.create_task(caller("a", a_may_go))
    b = asyncio.create_task(caller("b", None, fail=True))
    c = asyncio.create_task(caller("c", None))
    with pytest.raises(LookupError):
        await b
    assert went == []
    a_may_go.set()
    await asyncio.gather(a, c)
    assert went == ["a", "c"]

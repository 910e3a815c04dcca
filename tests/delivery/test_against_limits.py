"""The queue against a local API that enforces rate limits and answers 429 when broken."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from typing import Any

import aiohttp
import pytest

from bot.delivery.limits import GLOBAL, Rate, RateLimiter
from bot.delivery.queue import DeliveryQueue
from bot.domain.models import Community, Platform
from bot.messages import Message

from .limited_api import LimitedApi, LimitedClient, Limits, classify

LIMITS = Limits(global_limit=20, global_period=0.25, channel_limit=3, channel_period=0.3)
SLACK = 1.5  # the client keeps a third under the server's limit: requests arrive unevenly
COMMUNITY = Community(1, Platform.DISCORD, "1", "UTC")


def paced(limits: Limits) -> RateLimiter:
    def rules(key: str) -> Sequence[Rate]:
        if key == GLOBAL:
            return (Rate(limits.global_limit, limits.global_period * SLACK),)
        return ()

    return RateLimiter(rules)


@pytest.fixture
async def api() -> AsyncIterator[LimitedApi]:
    """The server runs in its own thread, as a remote API would: when the test's loop is busy
    (a loaded CI machine), requests sent evenly are not judged in bursts."""
    async with LimitedApi(LIMITS).in_thread() as server:
        yield server


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def send_all(client: LimitedClient, users: list[str]) -> None:
    await asyncio.gather(
        *(client.send_dm(COMMUNITY, user, Message(body=f"reminder {user}")) for user in users)
    )


async def test_many_dms_within_the_global_limit_get_no_429(
    api: LimitedApi, session: aiohttp.ClientSession
) -> None:
    """60 reminders (120 requests) paced by the queue: no 429, none lost, none doubled (also on
    a loaded machine: see the test of requests held on their way below)."""
    queue = DeliveryQueue(paced(LIMITS), classify)
    users = [str(n) for n in range(60)]
    await send_all(LimitedClient(session, api.base, queue), users)
    assert api.rejected == 0
    assert sorted(m["content"] for m in api.messages) == sorted(f"reminder {u}" for u in users)
    assert api.duplicates() == 0


async def test_a_busy_channel_follows_the_bucket_it_reports(
    api: LimitedApi, session: aiohttp.ClientSession
) -> None:
    """Ten posts in one channel whose bucket holds 3: the queue reads the headers and waits."""
    queue = DeliveryQueue(paced(LIMITS), classify)
    client = LimitedClient(session, api.base, queue)
    texts = [f"post {n}" for n in range(10)]
    for text in texts:
        await client.post(COMMUNITY, "general", Message(body=text))
    assert api.rejected == 0
    assert [m["content"] for m in api.messages] == texts


async def test_without_pacing_the_429s_are_waited_out_and_nothing_is_lost(
    api: LimitedApi, session: aiohttp.ClientSession
) -> None:
    """A queue that knows no limits gets 429s; it honours Retry-After and delivers each once."""
    queue = DeliveryQueue(RateLimiter(), classify, max_throttles=100)
    users = [str(n) for n in range(40)]
    await send_all(LimitedClient(session, api.base, queue), users)
    assert api.rejected > 0 and queue.stats.throttled == api.rejected
    assert len(api.messages) == 40 and api.duplicates() == 0


class LateClient(LimitedClient):
    """A client whose first ``late`` requests are held between their turn and their arrival,
    as a stalled event loop on a loaded machine holds them."""

    def __init__(self, *args: Any, late: int, by: float) -> None:
        super().__init__(*args)
        self.late = late
        self.by = by

    async def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if self.late > 0:
            self.late -= 1
            await asyncio.sleep(self.by)
        return await super()._call(path, body)


async def test_requests_held_on_their_way_do_not_crowd_the_next_window(
    api: LimitedApi, session: aiohttp.ClientSession
) -> None:
    """The first window's requests arrive late (a stalled loop): they count until answered,
    so the next window's requests never reach the server together with them. No 429."""
    queue = DeliveryQueue(paced(LIMITS), classify)
    late = LateClient(
        session, api.base, queue, late=LIMITS.global_limit, by=LIMITS.global_period * SLACK * 1.5
    )
    channels = [f"c{n}" for n in range(2 * LIMITS.global_limit)]
    await asyncio.gather(*(late.post(COMMUNITY, c, Message(body=c)) for c in channels))
    assert api.rejected == 0
    assert sorted(m["content"] for m in api.messages) == sorted(channels)

"""The queue against a local API that enforces rate limits and answers 429 when broken."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence

import aiohttp
import pytest

from bot.core.models import Community, Platform
from bot.delivery.limits import GLOBAL, Rate, RateLimiter
from bot.delivery.queue import DeliveryQueue
from bot.messages import Message

from .limited_api import LimitedApi, LimitedClient, Limits, classify

LIMITS = Limits(global_limit=20, global_period=0.25, channel_limit=3, channel_period=0.3)
SLACK = 1.5  # the client keeps a third under the server's limit: requests arrive unevenly
# A loaded machine can still bunch a few paced requests on arrival (a stalled loop sends what
# it was granted together); unpaced, the same 60 DMs draw about 60 429s.
STRAY_429S = 3
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
    """60 reminders (120 requests) paced by the queue: (almost) no 429, none lost, none doubled."""
    queue = DeliveryQueue(paced(LIMITS), classify)
    users = [str(n) for n in range(60)]
    await send_all(LimitedClient(session, api.base, queue), users)
    assert api.rejected <= STRAY_429S
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

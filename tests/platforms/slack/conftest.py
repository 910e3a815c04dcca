"""Fixtures: a fake Slack, and the real Slack host connected to it over Socket Mode."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from bot.app import cog_modules
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.sample_cog import SampleCog
from ...fakes.slack_server import FakeSlack
from .messaging_cog import MessagingCog


class Waits:
    """Records the waits the rate-limit retry asked for, instead of sleeping through them."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        yield fake


@pytest.fixture
def waits() -> Waits:
    return Waits()


@pytest.fixture
def sample() -> SampleCog:
    return SampleCog()


@pytest.fixture
def messaging() -> MessagingCog:
    return MessagingCog()


@pytest.fixture
async def host(
    services: Services,
    slack: FakeSlack,
    waits: Waits,
    sample: SampleCog,
    messaging: MessagingCog,
) -> AsyncIterator[SlackHost]:
    """The Slack host with /help, the sample cog and the messaging cog, in Socket Mode."""
    running = SlackHost(services, slack.config(), sleep=waits)
    await running.load_extensions(["cogs.help"])
    await running.add_cog(sample)
    await running.add_cog(messaging)
    await running.start_socket_mode()
    await slack.connected()
    yield running
    await slack.all_acked()
    await settle(running)
    await running.close()


async def settle(host: SlackHost) -> None:
    """Wait until the host has finished everything it acknowledged."""
    async with asyncio.timeout(5):
        await host.work.idle()


ORGANIZER = "UORG"  # a workspace admin in the fake, for tests on the full lawmaker data


@asynccontextmanager
async def every_cog(
    services: Services,
    slack: FakeSlack,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> AsyncIterator[SlackHost]:
    """The Slack host with every module in cogs/, as `orgbot run` builds it, in Socket Mode."""
    running = SlackHost(services, slack.config(), sleep=sleep)
    await running.load_extensions(cog_modules())
    await running.start_socket_mode()
    await slack.connected()
    try:
        yield running
    finally:
        await slack.all_acked()
        await settle(running)
        await running.close()


@pytest.fixture
async def real_host(services: Services, slack: FakeSlack) -> AsyncIterator[SlackHost]:
    """Every cog, on the small test data."""
    async with every_cog(services, slack) as running:
        yield running


@pytest.fixture
async def full_host(full_services: Services, slack: FakeSlack) -> AsyncIterator[SlackHost]:
    """Every cog on the full lawmaker data, with ORGANIZER a workspace admin."""
    slack.add_user(ORGANIZER, admin=True)
    async with every_cog(full_services, slack) as running:
        yield running

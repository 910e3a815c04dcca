"""Fixtures: a fake Slack, and the real Slack host connected to it over Socket Mode."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

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

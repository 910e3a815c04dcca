"""Fixtures for the Discord host: a fake Discord, settings pointing at it, a running host."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import cog_modules
from bot.platforms.discord.host import DiscordHost
from bot.services import Services
from bot.settings import Settings, load_settings

from ...fakes.discord_server import TOKEN, FakeDiscord, running_host
from ...fakes.sample_cog import SampleCog


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server


def discord_settings(tmp_path: Path, fake: FakeDiscord, data_dir: Path) -> Settings:
    """Settings pointed at the fake Discord, with the lawmaker data in ``data_dir``."""
    return load_settings(
        env_file=None,
        database_path=tmp_path / "orgbot.sqlite3",
        data_dir=data_dir,
        console_output_dir=tmp_path / "console",
        discord_token=TOKEN,
        discord_api_base=fake.api_base,
        discord_gateway_url=fake.gateway_url,
        discord_organizer_role="Organizers",
    )


@pytest.fixture
def settings(tmp_path: Path, fake: FakeDiscord, database_url: str | None) -> Settings:
    """The shared settings fixture, pointed at the fake Discord."""
    return discord_settings(tmp_path, fake, tmp_path / "civic")


@pytest.fixture
def sample() -> SampleCog:
    return SampleCog()


@pytest.fixture
async def host(
    services: Services, fake: FakeDiscord, sample: SampleCog
) -> AsyncIterator[DiscordHost]:
    """A running host with the help cog and the sample cog, connected to the fake."""
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.load_extension("cogs.help")
    await bot.add_cog(sample)
    async with running_host(bot):
        yield bot


@pytest.fixture
async def full_host(services: Services, fake: FakeDiscord) -> AsyncIterator[DiscordHost]:
    """A running host with every cog in cogs/, as `orgbot run` has (for feature scenarios)."""
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.load_extensions(cog_modules())
    async with running_host(bot):
        yield bot

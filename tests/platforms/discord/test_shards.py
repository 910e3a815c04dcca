"""Processes split Discord's gateway by shard: two real discord.py hosts, shards [0] and [1] of
2, against one fake Discord that routes each server's events only to the session of its shard
``(guild_id >> 22) % 2``, as Discord does. Each server's events reach exactly one host; both
answer slash commands in their own servers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from bot.platforms.discord.host import DiscordHost
from bot.platforms.discord.runner import gateway_open
from bot.services import Services
from bot.settings import Settings

from ...fakes.discord_server import CHANNEL_ID, GUILD_ID, FakeDiscord, running_host
from ...fakes.sample_cog import SampleCog
from .cogs import ReactionLog
from .conftest import discord_settings

SHARD_0_GUILD = GUILD_ID + (1 << 22)  # GUILD_ID itself is on shard 1 of 2


@pytest.fixture
def settings(tmp_path: Path, fake: FakeDiscord, database_url: str | None) -> Settings:
    """This process runs shard 1 of 2 (ORGBOT_DISCORD_SHARD_COUNT / _IDS); the database is
    the run's (``database_url`` sets ORGBOT_DATABASE_URL on the PostgreSQL run)."""
    base = discord_settings(tmp_path, fake, tmp_path / "civic")
    return base.model_copy(update={"discord_shard_count": 2, "discord_shard_ids": "1"})


async def host_on(services: Services, log: ReactionLog, **shards: object) -> DiscordHost:
    host = DiscordHost(services, guild_ready_timeout=0.05, **shards)
    await host.add_cog(SampleCog())
    await host.add_cog(log)
    return host


async def emojis(log: ReactionLog, count: int) -> list[str]:
    """The next ``count`` reactions the host's cogs were given."""
    async with asyncio.timeout(5):
        return [(await log.events.get())[0].emoji for _ in range(count)]


@pytest.fixture
async def two_hosts(
    services: Services, fake: FakeDiscord
) -> AsyncIterator[tuple[DiscordHost, DiscordHost, ReactionLog, ReactionLog, int]]:
    """Shard 0's host and shard 1's (one database, as two processes would share it), the
    reactions each was given, and the #calls channel of a server on shard 0."""
    _, channel = fake.add_guild(SHARD_0_GUILD)
    cogs = ReactionLog(), ReactionLog()
    async with AsyncExitStack() as stack:
        first = await stack.enter_async_context(
            running_host(await host_on(services, cogs[0], shard_count=2, shard_ids=[0]))
        )
        second = await stack.enter_async_context(
            running_host(await host_on(services, cogs[1]))  # shard 1 of 2, from the settings
        )
        yield first, second, cogs[0], cogs[1], channel


async def test_each_server_is_served_by_the_host_of_its_shard(
    fake: FakeDiscord, two_hosts: tuple[DiscordHost, DiscordHost, ReactionLog, ReactionLog, int]
) -> None:
    first, second, first_log, second_log, shard_0_channel = two_hosts
    assert [identify["shard"] for identify in fake.identifies] == [[0, 2], [1, 2]]
    assert [g.id for g in first.guilds] == [SHARD_0_GUILD]
    assert [g.id for g in second.guilds] == [GUILD_ID]
    assert await gateway_open(first) and await gateway_open(second)

    here = await fake.command("echo", {"times": 1, "text": "here"}, channel_id=shard_0_channel)
    there = await fake.command("echo", {"times": 2, "text": "there"}, channel_id=CHANNEL_ID)
    here_reply, there_reply = await here.answer(), await there.answer()
    assert here_reply.text() == "here" and there_reply.text() == "there there"
    assert here.id in first._recent and here.id not in second._recent
    assert there.id in second._recent and there.id not in first._recent

    await fake.react(here_reply, "📞", user=fake.ann)
    await fake.react(there_reply, "📫", user=fake.bob)
    await fake.react(here_reply, "🚫", user=fake.bob)
    assert sorted(await emojis(first_log, 2)) == sorted(["📞", "🚫"])
    assert await emojis(second_log, 1) == ["📫"]
    await fake.react(there_reply, "✅", user=fake.ann)  # the last event of all, on shard 1
    assert await emojis(second_log, 1) == ["✅"]
    assert first_log.events.empty() and second_log.events.empty()


async def test_only_the_host_of_shard_0_syncs_the_commands(
    fake: FakeDiscord, two_hosts: tuple[DiscordHost, DiscordHost, ReactionLog, ReactionLog, int]
) -> None:
    """The commands are the application's: one sync, by shard 0's process."""
    first, second, *_ = two_hosts
    assert first.runs_first_shard and not second.runs_first_shard
    assert len(fake.matching("PUT", r"/applications/\d+/commands")) == 1


async def test_without_a_count_the_host_runs_the_shards_discord_recommends(
    services: Services, fake: FakeDiscord, settings: Settings
) -> None:
    """No ORGBOT_DISCORD_SHARD_COUNT: GET /gateway/bot says how many, this process runs all,
    and the gateway is the one the settings name (not the one Discord's answer names)."""
    services.settings = settings.model_copy(
        update={"discord_shard_count": 0, "discord_shard_ids": ""}
    )
    fake.add_guild(SHARD_0_GUILD)
    host = await host_on(services, ReactionLog())
    async with running_host(host):
        assert host.shard_count == 1 and sorted(g.id for g in host.guilds) == sorted(
            [GUILD_ID, SHARD_0_GUILD]
        )
        assert fake.matching("GET", r"/gateway/bot")
        assert [identify["shard"] for identify in fake.identifies] == [[0, 1]]

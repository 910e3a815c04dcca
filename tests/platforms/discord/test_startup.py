"""Start-up against the fake Discord: log in, sync the commands, identify with minimal intents."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr

from bot.domain.errors import StartupError
from bot.platforms.discord.host import DiscordHost
from bot.platforms.discord.runner import run_discord
from bot.services import Services

from ...fakes.discord_server import GUILD_ID, TOKEN, FakeDiscord, running_host
from ...fakes.sample_cog import SampleCog

GUILDS = 1 << 0
GUILD_REACTIONS = 1 << 10
DM_REACTIONS = 1 << 13


async def test_sync_lists_every_registry_command(host: DiscordHost, fake: FakeDiscord) -> None:
    """The PUT at start-up lists every registry command, subcommands inside their group."""
    put = await fake.wait_request("PUT", r"/applications/\d+/commands")
    names = {c["name"]: c for c in put.json}
    assert set(names) == {"help", "about", "echo", "pick", "thing", "note", "crash"}
    assert [o["name"] for o in names["echo"]["options"]] == ["times", "loud", "text"]
    assert {o["name"] for o in names["thing"]["options"]} == {"make", "show"}
    assert fake.synced_guild is None  # global when no test server is set


async def test_identify_asks_only_for_minimal_intents(host: DiscordHost, fake: FakeDiscord) -> None:
    """Servers and reactions only: no message content, no members."""
    assert fake.identifies[-1]["intents"] == GUILDS | GUILD_REACTIONS | DM_REACTIONS


async def test_rest_calls_carry_the_bot_token(host: DiscordHost, fake: FakeDiscord) -> None:
    """REST calls authenticate as the bot; interaction callbacks carry no Authorization."""
    me = await fake.wait_request("GET", r"/users/@me")
    assert me.headers["Authorization"] == f"Bot {TOKEN}"
    answer = await (await fake.command("about")).callback()
    assert "Authorization" not in answer.headers


async def test_commands_sync_to_one_server_when_set(services: Services, fake: FakeDiscord) -> None:
    """With ORGBOT_DISCORD_GUILD_ID the commands go to that server, instantly."""
    services.settings = services.settings.model_copy(update={"discord_guild_id": GUILD_ID})
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.add_cog(SampleCog())
    async with running_host(bot):
        put = await fake.wait_request("PUT", rf"/applications/\d+/guilds/{GUILD_ID}/commands")
    assert {c["name"] for c in put.json} == {"echo", "pick", "thing", "note", "crash"}
    assert fake.matching("PUT", r"/applications/\d+/commands") == []


async def test_failed_sync_is_logged_and_the_bot_still_runs(
    services: Services, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A refused sync (bot not in the test server) is one clear log line, not a crash."""
    fake.fail("PUT", r"/applications/\d+/commands", 403, 50001, "Missing Access")
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.add_cog(SampleCog())
    async with running_host(bot):
        reply = await (await fake.command("echo", {"times": 1})).answer()
    assert reply.text() == "hi"
    assert "could not sync slash commands" in caplog.text


async def test_the_token_is_never_logged(
    services: Services, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """Even at DEBUG, through log-in, sync, commands and errors, no record holds the token."""
    caplog.set_level(logging.DEBUG)
    bot = DiscordHost(services, guild_ready_timeout=0.05)
    await bot.add_cog(SampleCog())
    async with running_host(bot):
        await (await fake.command("crash")).answer()
        logging.getLogger("bot.test").warning("leak attempt %s", TOKEN)
    assert "leak attempt [redacted]" in caplog.text
    assert TOKEN not in caplog.text
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


async def test_a_rejected_token_stops_start_up_with_one_line(
    services: Services, fake: FakeDiscord
) -> None:
    """A wrong DISCORD_TOKEN is a StartupError naming the setting, not a traceback."""
    services.settings = services.settings.model_copy(
        update={"discord_token": SecretStr("MTIz.bad.token-value")}
    )
    with pytest.raises(StartupError, match="DISCORD_TOKEN"):
        await run_discord(services)

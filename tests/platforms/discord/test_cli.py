"""`orgbot discord invite-url`, and `orgbot run` starting the Discord host with every cog."""

from __future__ import annotations

import asyncio
import base64
from contextlib import suppress
from urllib.parse import parse_qs, urlsplit

import discord
import pytest

from bot import __main__ as cli
from bot.domain.errors import StartupError
from bot.platforms.discord import runner
from bot.platforms.discord.invite import application_id_from_token, invite_url
from bot.services import Services
from bot.settings import load_settings

from ...fakes.discord_server import APP_ID, TOKEN, FakeDiscord

EXPECTED_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    read_message_history=True,
)


def query(url: str) -> dict[str, list[str]]:
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "discord.com", "/oauth2/authorize")
    return parse_qs(parts.query)


def test_invite_url_has_exactly_the_needed_scopes_and_permissions() -> None:
    """bot + applications.commands, and the six channel permissions the bot uses."""
    params = query(invite_url(APP_ID))
    assert params["client_id"] == [str(APP_ID)]
    assert params["scope"] == ["bot applications.commands"]
    assert params["permissions"] == [str(EXPECTED_PERMISSIONS.value)]
    assert discord.Permissions(int(params["permissions"][0])).manage_guild is False


def test_invite_url_can_preselect_the_test_server() -> None:
    """With a test server set, the link opens with that server chosen."""
    assert query(invite_url(APP_ID, 2000000000000000001))["guild_id"] == ["2000000000000000001"]


def test_application_id_comes_from_the_token() -> None:
    """A bot token starts with the bot's id in base64."""
    assert application_id_from_token(TOKEN) == APP_ID
    encoded = base64.b64encode(b"123456789012345678").decode().rstrip("=")
    assert application_id_from_token(f"{encoded}.x.y") == 123456789012345678


def test_a_token_that_hides_no_id_is_a_clear_error() -> None:
    """Garbage in DISCORD_TOKEN is a StartupError naming the setting to use instead."""
    with pytest.raises(StartupError, match="ORGBOT_DISCORD_APPLICATION_ID"):
        application_id_from_token("not-a-token")


def test_cli_prints_the_invite_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`orgbot discord invite-url` prints one valid link, derived from DISCORD_TOKEN."""
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.delenv("ORGBOT_DISCORD_APPLICATION_ID", raising=False)
    monkeypatch.delenv("ORGBOT_DISCORD_GUILD_ID", raising=False)
    assert cli.main(["--env-file", "/nonexistent/.env", "discord", "invite-url"]) == 0
    out = capsys.readouterr().out.strip()
    assert "\n" not in out
    assert query(out)["client_id"] == [str(APP_ID)]
    assert TOKEN not in out


def test_cli_prefers_the_application_id_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ORGBOT_DISCORD_APPLICATION_ID wins; no token is needed for the link."""
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setenv("ORGBOT_DISCORD_APPLICATION_ID", "42")
    assert cli.main(["--env-file", "/nonexistent/.env", "discord", "invite-url"]) == 0
    assert query(capsys.readouterr().out.strip())["client_id"] == ["42"]


def test_cli_without_token_or_id_explains(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With neither setting the command says which to set, in one line."""
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("ORGBOT_DISCORD_APPLICATION_ID", raising=False)
    assert cli.main(["--env-file", "/nonexistent/.env", "discord", "invite-url"]) == 2
    assert "ORGBOT_DISCORD_APPLICATION_ID" in capsys.readouterr().err


def test_bad_endpoint_settings_are_refused() -> None:
    """The REST base must be http(s) and the gateway ws(s), else one line names the setting."""
    with pytest.raises(StartupError, match="ORGBOT_DISCORD_API_BASE"):
        load_settings(env_file=None, discord_api_base="discord.com/api")
    with pytest.raises(StartupError, match="ORGBOT_DISCORD_GATEWAY_URL"):
        load_settings(env_file=None, discord_gateway_url="https://gateway.discord.gg")


async def test_run_starts_the_discord_host_when_the_token_is_set(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`orgbot run` with DISCORD_TOKEN runs the Discord host (alongside any other host)."""
    started: list[Services] = []

    async def fake_run(given: Services) -> None:
        started.append(given)

    async def no_download(given: Services) -> None:
        return None

    monkeypatch.setattr(runner, "run_discord", fake_run)
    monkeypatch.setattr(cli, "ensure_directory", no_download)
    assert services.settings.has_discord and not services.settings.has_slack
    assert await cli.run_platforms(services) == 0
    assert started == [services]


async def test_discord_runner_serves_every_cog(services: Services, fake: FakeDiscord) -> None:
    """The runner loads every cog in cogs/, syncs them and answers until it is cancelled."""
    task = asyncio.create_task(runner.run_discord(services))
    try:
        await fake.until(lambda: fake.identifies)
        synced = {c["name"] for c in fake.synced}
        assert {"help", "about"} <= synced
        reply = await (await fake.command("help")).answer()
        assert reply.ephemeral and "/about" in reply.text()
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
    assert fake.matching("PUT", r"/applications/\d+/commands")

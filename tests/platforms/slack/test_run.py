"""`orgbot run` with Slack tokens: the Slack runner serves every cog, beside Discord if set."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import replace

import pytest
from pydantic import SecretStr

from bot import __main__ as cli
from bot.domain.errors import StartupError
from bot.platforms.discord import runner as discord_runner
from bot.platforms.slack import runner as slack_runner
from bot.services import Services

from ...fakes.slack_server import APP_TOKEN, BOT_TOKEN, FakeSlack


def with_tokens(services: Services, slack: FakeSlack | None = None, **extra: object) -> Services:
    """The services with Slack tokens (and the fake's Web API URL) in their settings."""
    update: dict[str, object] = {
        "slack_bot_token": SecretStr(BOT_TOKEN),
        "slack_app_token": SecretStr(APP_TOKEN),
        **extra,
    }
    if slack is not None:
        update["slack_api_url"] = slack.api_url
    return replace(services, settings=services.settings.model_copy(update=update))


async def no_download(services: Services) -> None:
    return None


async def test_the_slack_runner_serves_every_cog(services: Services, slack: FakeSlack) -> None:
    """run_slack loads cogs/, connects over Socket Mode, answers, and closes when cancelled."""
    task = asyncio.create_task(slack_runner.run_slack(with_tokens(services, slack)))
    try:
        await slack.connected()
        reply = await (await slack.slash("/about", user="U1")).reply()
        assert "About organizer-bot" in reply.text
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
    assert task.cancelled()


async def test_run_starts_slack_and_discord_in_one_process(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With both tokens set, `orgbot run` starts both hosts side by side."""
    started: list[str] = []

    async def fake_slack(given: Services, web: object = None) -> None:
        started.append("slack")

    async def fake_discord(given: Services) -> None:
        started.append("discord")

    monkeypatch.setattr(slack_runner, "run_slack", fake_slack)
    monkeypatch.setattr(discord_runner, "run_discord", fake_discord)
    monkeypatch.setattr(cli, "ensure_directory", no_download)
    both = with_tokens(services, discord_token=SecretStr("discord-token"))
    assert await cli.run_platforms(both) == 0
    assert sorted(started) == ["discord", "slack"]


async def test_a_host_that_cannot_start_stops_the_other(
    services: Services, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused Slack token ends `orgbot run` with its one line, and Discord is stopped."""
    discord_stopped = asyncio.Event()

    async def waiting_discord(given: Services) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            discord_stopped.set()

    monkeypatch.setattr(discord_runner, "run_discord", waiting_discord)
    monkeypatch.setattr(cli, "ensure_directory", no_download)
    slack.fail("auth.test", "invalid_auth")
    both = with_tokens(services, slack, discord_token=SecretStr("discord-token"))
    with pytest.raises(StartupError, match="SLACK_BOT_TOKEN"):
        await cli.run_platforms(both)
    assert discord_stopped.is_set()

"""Slack's HTTP mode on the process's one HTTP server: /slack/events, /healthz and /metrics
on the same port, over real HTTP; Slack counts as up while it serves, down once stopped; and
Slack's 429s in /metrics."""

from __future__ import annotations

import asyncio
from contextlib import suppress
from dataclasses import replace

import aiohttp
from pydantic import SecretStr

from bot.domain.clock import ManualClock
from bot.platforms.slack import runner as slack_runner
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.slack_server import BOT_TOKEN, SIGNING_SECRET, FakeSlack, sign, slash_form
from ...monitoring import get, health_when, scrape, serving, value
from .messaging_cog import MessagingCog


def in_http_mode(services: Services, slack: FakeSlack) -> Services:
    update = {
        "slack_bot_token": SecretStr(BOT_TOKEN),
        "slack_signing_secret": SecretStr(SIGNING_SECRET),
        "slack_mode": "http",
        "slack_api_url": slack.api_url,
    }
    return replace(services, settings=services.settings.model_copy(update=update))


async def test_slack_events_health_and_metrics_share_one_port(
    services: Services, slack: FakeSlack, clock: ManualClock
) -> None:
    """The Slack runner mounts /slack/events on the shared server: a signed command there is
    answered and counted in /metrics on the same port; /healthz names slack up while it
    serves, and down (its route gone) once the runner stops."""
    http = in_http_mode(services, slack)
    async with serving(http) as server:
        assert (await get(server, "/slack/events", "POST")).status == 404  # not mounted yet
        task = asyncio.create_task(slack_runner.run_slack(http, web=server))
        try:
            health = await health_when(server, lambda a: a.json()["checks"].get("slack") == "up")
            assert health.json()["down"] == ["lawmaker_index"]  # no data in this test
            body = slash_form("/about", "", user="U1", response_url=f"{slack.url}/respond/R1")
            headers = sign(body, int(clock.now().timestamp()))
            url = f"http://127.0.0.1:{server.port}/slack/events"
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, data=body.encode(), headers=headers) as response,
            ):
                assert response.status == 200
            reply = await slack.next_call("response_url")
            assert "About organizer-bot" in reply.text
            counted = await scrape(server)
            assert value(counted, "orgbot_commands_total", command="about", result="handled") == 1
            assert value(counted, "orgbot_platform_connected", platform="slack") == 1
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
        assert (await get(server, "/slack/events", "POST")).status == 404
        stopped = await get(server, "/healthz")
        assert stopped.status == 503 and "slack" in stopped.json()["down"]


async def test_every_429_slack_answers_is_counted(
    host: SlackHost, slack: FakeSlack, services: Services, messaging: MessagingCog
) -> None:
    """Two 429s slack_sdk waits out before the post goes through: both counted for Slack."""
    slack.rate_limit("chat.postMessage", retry_after=1, times=2)
    reply = await (await slack.slash("/postto C0GENERAL hi", user="U1")).reply()
    assert "posted" in reply.text
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [429, 429, 200]
    async with serving(services) as server:
        counted = await scrape(server)
    assert value(counted, "orgbot_rate_limited_total", platform="slack") == 2

"""HTTP mode over real HTTP on 127.0.0.1: Slack's signature and timestamp are required."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest

from bot.core.clock import ManualClock
from bot.platforms.slack.host import SlackHost
from bot.services import Services

from ...fakes.sample_cog import SampleCog
from ...fakes.slack_server import BOT_USER_ID, GENERAL, TEAM_ID, FakeSlack, sign, slash_form
from .conftest import settle


@pytest.fixture
async def http_host(
    services: Services, slack: FakeSlack, sample: SampleCog
) -> AsyncIterator[tuple[SlackHost, str]]:
    """The Slack host serving /slack/events on an ephemeral port; yields it and the URL."""
    host = SlackHost(services, slack.config(mode="http"))
    await host.load_extensions(["cogs.help"])
    await host.add_cog(sample)
    port = await host.start_http("127.0.0.1", 0)
    yield host, f"http://127.0.0.1:{port}/slack/events"
    await host.close()


async def post(url: str, body: str, headers: dict[str, str]) -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body.encode(), headers=headers) as response,
    ):
        return response.status


def now(clock: ManualClock) -> int:
    return int(clock.now().timestamp())


async def test_a_signed_request_is_answered(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """A correctly signed, fresh slash command is acked (200) and answered."""
    _, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    assert await post(url, body, sign(body, now(clock))) == 200
    reply = await slack.next_call("response_url")
    assert reply.args["response_type"] == "ephemeral" and "/echo" in reply.text


async def test_a_forged_signature_is_rejected(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """A request signed with another secret gets 401 and reaches no cog."""
    host, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    assert await post(url, body, sign(body, now(clock), secret="not-the-secret")) == 401
    await settle(host)
    assert slack.calls_to("response_url") == []


async def test_a_replayed_request_is_rejected(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock
) -> None:
    """The same signed request sent again six minutes later gets 401."""
    host, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    headers = sign(body, now(clock))
    assert await post(url, body, headers) == 200
    clock.advance(timedelta(minutes=6))
    assert await post(url, body, headers) == 401
    await settle(host)
    assert len(slack.calls_to("response_url")) == 1


@pytest.mark.parametrize("timestamp", ["", "soon", "-5"])
async def test_a_malformed_timestamp_is_rejected(
    http_host: tuple[SlackHost, str], slack: FakeSlack, clock: ManualClock, timestamp: str
) -> None:
    """A missing or non-numeric timestamp is refused (401), not a server error."""
    host, url = http_host
    body = slash_form("/help", "", user="U1", response_url=f"{slack.url}/respond/R1")
    headers = sign(body, now(clock)) | {"X-Slack-Request-Timestamp": timestamp}
    assert await post(url, body, headers) == 401
    await settle(host)
    assert slack.calls_to("response_url") == []


async def test_a_retried_event_is_handled_once(
    http_host: tuple[SlackHost, str], clock: ManualClock, sample: SampleCog
) -> None:
    """Slack's retry (X-Slack-Retry-Num, same event_id) gets 200 and is not handled again."""
    host, url = http_host
    body = json.dumps(
        {
            "token": "unused",
            "team_id": TEAM_ID,
            "type": "event_callback",
            "event_id": "Ev0HTTP",
            "event_time": 1700000000,
            "event": {
                "type": "reaction_added",
                "user": "U1",
                "reaction": "tada",
                "item_user": BOT_USER_ID,
                "item": {"type": "message", "channel": GENERAL, "ts": "1.1"},
                "event_ts": "1.2",
            },
        }
    )
    headers = sign(body, now(clock)) | {"Content-Type": "application/json"}
    assert await post(url, body, headers) == 200
    retry = headers | {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert await post(url, body, retry) == 200
    await settle(host)
    assert [e.emoji for e in sample.reactions] == ["🎉"]

"""Each member's Slack DM channel is kept per workspace, so a DM is one request after a restart.

conversations.open is a Tier 3 method (about 50 a minute): without the kept channel, every DM
after a restart would open its channel first. The real slack_sdk client talks to the fake Slack,
which counts every call; the kept channels are in a real SQLite file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import build_services, close_services
from bot.domain.clock import ManualClock
from bot.domain.errors import Unavailable
from bot.domain.models import Community, Platform
from bot.messages import Message
from bot.platforms.slack import render
from bot.platforms.slack.dm_channels import SlackDmChannels
from bot.platforms.slack.host import SlackHost
from bot.platforms.slack.messenger import SlackMessenger
from bot.services import Services
from bot.storage.dm_channels import DmChannelRepository

from ...fakes.slack_server import TEAM_ID, FakeSlack
from .conftest import settle

ANN = "U0ANN"
SHORT = Message(body="Time to call your lawmakers.")
LONG = Message(body="\n\n".join(f"Paragraph {i}: " + "word " * 500 for i in range(12)))


@asynccontextmanager
async def bot_process(services: Services, slack: FakeSlack) -> AsyncIterator[SlackHost]:
    """A running Slack host; a new one knows no DM channel in memory (a restart)."""
    host = SlackHost(services, slack.config())
    await host.start_socket_mode()
    await slack.connected()
    try:
        yield host
    finally:
        await settle(host)
        await host.close()


@asynccontextmanager
async def restarted(services: Services, clock: ManualClock) -> AsyncIterator[Services]:
    """The bot's services built again on the same SQLite file."""
    again = await build_services(services.settings, clock)
    try:
        yield again
    finally:
        await close_services(again)


async def member_of(services: Services, team: str, user: str) -> Community:
    actor = await services.members.actor(Platform.SLACK, team, user, False)
    return actor.community


def dms_to(slack: FakeSlack, channel: str) -> list[str]:
    """The texts of the messages the fake accepted in ``channel``, in order."""
    return [str(m.get("text")) for (c, _), m in slack.messages.items() if c == channel]


async def test_after_a_restart_a_dm_opens_no_channel(
    services: Services, slack: FakeSlack, clock: ManualClock
) -> None:
    community = await member_of(services, TEAM_ID, ANN)
    async with bot_process(services, slack) as host:
        await host.send_dm(community, ANN, SHORT)
    assert len(slack.calls_to("conversations.open")) == 1
    async with restarted(services, clock) as again, bot_process(again, slack) as host:
        ref = await host.send_dm(community, ANN, SHORT)
    assert len(slack.calls_to("conversations.open")) == 1  # none after the restart
    assert ref.channel_id == f"D{ANN}"
    assert len(slack.calls_to("chat.postMessage")) == 2


async def test_a_kept_channel_slack_calls_gone_is_opened_again_once(
    services: Services, slack: FakeSlack, clock: ManualClock
) -> None:
    community = await member_of(services, TEAM_ID, ANN)
    async with bot_process(services, slack) as host:
        await host.send_dm(community, ANN, SHORT)
    slack.fail("chat.postMessage", "channel_not_found")
    async with restarted(services, clock) as again, bot_process(again, slack) as host:
        await host.send_dm(community, ANN, Message(body="Tuesday's reminder."))
        await host.send_dm(community, ANN, Message(body="Wednesday's reminder."))
    assert len(slack.calls_to("conversations.open")) == 2  # Monday, and once after the error
    assert dms_to(slack, f"D{ANN}").count("Tuesday's reminder.") == 1
    assert "Wednesday's reminder." in dms_to(slack, f"D{ANN}")


async def test_a_message_in_parts_is_never_posted_again_after_a_part_was_accepted(
    services: Services, slack: FakeSlack, clock: ManualClock
) -> None:
    parts = len(render.message_parts(LONG))
    assert parts >= 2
    community = await member_of(services, TEAM_ID, ANN)
    async with bot_process(services, slack) as host:
        await host.send_dm(community, ANN, SHORT)
    slack.fail("chat.postMessage", "channel_not_found", after=1)  # the second part fails
    async with restarted(services, clock) as again, bot_process(again, slack) as host:
        with pytest.raises(Unavailable):
            await host.send_dm(community, ANN, LONG)
        posts = slack.calls_to("chat.postMessage")
        assert len(posts) == 1 + 2  # Monday's, then the long one's first and second part only
        assert len(slack.calls_to("conversations.open")) == 1
        assert len(dms_to(slack, f"D{ANN}")) == 2  # Monday's and the first part, once
        await host.send_dm(community, ANN, SHORT)  # the channel was forgotten: opened again
    assert len(slack.calls_to("conversations.open")) == 2


async def test_two_workspaces_keep_their_own_channels(services: Services, slack: FakeSlack) -> None:
    """The same user id in two workspaces: each keeps its channel, and a channel gone in one
    is forgotten there only."""
    other, other_token = "T0OTHER", "xoxb-T0OTHER-fake"
    slack.add_workspace(other, "C0OTHER")
    slack.tokens[other_token] = other
    await member_of(services, TEAM_ID, ANN)
    await member_of(services, other, ANN)
    channels = SlackDmChannels(DmChannelRepository(services.db))

    def messenger(token: str) -> SlackMessenger:
        return SlackMessenger(AsyncWebClient(token, base_url=slack.api_url), channels=channels)

    await messenger(slack.config().bot_token).send_dm(ANN, SHORT, team_id=TEAM_ID)
    await messenger(other_token).send_dm(ANN, SHORT, team_id=other)
    opened = slack.calls_to("conversations.open")
    assert [c.team for c in opened] == [TEAM_ID, other]
    assert await channels.find(TEAM_ID, ANN) == await channels.find(other, ANN) == f"D{ANN}"

    slack.fail("chat.postMessage", "is_archived")  # gone in the first workspace only
    await messenger(slack.config().bot_token).send_dm(ANN, SHORT, team_id=TEAM_ID)
    assert len(slack.calls_to("conversations.open")) == 3
    await messenger(other_token).send_dm(ANN, SHORT, team_id=other)
    assert len(slack.calls_to("conversations.open")) == 3  # the other's is still kept

"""The HostPort on Discord: post, edit and DM, with clear errors when Discord refuses."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.domain.errors import NotFound
from bot.domain.models import Community, Platform
from bot.messages import Message
from bot.platforms.discord.host import DiscordHost
from bot.services import Services

from ...fakes.discord_server import (
    CHANNEL_ID,
    FOREIGN_CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    FakeDiscord,
    running_host,
)
from ...fakes.sample_cog import SampleCog
from .cogs import Messenger


@pytest.fixture
async def bot(services: Services, fake: FakeDiscord) -> AsyncIterator[DiscordHost]:
    host = DiscordHost(services, guild_ready_timeout=0.05)
    await host.add_cog(SampleCog())
    await host.add_cog(Messenger())
    async with running_host(host):
        yield host


async def community(services: Services) -> Community:
    actor = await services.members.actor(Platform.DISCORD, str(GUILD_ID), "1", False)
    return actor.community


async def test_post_sends_an_embed_with_buttons_and_reactions(
    bot: DiscordHost, fake: FakeDiscord
) -> None:
    """A cog's post lands in the channel as an embed, its buttons and its reaction."""
    reply = await (
        await fake.command("post", {"text": "Call today", "channel": str(OTHER_CHANNEL_ID)})
    ).answer()
    [posted] = fake.channel_messages(OTHER_CHANNEL_ID)
    assert reply.text() == f"posted {posted.id}"
    assert posted.embeds[0]["title"] == "Prompt" and posted.embeds[0]["description"] == "Call today"
    assert posted.custom_ids() == ["sample.poke:posted"]
    await fake.wait_request(
        "PUT", rf"/channels/{OTHER_CHANNEL_ID}/messages/{posted.id}/reactions/.+/@me"
    )
    assert posted.reactions == ["📞"]


async def test_posts_never_mention_anyone(bot: DiscordHost, fake: FakeDiscord) -> None:
    """A body with @everyone and <@123> is posted with allowed_mentions parse=[]."""
    await (await fake.command("post", {"text": "@everyone ring <@123> now"})).answer()
    [posted] = fake.channel_messages(CHANNEL_ID)
    assert posted.allowed_mentions == {"parse": []}
    assert "@everyone ring <@123> now" in posted.text()


async def test_post_without_permission_is_a_clear_error(
    bot: DiscordHost, fake: FakeDiscord
) -> None:
    """Missing permissions in the channel become a sentence saying what to grant."""
    fake.deny_channel(CHANNEL_ID)
    reply = await (await fake.command("post", {"text": "hi"})).answer()
    assert reply.ephemeral
    assert reply.text().startswith("Discord doesn't allow the bot to post in that channel.")
    assert "Send Messages" in reply.text()


async def test_post_to_another_servers_channel_is_refused(
    bot: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """A cog can never post into a channel of a different server."""
    reply = await (
        await fake.command("post", {"text": "hi", "channel": str(FOREIGN_CHANNEL_ID)})
    ).answer()
    assert reply.text() == "That channel is not in this server."
    assert fake.channel_messages(FOREIGN_CHANNEL_ID) == []


async def test_post_to_an_unknown_channel_is_not_found(
    bot: DiscordHost, services: Services
) -> None:
    """A channel that does not exist (or is not an id) is a NotFound with a sentence."""
    with pytest.raises(NotFound, match="no longer exists"):
        await bot.post(await community(services), "3999999999999999999", Message(body="x"))
    with pytest.raises(NotFound, match="is not a Discord id"):
        await bot.post(await community(services), "general", Message(body="x"))


async def test_edit_replaces_the_message(bot: DiscordHost, fake: FakeDiscord) -> None:
    """Editing replaces the embed and clears buttons the new message does not have."""
    await (await fake.command("post", {"text": "before"})).answer()
    [posted] = fake.channel_messages(CHANNEL_ID)
    reply = await (
        await fake.command("edit", {"message": str(posted.id), "text": "after"})
    ).answer()
    assert reply.text() == "edited"
    assert posted.embeds[0]["description"] == "after"
    assert posted.components == []
    assert posted.body["allowed_mentions"] == {"parse": []}


async def test_edit_of_a_deleted_message_is_a_clear_error(
    bot: DiscordHost, fake: FakeDiscord
) -> None:
    """A message that is gone gives a sentence, not a crash."""
    reply = await (
        await fake.command("edit", {"message": "5999999999999999999", "text": "x"})
    ).answer()
    assert reply.text() == "I couldn't update that message: that message was deleted."


async def test_dm_reaches_the_member(bot: DiscordHost, fake: FakeDiscord) -> None:
    """send_dm opens the member's DM channel and sends the message there."""
    reply = await (
        await fake.command("dm", {"text": "Reminder: call today"}, user=fake.ann)
    ).answer()
    [dm] = fake.dm_messages(fake.ann)
    assert reply.text() == f"sent {dm.id}"
    assert dm.embeds[0]["description"] == "Reminder: call today"
    assert dm.allowed_mentions == {"parse": []}
    opened = fake.matching("POST", r"/users/@me/channels")
    assert opened[0].json == {"recipient_id": fake.ann.id}


async def test_dm_buttons_act_in_the_right_server(bot: DiscordHost, fake: FakeDiscord) -> None:
    """A button pressed in a DM (no server in the interaction) acts in the server it came from."""
    await (await fake.command("dm", {"text": "Reminder"}, user=fake.ann)).answer()
    [dm] = fake.dm_messages(fake.ann)
    [custom_id] = dm.custom_ids()
    assert custom_id == f"@{GUILD_ID}|sample.poke:dm"
    reply = await (await fake.press(dm, custom_id, user=fake.ann)).answer()
    assert reply.text() == f"poked dm as {fake.ann.id}"


async def test_dm_to_a_member_with_closed_dms_is_a_clear_error(
    bot: DiscordHost, fake: FakeDiscord
) -> None:
    """Discord's 50007 becomes a sentence; nothing crashes."""
    closed = fake.add_user("cara", dms_closed=True)
    reply = await (await fake.command("dm", {"text": "hi"}, user=closed)).answer()
    assert reply.ephemeral
    assert reply.text().startswith("I couldn't send a direct message")
    assert fake.dm_messages(closed) == []


async def test_rate_limited_post_is_retried_after_retry_after(
    bot: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """A 429 with Retry-After is honoured: discord.py waits and sends again, once."""
    fake.rate_limit("POST", rf"/channels/{CHANNEL_ID}/messages", retry_after=0.05)
    ref = await bot.post(await community(services), str(CHANNEL_ID), Message(body="hi"))
    attempts = fake.matching("POST", rf"/channels/{CHANNEL_ID}/messages")
    assert [a.status for a in attempts] == [429, 200]
    assert [m.id for m in fake.channel_messages(CHANNEL_ID)] == [int(ref.message_id)]


async def test_dm_button_without_its_server_is_explained(
    bot: DiscordHost, fake: FakeDiscord
) -> None:
    """A DM component that does not name its server (too long to wrap) gets a clear answer."""
    await (await fake.command("dm", {"text": "Reminder"}, user=fake.ann)).answer()
    [dm] = fake.dm_messages(fake.ann)
    reply = await (await fake.press(dm, "sample.poke:dm", user=fake.ann)).answer()
    assert reply.ephemeral and "which server" in reply.text()


async def test_very_long_post_continues_in_a_second_message(
    bot: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """A post too long for one message is sent as two; the ref names the first."""
    ref = await bot.post(await community(services), str(CHANNEL_ID), Message(body="word " * 2000))
    first, second = fake.channel_messages(CHANNEL_ID)
    assert ref.message_id == str(first.id)
    assert (first.text() + " " + second.text()).split().count("word") == 2000

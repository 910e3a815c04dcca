"""Raw reaction add/remove on the bot's messages reach the cogs' reaction handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.messages import Message
from bot.platforms.discord.host import DiscordHost
from bot.services import Services

from ...fakes.discord_server import (
    BOT_ID,
    GUILD_ID,
    FakeDiscord,
    FakeMessage,
    FakeUser,
    running_host,
)
from ...fakes.sample_cog import SampleCog
from .cogs import Messenger, ReactionLog


@pytest.fixture
def log_cog() -> ReactionLog:
    return ReactionLog()


@pytest.fixture
async def bot(
    services: Services, fake: FakeDiscord, log_cog: ReactionLog
) -> AsyncIterator[DiscordHost]:
    host = DiscordHost(services, guild_ready_timeout=0.05)
    await host.add_cog(SampleCog())
    await host.add_cog(Messenger())
    await host.add_cog(log_cog)
    async with running_host(host):
        yield host


async def posted(fake: FakeDiscord) -> FakeMessage:
    await (await fake.command("post", {"text": "Call today"}, user=fake.olga)).answer()
    return fake.channel_messages()[-1]


async def test_reaction_add_and_remove_reach_the_cog(
    bot: DiscordHost, fake: FakeDiscord, log_cog: ReactionLog
) -> None:
    """Adding then removing 📞 on a posted prompt gives two events with the message's ref."""
    message = await posted(fake)
    await fake.react(message, "📞", user=fake.ann)
    added, user, server = await log_cog.next()
    assert (added.ref.channel_id, added.ref.message_id) == (
        str(message.channel_id),
        str(message.id),
    )
    assert (added.emoji, added.added, user, server) == ("📞", True, str(fake.ann.id), str(GUILD_ID))
    await fake.react(message, "📞", user=fake.ann, added=False)
    removed, _, _ = await log_cog.next()
    assert (removed.emoji, removed.added) == ("📞", False)


async def test_after_a_restart_a_removal_looks_up_the_author_once(
    bot: DiscordHost, fake: FakeDiscord, services: Services
) -> None:
    """A removal does not name the message's author: a new bot fetches the message once."""
    message = await posted(fake)
    await bot.close()
    log_cog = ReactionLog()
    second = DiscordHost(services, guild_ready_timeout=0.05)
    await second.add_cog(log_cog)
    async with running_host(second):
        for _ in range(2):
            await fake.react(message, "📞", added=False)
            event, _, _ = await log_cog.next()
            assert event.added is False
    lookups = fake.matching("GET", rf"/channels/{message.channel_id}/messages/{message.id}")
    assert len(lookups) == 1


async def test_reactions_on_other_messages_are_ignored(
    bot: DiscordHost, fake: FakeDiscord, log_cog: ReactionLog
) -> None:
    """The bot's own reactions and reactions on others' messages never reach the cogs."""
    message = await posted(fake)
    bot_user = FakeUser(BOT_ID, "organizer-bot")
    await fake.react(message, "📞", user=bot_user)
    someone_elses = FakeMessage(
        {**message.payload, "id": "5999999999999999998", "author": fake.ann.user_payload()}, {}
    )
    await fake.react(someone_elses, "📞")
    await fake.react(5999999999999999997, "📞", added=False)
    await fake.wait_request("GET", r"/channels/\d+/messages/5999999999999999997", status=404)
    await fake.react(message, "✅", user=fake.bob)
    event, user, _ = await log_cog.next()
    assert (event.emoji, user) == ("✅", str(fake.bob.id))
    assert log_cog.events.empty()


async def test_reactions_on_a_dm_act_in_its_server(
    bot: DiscordHost, fake: FakeDiscord, log_cog: ReactionLog
) -> None:
    """A reaction in a DM (no server in the event) is delivered for the server that sent it."""
    await (await fake.command("dm", {"text": "Reminder"}, user=fake.ann)).answer()
    [dm] = fake.dm_messages(fake.ann)
    await fake.react(dm, "✅", user=fake.ann)
    event, user, server = await log_cog.next()
    assert (event.ref.channel_id, event.emoji, user, server) == (
        str(dm.channel_id),
        "✅",
        str(fake.ann.id),
        str(GUILD_ID),
    )


async def test_a_private_answer_to_a_reaction_goes_by_dm(
    bot: DiscordHost, fake: FakeDiscord, log_cog: ReactionLog
) -> None:
    """A reaction has nothing to reply to: a private answer is sent to the member by DM."""
    log_cog.answer = Message.private("Counted your call, thanks!")
    message = await posted(fake)
    await fake.react(message, "📞", user=fake.bob)
    await fake.wait_request("POST", r"/users/@me/channels")
    dm = await fake.until(lambda: fake.dm_messages(fake.bob))
    assert dm[0].text() == "Counted your call, thanks!"
    assert fake.channel_messages() == [message]
